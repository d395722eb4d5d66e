import { type RegistryType, registry } from './registry.js';

export type MetadataFormat = 'source' | 'mdapi';

export interface MetadataFileInfo {
  /** The metadata type name, e.g. `Profile`. */
  type: string;
  /** `source` for `*-meta.xml` files, `mdapi` for Metadata API format files. */
  format: MetadataFormat;
  /** The component's full name, percent-decoded, with its folder for folder-based types. */
  fullName: string;
  /** Whether the file itself is XML (a metadata file, not an Apex class or a static resource). */
  isXml: boolean;
  /** Set for a file of a decomposed permission set other than its main file. */
  part?: boolean;
  /**
   * Set for a type the registry does not know yet (`UNREGISTERED_TYPES`): the file is read by its root
   * element, whose name is its type.
   */
  byRoot?: boolean;
}

/**
 * Types that carry user-bearing elements but that the registry iulint reads (source-deploy-retrieve
 * 12.37) does not know, with the folder and suffix Salesforce gives their files. A file in that folder,
 * or with that suffix, is read by its root element.
 */
export const UNREGISTERED_TYPES: ReadonlyArray<{ name: string; suffix: string; directoryName: string }> = [
  { name: 'AiAgentDefinition', suffix: 'aiAgentDefinition', directoryName: 'aiAgents' },
  { name: 'DocumentExtractionDef', suffix: 'documentExtractionDef', directoryName: 'documentExtractionDefs' },
];

/** The Agent Script bundle type: `aiAuthoringBundles/<Name>/<Name>.agent` beside its `.bundle-meta.xml`. */
export const AGENT_SCRIPT_TYPE = 'AiAuthoringBundle';

const META_XML = '-meta.xml';
/** Adapters of source-deploy-retrieve whose main file holds content rather than XML. */
const CONTENT_ADAPTERS = new Set(['matchingContentFile', 'mixedContent', 'bundle', 'digitalExperience', 'uiBundles']);

