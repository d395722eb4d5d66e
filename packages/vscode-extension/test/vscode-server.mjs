// Shared by the real-VS Code test runners: where code-server and Chromium are, how to start the VS
// Code server it ships, how to drive it with headless Chromium, and how to report a run's counts.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = resolve(EXT, '..', 'fixtures', 'projects');
// 4.100.3 (VS Code 1.100.3) by default, the newest on Node 20; IULINT_CODE_SERVER_VERSION names another
// (the MCP test's 4.117.0 needs Node 22). code-server 4.x.y ships VS Code 1.x.y.
export const CS_VERSION = process.env.IULINT_CODE_SERVER_VERSION || '4.100.3';
export const VSCODE_VERSION = CS_VERSION.replace(/^4\./, '1.');
export const CS_DIR = process.env.IULINT_CODE_SERVER_DIR || join(homedir(), '.cache', 'iulint', `code-server-${CS_VERSION}`);
export const CODE_SERVER = join(CS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const SERVER_MAIN = join(CS_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Writes `test-results/<name>.json` with the run's counts (read by scripts/run-tests.mjs). */
export function summary(name, suite, data) {
  const file = join(EXT, 'test-results', `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ suite, ...data }, null, 2));
}

/** What is missing to run in a real VS Code here; empty when everything is there. */
export function missing(extra = []) {
  const m = [];
  if (!existsSync(SERVER_MAIN)) m.push(`code-server ${CS_VERSION} is not in ${CS_DIR} (run scripts/install-code-server.sh)`);
  if (!existsSync(CHROMIUM)) m.push(`${CHROMIUM} is missing (apt-get install chromium)`);
  if (!existsSync(join(EXT, 'dist', 'extension.js'))) m.push('the extension is not built (npm run build)');
  return [...m, ...extra];
}

/** Skips with a reason by hand, fails in CI. Never returns when something is missing. */
export function requireEditor(name, suite, what) {
  const gaps = missing();
  if (gaps.length === 0) return;
  if (IN_CI) {
    console.error(`FAILED: ${what} cannot run in CI: ${gaps.join('; ')}`);
    summary(name, suite, { passed: 0, failed: 1, skipped: 0, error: gaps.join('; ') });
    process.exit(1);
  }
  console.warn(`SKIPPED: ${what}: ${gaps.join('; ')}. CI installs both and runs them.`);
  summary(name, suite, { passed: 0, failed: 0, skipped: 1, reason: gaps.join('; ') });
  process.exit(0);
}

/** A private home for one run: user settings that keep VS Code quiet, and the environment. */
export function runDirectory(tag) {
  const run = mkdtempSync(join(tmpdir(), `iulint-${tag}-`));
  mkdirSync(join(run, 'user', 'User'), { recursive: true });
  writeFileSync(
    join(run, 'user', 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'workbench.tips.enabled': false,
    }),
  );
  const env = {
    ...process.env,
    HOME: run,
    XDG_CONFIG_HOME: join(run, 'config'),
    XDG_DATA_HOME: join(run, 'data'),
    XDG_CACHE_HOME: join(run, 'cache'),
  };
  return { run, env };
}

/** Waits for a line of a child's output; resolves with the regexp match. */
function waitForOutput(child, re, what) {
  let log = '';
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${what} did not start in 60 s:\n${log}`)), 60_000);
    const onData = (d) => {
      log += d;
      const m = re.exec(log);
      if (m) {
        clearTimeout(timer);
        res(m);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (c) => {
      clearTimeout(timer);
      rej(new Error(`${what} exited with ${c}:\n${log}`));
    });
  });
}

/** Starts the VS Code server of code-server (with the smoke-test driver, for ?payload=); resolves with its port. */
export async function startVsCodeServer(run, env) {
  const child = spawn(
    process.execPath,
    [
      SERVER_MAIN,
      ...[
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--without-connection-token',
        '--accept-server-license-terms',
        '--enable-smoke-test-driver',
      ],
      ...[
        '--telemetry-level',
        'off',
        '--server-data-dir',
        join(run, 'server'),
        '--user-data-dir',
        join(run, 'user'),
        '--extensions-dir',
        join(run, 'ext'),
      ],
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const m = await waitForOutput(child, /Extension host agent listening on (\d+)/, 'the VS Code server');
  return { child, port: Number(m[1]) };
}

/** Starts code-server itself (the product users install); resolves with its port. */
export async function startCodeServer(run, env, extraArgs = []) {
  const child = spawn(
    process.execPath,
    [
      CODE_SERVER,
      ...['--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
      ...['--user-data-dir', join(run, 'user'), '--extensions-dir', join(run, 'ext'), '--config', join(run, 'config.yaml')],
      ...extraArgs,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const m = await waitForOutput(child, /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/, 'code-server');
  return { child, port: Number(m[1]) };
}

/** Headless Debian Chromium, with the flags this closed network needs. */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
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
}

/**
 * Runs an extension-host suite in the VS Code server of code-server, driven by headless Chromium, and
 * returns the suite's exit code (1 when it failed to start or did not finish in `timeoutMs`). `open` is
 * the workbench's query for what to open (`folder=...` or `workspace=...`); the workbench reports the
 * suite's result through window.codeAutomationExit.
 */
export async function runSuiteInVsCode({ run, env, suite, open, timeoutMs }) {
  let server;
  let browser;
  let timer;
  try {
    const started = await startVsCodeServer(run, env);
    server = started.child;
    browser = await launchBrowser();
    const page = await browser.newPage();
    page.on('console', (m) => {
      const t = m.text();
      if (process.env.DEBUG_CONSOLE || t.includes('[suite]')) console.log(t.slice(0, 2000));
    });
    const exited = new Promise((res) => page.exposeFunction('codeAutomationExit', (c) => res(c)));
    const remote = (p) => `vscode-remote://127.0.0.1:${started.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(EXT)],
      ['extensionTestsPath', remote(suite)],
    ]);
    await page.goto(`http://127.0.0.1:${started.port}/?${open}&payload=${encodeURIComponent(payload)}`);
    return await Promise.race([
      exited,
      new Promise((_, rej) => {
        timer = setTimeout(() => rej(new Error(`the suite did not finish in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (e) {
    console.error(`FAILED: ${e?.message ?? e}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    server?.kill('SIGTERM');
  }
}

/**
 * Reads the suite's per-test results, prints them and the closing counts, and records the summary.
 * `code` is the suite's own exit code: a non-zero code with no failed test counts as one failure.
 */
export function reportSuite(name, suite, label, resultsFile, code) {
  let tests = [];
  try {
    tests = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    // the suite never ran
  }
  const passed = tests.filter((t) => t.ok).length;
  const failed = tests.length - passed + (code !== 0 && tests.every((t) => t.ok) ? 1 : 0);
  for (const t of tests) console.log(`${t.ok ? 'PASS' : 'FAIL'} vscode: ${t.name} (${t.ms} ms)${t.ok ? '' : `\n${t.error}`}`);
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  summary(name, suite, { passed, failed, skipped: 0 });
  return { passed, failed };
}
