import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { findExecutable, skipUnless } from './editors.js';
import { BIN, runCli } from './helpers.js';
import type { CliFinding } from './spelling.js';

const EMACS = findExecutable('emacs');
const SCRIPT = fileURLToPath(new URL('./emacs/eglot-quickfix.el', import.meta.url));
const ROOT_SCRIPT = fileURLToPath(new URL('./emacs/eglot-root.el', import.meta.url));
const LSP_MODE_SCRIPT = fileURLToPath(new URL('./emacs/lsp-mode.el', import.meta.url));
const ELPA = '/usr/share/emacs/site-lisp/elpa';
/** Debian's elpa-lsp-mode (8.0.0 in Debian 12). */
const LSP_MODE = (() => {
  try {
    return readdirSync(ELPA).some((d) => d.startsWith('lsp-mode-'));
  } catch {
    return false;
  }
})();

/** A copy of the catalogue project, as a user has it: no .git. */
function catalogue(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'iulint-emacs-')), 'catalogue');
  cpSync(projectPath('catalogue'), root, { recursive: true });
  return root;
}

function runEmacs(script: string, env: Record<string, string>) {
  const home = mkdtempSync(join(tmpdir(), 'iulint-emacs-home-'));
  mkdirSync(home, { recursive: true });
  return spawnSync(EMACS as string, ['--batch', '-Q', '-l', script], {
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, HOME: home, IULINT_BIN: BIN, ...env },
  });
}

/** A fresh CLI run's findings: file → sorted "rule@line" (0-based lines, as LSP's). */
function cliByFile(root: string): Map<string, string[]> {
  const findings = (JSON.parse(runCli(['check', root, '--format', 'json']).stdout) as { findings: CliFinding[] }).findings;
  const out = new Map<string, string[]>();
  for (const f of findings) out.set(f.file, [...(out.get(f.file) ?? []), `${f.ruleId}@${f.line - 1}`].sort());
  return out;
}
const FILE = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml';
const FLYMAKE_TYPE: Record<string, string> = { 'eglot-error': 'error', 'eglot-warning': 'warning', 'eglot-note': 'info' };

describe('Emacs with eglot (real editor, batch mode)', () => {
  it.skipIf(skipUnless(Boolean(EMACS), 'the Emacs test: emacs is not installed', 'apt-get install emacs-nox elpa-eglot'))(
    'shows the expected diagnostics and applies a quick fix',
    () => {
      const root = join(mkdtempSync(join(tmpdir(), 'iulint-emacs-')), 'catalogue');
      cpSync(projectPath('catalogue'), root, { recursive: true });
      const r = spawnSync(EMACS as string, ['--batch', '-Q', '-l', SCRIPT], {
        encoding: 'utf8',
        timeout: 90_000,
        env: { ...process.env, HOME: root, IULINT_BIN: BIN, IULINT_ROOT: root, IULINT_FILE: FILE, IULINT_RULE: 'piu-session-based' },
      });
      const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
      expect(line, `emacs printed no result; status ${r.status}; stderr: ${r.stderr.slice(-2000)}`).toBeDefined();
      const result = JSON.parse(line as string);
      expect(result.client).toMatch(/^emacs \d+.* \+ eglot /);
      const expected = loadExpected('catalogue')
        .filter((e) => e.file === FILE)
        .map((e) => ({ rule: e.rule, range: e.range, severity: e.severity }));
      const actual = result.before
        .map((d: { code: string; line: number; character: number; endLine: number; endCharacter: number; type: string }) => ({
          rule: d.code,
          range: { start: { line: d.line, character: d.character }, end: { line: d.endLine, character: d.endCharacter } },
          severity: FLYMAKE_TYPE[d.type],
        }))
        .sort(
          (a: { range: { start: { line: number } } }, b: { range: { start: { line: number } } }) => a.range.start.line - b.range.start.line,
        );
      expect(actual).toEqual(expected);
      expect(result).toMatchObject({
        ok: true,
        title: 'Make it session-based (hasActivationRequired true)',
        lineBefore: '    <hasActivationRequired>false</hasActivationRequired>',
        lineAfter: '    <hasActivationRequired>true</hasActivationRequired>',
      });
    },
  );

  it.skipIf(skipUnless(Boolean(EMACS), 'the Emacs root test: emacs is not installed', 'apt-get install emacs-nox elpa-eglot'))(
    'rooted by eglot itself at the opened file’s folder (no .git): the server finds the project and reports the cross-file finding',
    () => {
      const root = catalogue();
      const file = 'force-app/main/default/permissionsets/Legacy_Full_Access.permissionset-meta.xml';
      const r = runEmacs(ROOT_SCRIPT, { IULINT_ROOT: root, IULINT_FILE: file, IULINT_RULE: 'integration-permission-set-license' });
      const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
      expect(line, `emacs printed no result; status ${r.status}; stderr: ${r.stderr.slice(-2000)}`).toBeDefined();
      const result = JSON.parse(line as string);
      // eglot chose the file's folder (what a project without version control gets)...
      expect(result.eglotRoot).toBe(`${join(root, 'force-app/main/default/permissionsets')}/`);
      // ...and the file still gets the CLI's findings, one of which needs config/erp-user-def.json.
      const actual = (result.diagnostics as Array<{ code: string; line: number }>).map((d) => `${d.code}@${d.line}`).sort();
      expect(actual).toEqual(cliByFile(root).get(file));
      expect(result.ok).toBe(true);
    },
  );
});

describe('Emacs with lsp-mode (real editor, batch mode)', () => {
  it.skipIf(
    skipUnless(
      Boolean(EMACS) && LSP_MODE,
      'the lsp-mode test: emacs or elpa-lsp-mode is not installed',
      'apt-get install emacs-nox elpa-lsp-mode',
    ),
  )('lists every file’s findings in lsp-mode’s project-wide store with one file opened, and raises no warning', () => {
    const root = catalogue();
    const expected = cliByFile(root);
    const r = runEmacs(LSP_MODE_SCRIPT, {
      IULINT_ROOT: root,
      IULINT_FILE: 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml',
      IULINT_EXPECTED_FILES: String(expected.size),
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    expect(line, `emacs printed no result; status ${r.status}; stderr: ${r.stderr.slice(-2000)}`).toBeDefined();
    const result = JSON.parse(line as string);
    expect(result.client).toMatch(/^emacs \d+.* \+ lsp-mode /);
    const actual = new Map(
      (result.files as Array<{ file: string; diagnostics: Array<{ code: string; line: number }> }>).map((f) => [
        relative(root, f.file),
        f.diagnostics.map((d) => `${d.code}@${d.line}`).sort(),
      ]),
    );
    expect(new Map([...actual].sort())).toEqual(new Map([...expected].sort()));
    // No "Unknown notification" (lsp-mode warns for every notification it does not know), nor any other.
    expect(result.warnings).toBe('');
    expect(r.stderr).not.toMatch(/Warning \(lsp-mode\)/);
    expect(result.ok).toBe(true);
  });
});
