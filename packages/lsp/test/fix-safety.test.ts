import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { FIX_CASE_FILES } from '@iulint/fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { xmlProblem } from './editors.js';
import { BIN, writeFiles } from './helpers.js';

/**
 * `iulint check --fix` never damages a file (docs/security.md, "What iulint writes"): real processes of the
 * built bundle, real concurrent runs, a real second process saving a file in the middle of a run, real
 * chmod, chown and chattr, a real kill -9. Every written file is judged by a strict parser (saxes,
 * JSON.parse) and against what a single, undisturbed run writes.
 */

const DIR = 'force-app/main/default';
const TEMPLATES = {
  profile: FIX_CASE_FILES[`${DIR}/profiles/Api False.profile-meta.xml`] as string,
  dashboard: FIX_CASE_FILES[`${DIR}/dashboards/Ops/Legacy_Comment.dashboard-meta.xml`] as string,
  userDef: FIX_CASE_FILES['config/legacy-user-def.json'] as string,
  permissionSet: FIX_CASE_FILES[`${DIR}/permissionsets/Flag_False.permissionset-meta.xml`] as string,
};
const PROJECT = {
  'sfdx-project.json': `${JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] })}\n`,
};
const PROFILE = `${DIR}/profiles/Api False.profile-meta.xml`;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const writeProject = (files: Record<string, string | Buffer>): string => writeFiles('iulint-fix-safety-', { ...PROJECT, ...files });

