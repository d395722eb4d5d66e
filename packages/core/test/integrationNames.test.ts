import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/config.js';
import {
  HUMAN_ROLE_WORDS,
  INTEGRATION_WORDS,
  integrationProfileWord,
  integrationUserName,
  integrationWordOf,
  nameWords,
} from '../src/domain/integrationNames.js';
import { formatJson, formatSarif } from '../src/formats/index.js';
import { MemoryFileSystem } from '../src/fs.js';
import { RULES } from '../src/rules/index.js';
import { Workspace } from '../src/workspace/workspace.js';
import { xml } from './ruleTester.js';

describe('integration by name: words (docs/integration-names.md)', () => {
  it('splits on every non-letter/digit character and between letters and digits, never on camelCase', () => {
    expect(nameWords('CDP Integration2')).toEqual(['cdp', 'integration', '2']);
    expect(nameWords('api_user-prod.sync:x@acme')).toEqual(['api', 'user', 'prod', 'sync', 'x', 'acme']);
    expect(nameWords('VeSync')).toEqual(['vesync']);
    expect(nameWords('2Boomi3')).toEqual(['2', 'boomi', '3']);
    expect(nameWords('Intégration Ünit')).toEqual(['intégration', 'ünit']);
  });

  it('finds every default integration word, case-insensitively, as a whole word only', () => {
    for (const w of INTEGRATION_WORDS) {
      expect(integrationWordOf(`Acme ${w.toUpperCase()} Profile`), w).toBe(w);
      expect(integrationWordOf(`Acme x${w} Profile`), `x${w}`).toBeUndefined();
    }
    expect(integrationWordOf('Data Loader User')).toBe('data loader');
    expect(integrationWordOf('Data')).toBeUndefined();
    expect(integrationWordOf('Loader Data')).toBeUndefined();
  });

  it('does not take api after non or no', () => {
    expect(integrationWordOf('System Administrator (non-API user)')).toBeUndefined();
    expect(integrationWordOf('No API Access')).toBeUndefined();
    expect(integrationWordOf('Non Integration API')).toBe('integration');
    expect(integrationWordOf('API non')).toBe('api');
  });

  it('lets every human-role word cancel the match', () => {
    for (const w of HUMAN_ROLE_WORDS) expect(integrationWordOf(`Integration ${w}`), w).toBeUndefined();
    expect(integrationWordOf('External Integration Developer')).toBeUndefined();
  });

  it('never takes service(s), system, sys, data, tech, migration, bot or application vendors', () => {
    for (const n of [
      'Customer Service',
      'Services',
      'System',
      'Sys Admin',
      'Data',
      'Tech',
      'Migration',
      'Bot',
      'SAP',
      'Conga',
      'Zuora',
      'Chargent',
    ])
      expect(integrationWordOf(n), n).toBeUndefined();
  });

  it('takes added words and whole-name glob patterns', () => {
    const names = { add: ['marketo', 'Online Application*'], exclude: [] };
    expect(integrationWordOf('Marketo User', names)).toBe('marketo');
    expect(integrationWordOf('online application form', names)).toBe('Online Application*');
    expect(integrationWordOf('My Online Application', names)).toBeUndefined();
    expect(integrationWordOf('Marketo Manager', names)).toBeUndefined();
  });
});

describe('integration by name: profiles and users (docs/integration-names.md)', () => {
  it('takes custom profiles only, never shipped ones or feature integration licences', () => {
    expect(integrationProfileWord({ name: 'API User', custom: true, license: 'Salesforce' })).toBe('api');
    expect(integrationProfileWord({ name: 'API User' })).toBe('api');
    expect(integrationProfileWord({ name: 'API User', custom: false })).toBeUndefined();
    for (const name of [
      'Minimum Access - API Only Integrations',
      'Salesforce API Only System Integrations',
      'Anypoint Integration',
      'Analytics Cloud Integration User',
      'Analytics Cloud Security User',
    ])
      expect(integrationProfileWord({ name, custom: true, license: 'Salesforce' }), name).toBeUndefined();
    expect(
      integrationProfileWord({ name: 'Sales Insights Integration', custom: true, license: 'Sales Insights Integration User' }),
    ).toBeUndefined();
    expect(integrationProfileWord({ name: 'API User', custom: true }, { add: [], exclude: ['api *'] })).toBeUndefined();
  });

  it("reads the username's local part, Alias, FirstName, LastName and Name", () => {
    expect(integrationUserName({ username: 'yaelshapi@acme.com' })).toBeUndefined();
    expect(integrationUserName({ username: 'jane@api.acme.com' })).toBeUndefined();
    expect(integrationUserName({ username: 'api.sync@acme.com' })).toEqual({
      key: 'username',
      field: 'username',
      value: 'api.sync@acme.com',
    });
    expect(integrationUserName({ username: 'x@acme.com', alias: 'boomi' })?.field).toBe('Alias');
    expect(integrationUserName({ username: 'x@acme.com', firstName: 'Workato' })?.field).toBe('FirstName');
    expect(integrationUserName({ username: 'x@acme.com', lastName: 'Integration' })?.field).toBe('LastName');
    expect(integrationUserName({ username: 'x@acme.com', name: 'Zapier Bot' })?.field).toBe('Name');
    expect(integrationUserName({ username: 'x@acme.com', firstName: 'Integration', lastName: 'Manager' })).toBeUndefined();
    expect(integrationUserName({ username: 'x@acme.com', name: 'API Lead' })).toBeUndefined();
    expect(integrationUserName({ username: 'api.x@acme.com', firstName: 'Integration', lastName: 'Manager' })?.field).toBe('username');
    expect(integrationUserName({ username: 'api.sync@acme.com' }, { add: [], exclude: ['api.*@acme.com'] })).toBeUndefined();
    expect(integrationUserName({ username: 'svc-erp@acme.com' }, { add: ['svc-*@acme.com'], exclude: [] })?.field).toBe('username');
  });
});

