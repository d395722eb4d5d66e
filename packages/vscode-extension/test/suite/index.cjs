// Extension-host test suite: runs inside a real VS Code (the VS Code server of code-server, or VS Code
// through @vscode/test-electron) against the real `vscode` API. Contract of test-electron: `run()`
// resolves when every test passed and rejects otherwise. Each test's result is also written to
// IULINT_SUITE_RESULTS (JSON), so the runner can print pass, fail and skip counts.
//
// The workspace is multi-root: copies of the `sample` and `catalogue` fixture projects
// (IULINT_TEST_SAMPLE, IULINT_TEST_CATALOGUE), so edits and settings never touch the repository.
'use strict';
const vscode = require('vscode');
const harness = require('./harness.cjs');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const EXTENSION_ID = 'iulint.iulint-vscode';
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'projects');
const SAMPLE = process.env.IULINT_TEST_SAMPLE || path.join(FIXTURES, 'sample');
const CATALOGUE = process.env.IULINT_TEST_CATALOGUE || path.join(FIXTURES, 'catalogue');
const SEVERITY = ['error', 'warning', 'info', 'hint'];
const DOCS = 'https://github.com/iulint/iulint/blob/main/docs/rules/';

function sortDiagnostics(list) {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

function xmlFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('-meta.xml')) out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Polls until `check()` returns a truthy value (never sleeps a fixed time). */
const waitFor = (what, check, ms = 20000) => harness.waitFor(what, check, ms, 50);

/** Opens a document in an editor tab, as a user does: VS Code pulls diagnostics for what is shown. */
async function show(uri) {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
  return doc;
}

/** Waits for a server process other than `before` to answer. */
async function newServer(api, before) {
  return waitFor('a new server', async () => {
    try {
      const info = await api.client.sendRequest('iulint/serverInfo');
      return info.pid !== before.pid ? info : undefined;
    } catch {
      return undefined;
    }
  });
}

const iulint = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'iulint');
const codeOf = (d) => String(typeof d.code === 'object' ? d.code.value : d.code);
const codes = (uri) => iulint(uri).map(codeOf).sort();
const uriIn = (root, rel) => vscode.Uri.file(path.join(root, rel));

