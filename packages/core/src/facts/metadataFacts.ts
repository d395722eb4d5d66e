import { profileNameFromFullName } from '../domain/profiles.js';
import type { MetadataFileInfo } from '../metadata/classify.js';
import { findUserReferences, hasUserReferences } from '../metadata/userReferences.js';
import { LineIndex, type Range } from '../text/positions.js';
import type { ParseOptions, XmlDocument, XmlElement } from '../xml/parser.js';
import { parseXml } from '../xml/parser.js';
import { child, children, localName, type TextValue, textValue, walk } from '../xml/query.js';
import type {
  ConnectedAppFacts,
  DisableComment,
  InsertionPoints,
  Located,
  MetadataFacts,
  ObjectPermissionFact,
  PermissionSetFacts,
  PermissionSetGroupFacts,
  ProfileFacts,
  UserPermissionFact,
} from './facts.js';

/** What a profile's facts read: its licence and user permissions. The rest of it (most of a large profile) is only checked. */
const PROFILE_ELEMENTS = new Set(['userLicense', 'userPermissions', 'custom']);
const keepForProfile = (name: string, parent: XmlElement): boolean => parent.parent !== undefined || PROFILE_ELEMENTS.has(localName(name));

/** The outermost element above an element (the root of its tree). */
function outermost(el: XmlElement): XmlElement {
  let e = el;
  while (e.parent) e = e.parent;
  return e;
}

/** What a permission set's facts read; its field permissions, tabs, classes... are only checked. */
const PERMISSION_SET_ELEMENTS = new Set(['label', 'license', 'hasActivationRequired', 'userPermissions', 'objectPermissions']);

/** The top-level element an element belongs to (the child of the root on its path). */
function outermostBelowRoot(el: XmlElement): XmlElement {
  let e = el;
  while (e.parent?.parent) e = e.parent;
  return e;
}

/**
 * Builds every top-level element, and inside them only those of a top-level element the facts read,
 * under a root named `rootName` (under another root, whose facts search the whole tree, everything).
 * Whether an element's children are built depends on the element alone, not on their names.
 */
const keepTopLevel = (read: Set<string>, rootName: string): ParseOptions => {
  const builds = (parent: XmlElement): boolean => {
    if (parent.parent === undefined) return true;
    const top = outermostBelowRoot(parent);
    return read.has(localName(top.name)) || localName((top.parent as XmlElement).name) !== rootName;
  };
  return { keep: (_name, parent) => builds(parent), childless: (el) => !builds(el) };
};
const keepTopLevelProfile = keepTopLevel(PROFILE_ELEMENTS, 'Profile');
const keepTopLevelPermissionSet = keepTopLevel(PERMISSION_SET_ELEMENTS, 'PermissionSet');

/**
 * How much of a metadata file to build: `facts` builds what the facts read (a permission set's
 * top-level elements all, for the insertion points of fixes); `topLevel` also builds every top-level
 * element of a profile, so that one of them can be re-read alone after an edit; `fragment` parses one
 * top-level element of a profile or permission set alone (as its own root), building what `topLevel`
 * builds of it.
 */
export type BuildMode = 'facts' | 'topLevel' | 'fragment';

/** The types whose facts read elements below the root other than user references (the switch of `metadataFactsOf`). */
const READS_BELOW_ROOT = new Set(['Profile', 'PermissionSet', 'PermissionSetGroup', 'ConnectedApp', 'CustomSite']);
/** Builds the root alone: its children are checked (and skipped whole where they are plain), never built. */
const ROOT_ONLY: ParseOptions = { keep: () => false };

export function metadataParseOptions(info: MetadataFileInfo, mode: BuildMode = 'facts'): ParseOptions {
  const read =
    info.type === 'Profile' ? PROFILE_ELEMENTS : info.type === 'PermissionSet' && !info.part ? PERMISSION_SET_ELEMENTS : undefined;
  // Most metadata (fields, layouts, translations...) gives only its root, errors and comments. A file
  // read by its root element (`byRoot`) may be of any type: all of it is built.
  if (!read) return info.byRoot || READS_BELOW_ROOT.has(info.type) || hasUserReferences(info.type) ? {} : ROOT_ONLY;
  if (mode === 'fragment') return { keep: (_name, parent) => read.has(localName(outermost(parent).name)) };
  if (info.type === 'PermissionSet') return keepTopLevelPermissionSet;
  return mode === 'facts' ? { keep: keepForProfile } : keepTopLevelProfile;
}

