import type { Finding } from '../diagnostic.js';
import { isInside, relativePath } from '../fs.js';
import type { Rule } from '../rules/rule.js';

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(findings: readonly Finding[]): Summary {
  const s = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
  }
  return s;
}

/** What every output format needs besides the findings. */
export interface ReportInput {
  /** The project root; file paths are shown relative to it. */
  root: string;
  findings: readonly Finding[];
  filesChecked: number;
  toolVersion: string;
  /** The rules that ran (SARIF lists them as the tool's rules). */
  rules: readonly Rule[];
  /** Findings the baseline already holds: left out of text and JSON, carried as suppressed in SARIF. */
  suppressed?: readonly Finding[];
  /** The files the report speaks for (JUnit's test cases); the files with findings when absent. */
  files?: readonly string[];
  /**
   * The repository's root, when the project sits in a sub-folder of it: `github` and `gitlab` reports
   * give paths relative to it, as GitHub and GitLab show files.
   */
  repositoryRoot?: string;
  /** With `--changed-since`: the git ref the report is about. */
  changedSince?: string;
}

/** A file's path as the CI system shows it: relative to the repository root (else the project root), `/`-separated. */
export function repositoryPath(input: ReportInput, path: string): string {
  const base = input.repositoryRoot && isInside(input.repositoryRoot, input.root) ? input.repositoryRoot : input.root;
  return relativePath(base, path);
}

/**
 * The clause that says which change brought a finding into a `--changed-since` report, for formats
 * that have only a message (stylish, github, junit, gitlab); JSON and SARIF carry it as a property.
 * Empty for a finding in a changed file itself, whose reason is plain.
 */
export function causeClause(f: Finding, root: string): string {
  const c = f.cause;
  if (!c || c.self) return '';
  const verb = c.change === 'deleted' ? 'was deleted' : c.change === 'renamed' ? 'was renamed' : 'changed';
  return ` (reported because ${relativePath(root, c.path)} ${verb})`;
}

/** The findings grouped by file, in report order. */
export function byFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) out.set(f.path, [...(out.get(f.path) ?? []), f]);
  return out;
}
