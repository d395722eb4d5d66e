/**
 * Rules v3, "Apex collections": a user selected as the PIU or a reserved user stays selected when it
 * is put into a collection that is the target of DML, and when a PermissionSetAssignment is built for it.
 */
import { piuNoEdit } from '../../src/rules/piu-no-edit.js';
import { reservedUser } from '../../src/rules/reserved-user.js';
import { runRuleTests } from '../ruleTester.js';

const ORG = '00d5e000000abcdeaa';
const PIU = `cloud@${ORG}`;
const ANON = 'scripts/apex/unify.apex';
const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** The field org's bulk update: four system users by a bound list, added in a loop, updated at once. */
const UNIFY = lines(
  'List<String> usernameList = new List<String>{',
  `    '${PIU}',`,
  `    'autoproc@${ORG}',`,
  `    'integration@${ORG}.com',`,
  `    'insightssecurity@${ORG}.com'`,
  '};',
  'List<User> usersToUpdate = new List<User>();',
  'for (User u : [SELECT Id, TimeZoneSidKey FROM User WHERE Username IN :usernameList]) {',
  "    u.TimeZoneSidKey = 'Europe/Paris';",
  '    usersToUpdate.add(u);',
  '}',
  'Database.update(usersToUpdate, false);',
);

runRuleTests(piuNoEdit, {
  valid: [
    {
      name: 'a collection of ordinary users updated in bulk',
      path: ANON,
      code: lines(
        'List<User> toUpdate = new List<User>();',
        "for (User u : [SELECT Id FROM User WHERE Username IN ('ops@acme.com')]) toUpdate.add(u);",
        'update toUpdate;',
      ),
    },
    {
      name: 'the PIU added to one list, another list updated',
      path: ANON,
      code: lines(
        'List<User> seen = new List<User>();',
        'List<User> toUpdate = new List<User>();',
        "for (User u : [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser']) seen.add(u);",
        'update toUpdate;',
      ),
    },
    {
      name: 'the list is replaced before the DML',
      path: ANON,
      code: lines(
        'List<User> toUpdate = new List<User>();',
        "for (User u : [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser']) toUpdate.add(u);",
        'toUpdate = new List<User>();',
        'update toUpdate;',
      ),
    },
    {
      name: "a record that only points at the PIU (an Account it owns) is not the PIU's record",
      path: ANON,
      code: lines(
        "User piu = [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser' LIMIT 1];",
        "insert new Account(Name = 'x', OwnerId = piu.Id);",
        'List<Account> accounts = new List<Account>();',
        'accounts.add(new Account(OwnerId = piu.Id));',
        'update accounts;',
      ),
    },
    {
      name: 'counting the selected users is not changing them',
      path: ANON,
      code: lines(
        "List<User> us = [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser'];",
        'Integer n = us.size();',
        'List<Integer> counts = new List<Integer>();',
        'counts.add(us.size());',
        'System.debug(n);',
      ),
    },
    {
      name: 'a PermissionSetAssignment for an ordinary user',
      path: ANON,
      code: lines(
        "User u = [SELECT Id FROM User WHERE Username = 'ops@acme.com'];",
        "insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = '0PS000000000001');",
      ),
    },
  ],
  invalid: [
    {
      name: 'anonymous Apex that starts with a for loop over a query (a leading comment is no token): the loop variable is updated',
      path: ANON,
      code: lines(
        '// Fix the platform user after the refresh.',
        `for (User u : [SELECT Id FROM User WHERE Username = '${PIU}']) {`,
        "    u.TimeZoneSidKey = 'Europe/Paris';",
        '    update u;',
        '}',
      ),
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 13, message: 'changes a user selected as the Platform Integration User' }],
    },
    {
      name: 'anonymous Apex that starts with a for loop whose users go into a list updated after it',
      path: ANON,
      code: lines("for (User u : [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser']) toUpdate.add(u);", 'update toUpdate;'),
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'two loops at the top level that both name their variable u: each u is its own loop’s',
      path: ANON,
      code: lines(
        'List<User> picked = new List<User>();',
        "for (User u : [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser']) picked.add(u);",
        'List<PermissionSetAssignment> grants = new List<PermissionSetAssignment>();',
        'for (User u : picked) {',
        "    grants.add(new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = '0PS000000000001'));",
        '}',
        'insert grants;',
      ),
      errors: [{ line: 7, column: 1, endLine: 7, endColumn: 14 }],
    },
    {
      name: 'the field org’s unify.apex: a bound list, a loop adding to a list, Database.update(list, false)',
      path: ANON,
      code: UNIFY,
      errors: [
        {
          line: 12,
          column: 1,
          endLine: 12,
          endColumn: 38,
          message: `This anonymous Apex changes a user selected as the Platform Integration User (Username IN :usernameList, which holds '${PIU}')`,
          related: [ANON, ANON],
        },
      ],
    },
    {
      name: 'for (User u : [SELECT …]) toUpdate.add(u); update toUpdate; (no braces)',
      path: ANON,
      code: lines(
        'List<User> toUpdate = new List<User>();',
        "for (User u : [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser']) toUpdate.add(u);",
        'update toUpdate;',
      ),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 16, message: "(UserType = 'CloudIntegrationUser')", related: [ANON] }],
    },
    {
      name: 'new Map<Id, User>(query) and update of its values()',
      path: 'force-app/main/default/classes/Freeze.cls',
      code: lines(
        'public class Freeze {',
        '  public static void run() {',
        "    Map<Id, User> byId = new Map<Id, User>([SELECT Id FROM User WHERE Name = 'Platform Integration User']);",
        '    for (User u : byId.values()) u.IsActive = false;',
        '    update byId.values();',
        '  }',
        '}',
      ),
      errors: [
        {
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 25,
          message: "This Apex changes a user selected as the Platform Integration User (Name = 'Platform Integration User')",
        },
      ],
    },
    {
      name: 'a loop over new Map<Id, User>(query).values() adding new User(Id = u.Id, ...) to a list',
      path: ANON,
      code: lines(
        'List<User> toUpdate = new List<User>();',
        `for (User u : new Map<Id, User>([SELECT Id FROM User WHERE Username = '${PIU}']).values()) {`,
        '    toUpdate.add(new User(Id = u.Id, IsActive = false));',
        '}',
        'Database.upsert(toUpdate);',
      ),
      errors: [{ line: 5, column: 1, endLine: 5, endColumn: 26, message: `(Username = '${PIU}')` }],
    },
    {
      name: 'new List<User>(query), upsert with an external id field, and a cast of Database.query',
      path: ANON,
      code: lines(
        "List<User> us = new List<User>((List<User>) Database.query('SELECT Id FROM User WHERE UserType = \\'CloudIntegrationUser\\''));",
        'upsert us User.Id;',
      ),
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 18 }],
    },
    {
      name: 'Map put in a loop, putAll into another map, update of values()',
      path: ANON,
      code: lines(
        'Map<Id, User> m = new Map<Id, User>();',
        "for (User u : [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser']) { m.put(u.Id, u); }",
        'Map<Id, User> all = new Map<Id, User>();',
        'all.putAll(m);',
        'update all.values();',
      ),
      errors: [{ line: 5, column: 1, endLine: 5, endColumn: 20 }],
    },
    {
      name: 'addAll of a selected list into another list; update as user',
      path: ANON,
      code: lines(
        "List<User> piu = [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser'];",
        'List<User> toUpdate = new List<User>{};',
        'toUpdate.addAll(piu);',
        'update as user toUpdate;',
      ),
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 24 }],
    },
    {
      name: 'insert of a PermissionSetAssignment whose AssigneeId is the PIU’s Id',
      path: ANON,
      code: lines(
        "User piu = [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser' LIMIT 1];",
        "insert new PermissionSetAssignment(AssigneeId = piu.Id, PermissionSetId = '0PS000000000001');",
      ),
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 93,
          message: "This anonymous Apex changes a user selected as the Platform Integration User (UserType = 'CloudIntegrationUser')",
        },
      ],
    },
    {
      name: 'PermissionSetAssignment records built in a loop for the selected users, inserted as a list',
      path: ANON,
      code: lines(
        `Set<String> names = new Set<String>{'${PIU}'};`,
        'List<PermissionSetAssignment> psas = new List<PermissionSetAssignment>();',
        'for (User u : [SELECT Id FROM User WHERE Username IN :names]) {',
        "    psas.add(new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = '0PS000000000001'));",
        '}',
        'Database.insert(psas, false);',
      ),
      errors: [
        { line: 6, column: 1, endLine: 6, endColumn: 29, message: `(Username IN :names, which holds '${PIU}')`, related: [ANON, ANON] },
      ],
    },
    {
      name: 'a PermissionSetAssignment whose AssigneeId is set after it is made',
      path: 'force-app/main/default/classes/Grant.cls',
      code: lines(
        'public class Grant {',
        '  static void go(Id psId) {',
        "    User piu = [SELECT Id FROM User WHERE LastName = 'Platform Integration User'];",
        '    PermissionSetAssignment psa = new PermissionSetAssignment();',
        '    psa.AssigneeId = piu.Id;',
        '    psa.PermissionSetId = psId;',
        '    insert psa;',
        '  }',
        '}',
      ),
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 15 }],
    },
  ],
});

