import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped iulint CLI bundle (`npm run build` in packages/lsp makes it). */
export const IULINT_BIN = fileURLToPath(new URL('../../lsp/dist/iulint.cjs', import.meta.url));
/** The machine's Node, which runs iulint (the plugin's tests themselves run on Node 22). */
export const HOST_NODE = process.env.IULINT_HOST_NODE ?? 'node';

if (!existsSync(IULINT_BIN)) throw new Error(`${IULINT_BIN} is missing: run "npx turbo run build" first`);

/** Runs `iulint <args>` as a user would; never throws. */
export function iulint(args: string[], env: Record<string, string> = {}) {
  return spawnSync(HOST_NODE, [IULINT_BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}

/**
 * `iulint check <project> --org-snapshot <dir> --format json`: each finding as "rule file", sorted; a
 * file of the snapshot is named `<snapshot>/User.json`, wherever the folder is.
 */
export function checkFindings(project: string, snapshotDir: string): string[] {
  const r = iulint(['check', project, '--org-snapshot', snapshotDir, '--format', 'json']);
  if (r.status !== 0 && r.status !== 1) throw new Error(`iulint check exited with ${r.status}: ${r.stderr}`);
  const name = (file: string) => {
    const inSnapshot = relative(snapshotDir, resolve(project, file));
    return inSnapshot.startsWith('..') ? file : `<snapshot>/${inSnapshot}`;
  };
  return (JSON.parse(r.stdout).findings as Array<{ ruleId: string; file: string }>).map((f) => `${f.ruleId} ${name(f.file)}`).sort();
}
