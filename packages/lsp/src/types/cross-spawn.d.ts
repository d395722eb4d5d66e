/** The part of cross-spawn 7.1 that iulint uses: `_parse` (what `sync` runs, also used by execa) and its ENOENT check. */
declare module 'cross-spawn' {
  import type { SpawnSyncOptions } from 'node:child_process';

  export interface Parsed {
    command: string;
    args: string[];
    options: SpawnSyncOptions & { windowsVerbatimArguments?: boolean };
    /** The command's file when cross-spawn found it (Windows only). */
    file: string | undefined;
    original: { command: string; args: string[] };
  }
  export function _parse(command: string, args: readonly string[], options: SpawnSyncOptions): Parsed;
  export const _enoent: { verifyENOENTSync(status: number | null, parsed: Parsed): Error | null };
}
