/// <reference path="./types/cross-spawn.d.ts" />
import { type SpawnSyncOptions, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import crossSpawn, { type Parsed } from 'cross-spawn';
import { UsageError } from './usageError.js';

/*
 * How to spawn the Salesforce CLI. On POSIX `sf` is an executable and its arguments go to it as they
 * are. On Windows `sf` is `sf.cmd`, a batch file, which Node refuses to spawn without a shell since
 * 20.12.2 (EINVAL, CVE-2024-27980): cross-spawn (the library ESLint and execa use) finds it on PATH with
 * PATHEXT and runs it through `cmd.exe /d /e:on /v:off /s /c` with each argument in double quotes (a
 * quote doubled, which keeps cmd.exe's quoting balanced through the batch file's second parse) and
 * every `%` written `%%cd:~,%`, so that `%PATH%` or `%PATH:a=b%` is never expanded; an `.exe` runs
 * without a shell. A line break cannot be carried through cmd.exe at all: it is refused.
 */

/** `cross-spawn`'s parse: injectable, so that tests run its Windows branch on Linux. */
export type SpawnParse = (command: string, args: readonly string[], options: SpawnSyncOptions) => Parsed;

/** What to give `spawnSync` to run `sf` with `args`: the command, its arguments and options, as cross-spawn makes them. */
export function sfSpawn(sf: string, args: readonly string[], options: SpawnSyncOptions, parse: SpawnParse = crossSpawn._parse): Parsed {
  for (const a of [sf, ...args])
    if (/[\0\r\n]/.test(a)) throw new UsageError(`cannot pass a line break or NUL to the Salesforce CLI: ${JSON.stringify(a)}`);
  return parse(sf, args, options);
}

/** Runs `sf` with `args` and waits for it (a missing `sf` on Windows is ENOENT too, as on POSIX). */
export function runSf(sf: string, args: readonly string[], options: SpawnSyncOptions): SpawnSyncReturns<string> {
  const parsed = sfSpawn(sf, args, options);
  const r = spawnSync(parsed.command, parsed.args, { ...parsed.options, encoding: 'utf8' });
  r.error ??= crossSpawn._enoent.verifyENOENTSync(r.status, parsed) ?? undefined;
  return r;
}
