/**
 * Integration by name (docs/integration-names.md): every line of it, and every trap its census found,
 * through the three rules that ask "is this an integration user or profile".
 */
import { integrationLeastPrivilege } from '../../src/rules/integration-least-privilege.js';
import { integrationPermissionSetLicense } from '../../src/rules/integration-permission-set-license.js';
import { integrationUserLicense } from '../../src/rules/integration-user-license.js';
import { type InvalidCase, queryOutput, runRuleTests, type TestCase, xml } from '../ruleTester.js';

const perm = (name: string, enabled = true) =>
  `    <userPermissions>\n        <enabled>${enabled}</enabled>\n        <name>${name}</name>\n    </userPermissions>`;
/** A profile as Salesforce retrieves it: `<custom>` (when given) before `<userLicense>`. */
const profile = (licence: string, custom?: boolean, ...perms: string[]) =>
  xml(
    'Profile',
    [...(custom === undefined ? [] : [`    <custom>${custom}</custom>`]), `    <userLicense>${licence}</userLicense>`, ...perms].join('\n'),
  );
const profilePath = (name: string) => `force-app/main/default/profiles/${name.replace(/:/g, '%3A')}.profile-meta.xml`;
const userDef = (fields: Record<string, unknown>) => JSON.stringify({ Email: 'ops@acme.com', LastName: 'Ops', ...fields }, null, 2);
const ps = (license: string, ...perms: string[]) =>
  xml('PermissionSet', [`    <label>X</label>`, `    <license>${license}</license>`, ...perms].join('\n'));

/** (e): an integration profile by name on a general-purpose licence; range: its `<userLicense>` value. */
const flaggedProfile = (name: string, licence = 'Salesforce', custom?: boolean, extra: Partial<InvalidCase> = {}): InvalidCase => {
  const line = custom === undefined ? 3 : 4;
  return {
    name: `(e) "${name}" on ${licence}${custom === undefined ? '' : `, custom ${custom}`}`,
    path: profilePath(name),
    code: profile(licence, custom),
    errors: [
      {
        line,
        column: 18,
        endLine: line,
        endColumn: 18 + licence.length,
        message: `Profile "${name}" is named like an integration profile: '${name}', so its users are integration users, but it gives them the general-purpose licence "${licence}"`,
      },
    ],
    ...extra,
  };
};
const quietProfile = (name: string, licence = 'Salesforce', custom?: boolean, extra: Partial<TestCase> = {}): TestCase => ({
  name: `(e) not "${name}" on ${licence}${custom === undefined ? '' : `, custom ${custom}`}`,
  path: profilePath(name),
  code: profile(licence, custom),
  ...extra,
});

const HUMAN_ROLES = [
  'developer',
  'manager',
  'team',
  'analyst',
  'consultant',
  'specialist',
  'engineer',
  'architect',
  'agent',
  'staff',
  'officer',
  'rep',
  'supervisor',
  'lead',
];

