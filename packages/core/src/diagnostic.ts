import type { Range } from './text/positions.js';

export type Severity = 'error' | 'warning' | 'info';
export type Level = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Orders severities: error 3, warning 2, info 1. */
export function severityRank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : 1;
}

/** Another place that is part of the reason for a finding. */
export interface RelatedLocation {
  path: string;
  range: Range;
  message: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix: edits to the file the finding is in. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** What a rule found, in one file, ready for any output: CLI formats and LSP diagnostics. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The file's path as the file system gave it. */
  path: string;
  range: Range;
  related: RelatedLocation[];
  fix?: Fix;
  /** The finding rests on a name only (docs/integration-names.md): less certain than the others. */
  byName?: true;
}

/** The id of the info finding for a suppression comment that suppressed nothing. */
export const UNUSED_DISABLE = 'unused-disable';

/** Sorts findings by path, then position, then rule id: the order every output uses. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.character !== b.range.start.character) return a.range.start.character - b.range.start.character;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
