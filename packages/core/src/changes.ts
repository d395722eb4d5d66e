import type { ChangeCause, ChangeKind, Finding } from './diagnostic.js';
import type { FileFacts } from './facts/facts.js';
import { isInside, joinPath } from './fs.js';
import { PROJECT_FILE } from './layout/project.js';
import { providedKeys } from './org/keys.js';
import type { Workspace } from './workspace/workspace.js';

/** A file changed since a git merge base, as the host read it from git. */
export interface FileChange {
  /** The file's path now (for a deleted file, the path it had). */
  path: string;
  change: ChangeKind;
  /** A renamed file's path at the merge base. */
  from?: string;
  /** The file's facts at the merge base (modified, renamed and deleted files iulint reads), so what it provided then counts too. */
  before?: FileFacts;
}

/**
 * The change that makes every file count as changed, if there is one: the configuration, `.forceignore`,
 * `sfdx-project.json` or a file of the org snapshot (each alters what every file's findings are).
 */
export function changeOfSettings(ws: Workspace, changes: readonly FileChange[]): FileChange | undefined {
  const settings = [ws.configPath, ws.forceignorePath, joinPath(ws.root, PROJECT_FILE)];
  const snapshot = ws.snapshot?.dir;
  const touches = (p: string | undefined) => p !== undefined && (settings.includes(p) || (snapshot !== undefined && isInside(snapshot, p)));
  return changes.find((c) => touches(c.path) || touches(c.from));
}

/**
 * The findings a `--changed-since` report shows, each with the change that brought it in: every finding
 * in a changed file, and every finding of an unchanged file whose last lint read a key (a profile, a
 * permission set, a user, an assignment ...) that a changed or deleted file provides now or provided at
 * the merge base. These are the dependency keys the language server follows (`Workspace.setFacts`).
 * A change to the settings (`changeOfSettings`) brings in every finding.
 */
export function selectChanged(ws: Workspace, findings: readonly Finding[], changes: readonly FileChange[]): Finding[] {
  const everything = changeOfSettings(ws, changes);
  if (everything)
    return findings.map((f) => ({ ...f, cause: { path: everything.path, change: everything.change, self: f.path === everything.path } }));
  const byPath = new Map(changes.map((c) => [c.path, c]));
  // Each key a change provides, with the first change (in order) to provide it and its place in that
  // order: a finding's cause is the first of them among the keys it read, found in one lookup a key.
  const providers = new Map<string, { change: FileChange; order: number }>();
  let order = 0;
  for (const change of changes)
    for (const key of new Set([...providedKeys(ws.files.get(change.path)), ...providedKeys(change.before)]))
      if (!providers.has(key)) providers.set(key, { change, order: order++ });
  const out: Finding[] = [];
  for (const f of findings) {
    const own = byPath.get(f.path);
    if (own) {
      out.push({ ...f, cause: { path: own.path, change: own.change, self: true } });
      continue;
    }
    const cause = dependencyCause(ws.dependenciesOf(f.path), providers);
    if (cause) out.push({ ...f, cause });
  }
  return out;
}

function dependencyCause(
  read: ReadonlySet<string>,
  providers: ReadonlyMap<string, { change: FileChange; order: number }>,
): ChangeCause | undefined {
  let first: { change: FileChange; order: number; key: string } | undefined;
  for (const key of read) {
    const provider = providers.get(key);
    if (provider && (!first || provider.order < first.order)) first = { ...provider, key };
  }
  return first && { path: first.change.path, change: first.change.change, self: false, key: first.key };
}
