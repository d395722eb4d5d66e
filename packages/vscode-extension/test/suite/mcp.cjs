// Extension-host suite for the MCP server registration, run in a VS Code that has the MCP API (1.101
// and later; test/run-code-server-mcp.mjs runs it in code-server 4.117.0, VS Code 1.117.0). VS Code
// itself takes the definition, starts the server and calls its tools, as agent mode does. The
// workspace is a copy of the sample project (IULINT_TEST_SAMPLE).
'use strict';
const vscode = require('vscode');
const harness = require('./harness.cjs');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const EXTENSION_ID = 'iulint.iulint-vscode';
// VS Code names an extension's server `<extension id>/<label>`, and its tools `mcp_<label>_<tool>`.
const SERVER_ID = `${EXTENSION_ID}/iulint`;
const TOOLS = [
  'iulint_check',
  'iulint_check_proposed_change',
  'iulint_explain_rule',
  'iulint_explain_user',
  'iulint_fix_preview',
  'iulint_list_rules',
];
const PIU = 'cloud@00d5e000000abcdeaa';
const SAMPLE = process.env.IULINT_TEST_SAMPLE;

const waitFor = (what, check, ms = 30000) => harness.waitFor(what, check, ms, 100);

const iulintTools = () => vscode.lm.tools.filter((t) => t.name.startsWith('mcp_iulint_'));

/** Calls an iulint tool through VS Code's MCP client; VS Code gives the structured content as JSON text. */
async function invoke(tool, input) {
  const result = await vscode.lm.invokeTool(`mcp_iulint_${tool}`, { input, toolInvocationToken: undefined });
  const text = result.content.map((c) => c.value ?? '').join('');
  return JSON.parse(text);
}

let api;

const tests = [
  [
    'VS Code has the MCP API and the extension registered its server definition provider',
    async () => {
      assert.equal(typeof vscode.lm.registerMcpServerDefinitionProvider, 'function');
      api = await vscode.extensions.getExtension(EXTENSION_ID).activate();
      assert.ok(api.mcp, 'the extension registered no MCP server');
      const manifest = vscode.extensions.getExtension(EXTENSION_ID).packageJSON;
      assert.deepEqual(manifest.contributes.mcpServerDefinitionProviders, [{ id: 'iulint.mcp', label: 'iulint' }]);
      assert.match(manifest.engines.vscode, /^\^1\.91\./);
    },
  ],
  [
    'VS Code asks the provider and gets the bundled server: the extension host Node running dist/server.js mcp',
    async () => {
      const provided = await waitFor('VS Code to ask for the definitions', () => api.mcp.provided());
      assert.equal(provided.command, process.execPath);
      assert.deepEqual(provided.args, [path.join(vscode.extensions.getExtension(EXTENSION_ID).extensionPath, 'dist', 'server.js'), 'mcp']);
      assert.ok(fs.existsSync(provided.args[0]));
    },
  ],
  [
    'VS Code starts the server and lists its six tools for agent mode',
    async () => {
      // VS Code may take the command before it holds the provider's definition (then nothing starts): it is
      // asked again every few seconds until the tools are there, as agent mode starts servers when it needs them.
      let asked = 0;
      const start = () => {
        asked = Date.now();
        return vscode.commands.executeCommand('workbench.mcp.startServer', SERVER_ID, { waitForLiveTools: true });
      };
      await start();
      const tools = await waitFor(
        'the iulint tools',
        async () => {
          if (iulintTools().length === TOOLS.length) return iulintTools();
          if (Date.now() - asked > 3000) await start();
          return undefined;
        },
        60000,
      );
      assert.deepEqual(
        tools.map((t) => t.name).sort(),
        TOOLS.map((t) => `mcp_iulint_${t}`),
      );
      for (const t of tools) assert.equal(t.inputSchema?.type, 'object', t.name);
    },
  ],
  [
    'a tool called through VS Code explains the PIU of the workspace',
    async () => {
      const user = await invoke('iulint_explain_user', { username: PIU });
      assert.equal(user.systemUser.kind, 'piu');
      const files = user.mentions.map((m) => m.file).sort();
      assert.deepEqual(files, [
        'force-app/main/default/PlatformEventSubscriberConfigs/OrderEventTriggerConfig.platformEventSubscriberConfig-meta.xml',
        'force-app/main/default/dashboards/Ops_Dashboards/Order_Health.dashboard-meta.xml',
      ]);
    },
  ],
  [
    'a proposed user definition of the PIU is flagged through VS Code, and nothing is written',
    async () => {
      const content = JSON.stringify({ Username: PIU, LastName: 'Integration', Email: 'ops@acme.example.com' });
      const r = await invoke('iulint_check_proposed_change', { changes: [{ path: 'config/piu-user-def.json', content }] });
      assert.ok(
        r.introduced.some((f) => f.ruleId === 'piu-no-create' && f.file === 'config/piu-user-def.json'),
        JSON.stringify(r),
      );
      assert.equal(fs.existsSync(path.join(SAMPLE, 'config', 'piu-user-def.json')), false);
    },
  ],
];

exports.run = () => harness.runTests(tests, 'MCP tests');
