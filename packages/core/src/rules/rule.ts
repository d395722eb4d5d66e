import type { Level, RelatedLocation } from '../diagnostic.js';
import type { MetadataFileInfo } from '../metadata/classify.js';
import type { LineIndex } from '../text/positions.js';
import type { XmlDocument } from '../xml/parser.js';

/** Where every rule's page lives; `<id>.md` is appended. */
export const DOCS_BASE_URL = 'https://github.com/iulint/iulint/blob/main/docs/rules/';

export interface RuleMeta {
  id: string;
  defaultLevel: Level;
  /** One line: what the rule flags. */
  description: string;
  /** Whether the rule offers a quick fix. */
  fixable: boolean;
}

/** An XML metadata file as the rules see it. */
export interface MetadataFile {
  path: string;
  info: MetadataFileInfo;
  doc: XmlDocument;
  lines: LineIndex;
}

export interface Problem {
  /** Offsets into the file's text. */
  start: number;
  end: number;
  message: string;
  related?: RelatedLocation[];
}

export interface RuleOptions {
  /** Licence names added to the built-in general-purpose list. */
  generalPurposeLicenses: readonly string[];
}

export interface RuleContext {
  file: MetadataFile;
  options: RuleOptions;
  report(problem: Problem): void;
}

/**
 * Handlers keyed by metadata type name (`Profile`, `PermissionSet`, ...); `*` runs on every XML
 * metadata file.
 */
export type Visitors = Partial<Record<string, (file: MetadataFile) => void>>;

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): Visitors;
}

export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
