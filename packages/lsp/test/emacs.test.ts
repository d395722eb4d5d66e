import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { findExecutable, skipUnless } from './editors.js';
import { BIN } from './helpers.js';

const EMACS = findExecutable('emacs');
const SCRIPT = fileURLToPath(new URL('./emacs/eglot-quickfix.el', import.meta.url));
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
});