runRuleTests(reservedUser, {
  valid: [
    {
      name: 'Alias IN :aliases holding ordinary aliases',
      path: ANON,
      code: lines("List<String> aliases = new List<String>{'jdoe'};", 'update [SELECT Id FROM User WHERE Alias IN :aliases];'),
    },
  ],
  invalid: [
    {
      name: 'the field org’s unify.apex: the reserved users of the bound list, one finding at the DML',
      path: ANON,
      code: UNIFY,
      errors: [
        {
          line: 12,
          column: 1,
          endLine: 12,
          endColumn: 38,
          message: `changes users selected as the Automated Process user (Username IN :usernameList, which holds 'autoproc@${ORG}') and the CRM Analytics Integration User (Username IN :usernameList, which holds 'integration@${ORG}.com') and the CRM Analytics Security User`,
          related: [ANON, ANON, ANON, ANON, ANON, ANON],
        },
      ],
    },
    {
      name: 'Alias IN :aliases holding autoproc counts as selection by Alias',
      path: ANON,
      code: lines(
        "List<String> aliases = new List<String>{'jdoe', 'autoproc'};",
        'List<User> toFix = new List<User>();',
        'for (User u : [SELECT Id FROM User WHERE Alias IN :aliases]) toFix.add(u);',
        'update toFix;',
      ),
      errors: [
        {
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 13,
          message: "This anonymous Apex changes a user selected as the Automated Process user (Alias IN :aliases, which holds 'autoproc')",
          related: [ANON, ANON],
        },
      ],
    },
    {
      name: "Alias IN ('autoproc') in a PermissionSetAssignment list",
      path: ANON,
      code: lines(
        'List<PermissionSetAssignment> psas = new List<PermissionSetAssignment>();',
        "for (User u : [SELECT Id FROM User WHERE Alias IN ('autoproc')]) psas.add(new PermissionSetAssignment(AssigneeId = u.Id));",
        'insert psas;',
      ),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 12, message: "the Automated Process user (Alias IN ('autoproc')" }],
    },
  ],
});
