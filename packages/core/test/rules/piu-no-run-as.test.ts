import { piuNoRunAs } from '../../src/rules/piu-no-run-as.js';
import { runRuleTests, xml } from '../ruleTester.js';

const PIU = 'cloud@00d5e000000abcdeaa';

runRuleTests(piuNoRunAs, {
  valid: [
    {
      name: 'an ordinary running user',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: xml('Dashboard', '    <runningUser>ops@acme.com</runningUser>'),
    },
    {
      name: 'a PIU-like value in an element that is not user-bearing',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: xml('Dashboard', `    <title>${PIU}</title>`),
    },
    {
      name: 'a cloud@ username with a 15-character org id is not the PIU',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: xml('Dashboard', '    <runningUser>cloud@00d5e000000abcd</runningUser>'),
    },
    {
      name: 'a queue, not a user, by the assignedToType sibling',
      path: 'assignmentRules/Case.assignmentRules-meta.xml',
      code: xml(
        'AssignmentRules',
        `    <assignmentRule>\n        <ruleEntry>\n            <assignedTo>${PIU}</assignedTo>\n            <assignedToType>Queue</assignedToType>\n        </ruleEntry>\n    </assignmentRule>`,
      ),
    },
    {
      name: 'a login element is piu-no-login, not this rule',
      path: 'connectedApps/A.connectedApp-meta.xml',
      code: xml(
        'ConnectedApp',
        `    <oauthConfig>\n        <oauthClientCredentialUser>${PIU}</oauthClientCredentialUser>\n    </oauthConfig>`,
      ),
    },
    { name: 'a file that is not metadata', path: 'docs/notes.xml', code: `<runningUser>${PIU}</runningUser>` },
  ],
  invalid: [
    {
      name: 'Dashboard.runningUser',
      path: 'force-app/main/default/dashboards/Ops/Health.dashboard-meta.xml',
      code: xml('Dashboard', `    <dashboardType>SpecifiedUser</dashboardType>\n    <runningUser>${PIU}</runningUser>`),
      errors: [
        {
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 42,
          message: 'Dashboard.runningUser names the Platform Integration User (cloud@00d5e000000abcdeaa)',
        },
      ],
    },
    {
      name: 'Dashboard.dashboardResultRunningUser, Metadata API format',
      path: 'src/dashboards/Ops/Health.dashboard',
      code: xml('Dashboard', `    <dashboardResultRunningUser> ${PIU} </dashboardResultRunningUser>`),
      errors: [{ line: 3, column: 34, endLine: 3, endColumn: 58, message: 'Dashboard.dashboardResultRunningUser' }],
    },
    {
      name: 'PlatformEventSubscriberConfig.user, upper case',
      path: 'PlatformEventSubscriberConfigs/Orders.platformEventSubscriberConfig-meta.xml',
      code: xml('PlatformEventSubscriberConfig', `    <user>${PIU.toUpperCase()}</user>`),
      errors: [{ line: 3, column: 11, endLine: 3, endColumn: 35, message: 'PlatformEventSubscriberConfig.user' }],
    },
    {
      name: 'EmailServicesFunction in its strict folder',
      path: 'emailservices/Orders.xml-meta.xml',
      code: xml(
        'EmailServicesFunction',
        `    <emailServicesAddresses>\n        <runAsUser>${PIU}</runAsUser>\n    </emailServicesAddresses>`,
      ),
      errors: [{ line: 4, column: 20, endLine: 4, endColumn: 44 }],
    },
    {
      name: 'a user assignee through the assignedToType sibling',
      path: 'escalationRules/Case.escalationRules-meta.xml',
      code: xml(
        'EscalationRules',
        `    <escalationRule>\n        <ruleEntry>\n            <escalationAction>\n                <assignedTo>${PIU}</assignedTo>\n                <assignedToType>User</assignedToType>\n            </escalationAction>\n        </ruleEntry>\n    </escalationRule>`,
      ),
      errors: [{ line: 6, column: 29, endLine: 6, endColumn: 53 }],
    },
    {
      name: 'a queue member',
      path: 'queues/Q.queue-meta.xml',
      code: xml('Queue', `    <queueMembers>\n        <users>\n            <user>${PIU}</user>\n        </users>\n    </queueMembers>`),
      errors: [{ line: 5, column: 19, endLine: 5, endColumn: 43, message: 'Queue.user' }],
    },
    {
      name: 'still found in a file with an XML error',
      path: 'dashboards/F/D.dashboard-meta.xml',
      code: xml('Dashboard', `    <runningUser>${PIU}</runningUser>\n    <title>A & B</title>`),
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 42 }],
    },
  ],
});