const PROFILE_READ: readonly string[] = [...PROFILE_ELEMENTS];
const PERMISSION_SET_READ: readonly string[] = [...PERMISSION_SET_ELEMENTS];

/**
 * The top-level elements whose names alone decide what the facts read (in `facts` mode), when they
 * read nothing else below the root: a profile's, a permission set's (under a `PermissionSet` root:
 * under another, every element is built), none for the many types read by their root alone;
 * undefined for every other type. `compact.ts` leaves the others out of a large file.
 */
export function topLevelRead(info: MetadataFileInfo): readonly string[] | undefined {
  if (info.type === 'Profile') return PROFILE_READ;
  if (info.type === 'PermissionSet') return info.part ? undefined : PERMISSION_SET_READ;
  return metadataParseOptions(info) === ROOT_ONLY ? [] : undefined;
}

/** Reads the facts of an XML metadata file from its text. */
export function metadataFacts(path: string, info: MetadataFileInfo, text: string): MetadataFacts {
  return metadataFactsOf(path, info, parseXml(text, metadataParseOptions(info)), new LineIndex(text));
}

/** The facts of an XML metadata file from its parsed document and the line index of its text. */
export function metadataFactsOf(path: string, fileInfo: MetadataFileInfo, doc: XmlDocument, lines: LineIndex): MetadataFacts {
  const loc = (v: TextValue | undefined): Located | undefined =>
    v ? { value: v.value, range: lines.rangeAt(v.start, v.end), ...(v.emptyElement ? { emptyElement: v.emptyElement } : {}) } : undefined;
  const root = doc.root;
  const first = doc.errors[0];
  // A type the registry does not know is the root element's.
  const info = fileInfo.byRoot && root ? { ...fileInfo, type: localName(root.name) } : fileInfo;
  const facts: MetadataFacts = {
    kind: 'metadata',
    path,
    info,
    root: root ? { value: localName(root.name), range: lines.rangeAt(root.start + 1, root.nameEnd) } : undefined,
    xmlError: first
      ? { message: first.message, range: lines.rangeAt(first.start, Math.max(first.end, first.start + 1)), more: doc.errors.length - 1 }
      : undefined,
    comments: disableComments(doc, lines),
    userReferences: hasUserReferences(info.type)
      ? findUserReferences(doc, info.type).map((r) => ({
          kind: r.kind,
          element: r.element,
          username: loc(r.value) as Located,
        }))
      : [],
    profileReferences: [],
  };
  if (!root) return facts;
  const field = (el: XmlElement, name: string): Located | undefined => {
    const c = child(el, name);
    return c ? loc(textValue(doc, c)) : undefined;
  };

  switch (info.type) {
    case 'Profile':
      facts.profile = readProfile(doc, root, info, field, loc);
      break;
    case 'PermissionSet':
      facts.permissionSet = readPermissionSet(doc, root, info, field, loc);
      if (!info.part) facts.insertion = insertionPoints(doc, root, lines);
      break;
    case 'PermissionSetGroup':
      facts.permissionSetGroup = readPermissionSetGroup(doc, root, info, field, loc);
      facts.insertion = insertionPoints(doc, root, lines);
      break;
    case 'ConnectedApp':
      facts.connectedApp = readConnectedApp(doc, root, info, field, loc);
      facts.profileReferences = facts.connectedApp.profileNames;
      break;
    case 'CustomSite': {
      const guest = field(root, 'guestProfile');
      if (guest) facts.profileReferences = [guest];
      break;
    }
  }
  return facts;
}

type FieldReader = (el: XmlElement, name: string) => Located | undefined;
type Locator = (v: TextValue | undefined) => Located | undefined;