/** Every file of a project (relative path to bytes), `.git` aside. */
function allFiles(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(root, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(root);
  return out;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `iulint check --fix` (the bundle) as a child process, under umask 022 as a shell would run it (after `shell`, more of it). */
function startFix(root: string, env: Record<string, string> = {}, shell = ''): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(
    'sh',
    ['-c', `${shell}umask 022; exec "$0" "$@"`, process.execPath, BIN, 'check', '--fix', '--format', 'json', '--exit-zero'],
    {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

const fix = (root: string, env: Record<string, string> = {}, shell = '') => startFix(root, env, shell).done;

async function until(what: string, test: () => boolean, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The strict judges: saxes for XML, JSON.parse for JSON. */
function judge(path: string, bytes: Buffer): string | undefined {
  const text = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
  if (path.endsWith('.xml')) return xmlProblem(text);
  if (path.endsWith('.json')) {
    try {
      JSON.parse(text);
    } catch (e) {
      return (e as Error).message;
    }
  }
  return undefined;
}

/** What one undisturbed `--fix` makes of these files: the reference every other run is held to. */
async function reference(files: Record<string, string | Buffer>): Promise<Map<string, Buffer>> {
  const root = writeProject(files);
  const r = await fix(root);
  expect(r.code, r.stderr).not.toBe(2);
  return allFiles(root);
}

const tempsOf = (root: string) => [...allFiles(root).keys()].filter((p) => /\.iulint-\d+-[0-9a-f]+\.tmp$/.test(p));

describe('two --fix runs at once (10,000 files)', () => {
  // Without the lock, the second run applied offsets from its lint to files the first had fixed since:
  // `<enabled>true/enabled>` in 121 of 3,333 profiles (measured with iulint 0.1 on this project).
  it('never interleave: every fixed file parses and equals a single run’s result', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2500; i++) {
      files[`${DIR}/profiles/Api False ${i}.profile-meta.xml`] = TEMPLATES.profile;
      files[`${DIR}/dashboards/Ops/Legacy_${i}.dashboard-meta.xml`] = TEMPLATES.dashboard;
      files[`config/legacy-${i}-user-def.json`] = TEMPLATES.userDef.replace('etl.loader@', `etl.loader${i}@`);
      files[`${DIR}/permissionsets/Set_${i}.permissionset-meta.xml`] = TEMPLATES.permissionSet.replace('Connector', `Connector ${i}`);
    }
    const original = writeProject(files);
    const expected = await reference(files);
    const root = mkdtempSync(join(tmpdir(), 'iulint-fix-twice-'));
    cpSync(original, root, { recursive: true });

    // The second starts once the first is writing: a lint of files half fixed is where offsets go stale.
    const first = startFix(root);
    const watched = join(root, 'config/legacy-0-user-def.json');
    await until('the first run to write', () => readFileSync(watched, 'utf8') !== files['config/legacy-0-user-def.json'], 600_000);
    const [a, b] = await Promise.all([first.done, fix(root)]);
    for (const r of [a, b]) expect([0, 1], r.stderr).toContain(r.code);
    // The second waited for the first, then found its files fixed.
    expect(`${a.stderr}${b.stderr}`).toContain('waiting for another iulint --fix on this project');
    const got = allFiles(root);
    const before = allFiles(original);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    let changed = 0;
    for (const [p, bytes] of got) {
      if (!bytes.equals(before.get(p) ?? Buffer.alloc(0))) changed++;
      expect(judge(p, bytes), p).toBeUndefined();
      expect(bytes.equals(expected.get(p) as Buffer), `${p} differs from a single run's result`).toBe(true);
    }
    expect(changed).toBeGreaterThanOrEqual(7500);
    expect(existsSync(join(root, '.iulint-fix.lock'))).toBe(false);
  }, 900_000);
});

describe('a save during --fix', () => {
  /** The user's save: a comment line added above the root element, so every offset after it moves. */
  const saved = (text: string) => text.replace('<Profile', '<!-- saved while iulint ran -->\n<Profile');

  for (const stage of ['linted', 'written'] as const) {
    it(`between the ${stage === 'linted' ? 'lint and the fix' : 'temporary file and the rename'}: the file is the fix of the saved text`, async () => {
      const files = { [PROFILE]: TEMPLATES.profile, [`${DIR}/profiles/Other.profile-meta.xml`]: TEMPLATES.profile };
      const root = writeProject(files);
      const hook = mkdtempSync(join(tmpdir(), 'iulint-hook-'));
      const run = startFix(root, { IULINT_TEST_FIX_PAUSE: `${stage}:${hook}` });
      await until('the run to pause', () => existsSync(join(hook, 'paused')));
      const paused = readFileSync(join(hook, 'paused'), 'utf8');
      const target = relative(root, paused).split('\\').join('/');
      // A real second process saves the file, as an editor would.
      const text = saved(readFileSync(paused, 'utf8'));
      execFileSync(process.execPath, ['-e', 'require("fs").writeFileSync(process.argv[1], process.argv[2])', paused, text]);
      writeFileSync(join(hook, 'go'), '');
      const r = await run.done;
      expect([0, 1], r.stderr).toContain(r.code);
      const expected = await reference({ ...files, [target]: text });
      const got = readFileSync(paused);
      expect(judge(target, got), target).toBeUndefined();
      expect(got.toString('utf8')).toContain('<!-- saved while iulint ran -->');
      expect(got.equals(expected.get(target) as Buffer), `${target}:\n${got}`).toBe(true);
      expect(got.toString('utf8')).not.toBe(text); // fixed, not merely left
      expect(tempsOf(root)).toEqual([]);
    }, 300_000);
  }

  it('a save that leaves nothing to fix is kept as the user left it', async () => {
    const root = writeProject({ [PROFILE]: TEMPLATES.profile });
    const hook = mkdtempSync(join(tmpdir(), 'iulint-hook-'));
    const run = startFix(root, { IULINT_TEST_FIX_PAUSE: `written:${hook}` });
    await until('the run to pause', () => existsSync(join(hook, 'paused')));
    const mine = TEMPLATES.profile
      .replace('<enabled>false</enabled>', '<enabled>true</enabled>')
      .replace('<Profile', '<!-- mine -->\n<Profile');
    execFileSync(process.execPath, ['-e', 'require("fs").writeFileSync(process.argv[1], process.argv[2])', join(root, PROFILE), mine]);
    writeFileSync(join(hook, 'go'), '');
    const r = await run.done;
    expect([0, 1], r.stderr).toContain(r.code);
    expect(readFileSync(join(root, PROFILE), 'utf8')).toBe(mine);
  }, 300_000);
});

describe('modes, owners and files that cannot be written', () => {
  it('keeps 0664, 0666 and 06775, leaves a 0444 file alone and says so (exit code 2), and keeps the owner', async () => {
    const files = {
      [`${DIR}/profiles/SetId.profile-meta.xml`]: TEMPLATES.profile,
      [`${DIR}/profiles/Group.profile-meta.xml`]: TEMPLATES.profile,
      [`${DIR}/profiles/World.profile-meta.xml`]: TEMPLATES.profile,
      [`${DIR}/profiles/ReadOnly.profile-meta.xml`]: TEMPLATES.profile,
      'config/owned-user-def.json': TEMPLATES.userDef,
    };
    const root = writeProject(files);
    chmodSync(join(root, `${DIR}/profiles/Group.profile-meta.xml`), 0o664);
    chmodSync(join(root, `${DIR}/profiles/World.profile-meta.xml`), 0o666);
    chmodSync(join(root, `${DIR}/profiles/ReadOnly.profile-meta.xml`), 0o444);
    const root_ = process.getuid?.() === 0;
    if (root_) chownSync(join(root, 'config/owned-user-def.json'), 1234, 4321);
    // Set-user-ID and set-group-ID on a file of another owner: a change of owner after the mode would clear them.
    if (root_) chownSync(join(root, `${DIR}/profiles/SetId.profile-meta.xml`), 1234, 4321);
    chmodSync(join(root, `${DIR}/profiles/SetId.profile-meta.xml`), 0o6775);
    const r = await fix(root);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`iulint: could not fix ${DIR}/profiles/ReadOnly.profile-meta.xml: it is read-only (mode 0444)`);
    expect(readFileSync(join(root, `${DIR}/profiles/ReadOnly.profile-meta.xml`), 'utf8')).toBe(TEMPLATES.profile);
    expect(statSync(join(root, `${DIR}/profiles/ReadOnly.profile-meta.xml`)).mode & 0o7777).toBe(0o444);
    for (const [name, mode] of [
      ['Group', 0o664],
      ['World', 0o666],
      ['SetId', 0o6775],
    ] as const) {
      const p = join(root, `${DIR}/profiles/${name}.profile-meta.xml`);
      expect(readFileSync(p, 'utf8')).not.toBe(TEMPLATES.profile);
      expect((statSync(p).mode & 0o7777).toString(8)).toBe(mode.toString(8));
    }
    const owned = statSync(join(root, 'config/owned-user-def.json'));
    expect(readFileSync(join(root, 'config/owned-user-def.json'), 'utf8')).not.toBe(TEMPLATES.userDef);
    if (root_) expect([owned.uid, owned.gid]).toEqual([1234, 4321]);
    else expect(owned.uid).toBe(process.getuid?.());
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toContain(`${DIR}/profiles/ReadOnly.profile-meta.xml`);
  }, 300_000);

  it('leaves a symbolic link and a hard-linked file alone, and says so', async () => {
    const files = {
      [`${DIR}/profiles/Target.profile-meta.xml`]: TEMPLATES.profile,
      [`${DIR}/profiles/Linked.profile-meta.xml`]: TEMPLATES.profile,
    };
    const root = writeProject(files);
    const outside = join(mkdtempSync(join(tmpdir(), 'iulint-outside-')), 'Outside.profile-meta.xml');
    writeFileSync(outside, TEMPLATES.profile);
    linkSync(join(root, `${DIR}/profiles/Linked.profile-meta.xml`), join(dirname(outside), 'second-link.xml'));
    symlinkSync(outside, join(root, `${DIR}/profiles/Link.profile-meta.xml`));
    const r = await fix(root);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      `iulint: could not fix ${DIR}/profiles/Linked.profile-meta.xml: it has 2 hard links, which a rewrite would split`,
    );
    expect(readFileSync(join(root, `${DIR}/profiles/Linked.profile-meta.xml`), 'utf8')).toBe(TEMPLATES.profile);
    expect(readFileSync(join(root, `${DIR}/profiles/Target.profile-meta.xml`), 'utf8')).not.toBe(TEMPLATES.profile);
    // The walk never follows a link; named on the command line, the link is read but never written through.
    const named = spawnSync(process.execPath, [BIN, 'check', '--fix', `${DIR}/profiles/Link.profile-meta.xml`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(named.status, named.stderr).toBe(2);
    expect(named.stderr).toContain(`iulint: could not fix ${DIR}/profiles/Link.profile-meta.xml: it is a symbolic link`);
    expect(readFileSync(outside, 'utf8')).toBe(TEMPLATES.profile);
  }, 300_000);

  it('one file that cannot be written (chattr +i, or a write over the file-size limit) is reported; the others are still fixed', async () => {
    // Stuck is larger than the file-size limit below (ulimit -f: 32 blocks, 16 or 32 KiB as the shell counts them); the others far smaller.
    const big = TEMPLATES.profile.replace(
      '<custom>true</custom>',
      `<custom>true</custom>\n    <description>${'x'.repeat(100_000)}</description>`,
    );
    const files: Record<string, string> = {
      [`${DIR}/profiles/Stuck/Stuck.profile-meta.xml`]: big,
      [`${DIR}/profiles/Free.profile-meta.xml`]: TEMPLATES.profile,
      [`${DIR}/dashboards/Ops/Legacy.dashboard-meta.xml`]: TEMPLATES.dashboard,
    };
    const root = writeProject(files);
    const stuck = join(root, `${DIR}/profiles/Stuck/Stuck.profile-meta.xml`);
    const chattr = spawnSync('chattr', ['+i', stuck], { encoding: 'utf8' });
    let shell = '';
    let undo = () => spawnSync('chattr', ['-i', stuck]);
    if (chattr.status !== 0) {
      // Where chattr +i is refused (no CAP_LINUX_IMMUTABLE, as in many containers, even for root; a file system
      // without the flag), the run gets a file-size limit instead: writing Stuck fails with EFBIG, the others fit.
      console.warn(
        `chattr +i is not possible here (${(chattr.stderr || String(chattr.error)).trim()}): the write of Stuck fails through a file-size limit (ulimit -f) instead`,
      );
      shell = 'ulimit -f 32; ';
      undo = () => spawnSync('true');
    }
    try {
      const r = await fix(root, {}, shell);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        /iulint: could not fix force-app\/main\/default\/profiles\/Stuck\/Stuck\.profile-meta\.xml: .*(EPERM|EACCES|EFBIG)/,
      );
      expect(r.stderr).toContain('iulint: 1 file was not fixed (exit code 2)');
      expect(readFileSync(stuck, 'utf8')).toBe(big);
      for (const p of [`${DIR}/profiles/Free.profile-meta.xml`, `${DIR}/dashboards/Ops/Legacy.dashboard-meta.xml`]) {
        const bytes = readFileSync(join(root, p));
        expect(bytes.toString('utf8')).not.toBe(files[p]);
        expect(judge(p, bytes)).toBeUndefined();
      }
      expect(tempsOf(root)).toEqual([]);
    } finally {
      undo();
    }
  }, 300_000);
});

describe('the lock', () => {
  it('a lock that cannot be written (a full disk, a quota: here a file-size limit of 0) is exit code 2, and none is left', async () => {
    const root = writeProject({ [PROFILE]: TEMPLATES.profile });
    const r = await fix(root, {}, 'ulimit -f 0; ');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^iulint: cannot create the fix lock .*\.iulint-fix\.lock: EFBIG/m);
    expect(existsSync(join(root, '.iulint-fix.lock'))).toBe(false);
    expect(readFileSync(join(root, PROFILE), 'utf8')).toBe(TEMPLATES.profile);
    // The next run takes the lock at once: nothing stale to wait for.
    const next = await fix(root);
    expect(next.stderr).not.toContain('waiting for another');
    expect(readFileSync(join(root, PROFILE), 'utf8')).not.toBe(TEMPLATES.profile);
  }, 300_000);
});

describe('temporary files', () => {
  it('a run killed with SIGKILL leaves its temporary file; the next run removes it and fixes the file', async () => {
    const root = writeProject({ [PROFILE]: TEMPLATES.profile });
    const hook = mkdtempSync(join(tmpdir(), 'iulint-hook-'));
    const run = startFix(root, { IULINT_TEST_FIX_PAUSE: `written:${hook}` });
    await until('the run to pause', () => existsSync(join(hook, 'paused')));
    const left = tempsOf(root);
    expect(left).toHaveLength(1);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal ?? 'exited').toBe('SIGKILL');
    expect(tempsOf(root)).toEqual(left); // nothing cleaned it up
    expect(readFileSync(join(root, PROFILE), 'utf8')).toBe(TEMPLATES.profile); // the file is untouched
    expect(existsSync(join(root, '.iulint-fix.lock'))).toBe(true);

    const next = await fix(root);
    expect([0, 1], next.stderr).toContain(next.code);
    expect(tempsOf(root)).toEqual([]);
    expect(existsSync(join(root, '.iulint-fix.lock'))).toBe(false);
    expect(readFileSync(join(root, PROFILE)).equals((await reference({ [PROFILE]: TEMPLATES.profile })).get(PROFILE) as Buffer)).toBe(true);
  }, 300_000);

  it('a lock whose pid now names another process (started at another time) is stale', async () => {
    const root = writeProject({ [PROFILE]: TEMPLATES.profile });
    // This test runner's own pid: alive, but not the process that took the lock.
    const lock = { pid: process.pid, host: hostname(), start: '1', since: '2020-01-01T00:00:00.000Z' };
    const temp = join(root, `${DIR}/profiles/.Api False.profile-meta.xml.iulint-${process.pid}-0000abcd.tmp`);
    writeFileSync(temp, 'half a file');
    writeFileSync(join(root, '.iulint-fix.lock'), `${JSON.stringify(lock)}\n${temp}\n`);
    const r = await fix(root);
    expect([0, 1], r.stderr).toContain(r.code);
    expect(r.stderr).not.toContain('waiting for another');
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(join(root, '.iulint-fix.lock'))).toBe(false);
    expect(readFileSync(join(root, PROFILE), 'utf8')).not.toBe(TEMPLATES.profile);
  }, 300_000);

  it('a stale lock that came with the project removes only its temporary files inside the project', async () => {
    const root = writeProject({ [PROFILE]: TEMPLATES.profile });
    // A lock as a cloned repository may hold it: this host, a pid whose process is gone, and lines of its choosing.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    const outside = mkdtempSync(join(tmpdir(), 'iulint-outside-'));
    const kept = [
      join(outside, `.Other.profile-meta.xml.iulint-${pid}-0000abcd.tmp`), // a temporary file's very name, outside the project
      join(root, `notes.iulint-${pid}-backup`), // inside, but not a temporary file's name
      join(root, `${DIR}/profiles/.x.iulint-${pid}-0000abcd.tmp.keep`),
    ];
    for (const p of kept) writeFileSync(p, 'precious');
    const temp = join(root, `${DIR}/profiles/.Api False.profile-meta.xml.iulint-${pid}-0000abcd.tmp`);
    writeFileSync(temp, 'half a file');
    const lines = [...kept, relative(root, kept[0] as string), temp];
    writeFileSync(
      join(root, '.iulint-fix.lock'),
      `${JSON.stringify({ pid, host: hostname(), start: '', since: 'x' })}\n${lines.join('\n')}\n`,
    );
    const r = await fix(root);
    expect([0, 1], r.stderr).toContain(r.code);
    expect(existsSync(temp)).toBe(false);
    for (const p of kept) expect(readFileSync(p, 'utf8'), p).toBe('precious');
    expect(existsSync(join(root, '.iulint-fix.lock'))).toBe(false);
  }, 300_000);

  it('never removes the temporary file of a run still going: the next run waits for it', async () => {
    const root = writeProject({ [PROFILE]: TEMPLATES.profile });
    const hook = mkdtempSync(join(tmpdir(), 'iulint-hook-'));
    const first = startFix(root, { IULINT_TEST_FIX_PAUSE: `written:${hook}` });
    await until('the run to pause', () => existsSync(join(hook, 'paused')));
    const temp = tempsOf(root);
    expect(temp).toHaveLength(1);
    let secondStderr = '';
    const second = startFix(root);
    second.child.stderr?.on('data', (d: Buffer) => {
      secondStderr += d.toString();
    });
    await until('the second run to wait', () => secondStderr.includes('waiting for another iulint --fix'));
    await new Promise((r) => setTimeout(r, 1000));
    expect(second.child.exitCode).toBeNull();
    expect(tempsOf(root)).toEqual(temp);
    writeFileSync(join(hook, 'go'), '');
    const [a, b] = await Promise.all([first.done, second.done]);
    for (const r of [a, b]) expect([0, 1], r.stderr).toContain(r.code);
    expect(tempsOf(root)).toEqual([]);
    expect(judge(PROFILE, readFileSync(join(root, PROFILE)))).toBeUndefined();
  }, 300_000);
});

describe('UTF-16 with an unpaired surrogate', () => {
  it('is an xml-syntax finding, and a fix elsewhere in the file keeps it byte for byte', async () => {
    const text = TEMPLATES.profile.replace('<custom>true</custom>', '<custom>true</custom>\n    <description>a\uD800b</description>');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(bytes.includes(Buffer.from([0x00, 0xd8]))).toBe(true);
    const root = writeProject({ [PROFILE]: bytes });
    const r = await fix(root);
    expect(r.stderr).toContain('iulint: fixed 1 problem');
    const report = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; message: string }> };
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'xml-syntax', message: expect.stringContaining('U+D800') }));
    const after = readFileSync(join(root, PROFILE));
    // The units one by one: the fixed text with the very surrogate, never U+FFFD.
    const units: number[] = [];
    for (let i = 2; i < after.length; i += 2) units.push(after.readUInt16LE(i));
    const fixedText = String.fromCharCode(...units);
    expect(fixedText).toContain('<description>a\uD800b</description>');
    expect(fixedText).not.toContain('\uFFFD');
    expect(fixedText).toBe(text.replace('<enabled>false</enabled>', '<enabled>true</enabled>'));
  }, 120_000);
});
