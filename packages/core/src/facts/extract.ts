import { childPrefix } from '../fs.js';
import { AGENT_SCRIPT_TYPE, classifyPath, type MetadataFileInfo } from '../metadata/classify.js';
import { decodeBytes } from '../text/decode.js';
import { agentScriptFacts } from './agentScriptFacts.js';
import { apexFacts } from './apexFacts.js';
import { compactedFacts } from './compact.js';
import { detachStrings } from './detach.js';
import type { FileFacts } from './facts.js';
import { jsonFacts } from './jsonFacts.js';
import { metadataFacts } from './metadataFacts.js';
import { scriptFacts } from './scriptFacts.js';

export type SourceKind = 'metadata' | 'json' | 'script' | 'apex' | 'agentScript';

const SCRIPT = /\.(sh|bash|zsh|ksh|ps1|yml|yaml)$|(^|\/)(Jenkinsfile|Makefile)$/;

/**
 * What kind of source iulint reads a path as, if any; cheap (the path alone). Given the project's
 * root, a path inside it is classified by its part below the root: the folders above a project say
 * nothing of its files (a project in a folder named `sites`, `objects` or `lwc` is not a site, an
 * object or a component bundle).
 */
export function sourceKind(path: string, root?: string): SourceKindOf | undefined {
  const info = classifyPath(root === undefined ? path : belowRoot(path, root));
  const deployable = info !== undefined;
  if (info?.isXml) return { kind: 'metadata', info, deployable };
  if (info?.type === AGENT_SCRIPT_TYPE) return { kind: 'agentScript', info, deployable };
  if (/\.(cls|trigger|apex)$/.test(path)) return { kind: 'apex', deployable };
  if (path.endsWith('.json')) return { kind: 'json', deployable };
  if (SCRIPT.test(path)) return { kind: 'script', deployable };
  return undefined;
}

/** What `sourceKind` tells of a path. */
export interface SourceKindOf {
  kind: SourceKind;
  /** The metadata type of XML metadata and Agent Script. */
  info?: MetadataFileInfo;
  /** Whether a deploy takes the file (`isDeployable`: any metadata, Apex classes and triggers too), as `.forceignore` is matched. */
  deployable: boolean;
}

/** A path's part below a root it is inside; the path itself otherwise. */
function belowRoot(path: string, root: string): string {
  const prefix = childPrefix(root);
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/**
 * The facts of a file from its text; undefined when iulint has nothing to say about it. `root`: the
 * project's, when the path is in one (`sourceKind`).
 */
export function extractFacts(path: string, text: string, root?: string): FileFacts | undefined {
  const kind = sourceKind(path, root);
  const facts = kind && factsOf(path, kind, text);
  return facts ? detachStrings(facts) : undefined;
}

/** The facts of a file of a kind, their strings still pointing into its text. */
function factsOf(path: string, kind: SourceKindOf, text: string): FileFacts | undefined {
  switch (kind.kind) {
    case 'metadata':
      return metadataFacts(path, kind.info as MetadataFileInfo, text);
    case 'apex':
      return apexFacts(path, text);
    case 'agentScript':
      return agentScriptFacts(path, text);
    case 'json':
      return jsonFacts(path, text);
    case 'script':
      return scriptFacts(path, text);
  }
}

/** From this size, a metadata file's facts come from its text without what they do not read (`compact.ts`). */
const COMPACT_BYTES = 128 * 1024;

/**
 * The facts of a file from its bytes: decodes them, and keeps a metadata file that cannot be read.
 * `copied`: the caller copies the facts at once (a worker thread posting them), so their strings need
 * not be detached from the text. `root`: the project's, when the path is in one (`sourceKind`).
 */
export function extractFactsFromBytes(
  path: string,
  bytes: Uint8Array,
  options: { copied?: boolean; root?: string } = {},
): FileFacts | undefined {
  const kind = sourceKind(path, options.root);
  if (!kind) return undefined;
  if (kind.kind === 'metadata' && bytes.length >= COMPACT_BYTES) {
    const facts = compactedFacts(path, kind.info as MetadataFileInfo, bytes);
    if (facts) return options.copied ? facts : detachStrings(facts);
  }
  const decoded = decodeBytes(bytes);
  if ('binary' in decoded || decoded.problem) {
    const reason = 'binary' in decoded ? decoded.reason : (decoded.problem as string);
    if (kind.kind !== 'metadata') return undefined;
    if ('binary' in decoded) {
      return {
        kind: 'metadata',
        path,
        info: kind.info as MetadataFileInfo,
        root: undefined,
        xmlError: undefined,
        unreadable: reason,
        comments: [],
        userReferences: [],
        profileReferences: [],
      };
    }
    const facts = metadataFacts(path, kind.info as MetadataFileInfo, decoded.text);
    return { ...(options.copied ? facts : detachStrings(facts)), unreadable: reason };
  }
  const facts = factsOf(path, kind, decoded.text);
  return facts && !options.copied ? detachStrings(facts) : facts;
}
