// The plugin's tests run on Node 22 (what the Salesforce CLI and sf-plugins-core need), while the rest
// of the repository runs on the machine's Node. Node 22 is this Node when it is 22 or later, else
// IULINT_NODE22 (.ci/run installs one and exports it). Without one: CI fails; elsewhere the suite is
// reported as skipped, with the reason, in test-results/vitest.json (which the root summary reads).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const major = (version) => Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);
const env = { ...process.env, IULINT_HOST_NODE: process.execPath };
let node = major(process.version) >= 22 ? process.execPath : process.env.IULINT_NODE22;
if (node && !existsSync(node)) node = undefined;
const version = node ? spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout?.trim() : undefined;
if (!node || major(version ?? '') < 22) {
  const reason = `Node 22 not found (set IULINT_NODE22 to a Node 22 binary; .ci/run installs one): ${process.env.IULINT_NODE22 ?? 'IULINT_NODE22 is not set'}`;
  if (process.env.CI) {
    console.error(`sf-plugin tests: ${reason}`);
    process.exit(1);
  }
  console.warn(`sf-plugin tests skipped: ${reason}`);
  mkdirSync('test-results', { recursive: true });
  const skipped = { status: 'skipped', fullName: `sf-plugin: every test (${reason})` };
  writeFileSync(
    'test-results/vitest.json',
    JSON.stringify({
      numPassedTests: 0,
      numFailedTests: 0,
      numPendingTests: 1,
      numTodoTests: 0,
      testResults: [{ assertionResults: [skipped] }],
    }),
  );
  process.exit(0);
}
console.log(`sf-plugin tests on Node ${version} (${node})`);
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const r = spawnSync(node, [vitest, 'run', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
