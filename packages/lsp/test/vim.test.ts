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
// Apex, which Vim calls Smalltalk (st); a user definition (json) and a CI workflow (yaml), for which ALE
// runs only the linters g:ale_linters names.
const OTHERS: Array<[string, string]> = [
  ['force-app/main/default/classes/ConnectorTest.cls', 'apex'],
  ['config/boomi-user-def.json', 'json'],
  ['.github/workflows/deploy.yml', 'yaml'],
];
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
    'shows the CLI’s diagnostics (XML, Apex, JSON, YAML) and applies a quick fix asked for on the finding’s line',
    () => {
      expect(VIM, 'vim must be installed (apt-get install vim vim-ale)').toBeDefined();
      const root = project();
      const expectedFile = cliFindings(root, FILE);
      const expectedOthers = OTHERS.map(([file]) => cliFindings(root, file));
      expect(expectedFile.map((f) => f.ruleId)).toContain('piu-session-based');
      for (const e of expectedOthers) expect(e.length).toBeGreaterThan(0);
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
          IULINT_OTHERS: OTHERS.map(([file], i) => `${join(root, file)}|${expectedOthers[i]?.length}`).join('\n'),
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
      expect(fromAle(result.before)).toEqual(expectedFile);
      // :ALECodeAction with the cursor on the finding's line, inside the element's name (not its value):
      // the fix is offered (with the rule's documentation), and applied.
      const target = expectedFile.find((f) => f.ruleId === 'piu-session-based');
      expect(result.cursor[0]).toBe(target?.line);
      expect(result.cursor[1]).toBeLessThan(target?.column as number);
      expect(result.titles).toContain(FIX);
      expect(result.title).toBe(FIX);
      // Each other file has its filetype and the CLI's findings.
      expect(result.others.map((o: { filetype: string }) => o.filetype)).toEqual(OTHERS.map(([, ft]) => ft));
      for (const [i, o] of (result.others as Array<{ diagnostics: AleItem[] }>).entries())
        expect(fromAle(o.diagnostics), OTHERS[i]?.[0]).toEqual(expectedOthers[i]);
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
