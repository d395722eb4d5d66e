// Runs the same extension-host suite in desktop VS Code through @vscode/test-electron, where VS Code
// can be downloaded (or IULINT_VSCODE_EXECUTABLE names one). Where it cannot (no network to the VS
// Code update server, as on this project's CI machines), it prints SKIPPED and why; set
// IULINT_REQUIRE_ELECTRON=1 to make that a failure instead.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportSuite } from './vscode-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const EXT = resolve(HERE, '..');
const SUITE = join(HERE, 'suite', 'index.cjs');
const WORKSPACE = resolve(EXT, '..', 'fixtures', 'projects', 'sample');
const REQUIRED = process.env.IULINT_REQUIRE_ELECTRON === '1';
const SUMMARY = join(EXT, 'test-results', 'electron.json');
const VSCODE_VERSION = '1.100.3';

function summary(data) {
  mkdirSync(dirname(SUMMARY), { recursive: true });
  writeFileSync(SUMMARY, JSON.stringify({ suite: 'vscode (test-electron)', ...data }, null, 2));
}

function skip(reason) {
  if (REQUIRED) {
    console.error(`FAILED: the test-electron run is required (IULINT_REQUIRE_ELECTRON=1) but ${reason}`);
    summary({ passed: 0, failed: 1, skipped: 0, error: reason });
    process.exit(1);
  }
  console.warn(`SKIPPED: the VS Code desktop (test-electron) run: ${reason}. The same suite runs in code-server's VS Code.`);
  summary({ passed: 0, failed: 0, skipped: 1, reason });
  process.exit(0);
}

const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
let executable = process.env.IULINT_VSCODE_EXECUTABLE;
if (!executable) {
  try {
    executable = await downloadAndUnzipVSCode({ version: VSCODE_VERSION, timeout: 15_000 });
  } catch (e) {
    skip(`VS Code ${VSCODE_VERSION} could not be downloaded (${String(e?.message ?? e).split('\n')[0]})`);
  }
}
if (process.platform === 'linux' && !process.env.DISPLAY) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (xvfb.status !== 0) skip('there is no display and xvfb-run is not installed');
  const r = spawnSync('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, IULINT_VSCODE_EXECUTABLE: executable },
  });
  process.exit(r.status ?? 1);
}

const results = join(mkdtempSync(join(tmpdir(), 'iulint-electron-')), 'results.json');
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: EXT,
    extensionTestsPath: SUITE,
    launchArgs: [WORKSPACE, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { IULINT_SUITE_RESULTS: results },
  });
} catch (e) {
  console.error(`FAILED: ${e?.message ?? e}`);
}
const { passed, failed } = reportSuite(
  'electron',
  'vscode (test-electron)',
  `VS Code ${VSCODE_VERSION} (test-electron) extension tests`,
  results,
  code,
);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