async function replaceInDocument(uri, from, to) {
  const doc = await show(uri);
  const text = doc.getText();
  const at = text.indexOf(from);
  assert.notEqual(at, -1, `"${from}" not in ${uri.fsPath}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
  assert.equal(await vscode.workspace.applyEdit(edit), true);
  return doc;
}

const tests = [
  [
    'the extension activates in a multi-root Salesforce workspace',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
      const api = await ext.activate();
      assert.equal(ext.isActive, true);
      assert.ok(api?.client, 'the extension returns its API');
      const folders = (vscode.workspace.workspaceFolders || []).map((f) => fs.realpathSync(f.uri.fsPath));
      assert.deepEqual(folders, [fs.realpathSync(SAMPLE), fs.realpathSync(CATALOGUE)]);
    },
  ],
  [
    'registers an MCP server only where VS Code has the MCP API (1.101 and later), and works without it',
    async () => {
      const api = await vscode.extensions.getExtension(EXTENSION_ID).activate();
      const [major, minor] = vscode.version.split('.').map(Number);
      // VS Code 1.100 has registerMcpServerDefinitionProvider as a proposed API that throws for this extension.
      if (major === 1 && minor < 101) assert.equal(api.mcp, undefined);
      else assert.ok(api.mcp, `VS Code ${vscode.version} has the MCP API, but the extension registered no server`);
    },
  ],
  [
    'every file’s findings reach the Problems panel with no command: a never-opened script, .forceignore (scope "workspace")',
    async () => {
      const script = uriIn(CATALOGUE, 'scripts/setup-org.sh');
      const forceignore = uriIn(CATALOGUE, '.forceignore');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === script.fsPath), 'the script is not open');
      await waitFor('diagnostics on the never-opened script', () => codes(script).length === 2, 60000);
      assert.deepEqual(codes(script), ['piu-no-edit', 'piu-no-login']);
      await waitFor('the .forceignore warning', () => codes(forceignore).includes('forceignore'));
      // Every file of the sample project, none of them opened, as the CLI reports them.
      const expected = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'expected-diagnostics.json'), 'utf8'));
      const files = [...new Set(expected.map((e) => e.file))];
      await waitFor('the sample project’s findings', () => files.every((f) => iulint(uriIn(SAMPLE, f)).length > 0));
      for (const f of files)
        assert.deepEqual(
          codes(uriIn(SAMPLE, f)),
          expected
            .filter((e) => e.file === f)
            .map((e) => e.rule)
            .sort(),
          f,
        );
    },
  ],
  [
    'Metadata API files open as XML inside a Salesforce project’s folders; a shell’s .profile stays a shell script',
    async () => {
      const dir = path.join(CATALOGUE, 'force-app', 'main', 'default');
      const profile = path.join(dir, 'profiles', 'Admin.profile');
      const set = path.join(dir, 'permissionsets', 'Reporting.permissionset');
      fs.copyFileSync(path.join(dir, 'profiles', 'ERP Integration.profile-meta.xml'), profile);
      fs.copyFileSync(path.join(dir, 'permissionsets', 'Data_Cloud_Connector.permissionset-meta.xml'), set);
      fs.writeFileSync(path.join(CATALOGUE, '.profile'), 'export PATH="$HOME/bin:$PATH"\n');
      fs.mkdirSync(path.join(CATALOGUE, 'notes'), { recursive: true });
      fs.writeFileSync(path.join(CATALOGUE, 'notes', 'login.profile'), 'umask 022\n');
      const languageOf = async (file) => (await vscode.workspace.openTextDocument(vscode.Uri.file(file))).languageId;
      assert.equal(await languageOf(profile), 'xml');
      assert.equal(await languageOf(set), 'xml');
      assert.equal(await languageOf(path.join(CATALOGUE, '.profile')), 'shellscript');
      assert.equal(await languageOf(path.join(CATALOGUE, 'notes', 'login.profile')), 'shellscript');
      // And iulint lints them.
      await show(vscode.Uri.file(profile));
      await waitFor('the Metadata API profile to be linted', () =>
        codes(vscode.Uri.file(profile)).includes('integration-profile-api-only'),
      );
    },
  ],
  [
    'shows exactly the expected diagnostics of the sample project, with code, range, severity, source and codeDescription',
    async () => {
      const expected = sortDiagnostics(JSON.parse(fs.readFileSync(path.join(SAMPLE, 'expected-diagnostics.json'), 'utf8')));
      const uris = [];
      for (const file of xmlFiles(SAMPLE)) {
        const uri = uriIn(SAMPLE, file);
        await show(uri);
        uris.push([file, uri]);
      }
      const collect = () => {
        const out = [];
        for (const [file, uri] of uris) {
          for (const d of iulint(uri)) {
            out.push({
              rule: codeOf(d),
              file,
              range: {
                start: { line: d.range.start.line, character: d.range.start.character },
                end: { line: d.range.end.line, character: d.range.end.character },
              },
              severity: SEVERITY[d.severity],
            });
          }
        }
        return sortDiagnostics(out);
      };
      try {
        await waitFor(`${expected.length} diagnostics`, () => collect().length >= expected.length);
      } catch (e) {
        const api = vscode.extensions.getExtension(EXTENSION_ID).exports;
        const direct = await api.client
          .sendRequest('textDocument/diagnostic', { textDocument: { uri: uris[uris.length - 1][1].toString() } })
          .catch((x) => String(x));
        throw new Error(
          `${e.message}; client state ${api.client.state}; got ${JSON.stringify(collect())}; all: ${JSON.stringify(vscode.languages.getDiagnostics().map(([u, d]) => [u.toString(), d.length]))}; direct pull: ${JSON.stringify(direct).slice(0, 500)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 500)); // any extra diagnostic would show by now
      assert.deepEqual(collect(), expected);
      for (const [, uri] of uris) {
        for (const d of iulint(uri)) {
          assert.equal(typeof d.code, 'object', 'the code carries a link to the rule page');
          assert.equal(d.code.target.toString(), `${DOCS}${d.code.value}.md`);
        }
      }
    },
  ],
  [
    'updates diagnostics as the document is edited, without saving',
    async () => {
      const uri = uriIn(SAMPLE, 'force-app/main/default/dashboards/Ops_Dashboards/Pipeline.dashboard-meta.xml');
      const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
      await replaceInDocument(uri, 'sales.ops@acme.example.com', 'cloud@00d5e000000abcdeaa');
      const diags = await waitFor('a piu-no-run-as diagnostic', () => (iulint(uri).length > 0 ? iulint(uri) : undefined));
      assert.deepEqual(diags.map(codeOf), ['piu-no-run-as']);
      assert.equal(diags[0].range.start.line, 6);
      await replaceInDocument(uri, 'cloud@00d5e000000abcdeaa', 'sales.ops@acme.example.com');
      await waitFor('the diagnostic to clear', () => iulint(uri).length === 0);
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk, 'the file on disk is never touched');
    },
  ],
  [
    'a quick fix is offered, applies, and the diagnostic goes away',
    async () => {
      const uri = uriIn(CATALOGUE, 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml');
      const doc = await show(uri);
      const diag = await waitFor('piu-session-based', () => iulint(uri).find((d) => codeOf(d) === 'piu-session-based'));
      const actions = await vscode.commands.executeCommand(
        'vscode.executeCodeActionProvider',
        uri,
        diag.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Disable piu-session-based for this line'), titles.join(', '));
      const fix = actions.find((a) => a.title === 'Make it session-based (hasActivationRequired true)');
      assert.ok(fix?.edit, titles.join(', '));
      assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
      await waitFor('the piu-session-based diagnostic to go', () => !codes(uri).includes('piu-session-based'));
      assert.match(doc.getText(), /<hasActivationRequired>true<\/hasActivationRequired>/);
    },
  ],
  [
    'hover explains who a user is and where its licence comes from',
    async () => {
      const uri = uriIn(CATALOGUE, 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml');
      await show(uri);
      await waitFor('the dashboard to be linted', () => codes(uri).includes('unknown-user'));
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(6, 22));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /`Dashboard\.runningUser` is a run-as element/);
      assert.match(text, /\*\*former\.lead@acme\.example\.com\*\* is an ordinary user/);
      assert.match(text, /Licence: \*\*Salesforce\*\*, from the org snapshot/);
    },
  ],
  [
    'a cross-file change refreshes a dependent file: a profile licence edit reaches an open user definition',
    async () => {
      const user = uriIn(CATALOGUE, 'config/erp-user-def.json');
      await show(user);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(codes(user), []);
      const profile = uriIn(CATALOGUE, 'force-app/main/default/profiles/ERP Integration.profile-meta.xml');
      await replaceInDocument(profile, '<userLicense>Salesforce Integration</userLicense>', '<userLicense>Salesforce</userLicense>');
      await waitFor('integration-user-license on the user definition', () => codes(user).includes('integration-user-license'));
      await replaceInDocument(profile, '<userLicense>Salesforce</userLicense>', '<userLicense>Salesforce Integration</userLicense>');
      await waitFor('the user definition to be clean again', () => codes(user).length === 0);
    },
  ],
  [
    'with iulint.scope "openFiles", files that are not open wait for Lint Workspace; Clear Problems empties the panel',
    async () => {
      const script = uriIn(CATALOGUE, 'scripts/setup-org.sh');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === script.fsPath), 'the script is not open');
      await waitFor('diagnostics on the unopened script', () => codes(script).length === 2);
      const config = vscode.workspace.getConfiguration('iulint', vscode.workspace.workspaceFolders[1].uri);
      await config.update('scope', 'openFiles', vscode.ConfigurationTarget.WorkspaceFolder);
      await waitFor('the unopened script to be cleared', () => codes(script).length === 0);
      await vscode.commands.executeCommand('iulint.lintWorkspace');
      await waitFor('diagnostics on the unopened script', () => codes(script).length === 2);
      assert.deepEqual(codes(script), ['piu-no-edit', 'piu-no-login']);
      await vscode.commands.executeCommand('iulint.clearProblems');
      await waitFor('the unopened script to be cleared', () => codes(script).length === 0);
      await config.update('scope', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await waitFor('the unopened script’s findings to come back (scope "workspace")', () => codes(script).length === 2);
    },
  ],
  [
    'a configuration error goes when iulint.config.json is fixed on disk with no editor open on it',
    async () => {
      const file = path.join(SAMPLE, 'iulint.config.json');
      fs.writeFileSync(file, '{\n  "rules": {}\n}\n');
      const uri = vscode.Uri.file(file);
      // As a user does: open it, break it, save, close the editor.
      const doc = await replaceInDocument(uri, '"rules": {}', '"rules": { "no-such-rule": "error" }');
      assert.equal(await doc.save(), true);
      await waitFor('the config diagnostic', () => codes(uri).includes('config'));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await waitFor('the editor to close', () => !vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === file));
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(codes(uri), ['config'], 'the closed file keeps its error');
      // Fixed from a terminal.
      fs.writeFileSync(file, '{\n  "rules": {}\n}\n');
      try {
        await waitFor('the config diagnostic to go', () => codes(uri).length === 0, 30000);
      } catch (e) {
        const api = vscode.extensions.getExtension(EXTENSION_ID).exports;
        const direct = await api.client
          .sendRequest('textDocument/diagnostic', { textDocument: { uri: uri.toString() } })
          .catch((x) => String(x));
        const docs = vscode.workspace.textDocuments.filter((d) => d.uri.fsPath === file).map((d) => [d.isClosed, d.isDirty, d.getText()]);
        throw new Error(`${e.message}; server: ${JSON.stringify(direct).slice(0, 1500)}; docs ${JSON.stringify(docs)}`);
      }
    },
  ],
  [
    'the lightbulb: "Show documentation for <rule>" runs the server’s command; "Remove unused suppression" removes the comment',
    async () => {
      const connector = uriIn(CATALOGUE, 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml');
      await show(connector);
      // (An earlier test fixed piu-session-based in this unsaved buffer: piu-consent-scope is still there.)
      const diag = await waitFor('piu-consent-scope', () => iulint(connector).find((d) => codeOf(d) === 'piu-consent-scope'));
      const actions = await vscode.commands.executeCommand(
        'vscode.executeCodeActionProvider',
        connector,
        diag.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const docs = actions.find((a) => a.title === 'Show documentation for piu-consent-scope');
      assert.ok(docs?.command, actions.map((a) => a.title).join(', '));
      assert.equal(docs.command.command, 'iulint.showRuleDocumentation');
      const shown = await vscode.commands.executeCommand(docs.command.command, ...(docs.command.arguments || []));
      assert.equal(shown.url, `${DOCS}piu-consent-scope.md`);
      assert.equal(typeof shown.shown, 'boolean');

      const dashboard = uriIn(CATALOGUE, 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml');
      const original = fs.readFileSync(dashboard.fsPath, 'utf8');
      const doc = await replaceInDocument(
        dashboard,
        '    <textColor>',
        '    <!-- iulint-disable-next-line piu-no-run-as -->\n    <textColor>',
      );
      const unused = await waitFor('unused-disable', () => iulint(dashboard).find((d) => codeOf(d) === 'unused-disable'));
      const fixes = await vscode.commands.executeCommand(
        'vscode.executeCodeActionProvider',
        dashboard,
        unused.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const remove = fixes.find((a) => a.title === 'Remove unused suppression');
      assert.ok(remove?.edit, fixes.map((a) => a.title).join(', '));
      assert.ok(!fixes.some((a) => /^Disable unused-disable/.test(a.title)), 'no comment that disables unused-disable');
      assert.equal(await vscode.workspace.applyEdit(remove.edit), true);
      await waitFor('unused-disable to go', () => !codes(dashboard).includes('unused-disable'));
      assert.equal(doc.getText(), original);
    },
  ],
  [
    'a setting change takes effect without a restart (iulint.rules.customizations)',
    async () => {
      const uri = uriIn(CATALOGUE, 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml');
      await show(uri);
      await waitFor('piu-consent-scope', () => codes(uri).includes('piu-consent-scope'));
      const folder = vscode.workspace.workspaceFolders[1];
      const config = vscode.workspace.getConfiguration('iulint', folder.uri);
      await config.update(
        'rules.customizations',
        [{ rule: 'piu-consent-scope', severity: 'off' }],
        vscode.ConfigurationTarget.WorkspaceFolder,
      );
      await waitFor('piu-consent-scope to be switched off', () => !codes(uri).includes('piu-consent-scope'));
      await config.update('rules.customizations', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await waitFor('piu-consent-scope to come back', () => codes(uri).includes('piu-consent-scope'));
    },
  ],
  [
    'iulint.config.json is validated against its JSON schema, and iulint reports its problems',
    async () => {
      const file = path.join(CATALOGUE, 'iulint.config.json');
      const uri = vscode.Uri.file(file);
      const doc = await show(uri);
      await replaceInDocument(uri, '"orgSnapshot"', '"colour": true,\n  "orgSnapshot"');
      const json = await waitFor('a JSON schema diagnostic', () =>
        vscode.languages.getDiagnostics(uri).find((d) => d.source !== 'iulint' && /colour/.test(d.message)),
      );
      assert.match(json.message, /not allowed/i);
      const ours = await waitFor('iulint config diagnostic', () => iulint(uri).find((d) => codeOf(d) === 'config'));
      assert.match(ours.message, /Unknown setting "colour"/);
      void doc;
    },
  ],
  [
    'Open Rule Documentation resolves the rule under the cursor and asks VS Code to open its page',
    async () => {
      const uri = uriIn(CATALOGUE, 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml');
      await show(uri);
      const diag = await waitFor('piu-consent-scope', () => iulint(uri).find((d) => codeOf(d) === 'piu-consent-scope'));
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), uri.toString());
      editor.selection = new vscode.Selection(diag.range.start.translate(0, 1), diag.range.start.translate(0, 1));
      // No argument: the rule is the one of the diagnostic under the cursor, as from the command palette.
      const result = await vscode.commands.executeCommand('iulint.openRuleDocumentation');
      // VS Code answers whether it opened the page (the test workbench answers false: it opens no external site).
      assert.equal(typeof result?.opened, 'boolean');
      assert.deepEqual(result, { ruleId: 'piu-consent-scope', url: `${DOCS}piu-consent-scope.md`, opened: result.opened });
      // The page is there: docs/rules/<id>.md of this repository.
      assert.ok(fs.existsSync(path.join(FIXTURES, '..', '..', '..', 'docs', 'rules', 'piu-consent-scope.md')));
    },
  ],
  [
    'Restart Server starts a new server process; Show Output opens the output channel',
    async () => {
      const api = vscode.extensions.getExtension(EXTENSION_ID).exports;
      const before = await api.client.sendRequest('iulint/serverInfo');
      await vscode.commands.executeCommand('iulint.restartServer');
      const after = await newServer(api, before);
      assert.notEqual(after.pid, before.pid);
      assert.equal(api.restarts(), 0, 'a restart on request is not a crash');
      const outputs = () => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'output' && /iulint/.test(d.uri.toString()));
      assert.deepEqual(outputs(), [], 'the output channel is not shown before');
      await vscode.commands.executeCommand('iulint.showOutput');
      await waitFor('the iulint output channel to be shown', () => outputs().length === 1);
    },
  ],
  [
    'a killed server is restarted, diagnostics come back, and the user is told once',
    async () => {
      const api = vscode.extensions.getExtension(EXTENSION_ID).exports;
      const uri = uriIn(SAMPLE, 'force-app/main/default/dashboards/Ops_Dashboards/Order_Health.dashboard-meta.xml');
      await show(uri);
      await waitFor('the dashboard diagnostic', () => codes(uri).includes('piu-no-run-as'));
      const before = await api.client.sendRequest('iulint/serverInfo');
      process.kill(before.pid, 'SIGKILL');
      await waitFor('a restart', () => api.restarts() === 1);
      const after = await newServer(api, before);
      assert.notEqual(after.pid, before.pid);
      await waitFor('diagnostics from the new server', () => codes(uri).includes('piu-no-run-as'));
      assert.equal(api.restarts(), 1);
    },
  ],
];

exports.run = async function run() {
  // IULINT_SUITE_GREP runs only the tests whose name holds it (and the activation test): for work on one test.
  const grep = process.env.IULINT_SUITE_GREP;
  await harness.runTests(
    tests.filter(([n], i) => !grep || i === 0 || n.includes(grep)),
    'extension tests',
  );
};
