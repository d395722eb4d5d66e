// Runs test/suite/mcp.cjs in a real VS Code that has the MCP API (1.101 and later): the VS Code server
// of code-server 4.117.0 (VS Code 1.117.0), which needs Node 22, driven by headless Chromium. The
// suite checks that VS Code takes the extension's MCP server definition, starts `iulint mcp` from the
// bundle, lists its tools and calls them (vscode.lm.invokeTool), as agent mode does.
//
// Needs Node 22 (this Node when it is 22 or later, else IULINT_NODE22; .ci/run installs one),
// code-server 4.117.0 (scripts/install-code-server-mcp.sh) and /usr/bin/chromium. By hand, without
// them, it reports SKIPPED and why; in CI (CI=true) it fails instead.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MCP_CODE_SERVER = '4.117.0';
const NAME = 'code-server-mcp';
const SUITE_NAME = `vscode MCP (code-server ${MCP_CODE_SERVER})`;
const major = (v) => Number(/^v?(\d+)/.exec(v ?? '')?.[1] ?? 0);

if (major(process.version) < 22) {
  // Run this script again on Node 22: code-server 4.117's VS Code server starts with the runner's Node.
  const node22 = process.env.IULINT_NODE22;
  const version = node22 && existsSync(node22) ? spawnSync(node22, ['--version'], { encoding: 'utf8' }).stdout?.trim() : undefined;
  if (major(version) >= 22) {
    const r = spawnSync(node22, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  const { summary, IN_CI } = await import('./vscode-server.mjs');
  const reason = `Node 22 not found for code-server ${MCP_CODE_SERVER} (set IULINT_NODE22; .ci/run installs one): ${node22 ?? 'IULINT_NODE22 is not set'}`;
  if (IN_CI) {
    console.error(`FAILED: the VS Code MCP test cannot run in CI: ${reason}`);
    summary(NAME, SUITE_NAME, { passed: 0, failed: 1, skipped: 0, error: reason });
    process.exit(1);
  }
  console.warn(`SKIPPED: the VS Code MCP test: ${reason}. CI installs it and runs this test.`);
  summary(NAME, SUITE_NAME, { passed: 0, failed: 0, skipped: 1, reason });
  process.exit(0);
}

process.env.IULINT_CODE_SERVER_VERSION = MCP_CODE_SERVER;
delete process.env.IULINT_CODE_SERVER_DIR; // that one names the suites' code-server 4.100.3
const { CS_VERSION, EXT, FIXTURES, reportSuite, requireEditor, runDirectory, runSuiteInVsCode, VSCODE_VERSION } = await import(
  './vscode-server.mjs'
);
const SUITE = join(EXT, 'test', 'suite', 'mcp.cjs');
const SUITE_TIMEOUT_MS = Number(process.env.SUITE_TIMEOUT_MS || 180_000);

requireEditor(NAME, SUITE_NAME, `the VS Code MCP test (code-server ${CS_VERSION}: scripts/install-code-server-mcp.sh)`);

const { run, env } = runDirectory('code-server-mcp');
const results = join(run, 'results.json');
const workspace = join(run, 'sample');
cpSync(join(FIXTURES, 'sample'), workspace, { recursive: true });
Object.assign(env, { IULINT_SUITE_RESULTS: results, IULINT_TEST_SAMPLE: workspace });

const t0 = Date.now();
const code = await runSuiteInVsCode({
  run,
  env,
  suite: SUITE,
  open: `folder=${encodeURIComponent(workspace)}`,
  timeoutMs: SUITE_TIMEOUT_MS,
});

const { passed, failed } = reportSuite(
  NAME,
  SUITE_NAME,
  `VS Code ${VSCODE_VERSION} (code-server ${CS_VERSION}) MCP tests on Node ${process.version}, ${Date.now() - t0} ms`,
  results,
  code,
);
if (code === 0 && failed === 0) rmSync(run, { recursive: true, force: true });
process.exit(code === 0 && failed === 0 && passed > 0 ? 0 : 1);
