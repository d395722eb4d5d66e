import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { findExecutable, skipUnless, xmlProblem } from './editors.js';
import { BIN, runCli } from './helpers.js';
import type { CliFinding } from './spelling.js';

const VIM = findExecutable('vim');
const VIMRC = fileURLToPath(new URL('./vim/vimrc', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./vim/ale-test.vim', import.meta.url));
const SOURCE = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml';
// The same permission set in Metadata API format: a name Vim gives no filetype of its own.
const FILE = 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset';
// Apex, which Vim calls Smalltalk (st).
const OTHER = 'force-app/main/default/classes/ConnectorTest.cls';
const FIX = 'Make it session-based (hasActivationRequired true)';
const ALE_TYPE: Record<string, string> = { E: 'error', W: 'warning', I: 'info' };

interface AleItem {
  code: string;
  type: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  text: string;
}

/** ALE's loclist items in the CLI's JSON shape: ALE's end column is the last character, the CLI's the one after. */
const fromAle = (items: AleItem[]) =>
  items.map((d) => ({
    ruleId: d.code,
    severity: ALE_TYPE[d.type],
    message: d.text,
    line: d.lnum,
    column: d.col,
    endLine: d.end_lnum,
    endColumn: d.end_col + 1,
  }));
/** A fresh CLI run's findings for one file of the project. */
function cliFindings(root: string, file: string) {
  const r = runCli(['check', root, '--format', 'json']);
  expect(r.status, r.stderr).toBe(1);
  return (JSON.parse(r.stdout).findings as CliFinding[])
    .filter((f) => f.file === file)
    .map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
    }));
}
/** A copy of the catalogue project with the permission set in Metadata API format. */
function project(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'iulint-vim-')), 'catalogue');
  cpSync(projectPath('catalogue'), root, { recursive: true });
  renameSync(join(root, SOURCE), join(root, FILE));
  return root;
}

describe('Vim with ALE (real editor, Ex mode)', () => {
  it.skipIf(skipUnless(Boolean(VIM), 'the Vim test: vim is not installed', 'apt-get install vim vim-ale'))(
    'shows the CLI’s diagnostics and applies a quick fix',
    () => {
      expect(VIM, 'vim must be installed (apt-get install vim vim-ale)').toBeDefined();
      const root = project();
      const expectedFile = cliFindings(root, FILE);
      const expectedOther = cliFindings(root, OTHER);
      expect(expectedFile.map((f) => f.ruleId)).toContain('piu-session-based');
      expect(expectedOther.length).toBeGreaterThan(0);
      const before = readFileSync(join(root, FILE), 'utf8');

      const home = mkdtempSync(join(tmpdir(), 'iulint-vim-home-'));
      const out = join(home, 'result.json');
      const r = spawnSync(VIM as string, ['-N', '-u', VIMRC, '-i', 'NONE', '-es', '-S', SCRIPT], {
        encoding: 'utf8',
        timeout: 90_000,
        input: '',
        env: {
          ...process.env,
          HOME: home,
          IULINT_BIN: BIN,
          IULINT_FILE: join(root, FILE),
          IULINT_FILE_COUNT: String(expectedFile.length),
          IULINT_OTHER: join(root, OTHER),
          IULINT_OTHER_COUNT: String(expectedOther.length),
          IULINT_RULE: 'piu-session-based',
          IULINT_FIX: FIX,
          IULINT_OUT: out,
        },
      });
      let text: string | undefined;
      try {
        text = readFileSync(out, 'utf8');
      } catch {
        text = undefined;
      }
      expect(text, `vim wrote no result; status ${r.status}; stderr: ${r.stderr.slice(-2000)}`).toBeDefined();
      const result = JSON.parse(text as string);
      expect(result.client).toMatch(/^vim \d+\.\d+ \+ ale /);
      expect(result.filetype).toBe('xml');
      expect(result.other_filetype).toBe('apex');
      expect(fromAle(result.before)).toEqual(expectedFile);
      expect(fromAle(result.other)).toEqual(expectedOther);
      expect(result.title).toBe(FIX);
      expect(result.ok).toBe(true);

      // The file as Vim wrote it: exactly the CLI's fix, still well-formed, and its finding gone.
      const after = readFileSync(join(root, FILE), 'utf8');
      expect(after).not.toBe(before);
      expect(after).toBe(
        before.replace('<hasActivationRequired>false</hasActivationRequired>', '<hasActivationRequired>true</hasActivationRequired>'),
      );
      expect(xmlProblem(after)).toBeUndefined();
      const fixed = project();
      const f = runCli(['check', join(fixed, FILE), '--fix']);
      expect(f.stderr).toContain('fixed 1 problem');
      expect(after).toBe(readFileSync(join(fixed, FILE), 'utf8'));
      expect(fromAle(result.after)).toEqual(cliFindings(root, FILE));
      expect(cliFindings(root, FILE).map((x) => x.ruleId)).not.toContain('piu-session-based');
    },
  );
});