describe('integration by name in the org model', () => {
  it('reads the names of users from user sources only, not of a bare username in metadata', async () => {
    const fs = new MemoryFileSystem({
      '/p/sfdx-project.json': '{"packageDirectories":[{"path":"force-app"}]}',
      '/p/config/user-def.json': JSON.stringify({ Username: 'api.sync@acme.com', LastName: 'Ops', profileName: 'Standard User' }),
      '/p/force-app/dashboards/Ops/D.dashboard-meta.xml': xml('Dashboard', '    <runningUser>api.feed@acme.com</runningUser>'),
    });
    const org = (await Workspace.load(fs, '/p', RULES)).model();
    expect(org.integrationUser(org.viewOf('api.sync@acme.com'))?.map((r) => [r.text, r.byName])).toEqual([
      ["named like an integration user: 'api.sync@acme.com' (its username)", true],
    ]);
    expect(org.integrationUser(org.viewOf('api.feed@acme.com'))).toBeUndefined();
    expect(org.integrationUser(org.viewOf('api.sync@acme.com'), { byName: false })).toBeUndefined();
  });
});

describe('iulint.config.json: integrationNames and byName', () => {
  it('reads add and exclude', () => {
    const { config, problems } = parseConfig(
      JSON.stringify({
        integrationNames: { add: ['marketo'], exclude: ['API Admin'] },
        rules: { 'integration-least-privilege': ['warning', { byName: false }] },
      }),
      RULES,
    );
    expect(problems).toEqual([]);
    expect(config.integrationNames).toEqual({ add: ['marketo'], exclude: ['API Admin'] });
    expect(config.rules['integration-least-privilege']).toEqual({ level: 'warning', options: { byName: false } });
  });

  it('reports wrong shapes with their line and column, and keeps the valid parts', () => {
    const text =
      '{\n  "integrationNames": { "add": "marketo", "exclude": ["a", 1], "words": [] },\n  "rules": { "integration-user-license": ["warning", { "byName": "no" }] }\n}';
    const { config, problems } = parseConfig(text, RULES);
    expect(problems.map((p) => [p.message, p.range.start.line, p.range.start.character])).toEqual([
      ['"integrationNames.add" must be an array of strings', 1, 31],
      ['"integrationNames.exclude" must hold only strings', 1, 59],
      ['Unknown setting "integrationNames.words" (known: add, exclude)', 1, 63],
      ['The option "byName" of "integration-user-license" must be true or false', 2, 65],
    ]);
    expect(config.integrationNames).toEqual({ add: [], exclude: ['a'] });
    expect(config.rules['integration-user-license']).toEqual({ level: 'warning', options: {} });
    expect(parseConfig('{ "integrationNames": [] }', RULES).problems[0]?.message).toMatch(/^"integrationNames" must be an object/);
  });
});

describe('findings that rest on a name', () => {
  const project = async () => {
    const fs = new MemoryFileSystem({
      '/p/sfdx-project.json': '{"packageDirectories":[{"path":"force-app"}]}',
      '/p/force-app/profiles/API User.profile-meta.xml': xml(
        'Profile',
        '    <custom>true</custom>\n    <userLicense>Salesforce</userLicense>',
      ),
      '/p/force-app/profiles/ERP.profile-meta.xml': xml(
        'Profile',
        '    <userLicense>Salesforce</userLicense>\n    <userPermissions>\n        <enabled>true</enabled>\n        <name>ApiUserOnly</name>\n    </userPermissions>',
      ),
    });
    const ws = await Workspace.load(fs, '/p', RULES);
    return ws.lintAll().filter((f) => f.ruleId === 'integration-user-license');
  };

  it('carry SARIF rank 50, certain ones 90, and byName in JSON', async () => {
    const findings = await project();
    expect(findings.map((f) => [f.path, f.byName ?? false])).toEqual([
      ['/p/force-app/profiles/API User.profile-meta.xml', true],
      ['/p/force-app/profiles/ERP.profile-meta.xml', false],
    ]);
    expect(findings[0]?.message).toContain("named like an integration profile: 'API User'");
    const sarif = JSON.parse(formatSarif({ root: '/p', findings, filesChecked: 2, toolVersion: '0', rules: RULES }));
    expect(sarif.runs[0].results.map((r: { rank: number }) => r.rank)).toEqual([50, 90]);
    const json = JSON.parse(formatJson({ root: '/p', findings, filesChecked: 2, toolVersion: '0', rules: RULES }));
    expect(json.findings.map((f: { byName?: boolean }) => f.byName)).toEqual([true, undefined]);
  });
});