runRuleTests(integrationUserLicense, {
  valid: [
    // Human profiles the census found, and the never-integration words.
    quietProfile('Customer Service'),
    quietProfile('Customer Services'),
    quietProfile('System Administrator (non-API user)'),
    quietProfile('No API Access'),
    quietProfile('External Integration Developer'),
    ...HUMAN_ROLES.map((w) => quietProfile(`Integration ${w[0]?.toUpperCase()}${w.slice(1)}`)),
    quietProfile('API Lead', 'Salesforce Platform'),
    quietProfile('VeSync'),
    quietProfile('Data'),
    quietProfile('Data Profile'),
    quietProfile('Loader Data'),
    quietProfile('System'),
    quietProfile('Sys Admin'),
    quietProfile('Tech Support'),
    quietProfile('Migration'),
    quietProfile('Bot Profile'),
    quietProfile('SAP User'),
    quietProfile('Conga Composer'),
    quietProfile('Zuora Billing'),
    quietProfile('Chargent Payments'),
    quietProfile('Apitude'),
    quietProfile('Syncope'),
    // Shipped profiles, whatever their <custom> says (the census's traps, docs/integration-names.md).
    quietProfile('Salesforce API Only System Integrations', 'Salesforce', true),
    quietProfile('Minimum Access - API Only Integrations', 'Salesforce', true),
    quietProfile('Analytics Cloud Integration User', 'Salesforce', true),
    quietProfile('Analytics Cloud Security User', 'Salesforce', true),
    quietProfile('Anypoint Integration', 'Salesforce', true),
    quietProfile('Integration User', 'Salesforce', false),
    // Not a general-purpose licence: Salesforce Integration, a feature integration licence, Identity, a community.
    quietProfile('API User', 'Salesforce Integration', true),
    quietProfile('CPQ Integration User', 'CPQ Integration User', true),
    quietProfile('Anypoint Integration', 'Identity', false),
    quietProfile('Portal API', 'Customer Community', true),
    // Tuning.
    quietProfile('API User', 'Salesforce', true, { config: { integrationNames: { add: [], exclude: ['API *'] } } }),
    quietProfile('API User', 'Salesforce', true, {
      name: '(e) not with byName false',
      files: { 'iulint.config.json': JSON.stringify({ rules: { 'integration-user-license': ['warning', { byName: false }] } }) },
    }),
    quietProfile('Marketo'),
    quietProfile('Online Application Form'),
  ],
  invalid: [
    // Every default integration word and the pair data loader.
    flaggedProfile('Integration User'),
    flaggedProfile('Integration', 'Salesforce', true),
    flaggedProfile('Integrations'),
    flaggedProfile('API User'),
    flaggedProfile('API Only', 'Salesforce Platform'),
    flaggedProfile('api_user'),
    flaggedProfile('MuleSoft Runtime'),
    flaggedProfile('Mule'),
    flaggedProfile('Anypoint Runtime'),
    flaggedProfile('Boomi'),
    flaggedProfile('Informatica Cloud'),
    flaggedProfile('Jitterbit'),
    flaggedProfile('Workato'),
    flaggedProfile('Zapier'),
    flaggedProfile('Fivetran'),
    flaggedProfile('Talend'),
    flaggedProfile('SnapLogic'),
    flaggedProfile('Celigo'),
    flaggedProfile('SAP Connector'),
    flaggedProfile('ERP Interface'),
    flaggedProfile('Salesforce Sync Service'),
    flaggedProfile('ETL'),
    flaggedProfile('WebService'),
    flaggedProfile('WebServices User'),
    flaggedProfile('Data Loader'),
    flaggedProfile('Data-Loader User'),
    // Splitting: between letters and digits, on every other character; case-insensitive.
    flaggedProfile('CDP Integration2'),
    flaggedProfile('2API'),
    flaggedProfile('Custom: Sync'),
    flaggedProfile('ERP.INTEGRATION'),
    // api after another word than non/no; a custom clone of a standard name that holds an integration word.
    flaggedProfile('System Administrator API'),
    flaggedProfile('Non-Human API User'.replace('Human', 'Prod')),
    flaggedProfile('Analytics Cloud Integration User Clone', 'Salesforce', true),
    // The configuration's general-purpose licences and additions.
    flaggedProfile('API User', 'Partner App Subscription', true, { config: { generalPurposeLicenses: ['Partner App Subscription'] } }),
    flaggedProfile('Marketo', 'Salesforce', undefined, { config: { integrationNames: { add: ['marketo'], exclude: [] } } }),
    flaggedProfile('Online Application Form', 'Salesforce', undefined, {
      config: { integrationNames: { add: ['Online Application*'], exclude: [] } },
    }),
  ],
});

