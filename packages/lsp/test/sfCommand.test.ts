import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Parsed } from 'cross-spawn';
import { describe, expect, it } from 'vitest';
import { type SpawnParse, sfSpawn } from '../src/sfCommand.js';
import { UsageError } from '../src/usageError.js';

/*
 * Spawning `sf` on Windows, judged on Linux: cross-spawn's own Windows branch (loaded with
 * process.platform set to win32, so it takes that branch and finds `sf.cmd` with PATH and PATHEXT as on
 * Windows) makes the command line; a model of cmd.exe and of the Microsoft C runtime reads it back, as
 * Windows would: cmd.exe's percent expansion and quote/caret pass (twice for a batch file, which hands
 * `%*` to node.exe through a second parse), then the C runtime's split into argv. What node.exe (the sf
 * CLI) gets must be the arguments as they were, and nothing may be left outside quotes for cmd.exe to act
 * on (`&|<>`). The model follows Microsoft's documentation of the C runtime ("Parsing C++ command-line
 * arguments") and the phases of cmd.exe's parser as documented by its users (SS64, "How does the Windows
 * Command Interpreter parse scripts").
 */

/** cross-spawn as it runs on Windows. */
function windowsParse(): SpawnParse {
  const require = createRequire(import.meta.url);
  const platform = Object.getOwnPropertyDescriptor(process, 'platform') as PropertyDescriptor;
  const fresh = /[\\/]node_modules[\\/](cross-spawn|which|isexe|path-key|shebang-command|shebang-regex)[\\/]/;
  for (const k of Object.keys(require.cache)) if (fresh.test(k)) delete require.cache[k];
  Object.defineProperty(process, 'platform', { value: 'win32' });
  try {
    return (require('cross-spawn') as { _parse: SpawnParse })._parse;
  } finally {
    Object.defineProperty(process, 'platform', platform);
    for (const k of Object.keys(require.cache)) if (fresh.test(k)) delete require.cache[k];
  }
}

const ENV = { PATH: 'C:\\Windows', OS: 'Windows_NT', USERNAME: 'me' };

/** cmd.exe's phase 1 on a command line: `%name%` (with `:~start,length` or `:from=to`) is expanded when name is set (or dynamic: `cd`); otherwise the `%` stays and reading goes on from the next character. */
function percentPhase(line: string, env: Record<string, string>): string {
  // `cd` is one of cmd.exe's dynamic variables: the current folder.
  const lookup = (name: string) =>
    Object.entries(env).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ??
    (name.toLowerCase() === 'cd' ? 'C:\\work' : undefined);
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '%') {
      out += line[i++];
      continue;
    }
    const close = line.indexOf('%', i + 1);
    const body = close === -1 ? '' : line.slice(i + 1, close);
    const colon = body.indexOf(':');
    const value = body === '' ? undefined : lookup(colon === -1 ? body : body.slice(0, colon));
    if (value === undefined) {
      out += '%';
      i++;
      continue;
    }
    const edit = colon === -1 ? '' : body.slice(colon + 1);
    let expanded = value;
    if (edit.startsWith('~')) {
      const [start = '', length] = edit.slice(1).split(',');
      const from = Number(start || 0);
      expanded = length === undefined ? value.slice(from) : value.substr(from, Number(length || 0));
    } else if (edit.includes('=')) {
      const [from = '', to = ''] = edit.split('=');
      expanded = from === '' ? value : value.split(from).join(to);
    }
    out += expanded;
    i = close + 1;
  }
  return out;
}

/** cmd.exe's phase 2: outside double quotes `^` escapes the next character; `&|<>` unquoted and unescaped would start another command. */
function quotePhase(line: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '"') quoted = !quoted;
    if (!quoted && c === '^') {
      out += line[++i] ?? '';
      continue;
    }
    if (!quoted && '&|<>'.includes(c)) throw new Error(`cmd.exe would act on an unquoted ${c}: ${line}`);
    out += c;
  }
  return out;
}

/** How the Microsoft C runtime (2008 and later) splits a command line into argv. */
function runtimeArgv(line: string): string[] {
  const argv: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    for (; i < line.length; i++) {
      const c = line[i];
      if (c === '\\') {
        let n = 0;
        while (line[i] === '\\') {
          n++;
          i++;
        }
        if (line[i] === '"') {
          arg += '\\'.repeat(n >> 1);
          if (n % 2 === 1) {
            arg += '"';
            continue;
          }
          i--; // the quote is read next, as a quote
        } else {
          arg += '\\'.repeat(n);
          i--;
        }
      } else if (c === '"') {
        if (quoted && line[i + 1] === '"') {
          arg += '"';
          i++;
        } else quoted = !quoted;
      } else if (!quoted && (c === ' ' || c === '\t')) break;
      else arg += c;
    }
    argv.push(arg);
  }
  return argv;
}