function decodeName(name: string): string {
  // Most names have nothing to decode (and decoding costs about a microsecond a name).
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function typeBySuffix(suffix: string): [string, RegistryType] | undefined {
  const id = registry.suffixes[suffix];
  const type = id ? registry.types[id] : undefined;
  return id && type ? [id, type] : undefined;
}

/** The folders of paths classified lately: the files of one folder share its array (never changed). */
const FOLDERS = new Map<string, string[]>();

/** A path's non-empty segments: the last one (its file name) and the others (its folders). */
function splitPath(path: string): { fileName: string | undefined; dirs: string[] } {
  const slash = path.lastIndexOf('/');
  const fileName = path.slice(slash + 1);
  if (fileName === '') {
    const segments = path.split('/').filter((s) => s.length > 0);
    return { fileName: segments[segments.length - 1], dirs: segments.slice(0, -1) };
  }
  const folder = slash === -1 ? '' : path.slice(0, slash);
  let dirs = FOLDERS.get(folder);
  if (!dirs) {
    if (FOLDERS.size >= 4096) FOLDERS.clear();
    dirs = folder.split('/').filter((s) => s.length > 0);
    FOLDERS.set(folder, dirs);
  }
  return { fileName, dirs };
}

/**
 * Classifies a path (absolute or relative, `/`-separated) into a metadata type the way
 * source-deploy-retrieve does: a strict folder first, then the suffix of a `*-meta.xml` name, then the
 * plain extension. A Metadata API format file must also sit in its type's directory. Returns
 * undefined for anything that is not metadata.
 */
export function classifyPath(path: string): MetadataFileInfo | undefined {
  const { fileName, dirs } = splitPath(path);
  if (!fileName) return undefined;
  const isSource = fileName.endsWith(META_XML) && fileName.length > META_XML.length;
  const base = isSource ? fileName.slice(0, -META_XML.length) : fileName;
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const suffix = base.slice(dot + 1);
  const stem = base.slice(0, dot);
  const format: MetadataFormat = isSource ? 'source' : 'mdapi';

  // 1. A strict folder (bots/, sites/, emailservices/, objects/ ...) decides the type.
  for (let d = dirs.length - 1; d >= 0; d--) {
    const strictId = registry.strictDirectoryNames[dirs[d] as string];
    if (!strictId) continue;
    const strict = registry.types[strictId];
    if (!strict) continue;
    let type: RegistryType | undefined;
    if (strict.suffix === suffix) type = strict;
    else {
      const bySuffix = typeBySuffix(suffix);
      if (bySuffix && registry.childTypes[bySuffix[0]] === strictId) type = bySuffix[1];
    }
    if (!type) return strict.name === AGENT_SCRIPT_TYPE ? agentScript(fileName, dirs, d) : undefined;
    return info(type, format, stem, dirs, d);
  }

  // 2 and 3. The suffix.
  const bySuffix = typeBySuffix(suffix);
  if (!bySuffix) return decomposedPermissionSetPart(dirs, isSource) ?? unregistered(suffix, stem, dirs, format);
  const [, type] = bySuffix;
  if (type.strictDirectoryName) return undefined;
  const dirIndex = findTypeDirectory(type, dirs);
  if (format === 'mdapi' && dirIndex === -1) return undefined;
  return info(type, format, stem, dirs, dirIndex);
}

/**
 * A file of a decomposed permission set (`decomposePermissionSetBeta` and `Beta2` of
 * sfdx-project.json): `permissionsets/<Name>/<Name>.userPermission-meta.xml`,
 * `permissionsets/<Name>/objectSettings/<Object>.objectSettings-meta.xml` and the like.
 */
function decomposedPermissionSetPart(dirs: string[], isSource: boolean): MetadataFileInfo | undefined {
  if (!isSource) return undefined;
  const d = dirs.lastIndexOf('permissionsets');
  const name = d === -1 ? undefined : dirs[d + 1];
  if (!name) return undefined;
  return { type: 'PermissionSet', format: 'source', fullName: decodeName(name), isXml: true, part: true };
}

/**
 * A file of a type the registry does not know (`UNREGISTERED_TYPES`): by its suffix (a source-format
 * file anywhere, a Metadata API format file in its folder), or by its folder (any `*-meta.xml` there).
 */
function unregistered(suffix: string, stem: string, dirs: string[], format: MetadataFormat): MetadataFileInfo | undefined {
  const folder = dirs[dirs.length - 1];
  for (const t of UNREGISTERED_TYPES) {
    const bySuffix = suffix === t.suffix && (format === 'source' || folder === t.directoryName);
    const byFolder = folder === t.directoryName && format === 'source';
    if (bySuffix || byFolder) return { type: t.name, format, fullName: decodeName(stem), isXml: true, byRoot: true };
  }
  return undefined;
}

/** An Agent Script file: `aiAuthoringBundles/<Name>/<file>.agent` (its bundle's other files are not read). */
function agentScript(fileName: string, dirs: string[], d: number): MetadataFileInfo | undefined {
  const bundle = dirs[d + 1];
  if (!fileName.endsWith('.agent') || !bundle || dirs.length !== d + 2) return undefined;
  return { type: AGENT_SCRIPT_TYPE, format: 'source', fullName: decodeName(bundle), isXml: false };
}

/** Where the type's directory is among the file's folders (-1 when absent). */
function findTypeDirectory(type: RegistryType, dirs: string[]): number {
  const parent = dirs.length - 1;
  if (type.inFolder) {
    // dashboards/<Folder>/<Name>, possibly with nested folders.
    for (let d = parent - 1; d >= 0; d--) if (dirs[d] === type.directoryName) return d;
    return -1;
  }
  return dirs[parent] === type.directoryName ? parent : -1;
}

function info(type: RegistryType, format: MetadataFormat, stem: string, dirs: string[], dirIndex: number): MetadataFileInfo {
  let fullName = decodeName(stem);
  if (type.inFolder && dirIndex >= 0 && dirIndex < dirs.length - 1) {
    fullName = [...dirs.slice(dirIndex + 1), fullName].join('/');
  }
  const isXml = format === 'source' || !CONTENT_ADAPTERS.has(type.adapter ?? '');
  // The registry has one Settings type; each file is its own type, named after it: Case.settings
  // holds <CaseSettings>.
  const name = type.name === 'Settings' ? `${fullName}Settings` : type.name;
  return { type: name, format, fullName, isXml };
}
