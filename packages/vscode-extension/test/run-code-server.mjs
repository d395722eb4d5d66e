// Runs the extension-host test suite (test/suite/index.cjs) inside a real VS Code: the VS Code
// server that code-server ships, driven by headless Debian Chromium through playwright-core.
// The workbench reports the suite's result through window.codeAutomationExit.
//
// Needs code-server (scripts/install-code-server.sh) and /usr/bin/chromium (apt-get install
// chromium). By hand, without them, it prints SKIPPED and why; in CI (CI=true) it fails instead.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CS_VERSION, EXT, FIXTURES, reportSuite, requireEditor, runDirectory, runSuiteInVsCode, VSCODE_VERSION } from './vscode-server.mjs';

const NAME = 'code-server';
const SUITE_NAME = 'vscode (code-server)';
const SUITE = join(EXT, 'test', 'suite', 'index.cjs');
const SUITE_TIMEOUT_MS = Number(process.env.SUITE_TIMEOUT_MS || 180_000);

requireEditor(NAME, SUITE_NAME, 'the VS Code extension tests (real VS Code in code-server)');

const { run, env } = runDirectory('code-server');
const results = join(run, 'results.json');
// A multi-root workspace of copies of the fixture projects: the suite edits files and settings there.
const wsDir = join(run, 'workspace');
for (const name of ['sample', 'catalogue']) cpSync(join(FIXTURES, name), join(wsDir, name), { recursive: true });
const WORKSPACE = join(wsDir, 'iulint.code-workspace');
writeFileSync(WORKSPACE, JSON.stringify({ folders: [{ path: 'sample' }, { path: 'catalogue' }], settings: {} }, null, 2));
Object.assign(env, {
  IULINT_SUITE_RESULTS: results,
  IULINT_TEST_SAMPLE: join(wsDir, 'sample'),
  IULINT_TEST_CATALOGUE: join(wsDir, 'catalogue'),
});

const t0 = Date.now();
const code = await runSuiteInVsCode({
  run,
  env,
  suite: SUITE,
  open: `workspace=${encodeURIComponent(WORKSPACE)}`,
  timeoutMs: SUITE_TIMEOUT_MS,
});

const { passed, failed } = reportSuite(
  NAME,
  SUITE_NAME,
  `VS Code ${VSCODE_VERSION} (code-server ${CS_VERSION}) extension tests, ${Date.now() - t0} ms`,
  results,
  code,
);
if (code === 0 && failed === 0) rmSync(run, { recursive: true, force: true });
process.exit(code === 0 && failed === 0 && passed > 0 ? 0 : 1);
