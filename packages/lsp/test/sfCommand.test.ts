import { describe, expect, it } from 'vitest';
import { sfSpawn } from '../src/sfCommand.js';
import { UsageError } from '../src/usageError.js';

const ARGS = ['data', 'query', '--query', 'SELECT Id, Name FROM User', '--target-org', 'a&b"c\\', '--json'];

/** What cmd.exe leaves of a command line after one parse: a `^` makes the next character literal. */
const cmdParse = (line: string) => line.replace(/\^(.)/g, '$1');

/** How the Microsoft C runtime splits a command line into argv (the rules documented for `main`). */
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
          if (n % 2 === 1) arg += '"';
          else quoted = !quoted;
        } else {
          arg += '\\'.repeat(n);
          i--;
        }
      } else if (c === '"') quoted = !quoted;
      else if (!quoted && (c === ' ' || c === '\t')) break;
      else arg += c;
    }
    argv.push(arg);
  }
  return argv;
}

describe('spawning sf', () => {
  it('passes the arguments as they are on POSIX, without a shell', () => {
    for (const platform of ['linux', 'darwin'] as const)
      expect(sfSpawn('sf', ARGS, platform)).toEqual({ command: 'sf', args: ARGS, shell: false });
  });

  it('runs sf.cmd through cmd.exe on Windows, every argument quoted and escaped twice for the batch file', () => {
    const spawn = sfSpawn('sf', ARGS, 'win32');
    expect(spawn.shell).toBe(true);
    expect(spawn.args).toEqual([]);
    expect(spawn.command).toBe(
      'sf ^^^"data^^^" ^^^"query^^^" ^^^"--query^^^" ^^^"SELECT^^^ Id^^^,^^^ Name^^^ FROM^^^ User^^^" ' +
        '^^^"--target-org^^^" ^^^"a^^^&b\\^^^"c\\\\^^^" ^^^"--json^^^"',
    );
    // cmd.exe parses the line, then the batch file's %* once more; node's C runtime splits the rest.
    expect(runtimeArgv(cmdParse(cmdParse(spawn.command))).slice(1)).toEqual(ARGS);
  });

  it('escapes once for an .exe, and quotes a command path with spaces', () => {
    const spawn = sfSpawn('C:\\Program Files\\sf\\bin\\sf.exe', ['--target-org', '100% (EU)!'], 'win32');
    expect(spawn.command).toBe('"C:\\Program Files\\sf\\bin\\sf.exe" ^"--target-org^" ^"100^%^ ^(EU^)^!^"');
    expect(runtimeArgv(cmdParse(spawn.command))).toEqual(['C:\\Program Files\\sf\\bin\\sf.exe', '--target-org', '100% (EU)!']);
  });

  it('refuses a line break, which cmd.exe cannot carry', () => {
    expect(() => sfSpawn('sf', ['--target-org', 'a\nb'], 'win32')).toThrow(UsageError);
  });
});
