import { resolve } from 'node:path';
import { SNAPSHOT_QUERIES, type SnapshotFile, writeSnapshot } from '@iulint/lsp/snapshot';
import { Messages, StateAggregator } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@iulint/plugin-iulint', 'iulint.snapshot');

export interface SnapshotResult {
  outputDir: string;
  files: Array<{ file: string; records: number }>;
}

/** Errors that mean the stored authorisation no longer works (jsforce and the OAuth server name them so). */
const AUTH_ERRORS = /INVALID_SESSION_ID|invalid_grant|expired access\/refresh token|RefreshTokenAuthError|INVALID_AUTH_HEADER/i;

export default class Snapshot extends SfCommand<SnapshotResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'output-dir': Flags.directory({
      char: 'd',
      summary: messages.getMessage('flags.output-dir.summary'),
      default: '.iulint/snapshot',
      aliases: ['out'],
    }),
  };

  public async run(): Promise<SnapshotResult> {
    const { flags } = await this.parse(Snapshot);
    const org = flags['target-org'];
    const username = org.getUsername() ?? org.getOrgId();
    const conn = org.getConnection(flags['api-version']);
    const results: SnapshotFile[] = [];
    for (const q of SNAPSHOT_QUERIES) {
      const object = q.file.replace(/\.json$/, '');
      let result: { records: unknown[]; totalSize: number; done: boolean };
      try {
        // Every page (queryMore), however large the org: a snapshot is all or nothing.
        result = await (q.tooling ? conn.tooling : conn).query(q.soql, { autoFetch: true, maxFetch: Number.MAX_SAFE_INTEGER });
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        if (AUTH_ERRORS.test(`${err.name} ${err.message} ${(err as { errorCode?: string }).errorCode ?? ''}`)) {
          const alias = (await StateAggregator.getInstance()).aliases.resolveAlias(username) ?? username;
          throw messages.createError('error.AuthExpired', [username, err.message], [alias], 2);
        }
        throw messages.createError('error.QueryFailed', [object, username, err.message], [], 2);
      }
      if (result.records.length < result.totalSize)
        throw messages.createError('error.Incomplete', [object, result.records.length, result.totalSize], [], 2);
      // What `sf data query --json` prints: the envelope around the query result.
      const envelope = {
        status: 0,
        result: { records: result.records, totalSize: result.totalSize, done: result.done },
        warnings: [],
      };
      results.push({ file: q.file, text: JSON.stringify(envelope, null, 2), count: result.records.length });
    }
    const out = resolve(flags['output-dir']);
    this.log(messages.getMessage('info.Wrote', [username, out, writeSnapshot(out, results)]));
    return { outputDir: out, files: results.map((r) => ({ file: r.file, records: r.count })) };
  }
}