// (c): users from user sources, by their own names or their profile's.
const SNAPSHOT_ADMIN = {
  Username: 'admin@acme.com',
  Name: 'Ada Admin',
  IsActive: true,
  ProfileId: '00e000000000001AAA',
  Profile: { Name: 'System Administrator', UserLicense: { Name: 'Salesforce' } },
};
runRuleTests(integrationUserLicense, {
  valid: [
    {
      name: '(c) yaelshapi@ is a person: api is not a substring match',
      path: 'config/user-def.json',
      code: userDef({ Username: 'yaelshapi@acme.com', profileName: 'System Administrator' }),
    },
    {
      name: '(c) a domain is not the local part',
      path: 'config/user-def.json',
      code: userDef({ Username: 'jane@api.acme.com', profileName: 'System Administrator' }),
    },
    {
      name: '(c) a person whose last name is a role',
      path: 'config/user-def.json',
      code: userDef({ Username: 'kim@acme.com', LastName: 'Integration Engineer', profileName: 'System Administrator' }),
    },
    {
      name: '(c) the CRM Analytics Integration User is reserved, never integration by name',
      path: 'config/user-def.json',
      code: userDef({
        Username: 'integration@00d000000000001aaa.com',
        FirstName: 'Integration',
        LastName: 'User',
        profileName: 'System Administrator',
      }),
    },
    {
      name: '(c) an excluded username',
      path: 'config/user-def.json',
      code: userDef({ Username: 'api.sync@acme.com', profileName: 'System Administrator' }),
      config: { integrationNames: { add: [], exclude: ['api.*@acme.com'] } },
    },
    {
      name: '(c) byName false',
      path: 'config/user-def.json',
      code: userDef({ Username: 'api.sync@acme.com', profileName: 'System Administrator' }),
      files: { 'iulint.config.json': JSON.stringify({ rules: { 'integration-user-license': ['warning', { byName: false }] } }) },
    },
    {
      name: '(c) byName false: neither the profile by name nor its user',
      path: 'config/user-def.json',
      code: userDef({ Username: 'kim@acme.com', profileName: 'API User' }),
      files: {
        [profilePath('API User')]: profile('Salesforce', true),
        'iulint.config.json': JSON.stringify({ rules: { 'integration-user-license': ['warning', { byName: false }] } }),
      },
    },
    {
      name: '(c) a profile named like an integration but standard (custom false)',
      path: 'config/user-def.json',
      code: userDef({ Username: 'kim@acme.com', profileName: 'Integration User' }),
      files: { [profilePath('Integration User')]: profile('Salesforce', false) },
    },
  ],
  invalid: [
    {
      name: "(c) the username's local part",
      path: 'config/user-def.json',
      code: userDef({ Username: 'api.sync@acme.com', profileName: 'System Administrator' }),
      errors: [
        {
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 40,
          message:
            'api.sync@acme.com is an integration user (named like an integration user: \'api.sync@acme.com\' (its username)) but gets the general-purpose licence "Salesforce"',
        },
      ],
    },
    {
      name: '(c) the Alias',
      path: 'config/user-def.json',
      code: userDef({ Username: 'kim@acme.com', Alias: 'boomi', profileName: 'System Administrator' }),
      errors: [{ line: 6, column: 18, endLine: 6, endColumn: 40, message: "named like an integration user: 'boomi' (its Alias)" }],
    },
    {
      name: '(c) the FirstName',
      path: 'config/user-def.json',
      code: userDef({ Username: 'kim@acme.com', FirstName: 'Workato', profileName: 'System Administrator' }),
      errors: [{ line: 6, column: 18, endLine: 6, endColumn: 40, message: "named like an integration user: 'Workato' (its FirstName)" }],
    },
    {
      name: '(c) the LastName, on the Standard User that sf org create user gives',
      path: 'config/user-def.json',
      code: userDef({ Username: 'kim@acme.com', LastName: 'Integration' }),
      errors: [{ line: 4, column: 15, endLine: 4, endColumn: 29, message: "named like an integration user: 'Integration' (its LastName)" }],
    },
    {
      name: '(c) its profile is an integration profile by name',
      path: 'config/user-def.json',
      code: userDef({ Username: 'kim@acme.com', profileName: 'API User' }),
      files: { [profilePath('API User')]: profile('Salesforce', true) },
      errors: [
        {
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 28,
          message: "kim@acme.com is an integration user (its profile is named like an integration profile: 'API User')",
          related: [profilePath('API User')],
        },
        {
          path: profilePath('API User'),
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 28,
          message: "is named like an integration profile: 'API User'",
        },
      ],
    },
    {
      name: '(c) a tree record by its Name, its profile known to the snapshot',
      path: 'data/users.json',
      code: JSON.stringify(
        {
          records: [
            {
              attributes: { type: 'User', referenceId: 'u1' },
              Username: 'svc1@acme.com',
              Name: 'Zapier Bot',
              ProfileId: '00e000000000001AAA',
            },
          ],
        },
        null,
        2,
      ),
      snapshot: { 'User.json': queryOutput([SNAPSHOT_ADMIN]) },
      errors: [{ line: 10, column: 20, endLine: 10, endColumn: 40, message: "named like an integration user: 'Zapier Bot' (its Name)" }],
    },
  ],
});