/** `true` or `false` (trimmed, any case); undefined when absent or anything else. */
function booleanOf(v: Located | undefined): boolean | undefined {
  const t = v?.value.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

function isTrue(v: Located | undefined): boolean {
  return v?.value.toLowerCase() === 'true';
}

function userPermissions(doc: XmlDocument, root: XmlElement, loc: Locator): UserPermissionFact[] {
  const out: UserPermissionFact[] = [];
  const read = (el: XmlElement): void => {
    const nameEl = child(el, 'name');
    const name = nameEl ? loc(textValue(doc, nameEl)) : undefined;
    if (!name) return;
    const enabledEl = child(el, 'enabled');
    const enabled = enabledEl ? loc(textValue(doc, enabledEl)) : undefined;
    out.push({ name: name.value, enabled: isTrue(enabled), nameRange: name.range, enabledValue: enabled });
  };
  const rootName = localName(root.name);
  if (rootName === 'Profile' || rootName === 'PermissionSet') {
    for (const el of root.children) if (localName(el.name) === 'userPermissions') read(el);
    return out;
  }
  // A decomposed part may hold the permission as its root (<UserPermission>) or nested anywhere.
  walk(root, (el) => {
    const n = localName(el.name).toLowerCase();
    if (n === 'userpermissions' || n === 'userpermission') read(el);
  });
  return out;
}

function objectPermissions(root: XmlElement, field: FieldReader): ObjectPermissionFact[] {
  const out: ObjectPermissionFact[] = [];
  const read = (el: XmlElement): void => {
    const local = localName(el.name);
    // Most children are something else: told apart by their first letter before a lower-cased copy is made.
    if ((local.charCodeAt(0) | 32) !== 111 /* o */) return;
    const n = local.toLowerCase();
    if (n !== 'objectpermissions' && n !== 'objectpermission') return;
    let object = field(el, 'object');
    // In an objectSettings file of a decomposed permission set, the object is the file's subject.
    if (!object && el.parent) object = field(el.parent, 'object');
    if (!object) return;
    out.push({
      object,
      allowCreate: isTrue(field(el, 'allowCreate')),
      allowEdit: isTrue(field(el, 'allowEdit')),
      allowDelete: isTrue(field(el, 'allowDelete')),
      modifyAllRecords: isTrue(field(el, 'modifyAllRecords')),
    });
  };
  // A permission set's object permissions are children of its root (its other children, most of a large
  // one, need not be visited); a decomposed part may hold one as its root or nested anywhere.
  const rootName = localName(root.name);
  if (rootName === 'Profile' || rootName === 'PermissionSet') for (const el of root.children) read(el);
  else walk(root, read);
  return out;
}

function readProfile(doc: XmlDocument, root: XmlElement, info: MetadataFileInfo, field: FieldReader, loc: Locator): ProfileFacts {
  return {
    name: profileNameFromFullName(info.fullName),
    userLicense: field(root, 'userLicense'),
    custom: booleanOf(field(root, 'custom')),
    userPermissions: userPermissions(doc, root, loc),
  };
}

function readPermissionSet(
  doc: XmlDocument,
  root: XmlElement,
  info: MetadataFileInfo,
  field: FieldReader,
  loc: Locator,
): PermissionSetFacts {
  return {
    name: info.fullName,
    label: field(root, 'label'),
    license: field(root, 'license'),
    hasActivationRequired: field(root, 'hasActivationRequired'),
    userPermissions: userPermissions(doc, root, loc),
    objectPermissions: objectPermissions(root, field),
    part: info.part === true,
  };
}

function readPermissionSetGroup(
  doc: XmlDocument,
  root: XmlElement,
  info: MetadataFileInfo,
  field: FieldReader,
  loc: Locator,
): PermissionSetGroupFacts {
  return {
    name: info.fullName,
    permissionSets: leafValues(doc, root, 'permissionSets', loc),
    hasActivationRequired: field(root, 'hasActivationRequired'),
  };
}

/** The non-empty values of every child element of that name. */
function leafValues(doc: XmlDocument, root: XmlElement, name: string, loc: Locator): Located[] {
  const out: Located[] = [];
  for (const el of children(root, name)) {
    const v = loc(textValue(doc, el));
    if (v && v.value.length > 0) out.push(v);
  }
  return out;
}

function readConnectedApp(doc: XmlDocument, root: XmlElement, info: MetadataFileInfo, field: FieldReader, loc: Locator): ConnectedAppFacts {
  const oauth = child(root, 'oauthConfig');
  const enabled = oauth ? field(oauth, 'isClientCredentialEnabled') : undefined;
  const user = oauth ? field(oauth, 'oauthClientCredentialUser') : undefined;
  return {
    name: info.fullName,
    runAsUser: user && (enabled === undefined || isTrue(enabled)) ? user : undefined,
    permissionSetNames: leafValues(doc, root, 'permissionSetName', loc),
    profileNames: leafValues(doc, root, 'profileName', loc),
  };
}

const DIRECTIVE = /^\s*iulint-(disable-next-line|disable-file|disable|enable)\b([\s\S]*)$/;

/**
 * The suppression comments of a file, with the rule ids they name: everything before the reason, which
 * follows a colon (README, "Suppressions") or, in the v1 form XML forbids, ` -- `.
 */
function disableComments(doc: XmlDocument, lines: LineIndex): DisableComment[] {
  const out: DisableComment[] = [];
  for (const c of doc.comments) {
    const m = DIRECTIVE.exec(c.body);
    if (!m) continue;
    const directive = m[1] as string;
    const kind =
      directive === 'disable-next-line' ? 'next-line' : directive === 'disable-file' ? 'file' : (directive as 'disable' | 'enable');
    const rest = m[2] ?? '';
    const cut = rest.search(/:|--/);
    const rules = (cut === -1 ? rest : rest.slice(0, cut))
      .replace(/-+\s*$/, '')
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter((r) => r.length > 0);
    const comment: DisableComment = { kind, rules, range: lines.rangeAt(c.start, c.end), removal: removalRange(doc.text, c, lines) };
    const v1 = c.body.includes('--') || c.body.endsWith('-');
    if (!v1 && rules.length > 0) {
      const ids = cut === -1 ? rest : rest.slice(0, cut);
      const lead = /^\s*/.exec(ids)?.[0] ?? '';
      const trail = /\s*$/.exec(ids)?.[0] ?? '';
      comment.around = {
        before: `<!--${c.body.slice(0, c.body.length - rest.length)}${lead}`,
        after: `${trail}${cut === -1 ? '' : rest.slice(cut)}-->`,
      };
    }
    if (v1) {
      // The reason is what follows the first colon or dashes; a run of dashes in it becomes one.
      const reason =
        cut === -1
          ? ''
          : rest
              .slice(cut)
              .replace(/^(:|-+)/, '')
              .replace(/-{2,}/g, '-')
              .replace(/[\s-]+$/, '')
              .trim();
      const ids = rules.length > 0 ? ` ${rules.join(', ')}` : '';
      comment.colonForm = `<!-- iulint-${directive}${ids}${reason ? `: ${reason}` : ''} -->`;
    }
    out.push(comment);
  }
  return out;
}

/** A comment's whole line (with its line break) when nothing else is on it, else the comment alone. */
function removalRange(text: string, c: { start: number; end: number }, lines: LineIndex): Range {
  const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
  const newline = text.indexOf('\n', c.end);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const alone = /^[ \t]*$/.test(text.slice(lineStart, c.start)) && /^[ \t]*\r?\n?$/.test(text.slice(c.end, lineEnd));
  return alone ? lines.rangeAt(lineStart, lineEnd) : lines.rangeAt(c.start, c.end);
}

function insertionPoints(doc: XmlDocument, root: XmlElement, lines: LineIndex): InsertionPoints | undefined {
  // A root with no end tag, or a self-closing one (`<PermissionSet/>`), has no place to insert into.
  if (root.openEnd === -1 || root.selfClosing) return undefined;
  const text = doc.text;
  const first = root.children[0];
  let indent = '    ';
  if (first) {
    const lineStart = Math.max(text.lastIndexOf('\n', first.start - 1) + 1, 0);
    const lead = text.slice(lineStart, first.start);
    if (/^[ \t]*$/.test(lead)) indent = lead;
  }
  // Consecutive children of one name (a permission set's dozens of field permissions) are one run.
  const names: string[] = [];
  const ends: number[] = [];
  const kids = root.children;
  for (let k = 0; k < kids.length; k++) {
    const name = localName((kids[k] as XmlElement).name);
    while (k + 1 < kids.length && localName((kids[k + 1] as XmlElement).name) === name) k++;
    const end = lines.positionAt((kids[k] as XmlElement).end);
    names.push(name);
    ends.push(end.line, end.character);
  }
  return {
    names: names.join(' '),
    ends,
    afterRootStart: lines.positionAt(root.openEnd),
    indent,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
