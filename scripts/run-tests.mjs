// `npm test`: runs every package's tests through turbo, then prints each suite's pass, fail and
// skip counts and a closing line "N passed, N failed, N skipped". Exits non-zero when anything failed.
// In CI (CI=true) a real-editor test that cannot run fails instead of being skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const PACKAGES = ['core', 'lsp', 'vscode-extension', 'sf-plugin'];

for (const p of PACKAGES) rmSync(join(ROOT, 'packages', p, 'test-results'), { recursive: true, force: true });

const turbo = spawnSync('npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue', '--output-logs=full', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});

/** Counts from vitest's JSON report. */
function vitestCounts(file) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = r.testResults
    .flatMap((f) => f.assertionResults)
    .filter((a) => a.status === 'skipped' || a.status === 'pending' || a.status === 'todo');
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numFailedTestSuites ?? 0),
    skipped: r.numPendingTests + r.numTodoTests,
    skippedNames: skipped.map((a) => a.fullName),
  };
}

const rows = [];
for (const p of PACKAGES) {
  const dir = join(ROOT, 'packages', p, 'test-results');
  const vitest = join(dir, 'vitest.json');
  if (existsSync(vitest)) rows.push({ suite: `${p} (vitest)`, ...vitestCounts(vitest) });
  for (const name of ['code-server.json', 'ui.json', 'electron.json', 'code-server-mcp.json']) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const s = JSON.parse(readFileSync(file, 'utf8'));
    rows.push({ suite: s.suite, passed: s.passed, failed: s.failed, skipped: s.skipped, skippedNames: s.reason ? [s.reason] : [] });
  }
}
for (const expected of [
  'core (vitest)',
  'lsp (vitest)',
  'sf-plugin (vitest)',
  'vscode (code-server)',
  'vscode UI (.vsix)',
  'vscode MCP (code-server 4.117.0)',
]) {
  if (!rows.some((r) => r.suite === expected))
    rows.push({ suite: expected, passed: 0, failed: 1, skipped: 0, skippedNames: ['did not report: it did not run or crashed'] });
}

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('\nTest suites:');
console.log(`  ${'suite'.padEnd(26)} ${'passed'.padStart(7)} ${'failed'.padStart(7)} ${'skipped'.padStart(8)}`);
for (const r of rows) {
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
  console.log(`  ${r.suite.padEnd(26)} ${String(r.passed).padStart(7)} ${String(r.failed).padStart(7)} ${String(r.skipped).padStart(8)}`);
  for (const n of r.skippedNames ?? []) console.log(`      skipped or missing: ${n}`);
}
const failed = total.failed + (turbo.status !== 0 && total.failed === 0 ? 1 : 0);
console.log(`\n${total.passed} passed, ${failed} failed, ${total.skipped} skipped`);
process.exit(failed > 0 || turbo.status !== 0 ? 1 : 0);
