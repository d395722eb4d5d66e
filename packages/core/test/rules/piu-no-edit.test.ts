import { describe, expect, it } from 'vitest';
import { piuNoEdit } from '../../src/rules/piu-no-edit.js';
import { lintCase, queryOutput, runRuleTests } from '../ruleTester.js';

const PIU = 'cloud@00d5e000000abcdeaa';
/** Anonymous Apex as `sf project generate` lays it out, run with `sf apex run --file`. */
const ANON = 'scripts/apex/freeze.apex';
const lines = (...l: string[]) => `${l.join('\n')}\n`;

runRuleTests(piuNoEdit, {
  valid: [
    {
      name: 'assigning to an integration user',
      path: 'scripts/setup.sh',
      code: 'sf org assign permset --name ERP_Sync --on-behalf-of erp.sync@acme.com\n',
    },
    { name: 'a comment mentioning the PIU', path: 'scripts/setup.sh', code: `# never: sf org assign permset --on-behalf-of ${PIU}\n` },
    {
      name: 'updating an Account',
      path: 'scripts/setup.sh',
      code: `sf data update record -s Account -w "Name='${PIU}'" -v "Rating=Hot"\n`,
    },
    {
      name: 'Apex that only reads the PIU',
      path: 'force-app/main/default/classes/A.cls',
      code: "public class A { static Boolean isPiu() { return UserInfo.getUserType() == 'CloudIntegrationUser'; } }",
    },
    {
      name: 'anonymous Apex: Username NOT IN the PIU selects everyone else',
      path: ANON,
      code: lines(`List<User> us = [SELECT Id FROM User WHERE Username NOT IN ('${PIU}')];`, 'update us;'),
    },
    {
      name: "anonymous Apex: a relationship's username (Manager.Username) is not the user's",
      path: ANON,
      code: lines(`List<User> us = [SELECT Id FROM User WHERE Manager.Username = '${PIU}'];`, 'update us;'),
    },
    {
      name: 'anonymous Apex: a list of ordinary usernames',
      path: ANON,
      code: lines(
        "List<String> names = new List<String>{'ops@acme.com', 'etl@acme.com'};",
        'List<User> us = [SELECT Id FROM User WHERE Username IN :names];',
        'update us;',
      ),
    },
    {
      name: 'anonymous Apex: a list whose elements are not string literals (a variable holding the PIU is not followed)',
      path: ANON,
      code: lines(
        `String piuName = '${PIU}';`,
        'List<String> names = new List<String>{piuName, UserInfo.getUserName()};',
        'names.add(piuName);',
        'names.addAll(new List<String>{piuName});',
        'update [SELECT Id FROM User WHERE Username IN :names];',
      ),
    },
    {
      name: 'a list built in another file (a constant of another class) is not read',
      path: 'force-app/main/default/classes/Ops.cls',
      code: lines(
        'public class Ops {',
        '  static void freeze() {',
        '    List<User> us = [SELECT Id FROM User WHERE Username IN :Names.SYSTEM_USERS];',
        '    update us;',
        '  }',
        '}',
      ),
      files: {
        'force-app/main/default/classes/Names.cls': `public class Names {\n  public static final Set<String> SYSTEM_USERS = new Set<String>{'${PIU}'};\n}\n`,
      },
    },
    {
      name: 'a list of the same name built in another file is not this file’s list',
      path: 'scripts/apex/freeze.apex',
      code: lines('List<String> names = new List<String>();', 'update [SELECT Id FROM User WHERE Username IN :names];'),
      files: { 'scripts/apex/setup.apex': lines(`List<String> names = new List<String>{'${PIU}'};`, 'System.debug(names);') },
    },
    {
      name: "a local list of another method, of the same name, is not this method's list",
      path: 'force-app/main/default/classes/Ops.cls',
      code: lines(
        'public class Ops {',
        '  static void audit() {',
        `    List<String> names = new List<String>{'${PIU}'};`,
        '    System.debug([SELECT LastLoginDate FROM User WHERE Username IN :names]);',
        '  }',
        '  static void freeze() {',
        "    List<String> names = new List<String>{'ops@acme.com'};",
        '    update [SELECT Id FROM User WHERE Username IN :names];',
        '  }',
        '}',
      ),
    },
    {
      name: 'a parameter of another method is not the variable that holds the PIU in this one',
      path: 'force-app/main/default/classes/Ops.cls',
      code: lines(
        'public class Ops {',
        '  static Boolean isPiu() {',
        "    User u = [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser' LIMIT 1];",
        '    return u.Id == UserInfo.getUserId();',
        '  }',
        '  static void rename(User u) {',
        "    u.Title = 'Ops';",
        '    update u;',
        '  }',
        '}',
      ),
    },
    {
      name: 'anonymous Apex that only reads the PIU',
      path: ANON,
      code: lines(`User u = [SELECT Id, LastLoginDate FROM User WHERE Username IN ('${PIU}')];`, 'System.debug(u.LastLoginDate);'),
    },
  ],
  invalid: [
    {
      name: 'sf org assign permset --on-behalf-of',
      path: 'scripts/setup.sh',
      code: `#!/bin/sh\nsf org assign permset --name ERP_Sync --on-behalf-of ${PIU}\n`,
      errors: [
        {
          line: 2,
          column: 54,
          endLine: 2,
          endColumn: 78,
          message: 'sf org assign permset --on-behalf-of cloud@00d5e000000abcdeaa assigns to the Platform Integration User',
        },
      ],
    },
    {
      name: 'sfdx force:user:permsetlicense:assign with -o, quoted, in a CI workflow',
      path: '.github/workflows/ci.yml',
      code: `jobs:\n  setup:\n    steps:\n      - run: sfdx force:user:permsetlicense:assign -n Psl --onbehalfof "${PIU}"\n`,
      errors: [{ line: 4, column: 73, endLine: 4, endColumn: 97 }],
    },
    {
      name: 'sf data update record on the PIU, in a package.json script',
      path: 'package.json',
      code: JSON.stringify({ scripts: { freeze: `sf data update record -s User -w "Username='${PIU}'" -v "IsActive=false"` } }, null, 2),
      errors: [{ line: 3, column: 51, endLine: 3, endColumn: 86, message: 'sf data update record edits the Platform Integration User' }],
    },
    {
      name: 'a PermissionSetAssignment tree record for a PIU user record',
      path: 'data/assign.json',
      code: JSON.stringify(
        {
          records: [
            { attributes: { type: 'User', referenceId: 'Piu' }, Username: PIU, LastName: 'Platform Integration User' },
            { attributes: { type: 'PermissionSetAssignment', referenceId: 'A1' }, AssigneeId: '@Piu', PermissionSetId: '0PS000000000001' },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 16, column: 21, endLine: 16, endColumn: 27, message: 'This PermissionSetAssignment targets the Platform Integration User' },
      ],
    },
    {
      name: 'Apex DML on a user selected by UserType',
      path: 'force-app/main/default/classes/Freeze.cls',
      code: "public class Freeze {\n  public static void run() {\n    User u = [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser' LIMIT 1];\n    u.IsActive = false;\n    update u;\n  }\n}\n",
      errors: [
        {
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 13,
          message: "changes a user selected as the Platform Integration User (UserType = 'CloudIntegrationUser')",
        },
      ],
    },
    {
      name: 'Database.update and System.setPassword',
      path: 'force-app/main/default/classes/Reset.cls',
      code: "public class Reset {\n  void go() {\n    List<User> us = [SELECT Id FROM User WHERE Name = 'Platform Integration User'];\n    Database.update(us[0]);\n    System.setPassword(us[0].Id, 'x');\n  }\n}\n",
      errors: [
        { line: 4, column: 5, endLine: 4, endColumn: 27 },
        { line: 5, column: 5, endLine: 5, endColumn: 38, message: 'sets the password of' },
      ],
    },
    {
      name: 'anonymous Apex (scripts/apex/*.apex): top-level statements, selected by UserType',
      path: ANON,
      code: lines(
        '// Freeze the integration users before a data load.',
        "User u = [SELECT Id FROM User WHERE UserType = 'CloudIntegrationUser' LIMIT 1];",
        'u.IsActive = false;',
        'update u;',
      ),
      errors: [
        {
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 9,
          message: "This anonymous Apex changes a user selected as the Platform Integration User (UserType = 'CloudIntegrationUser')",
          related: [ANON],
        },
      ],
    },
    {
      name: "a class: Username IN ('a', 'b') naming the PIU",
      path: 'force-app/main/default/classes/Freeze.cls',
      code: lines(
        'public class Freeze {',
        '  public static void run() {',
        `    List<User> users = [SELECT Id FROM User WHERE Username IN ('ops@acme.com', '${PIU}')];`,
        '    Database.update(users);',
        '  }',
        '}',
      ),
      errors: [
        {
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 27,
          message: `This Apex changes a user selected as the Platform Integration User (Username IN ('${PIU}', ...))`,
        },
      ],
    },
    {
      name: 'anonymous Apex: Username IN :names, a List<String> initialiser; a for loop over the selected users',
      path: ANON,
      code: lines(
        `List<String> names = new List<String>{'ops@acme.com', '${PIU}'};`,
        'List<User> users = [SELECT Id, IsActive FROM User WHERE Username IN :names];',
        'for (User u : users) u.IsActive = false;',
        'update users;',
      ),
      errors: [
        { line: 4, column: 1, endLine: 4, endColumn: 13, message: `(Username IN :names, which holds '${PIU}')`, related: [ANON, ANON] },
      ],
    },
    {
      name: 'a trigger: a Set<String> built with add(), System.setPassword on the user',
      path: 'force-app/main/default/triggers/T.trigger',
      code: lines(
        'trigger T on Account (after insert) {',
        '  Set<String> names = new Set<String>();',
        `  names.add('${PIU}');`,
        '  User piu = [SELECT Id FROM User WHERE Username IN :names LIMIT 1];',
        "  System.setPassword(piu.Id, 'x');",
        '}',
      ),
      errors: [
        {
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 34,
          message: 'This Apex sets the password of a user selected as the Platform Integration User',
        },
      ],
    },
    {
      name: 'anonymous Apex: addAll(new List<String>{...}), DML on the query itself',
      path: ANON,
      code: lines(
        'List<String> names = new List<String>();',
        `names.addAll(new List<String>{'${PIU}'});`,
        'update [SELECT Id FROM User WHERE Username IN :names];',
      ),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 54 }],
    },
    {
      name: 'a list of literals and variables: the PIU literal is still in it',
      path: ANON,
      code: lines(
        "String other = 'ops@acme.com';",
        `Set<String> names = new Set<String>{other, '${PIU}'};`,
        'for (User u : [SELECT Id FROM User WHERE Username IN :names]) {',
        '  u.IsActive = false;',
        '  update u;',
        '}',
      ),
      errors: [{ line: 5, column: 3, endLine: 5, endColumn: 11 }],
    },
    {
      name: 'a class: the list is a static field built elsewhere in the same file',
      path: 'force-app/main/default/classes/Ops.cls',
      code: lines(
        'public class Ops {',
        `  static final Set<String> SYSTEM_USERS = new Set<String>{'${PIU}'};`,
        '  static void freeze() {',
        '    List<User> us = [SELECT Id FROM User WHERE Username IN :SYSTEM_USERS];',
        '    update us;',
        '  }',
        '}',
      ),
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 14, message: `(Username IN :SYSTEM_USERS, which holds '${PIU}')` }],
    },
    {
      name: 'a class: a local list used in a nested block of the same method',
      path: 'force-app/main/default/classes/Ops.cls',
      code: lines(
        'public class Ops {',
        '  static void freeze(Boolean really) {',
        '    Set<String> names = new Set<String>();',
        `    if (really) { names.add('${PIU}'); }`,
        '    for (User u : [SELECT Id FROM User WHERE Username IN :names]) {',
        '      update u;',
        '    }',
        '  }',
        '}',
      ),
      errors: [{ line: 6, column: 7, endLine: 6, endColumn: 15 }],
    },
    {
      name: 'anonymous Apex: Username = :name, a String holding the PIU username',
      path: ANON,
      code: lines(`String piuName = '${PIU}';`, 'User u = [SELECT Id FROM User WHERE Username = :piuName];', 'Database.update(u);'),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 19 }],
    },
    {
      name: "anonymous Apex: dynamic SOQL, Database.query('... Username IN :names')",
      path: ANON,
      code: lines(
        `List<String> names = new List<String>{'${PIU}'};`,
        "List<User> us = Database.query('SELECT Id FROM User WHERE Username IN :names');",
        'update us;',
      ),
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 10, message: `(Username IN :names, which holds '${PIU}')` }],
    },
    {
      name: 'anonymous Apex: a username the org snapshot knows as the PIU',
      path: ANON,
      code: lines("List<User> us = [SELECT Id FROM User WHERE Username IN ('system@acme.com')];", 'update us;'),
      snapshot: { 'User.json': queryOutput([{ Username: 'system@acme.com', UserType: 'CloudIntegrationUser', IsActive: true }]) },
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 10, message: "(Username IN ('system@acme.com'))" }],
    },
  ],
});

describe('piu-no-edit in anonymous Apex: related locations', () => {
  it('point at the username literal in the list and at the query that binds it', async () => {
    const code = lines(
      `List<String> names = new List<String>{'ops@acme.com', '${PIU}'};`,
      'update [SELECT Id FROM User WHERE Username IN :names];',
    );
    const [f] = await lintCase(piuNoEdit, { path: ANON, code });
    const covered = (r: { start: { line: number; character: number }; end: { character: number } }) =>
      code.split('\n')[r.start.line]?.slice(r.start.character, r.end.character);
    expect(f?.related.map((r) => [covered(r.range), r.message])).toEqual([
      [PIU, `'${PIU}', the Platform Integration User, in the list the query binds`],
      ['Username IN :names', 'the query that selects the Platform Integration User'],
    ]);
  });

  it("point at the username inside the query's IN list", async () => {
    const code = lines(`update [SELECT Id FROM User WHERE Username IN ('a@acme.com','${PIU}')];`);
    const [f] = await lintCase(piuNoEdit, { path: ANON, code });
    expect(f?.related.map((r) => code.slice(r.range.start.character, r.range.end.character))).toEqual([PIU]);
  });
});
