import { type JsonNode, type JsonObject, type JsonString, parseJson, prop, stringProp } from '../json/parser.js';
import { LineIndex } from '../text/positions.js';
import type { AssignmentRecord, DataTreeFacts, FileFacts, Located, SfConfigFacts, UserDefinitionFacts, UserRecord } from './facts.js';
import { scriptFacts } from './scriptFacts.js';

/**
 * Reads a JSON file as whatever user source it is, by its shape: an `sf org create user` definition,
 * an `sf data import tree` file, a Salesforce CLI config (`.sf/config.json`), or `package.json`
 * scripts. Returns undefined for any other JSON (and for JSON that does not parse: it is not ours to
 * judge).
 */
export function jsonFacts(path: string, text: string): FileFacts | undefined {
  const parsed = parseJson(text);
  if (!parsed.value) return undefined;
  const lines = new LineIndex(text);
  const root = parsed.value;
  const fileName = path.slice(path.lastIndexOf('/') + 1);
  if (/(^|\/)\.sf\/config\.json$/.test(path) || /(^|\/)\.sfdx\/sfdx-config\.json$/.test(path)) return sfConfig(path, root, lines);
  if (fileName === 'package.json') {
    const scripts = prop(root, 'scripts')?.value;
    if (scripts?.type !== 'object') return undefined;
    return scriptFacts(
      path,
      text,
      scripts.properties.filter((p) => p.value.type === 'string').map((p) => ({ start: p.value.start + 1, end: p.value.end - 1 })),
      true,
    );
  }
  if (root.type !== 'object') return undefined;
  const records = prop(root, 'records')?.value;
  if (records?.type === 'array') return dataTree(path, records.items, lines);
  if (isUserDefinition(root)) {
    const facts: UserDefinitionFacts = { kind: 'userDefinition', path, user: userRecord(path, root, lines) };
    return facts;
  }
  return undefined;
}

const loc = (lines: LineIndex, s: JsonString | undefined): Located | undefined =>
  s ? { value: s.value, range: lines.rangeAt(s.start, s.end) } : undefined;

/** A user definition file has a username or a last name, and user fields rather than org settings. */
function isUserDefinition(obj: JsonObject): boolean {
  const has = (k: string) => prop(obj, k, true) !== undefined;
  if (has('edition') || has('orgName') || has('records') || has('packageDirectories')) return false;
  if (has('username')) return true;
  return has('lastName') && (has('profileName') || has('email') || has('alias') || has('permsets'));
}

function permsets(obj: JsonObject, lines: LineIndex): Located[] {
  const p = prop(obj, 'permsets', true);
  if (!p) return [];
  const out: Located[] = [];
  if (p.value.type === 'array') {
    for (const item of p.value.items) {
      if (item.type === 'string' && item.value.trim()) out.push({ value: item.value.trim(), range: lines.rangeAt(item.start, item.end) });
    }
  } else if (p.value.type === 'string') {
    // "A,B": each name's own range inside the string (no escapes expected in permission set names).
    const s = p.value;
    let offset = s.start + 1;
    for (const part of s.value.split(',')) {
      const lead = part.length - part.trimStart().length;
      const name = part.trim();
      if (name) out.push({ value: name, range: lines.rangeAt(offset + lead, offset + lead + name.length) });
      offset += part.length + 1;
    }
  }
  return out;
}

function userRecord(path: string, obj: JsonObject, lines: LineIndex): UserRecord {
  const str = (k: string) => loc(lines, stringProp(obj, k, true));
  const active = prop(obj, 'isActive', true)?.value;
  const attributes = prop(obj, 'attributes')?.value;
  const referenceId = stringProp(attributes, 'referenceId')?.value;
  const record: UserRecord = { path, range: lines.rangeAt(obj.start, obj.end), permsets: permsets(obj, lines) };
  const set = <K extends keyof UserRecord>(key: K, value: UserRecord[K] | undefined) => {
    if (value !== undefined) record[key] = value;
  };
  set('username', str('username'));
  set('name', str('name'));
  set('lastName', str('lastName'));
  set('firstName', str('firstName'));
  set('userType', str('userType'));
  set('alias', str('alias'));
  set('profileName', str('profileName'));
  set('profileId', str('profileId'));
  if (active?.type === 'boolean') record.isActive = active.value as boolean;
  if (referenceId) record.referenceId = referenceId;
  return record;
}

function recordType(node: JsonNode): string | undefined {
  return stringProp(prop(node, 'attributes')?.value, 'type')?.value.toLowerCase();
}

function dataTree(path: string, items: JsonNode[], lines: LineIndex): DataTreeFacts | undefined {
  const users: UserRecord[] = [];
  const assignments: AssignmentRecord[] = [];
  const assignment = (node: JsonObject, parentRef: Located | undefined): AssignmentRecord => {
    const permissionSet = prop(node, 'PermissionSet', true)?.value;
    return {
      path,
      range: lines.rangeAt(node.start, node.end),
      assignee: loc(lines, stringProp(node, 'AssigneeId', true)) ?? parentRef,
      permissionSetId: loc(lines, stringProp(node, 'PermissionSetId', true)),
      permissionSetName: loc(lines, stringProp(permissionSet, 'Name', true) ?? stringProp(node, 'PermissionSetName', true)),
    };
  };
  let sawTreeRecord = false;
  for (const item of items) {
    if (item.type !== 'object') continue;
    const type = recordType(item);
    if (!type) continue;
    sawTreeRecord = true;
    if (type === 'user') {
      const user = userRecord(path, item, lines);
      users.push(user);
      // Child records nested under the user: { "PermissionSetAssignments": { "records": [...] } }
      for (const p of item.properties) {
        const nested = prop(p.value, 'records')?.value;
        if (nested?.type !== 'array') continue;
        const ref: Located | undefined = user.referenceId ? { value: `@${user.referenceId}`, range: user.range } : user.username;
        for (const n of nested.items)
          if (n.type === 'object' && recordType(n) === 'permissionsetassignment') assignments.push(assignment(n, ref));
      }
    } else if (type === 'permissionsetassignment') {
      assignments.push(assignment(item, undefined));
    }
  }
  if (!sawTreeRecord) return undefined;
  return { kind: 'dataTree', path, users, assignments };
}

function sfConfig(path: string, root: JsonNode, lines: LineIndex): SfConfigFacts {
  const target = stringProp(root, 'target-org') ?? stringProp(root, 'defaultusername');
  return { kind: 'sfConfig', path, targetOrg: loc(lines, target) };
}
