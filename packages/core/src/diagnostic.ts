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
  /**
   * Fixes offered but never applied by `--fix` alone (ESLint's suggestions): the fix of a finding that
   * rests on a name only. Editors offer them; `--fix --fix-suggestions` applies them.
   */
  suggestions?: Fix[];
  /** The finding rests on a name only (docs/integration-names.md): less certain than the others. */
  byName?: true;
  /** With `--changed-since`: the change that brought the finding into the report. */
  cause?: ChangeCause;
}

/** How a file changed since the merge base (git's words, plus "untracked" for a new file git does not track yet). */
export type ChangeKind = 'added' | 'modified' | 'renamed' | 'deleted' | 'untracked';

/** The change that brought a finding into a `--changed-since` report: its own file's, or a file it depends on. */
export interface ChangeCause {
  /** The changed file (for a renamed file, its new path; for a deleted one, its old path). */
  path: string;
  change: ChangeKind;
  /** Whether the finding's own file is the changed one; false for a dependant. */
  self: boolean;
  /** For a dependant: the recorded key that links it to the change (`profile:erp integration`). */
  key?: string;
}

/** The id of the info finding for a suppression comment that suppressed nothing. */
export const UNUSED_DISABLE = 'unused-disable';

/** The code of a configuration problem shown on `iulint.config.json` in an editor. */
export const CONFIG_CODE = 'config';
/** The code of the note on a file too large to lint, in an editor. */
export const FILE_TOO_LARGE_CODE = 'file-too-large';
/** The code of the note on a file that could not be read, in an editor. */
export const FILE_UNREADABLE_CODE = 'file-unreadable';

/** A diagnostic code that is not a rule's id; each has a page in `docs/rules/` as a rule does. */
export interface OtherCode {
  id: string;
  /** Its severity (`forceignore`: warning, or error for a line the CLI cannot read). */
  severity: Severity;
  fixable: boolean;
  description: string;
}

/**
 * Every diagnostic code besides the rules' ids: with the rules, what a finding or an editor's diagnostic
 * can carry (the docs test checks each has its page).
 */
export const OTHER_CODES: readonly OtherCode[] = [
  { id: UNUSED_DISABLE, severity: 'info', fixable: true, description: 'a suppression comment that suppresses nothing' },
  {
    id: 'forceignore',
    severity: 'warning',
    fixable: false,
    description: 'a .forceignore line the Salesforce CLI warns about or cannot read',
  },
  { id: CONFIG_CODE, severity: 'error', fixable: false, description: 'a problem in iulint.config.json (editors; the CLI exits 2)' },
  { id: FILE_TOO_LARGE_CODE, severity: 'info', fixable: false, description: 'a file larger than maxFileSize, not linted (editors)' },
  { id: FILE_UNREADABLE_CODE, severity: 'info', fixable: false, description: 'a file that could not be read, not linted (editors)' },
];

/** Sorts findings by path, then position, then rule id: the order every output uses. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.character !== b.range.start.character) return a.range.start.character - b.range.start.character;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
