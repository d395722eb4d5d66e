// Start-up of the commands a CI job or a user runs first, each as a ratio to its baseline measured in the
// same run: `iulint` against a bare `node`, and `sf iulint` against the Salesforce CLI's own `sf --version`
// (the plugin installed from this checkout with `sf plugins install file:`, in a temporary HOME). The sf
// rows need Node 22 and the CLI (IULINT_NODE22, IULINT_SF_CLI, as .ci/run exports them); without them the
// section says so. A module of its own, so that scripts/bench.mjs (and its split into scripts/bench/)
// only calls `startupSection`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The median wall time of a command, in ms (one warm-up run first); undefined when it fails. */
function wall(cmd, args, env, runs) {
  const once = () => {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    return r.status === 0 || r.status === 1 ? Number(process.hrtime.bigint() - t) / 1e6 : undefined;
  };
  if (once() === undefined) return undefined;
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push(once());
  return xs.includes(undefined) ? undefined : median(xs);
}

/** An sf CLI in a temporary HOME with the plugin of this checkout installed, or the reason there is none. */
function sfWithPlugin(root) {
  const node = process.env.IULINT_NODE22;
  const cli = process.env.IULINT_SF_CLI;
  if (!node || !cli || !existsSync(node) || !existsSync(cli)) return { reason: 'IULINT_NODE22 and IULINT_SF_CLI are not set' };
  const home = mkdtempSync(join(tmpdir(), 'iulint-bench-sf-'));
  const plugin = join(root, 'packages/sf-plugin');
  mkdirSync(join(home, '.config', 'sf'), { recursive: true });
  writeFileSync(join(home, '.config', 'sf', 'unsignedPluginAllowList.json'), JSON.stringify([`file:${plugin}`]));
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SF|SFDX|OCLIF)_/.test(k) && k !== 'NODE_OPTIONS')),
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
  };
  const r = spawnSync(node, [cli, 'plugins', 'install', `file:${plugin}`], { env, encoding: 'utf8' });
  if (r.status !== 0) return { reason: `sf plugins install failed: ${r.stderr.split('\n')[0]}` };
  return { run: (args, runs) => wall(node, [cli, ...args], env, runs) };
}

/** The "Start-up" section of BENCHMARKS.md: a table of medians and ratios, measured now. */
export function startupSection({ root, bin, project, runs, log }) {
  log('start-up: iulint and sf iulint');
  const env = { ...process.env, NO_COLOR: '1' };
  const node = wall(process.execPath, ['-e', ''], env, runs);
  const version = wall(process.execPath, [bin, '--version'], env, runs);
  const check = wall(process.execPath, [bin, 'check', project, '--exit-zero'], env, runs);
  const rows = [
    '| command | median ms | baseline (same run) | ratio |',
    '| --- | --- | --- | --- |',
    `| \`iulint --version\` | ${version?.toFixed(0)} | \`node -e ""\` ${node?.toFixed(0)} ms | ${(version / node).toFixed(2)} |`,
    `| \`iulint check\` (the sample project, 16 files) | ${check?.toFixed(0)} | \`node -e ""\` ${node?.toFixed(0)} ms | ${(check / node).toFixed(2)} |`,
  ];
  // Node 20 reads NODE_EXTRA_CA_CERTS at start and then builds its whole store of root certificates: a
  // cost of every process (every iulint check) that the environment sets, not iulint.
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  if (extraCa) {
    const { NODE_EXTRA_CA_CERTS: _, ...without } = env;
    const bare = wall(process.execPath, ['-e', ''], without, runs);
    rows.push(
      `| \`node -e ""\` without NODE_EXTRA_CA_CERTS (this environment sets it to ${extraCa}: Node then loads every root certificate at start) | ${bare?.toFixed(0)} | \`node -e ""\` ${node?.toFixed(0)} ms | ${(bare / node).toFixed(2)} |`,
    );
  }
  const sf = sfWithPlugin(root);
  if (sf.run) {
    const sfRuns = Math.max(3, Math.min(runs, 5));
    const base = sf.run(['--version'], sfRuns);
    for (const [what, args] of [
      ['sf iulint rules', ['iulint', 'rules']],
      ['sf iulint check --help', ['iulint', 'check', '--help']],
      ['sf iulint check (the sample project)', ['iulint', 'check', project, '--exit-zero']],
    ]) {
      const t = sf.run(args, sfRuns);
      rows.push(
        `| \`${what}\` | ${t?.toFixed(0) ?? 'failed'} | \`sf --version\` ${base?.toFixed(0)} ms | ${t && base ? (t / base).toFixed(2) : '?'} |`,
      );
    }
  } else rows.push(`| \`sf iulint ...\` | not measured: ${sf.reason} | | |`);
  return `## Start-up

Medians of ${runs} runs (sf: of at most 5) after one warm-up, each next to its baseline from the same run. The sf
plugin ships an oclif manifest (the CLI reads its commands' flags and help without loading them) and
loads the check's code only when a check runs; before that, every sf command loaded all three command
modules and their bundle at each start (about 5 s against the bare CLI's 0.15 s in issue #21).

${rows.join('\n')}
`;
}