/** What node.exe gets when cmd.exe runs the parsed command: through `sf.cmd` (`node.exe run.js %*`), or an `.exe` directly. */
function argvOnWindows(parsed: Parsed, env: Record<string, string>): { runs: string; argv: string[] } {
  if (!/cmd\.exe$/i.test(parsed.command)) return { runs: parsed.command, argv: parsed.args };
  expect(parsed.args.slice(0, 5)).toEqual(['/d', '/e:on', '/v:off', '/s', '/c']);
  expect(parsed.options.windowsVerbatimArguments).toBe(true);
  // `/s /c "..."`: the outer quotes go, the rest is one command line.
  const line = (parsed.args[5] as string).slice(1, -1);
  const first = quotePhase(percentPhase(line, env));
  const command = /^"([^"]*)"|^(\S+)/.exec(first) as RegExpExecArray;
  const runs = command[1] ?? (command[2] as string);
  const rest = first.slice(command[0].length);
  if (!/\.(cmd|bat)$/i.test(runs)) return { runs, argv: runtimeArgv(rest) };
  // The batch file's line, `"%~dp0\node.exe" "%~dp0\run.js" %*`: %* is the rest as cmd.exe passed it,
  // not expanded again; then its quote/caret pass, then the C runtime of node.exe.
  const batchLine = `"C:\\sf\\bin\\node.exe" "C:\\sf\\bin\\run.js"${rest}`;
  return { runs, argv: runtimeArgv(quotePhase(batchLine)).slice(2) };
}

/** A folder on PATH with `sf.cmd`, as the Salesforce CLI's Windows installer leaves it. */
function sfOnPath(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'iulint-sfcmd-'));
  writeFileSync(join(dir, 'sf.cmd'), '@"%~dp0\\node.exe" "%~dp0\\run.js" %*\r\n');
  return { ...ENV, PATH: `${dir};C:\\Windows`, PATHEXT: '.COM;.EXE;.BAT;.cmd' };
}

const HOSTILE = [
  '%PATH:a=b%',
  '%PATH%',
  '100% (EU)!',
  'a&b|c<d>e^f',
  'say "hi"',
  'a "b"\\',
  'C:\\dir with spaces\\',
  '\\\\server\\share\\"x"',
  "it's & done",
  '!PATH!',
  '%%cd:~,%',
  '',
];

describe('spawning sf', () => {
  it('passes the arguments as they are on POSIX, without a shell', () => {
    const args = ['data', 'query', '--target-org', '%PATH:a=b%', 'a&b"c\\'];
    const parsed = sfSpawn('sf', args, { env: ENV });
    expect(parsed.command).toBe('sf');
    expect(parsed.args).toEqual(args);
    expect(parsed.options.shell).toBeFalsy();
  });

  it('on Windows, runs sf.cmd through cmd.exe so that every hostile argument reaches node.exe as it was', () => {
    const env = sfOnPath();
    const parsed = sfSpawn(
      'sf',
      ['data', 'query', '--query', 'SELECT Id, Name FROM User', '--target-org', ...HOSTILE],
      { env },
      windowsParse(),
    );
    expect(parsed.command).toMatch(/cmd\.exe$/i);
    const { runs, argv } = argvOnWindows(parsed, env);
    expect(runs).toMatch(/sf\.cmd$/);
    expect(argv).toEqual(['data', 'query', '--query', 'SELECT Id, Name FROM User', '--target-org', ...HOSTILE]);
  });

  it.each(HOSTILE)('on Windows, %j alone survives cmd.exe and the batch file', (arg) => {
    const env = sfOnPath();
    expect(argvOnWindows(sfSpawn('sf', ['--target-org', arg], { env }, windowsParse()), env).argv).toEqual(['--target-org', arg]);
  });

  it('on Windows, an IULINT_SF with spaces, or written in quotes, is one command', () => {
    const env = sfOnPath();
    for (const sf of [
      'C:\\Program Files\\sf\\bin\\sf.cmd',
      '"C:\\Program Files\\sf\\bin\\sf.cmd"',
      'C:\\Program Files (x86)\\a&b\\sf.cmd',
    ]) {
      const { runs, argv } = argvOnWindows(sfSpawn(sf, ['--target-org', '%PATH:a=b%'], { env }, windowsParse()), env);
      expect(runs).toBe(sf.replace(/"/g, ''));
      expect(argv).toEqual(['--target-org', '%PATH:a=b%']);
    }
  });

  it('on Windows, an .exe runs without a shell: node quotes its arguments for CreateProcess', () => {
    const exe = join(mkdtempSync(join(tmpdir(), 'iulint-sfexe-')), 'sf.exe');
    writeFileSync(exe, '');
    const parsed = sfSpawn(exe, ['--target-org', '100% (EU)!'], { env: ENV }, windowsParse());
    expect(parsed.command).toBe(exe);
    expect(parsed.args).toEqual(['--target-org', '100% (EU)!']);
    expect(parsed.options.windowsVerbatimArguments).toBeFalsy();
  });

  it('refuses a line break or NUL, which cmd.exe cannot carry', () => {
    for (const bad of ['a\nb', 'a\rb', 'a\0b']) expect(() => sfSpawn('sf', ['--target-org', bad], { env: ENV })).toThrow(UsageError);
  });
});
