import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExpectedDiagnostic } from '@iulint/fixtures';

/** The bundled CLI and server, exactly as shipped (`npm run build` makes it). */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'iulint.cjs');

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" first`);

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = process.cwd()): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The XML files of a project, relative to it, sorted. */
export function xmlFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/-meta\.xml$/.test(e.name)) out.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

const SEVERITY_NAMES: Record<number, ExpectedDiagnostic['severity']> = { 1: 'error', 2: 'warning', 3: 'info' };

/** An LSP severity number (also Neovim's) as the expected-diagnostics name. */
export function severityName(n: number | undefined): ExpectedDiagnostic['severity'] {
  const name = n === undefined ? undefined : SEVERITY_NAMES[n];
  if (!name) throw new Error(`unexpected severity ${n}`);
  return name;
}

/** The smallest `sfdx-project.json`: one package directory, `force-app`. */
export const SFDX_PROJECT = '{"packageDirectories":[{"path":"force-app","default":true}]}';

/** A new folder under the system's temporary one (named `<prefix>XXXXXX`) holding these files, by relative path. */
export function writeFiles(prefix: string, files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), content);
  }
  return root;
}
