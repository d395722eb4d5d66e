import type { RelatedLocation } from '../diagnostic.js';
import type { ObjectPermissionFact, UserPermissionFact } from '../facts/facts.js';
import type { PermissionSetView } from '../org/model.js';
import type { Range } from '../text/positions.js';
import type { Problem } from './rule.js';

/** One thing a profile or permission set grants that a rule objects to, where it is written. */
export interface Grant {
  path: string;
  range: Range;
  /** A user permission's name, or an object's API name. */
  name: string;
  /** For an object: the write accesses (`create`, `edit`, `delete`, `modify all`); empty for a permission. */
  access: string[];
}

/** How many objects a message names before "and N more". */
const FIRST_FEW = 3;

/** The enabled user permissions of the list that are high-risk, as grants. */
export function highRiskGrants(
  perms: ReadonlyArray<UserPermissionFact & { path: string }>,
  highRiskPermissions: readonly string[],
): Grant[] {
  const risky = new Set(highRiskPermissions.map((p) => p.toLowerCase()));
  return perms
    .filter((p) => p.enabled && risky.has(p.name.toLowerCase()))
    .map((p) => ({ path: p.path, range: p.nameRange, name: p.name, access: [] }));
}

/** The object permissions that give create, edit, delete or modify-all access, as grants. */
export function objectWriteGrants(objects: ReadonlyArray<ObjectPermissionFact & { path: string }>): Grant[] {
  const out: Grant[] = [];
  for (const o of objects) {
    const access = [o.allowCreate && 'create', o.allowEdit && 'edit', o.allowDelete && 'delete', o.modifyAllRecords && 'modify all'].filter(
      (a): a is string => typeof a === 'string',
    );
    if (access.length > 0) out.push({ path: o.path, range: o.object.range, name: o.object.value, access });
  }
  return out;
}

/**
 * The folder of a decomposed set's copy (`.../permissionsets/<Name>/`) a path is in: every file of it
 * makes up that copy; undefined for a set of one file, which is its copy alone. Two copies of a set in
 * two package directories stay two sets.
 */
function copyFolder(path: string): string | undefined {
  return /^(.*\/permissionsets\/[^/]+\/)/i.exec(path)?.[1];
}

type Copy = Pick<PermissionSetView, 'userPermissions' | 'objectPermissions'>;
/** Each view's copies, by folder (or path): every part of a decomposed set asks for its copy, which is all of them. */
const COPIES = new WeakMap<PermissionSetView, Map<string, Copy>>();

/** The user permissions and object permissions of the copy of a set that a file belongs to (shared: not to be changed). */
export function copyOfSet(view: PermissionSetView, path: string): Copy {
  // Most sets are one file, the only one of their name: nothing to leave out.
  if (view.userPermissions.every((p) => p.path === path) && view.objectPermissions.every((o) => o.path === path)) return view;
  const folder = copyFolder(path);
  let copies = COPIES.get(view);
  if (!copies) {
    copies = new Map();
    COPIES.set(view, copies);
  }
  let copy = copies.get(folder ?? path);
  if (!copy) {
    const inCopy = folder ? (other: string) => other.startsWith(folder) : (other: string) => other === path;
    copy = {
      userPermissions: view.userPermissions.filter((p) => inCopy(p.path)),
      objectPermissions: view.objectPermissions.filter((o) => inCopy(o.path)),
    };
    copies.set(folder ?? path, copy);
  }
  return copy;
}

/** Grants in reading order: the main file first (the one not in a sub-folder), then by path, then by position. */
export function inReadingOrder(grants: Grant[]): Grant[] {
  const depth = (p: string) => p.split('/').length;
  return [...grants].sort(
    (a, b) =>
      depth(a.path) - depth(b.path) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
}

/** `ModifyAllData`, or `3 high-risk permissions (ModifyAllData, ViewAllData and AuthorApex)`. */
export function permissionsPhrase(grants: Grant[]): string {
  return namesPhrase(grants.map((g) => g.name));
}

/** The same phrase from permission names alone (each named once). */
export function namesPhrase(permissions: readonly string[]): string {
  const names = [...new Set(permissions)];
  if (names.length === 1) return names[0] as string;
  return `${names.length} high-risk permissions (${andList(names)})`;
}

/** `edit on Account`, or `create, edit, delete or modify-all access on 112 objects (Account, Contact, Case and 109 more)`. */
export function objectsPhrase(grants: Grant[]): string {
  const names = [...new Set(grants.map((g) => g.name))];
  if (names.length === 1) return `${(grants[0] as Grant).access.join(', ')} on ${names[0]}`;
  const shown = names.slice(0, FIRST_FEW);
  const more = names.length - shown.length;
  return `create, edit, delete or modify-all access on ${names.length} objects (${more > 0 ? `${shown.join(', ')} and ${more} more` : andList(shown)})`;
}

function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Related locations for every grant after the first: where the set also grants it. */
export function otherGrants(grants: Grant[]): RelatedLocation[] {
  return grants.slice(1).map((g) => ({
    path: g.path,
    range: g.range,
    message: g.access.length > 0 ? `also grants ${g.access.join(', ')} on ${g.name}` : `also grants ${g.name}`,
  }));
}

/**
 * The one finding of a profile or permission set: at its first offending element in
 * reading order, with related locations for the others; none when nothing offends or when the first
 * offending element is in another file of the same decomposed set (that file carries the finding).
 */
export function oneFindingPerSet(path: string, grants: Grant[], message: (ordered: Grant[]) => string): Problem | undefined {
  const ordered = inReadingOrder(grants);
  const first = ordered[0];
  if (!first || first.path !== path) return undefined;
  return { range: first.range, message: message(ordered), related: otherGrants(ordered) };
}
