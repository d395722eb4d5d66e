// The plugin in the real Salesforce CLI, installed from this checkout as the README says (`sf plugins
// install file:<checkout>/packages/sf-plugin`), then `sf iulint ...` against the shipped
// `iulint` CLI. The org is a loopback HTTP server answering the REST API as an org would; the CLI logs
// in to it with `sf org login access-token`, as a user does. Every file the CLI writes goes to a temp
// HOME. Needs IULINT_SF_CLI (the sf CLI's bin/run.js, which .ci/run installs); in CI it must be there.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUsername, answer, type OrgShape } from './fakeOrg.js';
import { checkFindings, HOST_NODE, IULINT_BIN } from './host.js';

const SF_CLI = process.env.IULINT_SF_CLI;
const PLUGIN = fileURLToPath(new URL('..', import.meta.url));
/** Each sf command starts the whole CLI (seconds on a busy 2-core machine); a test runs up to seven. */
const SLOW = 600_000;
const missing = !SF_CLI || !existsSync(SF_CLI);
if (missing && process.env.CI) throw new Error(`IULINT_SF_CLI must name the Salesforce CLI's bin/run.js in CI (got ${SF_CLI})`);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program without blocking this process (the fake org answers from it). */
function run(cmd: string, args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** A fake org on 127.0.0.1; its shape may change while it runs (a session that expires). */
async function startOrg(shape: OrgShape): Promise<{ server: Server; url: string; shape: OrgShape }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const a = answer(shape, req.method ?? 'GET', req.url ?? '/');
      res.writeHead(a.status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, shape };
}

const TITLE = missing
  ? 'the plugin in the real Salesforce CLI (skipped: IULINT_SF_CLI names no sf bin/run.js; scripts/install-sf-cli.sh installs it)'
  : 'the plugin in the real Salesforce CLI (sf plugins link)';