runRuleTests(integrationLeastPrivilege, {
  valid: [
    {
      name: 'the shipped Anypoint Integration profile (Identity licence)',
      path: profilePath('Anypoint Integration'),
      code: profile('Identity', false, perm('ModifyAllData')),
    },
    {
      name: 'Anypoint Integration, custom true',
      path: profilePath('Anypoint Integration'),
      code: profile('Identity', true, perm('ModifyAllData')),
    },
    {
      name: 'Analytics Cloud Security User on the Salesforce licence, custom true',
      path: profilePath('Analytics Cloud Security User'),
      code: profile('Salesforce', true, perm('ViewAllData')),
    },
    {
      name: 'a person: External Integration Developer',
      path: profilePath('External Integration Developer'),
      code: profile('Salesforce', true, perm('AuthorApex')),
    },
    {
      name: 'System Administrator (non-API user)',
      path: profilePath('System Administrator (non-API user)'),
      code: profile('Salesforce', true, perm('ModifyAllData')),
    },
    {
      name: 'a feature integration licence',
      path: profilePath('Sales Insights Integration User'),
      code: profile('Sales Insights Integration User', true, perm('ViewAllData')),
    },
    {
      name: 'byName false',
      path: profilePath('API User'),
      code: profile('Salesforce', true, perm('ModifyAllData')),
      files: { 'iulint.config.json': JSON.stringify({ rules: { 'integration-least-privilege': ['warning', { byName: false }] } }) },
    },
    {
      name: 'a permission set assigned to yaelshapi@ (a person)',
      path: 'force-app/main/default/permissionsets/Admin_Extras.permissionset-meta.xml',
      code: xml('PermissionSet', perm('AuthorApex')),
      files: {
        'config/user-def.json': userDef({ Username: 'yaelshapi@acme.com', profileName: 'Standard User', permsets: ['Admin_Extras'] }),
      },
    },
  ],
  invalid: [
    {
      name: 'a clone of System Administrator named API User',
      path: profilePath('API User'),
      code: profile('Salesforce', true, perm('ModifyAllData')),
      errors: [
        {
          line: 7,
          column: 15,
          endLine: 7,
          endColumn: 28,
          message:
            'Profile "API User" belongs to integration users (named like an integration profile: \'API User\') and grants ModifyAllData',
        },
      ],
    },
    {
      name: 'a permission set assigned to a user named like an integration',
      path: 'force-app/main/default/permissionsets/Mule_Extras.permissionset-meta.xml',
      code: xml('PermissionSet', perm('AuthorApex')),
      files: {
        'config/user-def.json': userDef({ Username: 'mulesoft@acme.com', profileName: 'Standard User', permsets: ['Mule_Extras'] }),
      },
      errors: [
        {
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 25,
          message:
            "it is assigned to the integration user mulesoft@acme.com by permsets of user-def.json, named like an integration user: 'mulesoft@acme.com' (its username)",
        },
      ],
    },
  ],
});

const PS_PATH = 'force-app/main/default/permissionsets/ERP_Sync.permissionset-meta.xml';
runRuleTests(integrationPermissionSetLicense, {
  valid: [
    {
      name: 'assigned to a person whose username holds api inside a word',
      path: PS_PATH,
      code: ps('Salesforce'),
      files: { 'config/user-def.json': userDef({ Username: 'yaelshapi@acme.com', profileName: 'Standard User', permsets: ['ERP_Sync'] }) },
    },
    {
      name: 'byName false',
      path: PS_PATH,
      code: ps('Salesforce'),
      files: {
        'config/user-def.json': userDef({ Username: 'api.sync@acme.com', profileName: 'Standard User', permsets: ['ERP_Sync'] }),
        'iulint.config.json': JSON.stringify({ rules: { 'integration-permission-set-license': ['error', { byName: false }] } }),
      },
    },
  ],
  invalid: [
    {
      name: 'assigned by permsets to a user named like an integration',
      path: PS_PATH,
      code: ps('Salesforce'),
      files: { 'config/user-def.json': userDef({ Username: 'api.sync@acme.com', profileName: 'Standard User', permsets: ['ERP_Sync'] }) },
      errors: [
        {
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
          message:
            "assigned to the integration user api.sync@acme.com (named like an integration user: 'api.sync@acme.com' (its username))",
          related: ['config/user-def.json'],
        },
      ],
    },
    {
      name: 'assigned in the snapshot to a user whose LastName names an integration platform',
      path: PS_PATH,
      code: ps('Salesforce'),
      snapshot: {
        'User.json': queryOutput([
          { ...SNAPSHOT_ADMIN, Username: 'svc1@acme.com', Name: 'Nightly Fivetran', FirstName: 'Nightly', LastName: 'Fivetran' },
        ]),
        'PermissionSetAssignment.json': queryOutput([
          { Assignee: { Username: 'svc1@acme.com' }, PermissionSet: { Name: 'ERP_Sync', IsOwnedByProfile: false } },
        ]),
      },
      errors: [{ line: 4, column: 14, endLine: 4, endColumn: 24, message: "named like an integration user: 'Fivetran' (its LastName)" }],
    },
  ],
});
