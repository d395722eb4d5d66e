import { classifyPath, type MetadataFileInfo } from '../metadata/classify.js';
import { decodeBytes } from '../text/decode.js';
import { apexFacts } from './apexFacts.js';
import type { FileFacts } from './facts.js';
import { jsonFacts } from './jsonFacts.js';
import { metadataFacts } from './metadataFacts.js';
import { scriptFacts } from './scriptFacts.js';

export type SourceKind = 'metadata' | 'json' | 'script' | 'apex';

const SCRIPT = /\.(sh|bash|zsh|ksh|ps1|yml|yaml)$|(^|\/)(Jenkinsfile|Makefile)$/;

/** What kind of source iulint reads a path as, if any; cheap (the path alone). */
export function sourceKind(path: string): { kind: SourceKind; info?: MetadataFileInfo } | undefined {
  const info = classifyPath(path);
  if (info?.isXml) return { kind: 'metadata', info };
  if (/\.(cls|trigger)$/.test(path)) return { kind: 'apex' };
  if (path.endsWith('.json')) return { kind: 'json' };
  if (SCRIPT.test(path)) return { kind: 'script' };
  return undefined;
}

/** The facts of a file from its text; undefined when iulint has nothing to say about it. */
export function extractFacts(path: string, text: string): FileFacts | undefined {
  const kind = sourceKind(path);
  if (!kind) return undefined;
  switch (kind.kind) {
    case 'metadata':
      return metadataFacts(path, kind.info as MetadataFileInfo, text);
    case 'apex':
      return apexFacts(path, text);
    case 'json':
      return jsonFacts(path, text);
    case 'script':
      return scriptFacts(path, text);
  }
}

/** The facts of a file from its bytes: decodes them, and keeps a metadata file that cannot be read. */
export function extractFactsFromBytes(path: string, bytes: Uint8Array): FileFacts | undefined {
  const kind = sourceKind(path);
  if (!kind) return undefined;
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
    return { ...facts, unreadable: reason };
  }
  return extractFacts(path, decoded.text);
}