describe.skipIf(missing)(TITLE, () => {
  const home = mkdtempSync(join(tmpdir(), 'iulint-sf-home-'));
  // Nothing of the machine's CLI set-up leaks in, nothing leaks out.
  const env: Record<string, string | undefined> = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SF|SFDX|OCLIF)_/.test(k) && k !== 'NODE_OPTIONS'),
  );
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_HIDE_RELEASE_NOTES: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    NO_COLOR: '1',
  });
  // `sf` for `iulint snapshot`: the real CLI on Node 22.
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'sf'), `#!/bin/sh\nexec "${process.execPath}" "${SF_CLI}" "$@"\n`);
  chmodSync(join(bin, 'sf'), 0o755);
  const sf = async (args: string[], extra: Record<string, string> = {}) => {
    const r = await run(process.execPath, [SF_CLI as string, ...args], { ...env, ...extra });
    stderrs.push(r.stderr);
    return r;
  };
  const iulint = (args: string[], extra: Record<string, string> = {}) => run(HOST_NODE, [IULINT_BIN, ...args], { ...env, ...extra });
  const orgs: Array<Awaited<ReturnType<typeof startOrg>>> = [];

  async function login(alias: string, shape: OrgShape) {
    const org = await startOrg(shape);
    orgs.push(org);
    const r = await sf(['org', 'login', 'access-token', '--instance-url', org.url, '--alias', alias, '--no-prompt', '--json'], {
      SF_ACCESS_TOKEN: '00D5e000000AbCd!AQ4AQKjZ7fake.session.token',
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).result.username).toBe(adminUsername(shape));
    return org;
  }

  /** Every stderr the CLI printed: no command may warn about a linked ES module (the oclif warning). */
  const stderrs: string[] = [];

  beforeAll(async () => {
    // Unsigned: allow-listed under the name it is installed by, as the README says for CI.
    mkdirSync(join(home, '.config', 'sf'), { recursive: true });
    writeFileSync(join(home, '.config', 'sf', 'unsignedPluginAllowList.json'), JSON.stringify([`file:${PLUGIN.replace(/\/$/, '')}`]));
    const r = await sf(['plugins', 'install', `file:${PLUGIN.replace(/\/$/, '')}`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('is allow-listed');
    const list = await sf(['plugins', '--json']);
    expect(JSON.parse(list.stdout).map((p: { name: string }) => p.name)).toContain('@iulint/plugin-iulint');
  }, SLOW);

  afterAll(() => {
    for (const o of orgs) o.server.close();
  });

  it('no command warns about a linked ES module (the plugin is installed, not linked)', async () => {
    await sf(['iulint', 'rules']);
    expect(stderrs.length).toBeGreaterThan(0);
    for (const e of stderrs) expect(e).not.toMatch(/linked ESM module|cannot be auto-transpiled/);
  });

  it(
    '--json is honest: a format it cannot carry is refused (exit 2), and errors name the command without "cause": "undefined"',
    async () => {
      const r = await sf(['iulint', 'check', projectPath('sample'), '--result-format', 'sarif', '--json']);
      expect(r.status).toBe(2);
      const error = JSON.parse(r.stdout);
      expect(error.name).toBe('IulintUsageError');
      expect(error.message).toBe("--json returns iulint's JSON report, so it cannot carry a sarif report.");
      expect(error.actions).toEqual(['Write the sarif report to a file with --output-file, and keep --json for the JSON report.']);
      expect(error.context).toBe('Check');
      expect(error).not.toHaveProperty('cause');
      // And the format is honoured in a file, beside the JSON result.
      const out = join(mkdtempSync(join(tmpdir(), 'iulint-sf-out-')), 'r.sarif');
      const ok = await sf(['iulint', 'check', projectPath('sample'), '--output-file', `sarif=${out}`, '--json']);
      expect(JSON.parse(ok.stdout).status).toBe(1);
      expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    },
    SLOW,
  );

  for (const project of ['sample', 'catalogue']) {
    it(
      `sf iulint check ${project} prints exactly the report of iulint check, with its exit code`,
      async () => {
        const [viaSf, viaCli] = await Promise.all([
          sf(['iulint', 'check', projectPath(project), '--result-format', 'json']),
          iulint(['check', projectPath(project), '--format', 'json']),
        ]);
        expect(viaCli.status).toBe(1);
        expect(viaSf.status, viaSf.stderr).toBe(viaCli.status);
        expect(viaSf.stdout).toBe(viaCli.stdout);
        expect(JSON.parse(viaSf.stdout).findings.length).toBe(loadExpected(project).length);
      },
      SLOW,
    );
  }

  it(
    'sf iulint check --json gives the CLI envelope with the JSON report as result and the exit code as status',
    async () => {
      const [viaSf, viaCli] = await Promise.all([
        sf(['iulint', 'check', projectPath('catalogue'), '--json']),
        iulint(['check', projectPath('catalogue'), '--format', 'json']),
      ]);
      expect(viaSf.status).toBe(1);
      const envelope = JSON.parse(viaSf.stdout);
      expect(envelope).toEqual({ status: 1, result: JSON.parse(viaCli.stdout), warnings: [] });
      const usage = await sf(['iulint', 'check', join(home, 'no-such-folder'), '--json']);
      expect(usage.status).toBe(2);
      const error = JSON.parse(usage.stdout);
      expect(error.status).toBe(2);
      expect(error.name).toBe('IulintUsageError');
      expect(error.message).toBe(`iulint could not run: no such file or folder: ${join(home, 'no-such-folder')}`);
    },
    SLOW,
  );

  it(
    'sf iulint check --help and sf iulint rules read like any sf command',
    async () => {
      const help = await sf(['iulint', 'check', '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('$ sf iulint check [PATHS...] [--json]');
      for (const flag of [
        '-r, --result-format=<option>',
        '--output-file=<value>...',
        '-c, --config-file=<value>',
        '--changed-since=<value>',
        '--severity-threshold=<option>',
        '--org-snapshot=<value>',
        '--[no-]color',
        'GLOBAL FLAGS',
        'EXAMPLES',
      ])
        expect(help.stdout).toContain(flag);
      // -o is --target-org everywhere in sf: check has no -o of its own.
      expect(help.stdout).not.toMatch(/-o, --/);
      const snapHelp = await sf(['iulint', 'snapshot', '--help']);
      for (const flag of ['-o, --target-org=<value>', '--api-version=<value>', '-d, --output-dir=<value>'])
        expect(snapHelp.stdout).toContain(flag);
      const [rules, cliRules] = await Promise.all([sf(['iulint', 'rules']), iulint(['rules'])]);
      expect(rules.stdout).toBe(cliRules.stdout);
    },
    SLOW,
  );

  it(
    'sf iulint snapshot writes a folder that iulint check reads as it reads the one iulint snapshot writes',
    async () => {
      await login('acme', { integrationLicence: true });
      const dir = mkdtempSync(join(tmpdir(), 'iulint-sf-snap-'));
      const [viaCli, viaSf] = [join(dir, 'iulint'), join(dir, 'sf')];
      // iulint snapshot runs `sf data query --json` five times; sf iulint snapshot uses one connection.
      const a = await iulint(['snapshot', '--target-org', 'acme', '--out', viaCli], { IULINT_SF: join(bin, 'sf') });
      expect(a.status, a.stderr).toBe(0);
      const b = await sf(['iulint', 'snapshot', '--target-org', 'acme', '--output-dir', viaSf]);
      expect(b.status, b.stderr).toBe(0);
      expect(b.stdout).toContain('User.json (7)');
      expect(readdirSync(viaSf).sort()).toEqual(readdirSync(viaCli).sort());
      for (const file of readdirSync(viaCli)) {
        const [x, y] = [viaCli, viaSf].map((d) => JSON.parse(readFileSync(join(d, file), 'utf8')));
        expect(y.status).toBe(0);
        expect(y.result, file).toEqual(x.result);
      }
      const expected = loadExpected('catalogue')
        .map((e) => `${e.rule} ${e.file.replace('.iulint/snapshot/', '<snapshot>/')}`)
        .sort();
      expect(checkFindings(projectPath('catalogue'), viaSf)).toEqual(expected);
      expect(checkFindings(projectPath('catalogue'), viaCli)).toEqual(expected);
    },
    SLOW,
  );

  it(
    'sf iulint snapshot says clearly that the session expired, and writes nothing',
    async () => {
      const org = await login('gone', { integrationLicence: true, username: 'dana.admin@acme.example.com.uat' });
      org.shape.expired = true;
      const out = join(mkdtempSync(join(tmpdir(), 'iulint-sf-snap-')), 'snap');
      const r = await sf(['iulint', 'snapshot', '--target-org', 'gone', '--output-dir', out, '--json']);
      expect(r.status).toBe(2);
      const error = JSON.parse(r.stdout);
      expect(error.name).toBe('AuthExpiredError');
      expect(error.message).toMatch(/^The authorisation of dana\.admin@acme\.example\.com\.uat has expired or was revoked: /);
      expect(error.actions).toEqual(['Log in again with "sf org login web --alias gone", then run this command again.']);
      expect(existsSync(out)).toBe(false);
    },
    SLOW,
  );
});
