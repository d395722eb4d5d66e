// Extension-host test suite: runs inside a real VS Code (the VS Code server in code-server, or VS Code
// through @vscode/test-electron) against the real `vscode` API. Contract of test-electron:
// `run()` resolves when every test passed and rejects otherwise. Each test's result is also written
// to IULINT_SUITE_RESULTS (JSON), so the runner can print pass, fail and skip counts.
'use strict';
const vscode = require('vscode');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const EXTENSION_ID = 'iulint.iulint-vscode';
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'projects');
const SAMPLE = path.join(FIXTURES, 'sample');
const SEVERITY = ['error', 'warning', 'info', 'hint'];

function log(message) {
  console.log(`[suite] ${message}`);
}

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
async function waitFor(what, check, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function iulintDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'iulint');
}

const tests = [
  [
    'the extension activates in a Salesforce project',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
      await ext.activate();
      assert.equal(ext.isActive, true);
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'no workspace folder is open');
      assert.equal(fs.realpathSync(folder.uri.fsPath), fs.realpathSync(SAMPLE));
    },
  ],
  [
    'shows exactly the expected diagnostics of the sample project, with rule id as code and iulint as source',
    async () => {
      const expected = sortDiagnostics(JSON.parse(fs.readFileSync(path.join(SAMPLE, 'expected-diagnostics.json'), 'utf8')));
      const files = xmlFiles(SAMPLE);
      const uris = [];
      for (const file of files) {
        const uri = vscode.Uri.file(path.join(SAMPLE, file));
        await vscode.workspace.openTextDocument(uri);
        uris.push([file, uri]);
      }
      const collect = () => {
        const out = [];
        for (const [file, uri] of uris) {
          for (const d of iulintDiagnostics(uri)) {
            const code = typeof d.code === 'object' ? d.code.value : d.code;
            out.push({
              rule: String(code),
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
      await waitFor(`${expected.length} diagnostics`, () => collect().length >= expected.length);
      await new Promise((r) => setTimeout(r, 500)); // any extra diagnostic would show by now
      assert.deepEqual(collect(), expected);
      const [firstFile] = expected.map((e) => e.file);
      const d = iulintDiagnostics(vscode.Uri.file(path.join(SAMPLE, firstFile)))[0];
      assert.equal(typeof d.code, 'object', 'the code carries a link to the rule page');
      assert.equal(d.code.target.toString(), `https://github.com/iulint/iulint/blob/main/docs/rules/${d.code.value}.md`);
    },
  ],
  [
    'updates diagnostics as the document is edited, without saving',
    async () => {
      const uri = vscode.Uri.file(path.join(SAMPLE, 'force-app/main/default/dashboards/Ops_Dashboards/Pipeline.dashboard-meta.xml'));
      const doc = await vscode.workspace.openTextDocument(uri);
      const text = doc.getText();
      const at = text.indexOf('sales.ops@acme.example.com');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(
        uri,
        new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'sales.ops@acme.example.com'.length)),
        'cloud@00d5e000000abcdeaa',
      );
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      const diags = await waitFor('a piu-no-run-as diagnostic', () => {
        const d = iulintDiagnostics(uri);
        return d.length > 0 ? d : undefined;
      });
      assert.equal(diags.length, 1);
      assert.equal(diags[0].code.value, 'piu-no-run-as');
      assert.equal(diags[0].range.start.line, 6);
      // Edit back, without saving: the diagnostic goes away and the file on disk was never touched.
      const undo = new vscode.WorkspaceEdit();
      const current = doc.getText();
      const pos = current.indexOf('cloud@00d5e000000abcdeaa');
      undo.replace(
        uri,
        new vscode.Range(doc.positionAt(pos), doc.positionAt(pos + 'cloud@00d5e000000abcdeaa'.length)),
        'sales.ops@acme.example.com',
      );
      await vscode.workspace.applyEdit(undo);
      await waitFor('the diagnostic to clear', () => iulintDiagnostics(uri).length === 0);
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), text);
    },
  ],
];

exports.run = async function run() {
  const results = [];
  for (const [name, fn] of tests) {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - t0 });
      log(`PASS ${name}`);
    } catch (e) {
      results.push({ name, ok: false, ms: Date.now() - t0, error: String(e?.stack || e) });
      log(`FAIL ${name}: ${e?.stack || e}`);
    }
  }
  const out = process.env.IULINT_SUITE_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0) throw new Error(`${failed} of ${results.length} extension tests failed`);
};
