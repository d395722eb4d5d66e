import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_OPTIONS } from '@iulint/core';
import { projectPath } from '@iulint/fixtures';
import type { SfError } from '@salesforce/core';
import sinon from 'sinon';
import { afterEach, describe, expect, it } from 'vitest';
import Check from '../src/commands/iulint/check.js';
import Rules from '../src/commands/iulint/rules.js';
import { iulint } from './host.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command in this process as the CLI would, with what it prints on stdout. */
async function run<T>(command: { run: (argv: string[], root: string) => Promise<T> }, argv: string[]) {
  let printed = '';
  const write = sinon.stub(process.stdout, 'write').callsFake((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  try {
    const result = await command.run(argv, ROOT).then(
      (r) => ({ result: r, error: undefined }),
      (e: unknown) => ({ result: undefined, error: e as SfError }),
    );
    return { ...result, printed, code: process.exitCode };
  } finally {
    write.restore();
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('sf iulint check: the same check as iulint check', () => {
  it('prints the same JSON report, returns it as the result, and sets the same exit code', async () => {
    const cli = iulint(['check', projectPath('sample'), '--format', 'json']);
    const r = await run(Check, [projectPath('sample'), '--result-format', 'json']);
    expect(r.error).toBeUndefined();
    expect(r.printed).toBe(cli.stdout);
    expect(r.result).toEqual(JSON.parse(cli.stdout));
    expect(cli.status).toBe(1);
    expect(r.code).toBe(1);
  });

  it('prints the same stylish report on the catalogue, with the same gates', async () => {
    const args = [projectPath('catalogue'), '--severity-threshold', 'warning', '--quiet'];
    const cli = iulint(['check', ...args, '--no-color']);
    const r = await run(Check, [...args, '--no-color']);
    expect(r.printed).toBe(cli.stdout);
    expect(r.code).toBe(cli.status);
    const zero = await run(Check, [...args, '--exit-zero', '--result-format', 'sarif']);
    expect(zero.printed).toBe(iulint(['check', ...args, '--exit-zero', '--format', 'sarif']).stdout);
    expect(zero.code).toBe(0);
  });

  it('takes --write-baseline and --baseline without a file, as iulint check does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-sfcheck-'));
    cpSync(projectPath('sample'), dir, { recursive: true });
    await run(Check, [dir, '--write-baseline', '--result-format', 'json']);
    expect(existsSync(join(dir, 'iulint-baseline.json'))).toBe(true);
    const r = await run(Check, [dir, '--baseline', '--result-format', 'json']);
    const report = r.result as unknown as { summary: { suppressed: number }; findings: unknown[] };
    expect(report.findings).toEqual([]);
    expect(report.summary.suppressed).toBe(JSON.parse(iulint(['check', projectPath('sample'), '--format', 'json']).stdout).findings.length);
    expect(r.code).toBe(0);
  });

  it('fails with exit code 2 and the reason iulint check gives', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'iulint-sfcheck-')), 'nothing-here');
    const cli = iulint(['check', missing]);
    expect(cli.status).toBe(2);
    const r = await run(Check, [missing]);
    expect(r.error?.exitCode).toBe(2);
    expect(r.error?.message).toBe(`iulint could not run: ${cli.stderr.replace(/^iulint: /, '').trim()}`);
  });

  it('reports a configuration problem with exit code 2, its line and column on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-sfcheck-'));
    cpSync(projectPath('sample'), dir, { recursive: true });
    // What a user leaves after a hurried edit: an unknown rule and a level that does not exist.
    writeFileSync(join(dir, 'iulint.config.json'), '{\n  "rules": { "no-such-rule": "error", "piu-no-edit": "loud" }\n}\n');
    let stderr = '';
    const err = sinon.stub(process.stderr, 'write').callsFake((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    let r: Awaited<ReturnType<typeof run>>;
    try {
      r = await run(Check, [dir]);
    } finally {
      err.restore();
    }
    const cli = iulint(['check', dir]);
    expect(cli.status).toBe(2);
    expect(r.error?.exitCode).toBe(2);
    expect(r.error?.name).toBe('IulintConfigError');
    expect(cli.stderr).toMatch(/iulint\.config\.json:2:\d+: /);
    for (const line of cli.stderr.trim().split('\n')) expect(stderr).toContain(line.replace(/^iulint: [^:]*iulint\.config\.json/, ''));
  });
});

describe("sf iulint check's flags: core's one declaration of the check's options, in the sf CLI's names", () => {
  it('every option with an sf name is a flag of that name, kind and letter; -o stays --target-org', () => {
    const flags = Check.flags as Record<
      string,
      { char?: string; type: string; multiple?: boolean; options?: readonly string[]; allowNo?: boolean }
    >;
    const named = CHECK_OPTIONS.filter((o) => o.sf);
    expect(Object.keys(flags).sort()).toEqual(named.map((o) => o.sf?.flag).sort());
    for (const o of named) {
      const f = flags[o.sf?.flag as string];
      expect(f?.char, o.key).toBe(o.sf?.char);
      expect(f?.type, o.key).toBe(o.kind === 'boolean' ? 'boolean' : 'option');
      if (o.kind === 'list') expect(f?.multiple, o.key).toBe(true);
      if (o.kind === 'choice') expect(f?.options, o.key).toEqual(o.choices);
    }
    expect(Object.values(flags).some((f) => f.char === 'o')).toBe(false);
    for (const name of ['result-format', 'output-file', 'config-file', 'severity-threshold']) expect(flags[name], name).toBeDefined();
  });

  it('--output-file repeated writes every report, as iulint check -o does; --max-warnings -1 is no limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iulint-sfcheck-'));
    const r = await run(Check, [
      projectPath('catalogue'),
      '--output-file',
      join(dir, 'a.sarif'),
      '--output-file',
      `junit=${join(dir, 'b.xml')}`,
      '--max-warnings',
      '-1',
      '--no-color',
    ]);
    expect(r.error).toBeUndefined();
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'a.sarif')) && existsSync(join(dir, 'b.xml'))).toBe(true);
    expect(r.printed).toBe(iulint(['check', projectPath('catalogue'), '--no-color']).stdout);
  });
});

describe('sf iulint rules', () => {
  it('prints the catalogue as iulint rules does and returns it as iulint rules --format json', async () => {
    const r = await run(Rules, []);
    expect(r.printed).toBe(iulint(['rules']).stdout);
    expect(r.result).toEqual(JSON.parse(iulint(['rules', '--format', 'json']).stdout));
  });
});
