// What the extension-host suites (index.cjs, mcp.cjs) share: their log line, waiting for a condition,
// and running a list of [name, fn] tests with the results written where the runner reads them
// (IULINT_SUITE_RESULTS; test/vscode-server.mjs reportSuite).
'use strict';
const fs = require('node:fs');

function log(message) {
  console.log(`[suite] ${message}`);
}

/** Resolves with `check()`'s first truthy value, polled every `every` ms; throws after `ms`. */
async function waitFor(what, check, ms, every) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** Runs the tests one after another; throws when any failed (`what` names them in that message). */
async function runTests(tests, what) {
  const results = [];
  for (const [name, fn] of tests) {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - t0 });
      log(`PASS ${name}`);
    } catch (e) {
      results.push({ name, ok: false, ms: Date.now() - t0, error: String(e?.stack || e) });
      log(`FAIL ${name}: ${e?.stack || e}`);
    }
  }
  const out = process.env.IULINT_SUITE_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0) throw new Error(`${failed} of ${results.length} ${what} failed`);
}

module.exports = { runTests, waitFor };
