import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExpected, projectPath, sortDiagnostics } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { findExecutable, skipUnless } from './editors.js';
import { BIN, runCli, severityName, xmlFiles } from './helpers.js';
import type { CliFinding } from './spelling.js';

const NVIM = findExecutable('nvim');
const SCRIPT = fileURLToPath(new URL('./nvim/diagnostics.lua', import.meta.url));
const FIX_SCRIPT = fileURLToPath(new URL('./nvim/quickfix.lua', import.meta.url));
const WORKSPACE_SCRIPT = fileURLToPath(new URL('./nvim/workspace.lua', import.meta.url));
const SAMPLE = projectPath('sample');

describe('Neovim (real editor, headless, built-in LSP client)', () => {
  it.skipIf(skipUnless(Boolean(NVIM), 'the Neovim test: nvim is not installed', 'apt-get install neovim'))(
    'shows exactly the expected diagnostics for the sample project',
    () => {
      expect(NVIM, 'nvim must be installed (apt-get install neovim)').toBeDefined();
      const expected = loadExpected('sample');
      const r = runNvim(SCRIPT, {
        IULINT_ROOT: SAMPLE,
        IULINT_FILES: xmlFiles(SAMPLE).join('\n'),
        IULINT_EXPECTED_COUNT: String(expected.length),
      });
      const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
      expect(line, `nvim printed no result; status ${r.status}; stderr: ${r.stderr}`).toBeDefined();
      const result = JSON.parse(line as string);
      expect(result.client).toMatch(/^neovim \d+\.\d+/);
      for (const d of result.diagnostics) {
        expect(d.source).toBe('iulint');
      }
      // Neovim's columns are bytes; the sample project is ASCII, so they equal LSP's UTF-16 characters.
      const actual = result.diagnostics.map(
        (d: { file: string; code: string; lnum: number; col: number; end_lnum: number; end_col: number; severity: number }) => ({
          rule: d.code,
          file: d.file,
          range: { start: { line: d.lnum, character: d.col }, end: { line: d.end_lnum, character: d.end_col } },
          severity: severityName(d.severity),
        }),
      );
      expect(sortDiagnostics(actual)).toEqual(expected);
      expect(result.ok).toBe(true);
    },
  );

  it.skipIf(skipUnless(Boolean(NVIM), 'the Neovim quick-fix test: nvim is not installed', 'apt-get install neovim'))(
    'applies a quick fix and the diagnostic goes away',
    () => {
      const root = join(mkdtempSync(join(tmpdir(), 'iulint-nvim-fix-')), 'catalogue');
      cpSync(projectPath('catalogue'), root, { recursive: true });
      const r = runNvim(FIX_SCRIPT, {
        IULINT_ROOT: root,
        IULINT_FILE: 'force-app/main/default/permissionsets/Data_Cloud_Connector.permissionset-meta.xml',
        IULINT_RULE: 'piu-session-based',
      });
      const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
      expect(line, `nvim printed no result; status ${r.status}; stderr: ${r.stderr}`).toBeDefined();
      const result = JSON.parse(line as string);
      expect(result).toMatchObject({
        ok: true,
        title: 'Make it session-based (hasActivationRequired true)',
        before: '    <hasActivationRequired>false</hasActivationRequired>',
        after: '    <hasActivationRequired>true</hasActivationRequired>',
      });
    },
  );

  it.skipIf(skipUnless(Boolean(NVIM), 'the Neovim workspace test: nvim is not installed', 'apt-get install neovim'))(
    'lists every file’s findings in the quickfix list (vim.diagnostic.setqflist) with one file opened and no command',
    () => {
      const root = join(mkdtempSync(join(tmpdir(), 'iulint-nvim-ws-')), 'catalogue');
      cpSync(projectPath('catalogue'), root, { recursive: true });
      const cli = runCli(['check', root, '--format', 'json']);
      const findings = (JSON.parse(cli.stdout) as { findings: CliFinding[] }).findings;
      const files = new Set(findings.map((f) => f.file));
      expect(files.size).toBeGreaterThan(15);
      const r = runNvim(WORKSPACE_SCRIPT, {
        IULINT_ROOT: root,
        IULINT_FILE: 'force-app/main/default/dashboards/Ops/Escalations.dashboard-meta.xml',
        IULINT_EXPECTED_FILES: String(files.size),
      });
      const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
      expect(line, `nvim printed no result; status ${r.status}; stderr: ${r.stderr}`).toBeDefined();
      const result = JSON.parse(line as string);
      expect(result.ok).toBe(true);
      // The quickfix list is the CLI's findings (the catalogue is ASCII: Neovim's byte columns are characters).
      const fromList = (result.quickfix as Array<{ file: string; lnum: number; col: number; text: string; type: string }>)
        .map((q) => `${relative(root, q.file)}:${q.lnum}:${q.col} ${q.type} ${q.text}`)
        .sort();
      const TYPE: Record<string, string> = { error: 'E', warning: 'W', info: 'I' };
      const fromCli = findings.map((f) => `${f.file}:${f.line}:${f.column} ${TYPE[f.severity]} ${f.message}`).sort();
      expect(fromList).toEqual(fromCli);
    },
  );
});

/** Runs a Lua script in headless Neovim with a home of its own; returns its output. */
function runNvim(script: string, env: Record<string, string>) {
  const home = mkdtempSync(join(tmpdir(), 'iulint-nvim-'));
  return spawnSync(NVIM as string, ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${script}`], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_DATA_HOME: join(home, 'data'),
      XDG_STATE_HOME: join(home, 'state'),
      XDG_CACHE_HOME: join(home, 'cache'),
      IULINT_BIN: BIN,
      ...env,
    },
  });
}
