import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  formatGithub,
  formatGitlab,
  formatJson,
  formatJunit,
  formatSarif,
  formatStylish,
  githubSummary,
  type ReportFormat,
  type ReportInput,
} from '@iulint/core';
import { makeFolder } from './folders.js';
import type { Io } from './io.js';
import { UsageError } from './usageError.js';

/** A report made: its format, its text, and where it goes (a file, or stdout when `path` is undefined). */
export interface RenderedReport {
  format: ReportFormat | 'github-summary';
  text: string;
  path?: string;
  /** Appended to the file (GitHub's step summary) rather than written over it. */
  append?: boolean;
}

/** The text of a file, for the code frames of stylish output on a terminal. */
function source(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function formatReport(format: ReportFormat, report: ReportInput, color = false): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'github':
      return formatGithub(report);
    case 'junit':
      return formatJunit(report);
    case 'gitlab':
      return formatGitlab(report);
    case 'stylish':
      return formatStylish(report, { color, ...(color ? { source } : {}) });
  }
}

/**
 * Every report of a run: the one stdout shows (`--format`, unless a lone `-o FILE` took it), each `-o`
 * file, and, when a github report is made and `stepSummary` (`$GITHUB_STEP_SUMMARY`) is set, the
 * Markdown summary appended to it.
 */
export function renderReports(
  report: ReportInput,
  to: { stdout: ReportFormat | undefined; files: Array<{ format: ReportFormat; path: string }>; color: boolean; stepSummary?: string },
): RenderedReport[] {
  const out: RenderedReport[] = [];
  if (to.stdout) out.push({ format: to.stdout, text: formatReport(to.stdout, report, to.color) });
  for (const f of to.files) out.push({ format: f.format, path: f.path, text: formatReport(f.format, report) });
  if (to.stepSummary && out.some((r) => r.format === 'github'))
    out.push({ format: 'github-summary', path: to.stepSummary, text: githubSummary(report), append: true });
  return out;
}

/** Writes a file, creating its folder; a UsageError that says why when it cannot. */
export function writeFile(path: string, text: string, append = false): void {
  try {
    makeFolder(dirname(path));
    if (append) appendFileSync(path, text);
    else writeFileSync(path, text);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot write ${path}: ${err.code === 'EISDIR' ? 'it is a folder' : (err.code ?? err.message)}`);
  }
}

export function writeReports(reports: readonly RenderedReport[], io: Pick<Io, 'stdout'>): void {
  for (const r of reports) {
    if (r.path === undefined) io.stdout(r.text);
    else writeFile(r.path, r.text, r.append);
  }
}
