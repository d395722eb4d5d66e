import { piuNoEdit } from '../../src/rules/piu-no-edit.js';
import { runRuleTests } from '../ruleTester.js';

const PIU = 'cloud@00d5e000000abcdeaa';

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
  ],
});
