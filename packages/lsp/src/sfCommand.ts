import { UsageError } from './usageError.js';

/*
 * How to spawn the Salesforce CLI on this platform. On POSIX `sf` is an executable and its arguments
 * go to it as they are. On Windows `sf` is `sf.cmd`, a batch file, which Node refuses to spawn
 * without a shell since 20.12.2 (EINVAL, CVE-2024-27980); so it runs through `cmd.exe` with one
 * command line in which every argument is quoted for the C runtime that parses node's argv, then
 * every cmd.exe metacharacter is escaped with `^`: twice for a batch file, which cmd parses once
 * more when it expands `%*`.
 */

/** What to give `spawnSync`: the command, its arguments and whether it runs through the shell. */
export interface SfSpawn {
  command: string;
  args: string[];
  shell: boolean;
}

// The characters cmd.exe treats specially on a command line (quotes included: an escaped quote
// never opens or closes a quoted part for cmd, only for the C runtime).
const CMD_META = /([()[\]%!^"`<>&|;, *?=])/g;

/** The argument quoted as the Microsoft C runtime parses it back: `a "b"\` is `"a \"b\"\\"`. */
function quoteForRuntime(arg: string): string {
  // Backslashes before a quote or the closing quote are doubled; a quote is escaped with one.
  const body = arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\*)$/, '$1$1');
  return `"${body}"`;
}

function escapeForCmd(text: string, times: number): string {
  let out = text;
  for (let i = 0; i < times; i++) out = out.replace(CMD_META, '^$1');
  return out;
}

/** The spawn of `sf` with `args` (`platform` is injectable for tests). */
export function sfSpawn(sf: string, args: string[], platform: NodeJS.Platform = process.platform): SfSpawn {
  if (platform !== 'win32') return { command: sf, args, shell: false };
  for (const a of [sf, ...args])
    if (/[\0\r\n]/.test(a)) throw new UsageError(`cannot pass a line break or NUL to the Salesforce CLI on Windows: ${JSON.stringify(a)}`);
  // Plain `sf` is found by cmd.exe as `sf.cmd`, a batch file; an `.exe` gets its arguments parsed once.
  const batch = !/\.exe$/i.test(sf);
  const command = /[\s()&^%!,;=]/.test(sf) ? `"${sf}"` : sf;
  const line = [command, ...args.map((a) => escapeForCmd(quoteForRuntime(a), batch ? 2 : 1))].join(' ');
  return { command: line, args: [], shell: true };
}
