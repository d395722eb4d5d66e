// Runs the extension-host test suite (test/suite/index.cjs) inside a real VS Code: the VS Code
// server that code-server ships, driven by headless Debian Chromium through playwright-core.
// The workbench reports the suite's result through window.codeAutomationExit.
//
// Needs code-server (scripts/install-code-server.sh) and /usr/bin/chromium (apt-get install
// chromium). By hand, without them, it prints SKIPPED and why; in CI (CI=true) it fails instead.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const EXT = resolve(HERE, '..');
const SUITE = join(HERE, 'suite', 'index.cjs');
const FIXTURES = resolve(EXT, '..', 'fixtures', 'projects');
const CS_VERSION = '4.100.3';
const CS_DIR = process.env.IULINT_CODE_SERVER_DIR || join(homedir(), '.cache', 'iulint', `code-server-${CS_VERSION}`);
const SERVER_MAIN = join(CS_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const SUITE_TIMEOUT_MS = Number(process.env.SUITE_TIMEOUT_MS || 120_000);
const SUMMARY = join(EXT, 'test-results', 'code-server.json');

function summary(data) {
  mkdirSync(dirname(SUMMARY), { recursive: true });
  writeFileSync(SUMMARY, JSON.stringify({ suite: 'vscode (code-server)', ...data }, null, 2));
}

function missing() {
  const m = [];
  if (!existsSync(SERVER_MAIN)) m.push(`code-server ${CS_VERSION} is not in ${CS_DIR} (run scripts/install-code-server.sh)`);
  if (!existsSync(CHROMIUM)) m.push(`${CHROMIUM} is missing (apt-get install chromium)`);
  if (!existsSync(join(EXT, 'dist', 'extension.js'))) m.push('the extension is not built (npm run build)');
  return m;
}

const gaps = missing();
if (gaps.length > 0) {
  if (IN_CI) {
    console.error(`FAILED: the VS Code extension tests cannot run in CI: ${gaps.join('; ')}`);
    summary({ passed: 0, failed: 1, skipped: 0, error: gaps.join('; ') });
    process.exit(1);
  }
  console.warn(`SKIPPED: the VS Code extension tests (real VS Code in code-server): ${gaps.join('; ')}. CI installs both and runs them.`);
  summary({ passed: 0, failed: 0, skipped: 1, reason: gaps.join('; ') });
  process.exit(0);
}

const { chromium } = await import('playwright-core');
const run = mkdtempSync(join(tmpdir(), 'iulint-code-server-'));
const results = join(run, 'results.json');
// A multi-root workspace of copies of the fixture projects: the suite edits files and settings there.
const wsDir = join(run, 'workspace');
for (const name of ['sample', 'catalogue']) cpSync(join(FIXTURES, name), join(wsDir, name), { recursive: true });
const WORKSPACE = join(wsDir, 'iulint.code-workspace');
writeFileSync(WORKSPACE, JSON.stringify({ folders: [{ path: 'sample' }, { path: 'catalogue' }], settings: {} }, null, 2));
const env = {
  ...process.env,
  HOME: run,
  XDG_CONFIG_HOME: join(run, 'config'),
  XDG_DATA_HOME: join(run, 'data'),
  XDG_CACHE_HOME: join(run, 'cache'),
  IULINT_SUITE_RESULTS: results,
  IULINT_TEST_SAMPLE: join(wsDir, 'sample'),
  IULINT_TEST_CATALOGUE: join(wsDir, 'catalogue'),
};
mkdirSync(join(run, 'user', 'User'), { recursive: true });
writeFileSync(
  join(run, 'user', 'User', 'settings.json'),
  JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
  }),
);

const t0 = Date.now();
let server;
let browser;
let code = 1;
try {
  server = spawn(
    process.execPath,
    [
      SERVER_MAIN,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--telemetry-level',
      'off',
      '--server-data-dir',
      join(run, 'server'),
      '--user-data-dir',
      join(run, 'user'),
      '--extensions-dir',
      join(run, 'ext'),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let serverLog = '';
  const port = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`the VS Code server did not start in 60 s:\n${serverLog}`)), 60_000);
    const onData = (d) => {
      serverLog += d;
      const m = /Extension host agent listening on (\d+)/.exec(serverLog);
      if (m) {
        clearTimeout(timer);
        res(Number(m[1]));
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (c) => {
      clearTimeout(timer);
      rej(new Error(`the VS Code server exited with ${c}:\n${serverLog}`));
    });
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage();
  page.on('console', (m) => {
    const t = m.text();
    if (process.env.DEBUG_CONSOLE || t.includes('[suite]')) console.log(t.slice(0, 2000));
  });
  const exited = new Promise((res) => page.exposeFunction('codeAutomationExit', (c) => res(c)));
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(EXT)],
    ['extensionTestsPath', remote(SUITE)],
  ]);
  await page.goto(`http://127.0.0.1:${port}/?workspace=${encodeURIComponent(WORKSPACE)}&payload=${encodeURIComponent(payload)}`);
  let timer;
  code = await Promise.race([
    exited,
    new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`the suite did not finish in ${SUITE_TIMEOUT_MS} ms`)), SUITE_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
} catch (e) {
  console.error(`FAILED: ${e?.message ?? e}`);
  code = 1;
} finally {
  await browser?.close().catch(() => {});
  server?.kill('SIGTERM');
}

let tests = [];
try {
  tests = JSON.parse(readFileSync(results, 'utf8'));
} catch {
  // the suite never ran
}
const passed = tests.filter((t) => t.ok).length;
const failed = tests.length - passed + (code !== 0 && tests.every((t) => t.ok) ? 1 : 0);
for (const t of tests) console.log(`${t.ok ? 'PASS' : 'FAIL'} vscode: ${t.name} (${t.ms} ms)${t.ok ? '' : `\n${t.error}`}`);
console.log(
  `VS Code ${CS_VERSION.replace(/^4\.100\.3$/, '1.100.3')} (code-server ${CS_VERSION}) extension tests: ${passed} passed, ${failed} failed in ${Date.now() - t0} ms`,
);
summary({ passed, failed, skipped: 0 });
if (code === 0 && failed === 0) rmSync(run, { recursive: true, force: true });
process.exit(code === 0 && failed === 0 && passed > 0 ? 0 : 1);
