// iulint_check and iulint_fix_preview with paths: the findings of those files, the project read whole,
// so that a file's findings that rest on other files (a profile, a permission set another user holds,
// a login element) are the same as in a whole-project run. Judged by the SDK's own client against the
// whole-project `iulint check --format json` of the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';
import { copyProject, type McpSession, startMcp, textOf, treeHash } from './mcpClient.js';

type Finding = { ruleId: string; file: string };

describe('iulint mcp: paths report the files asked for, resolved across the project', () => {
  let root: string;
  let before: Record<string, string>;
  let mcp: McpSession;
  let whole: Finding[];
  beforeAll(async () => {
    root = copyProject('agentforce');
    before = treeHash(root);
    mcp = await startMcp({ args: ['--root', root] });
    whole = (JSON.parse(runCli(['check', '--format', 'json', '--exit-zero'], root).stdout) as { findings: Finding[] }).findings;
  });
  afterAll(async () => {
    await mcp?.close();
    expect(treeHash(root)).toEqual(before);
  });

  it.each([
    // On the shared profile reference: needs the profile file and the API-only permission set.
    ['config/warehouse-feed-user-def.json', ['integration-least-privilege', 'integration-user-license']],
    // On the shared set's assignment: needs the person's user definition that holds the set too.
    ['config/etl-user-def.json', ['integration-least-privilege']],
    // An agent user shared with an outbound message's login (a workflow elsewhere).
    ['force-app/main/default/aiAuthoringBundles/Returns_Agent/Returns_Agent.agent', ['agent-user-privilege']],
  ])('%s alone: the findings of a whole-project run', async (path, rules) => {
    const r = await mcp.call('iulint_check', { paths: [path] });
    expect(r.isError, textOf(r)).toBeFalsy();
    const findings = (r.structuredContent as { findings: Finding[] }).findings;
    expect(findings).toEqual(whole.filter((f) => f.file === path));
    expect(findings.map((f) => f.ruleId).sort()).toEqual(rules);
    expect((r.structuredContent as { summary: { filesChecked: number } }).summary.filesChecked).toBe(1);
  });

  it('a folder: its files only, the same findings as in the whole run', async () => {
    const r = await mcp.call('iulint_check', { paths: ['config'] });
    expect((r.structuredContent as { findings: Finding[] }).findings).toEqual(whole.filter((f) => f.file.startsWith('config/')));
  });

  it('iulint_explain_user names the Agent Script file and line that make an agent run as the user', async () => {
    const r = await mcp.call('iulint_explain_user', { username: 'Triage.Agent@acme.example.com' });
    expect(r.isError, textOf(r)).toBeFalsy();
    const u = r.structuredContent as { mentions: Array<{ what: string; file: string; line: number }> };
    expect(u.mentions).toEqual([
      {
        what: 'access.default_agent_user (agent)',
        file: 'force-app/main/default/aiAuthoringBundles/Case_Triage/Case_Triage.agent',
        line: 14,
        column: 26,
      },
    ]);
    expect(textOf(r)).toContain('Named in: force-app/main/default/aiAuthoringBundles/Case_Triage/Case_Triage.agent:14');
  });

  it.skipIf(process.platform === 'win32')(
    'Windows spellings on Linux: backslashes are separators, a drive or a share is outside the project',
    async () => {
      const bot = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Bot xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <botUser>cloud@00d8d000000xyz1eak</botUser>',
        '    <label>New Agent</label>',
        '</Bot>',
        '',
      ].join('\n');
      const r = await mcp.call('iulint_check_proposed_change', {
        changes: [{ path: 'force-app\\main\\default\\bots\\New_Agent\\New_Agent.bot-meta.xml', content: bot }],
      });
      expect(r.isError, textOf(r)).toBeFalsy();
      const report = r.structuredContent as { changes: Array<{ file: string; read: string }>; introduced: Finding[] };
      expect(report.changes.map((c) => [c.file, c.read])).toEqual([
        ['force-app/main/default/bots/New_Agent/New_Agent.bot-meta.xml', 'linted'],
      ]);
      expect(report.introduced.map((f) => f.ruleId)).toEqual(['piu-no-run-as']);
      const existing = await mcp.call('iulint_check', { paths: ['config\\etl-user-def.json'] });
      expect((existing.structuredContent as { findings: Finding[] }).findings).toEqual(
        whole.filter((f) => f.file === 'config/etl-user-def.json'),
      );
      for (const path of ['C:\\Users\\me\\x.json', 'C:/Users/me/x.json', '\\\\server\\share\\x.json']) {
        const refused = await mcp.call('iulint_check_proposed_change', { changes: [{ path, content: '{}' }] });
        expect(refused.isError, path).toBe(true);
        expect(textOf(refused)).toContain('is outside the project');
      }
    },
  );

  it('a proposed configuration that is not valid is said to be the proposal, with its position', async () => {
    const r = await mcp.call('iulint_check_proposed_change', {
      changes: [
        { path: 'iulint.config.json', content: '{ "orgSnapshot": ".iulint/snapshot", "rules": { "agent-user-privilege": "loud" } }' },
      ],
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/^the proposed configuration is not valid, so nothing was linted .*iulint\.config\.json:1:\d+: /);
  });

  it("a proposed agent's bundle: the Agent Script file is linted, the bundle's XML is said not to be read, naming Agent Script", async () => {
    const r = await mcp.call('iulint_check_proposed_change', {
      changes: [
        {
          path: 'force-app/main/default/aiAuthoringBundles/New_Agent/New_Agent.agent',
          content: 'config:\n    developer_name: "New_Agent"\n\naccess:\n    default_agent_user: "ops.admin@acme.example.com"\n',
        },
        {
          path: 'force-app/main/default/aiAuthoringBundles/New_Agent/New_Agent.bundle-meta.xml',
          content:
            '<?xml version="1.0" encoding="UTF-8"?>\n<AiAuthoringBundle xmlns="http://soap.sforce.com/2006/04/metadata">\n    <bundleType>AGENT</bundleType>\n</AiAuthoringBundle>\n',
        },
      ],
    });
    const report = r.structuredContent as { changes: Array<{ read: string; note: string }>; introduced: Finding[] };
    expect(report.changes.map((c) => c.read)).toEqual(['linted', 'not-linted']);
    expect(report.changes[1]?.note).toContain('Agent Script');
    expect(report.introduced.map((f) => f.ruleId)).toEqual(['agent-user-privilege']);
  });
});
