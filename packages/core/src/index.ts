/**
 * `@iulint/core`: what the hosts (the CLI, the language server, the VS Code extension, the sf plugin,
 * the MCP server) use, named one by one: a check (`checkProject`) and the incremental workspace
 * (`Workspace`: `report`, `reportedFiles`, `explainUser`, `explainAt`, updates), the built-in rules
 * (`RULES`, handed down by the host), findings and their formats, the baseline, fixes, and the paths,
 * URIs and file system interface they take. Internals for tests and the benchmarks are on
 * `@iulint/core/internal`.
 */

export { applyBaseline, BASELINE_FILE, createBaseline, parseBaseline } from './baseline.js';
export { CONFIG_FILE, type Config, type ConfigProblem } from './config/config.js';
export {
  type Finding,
  type Fix,
  type Level,
  type RelatedLocation,
  SEVERITIES,
  type Severity,
  severityRank,
  type TextEdit,
} from './diagnostic.js';
export { applyEdits, fixEdits } from './edits.js';
export { errorMessage } from './errors.js';
export { extractFactsFromBytes, sourceKind } from './facts/extract.js';
export { formatJson, formatSarif, formatStylish, type ReportInput } from './formats/index.js';
export {
  type DirEntry,
  dirname,
  type FileKind,
  type FileSystem,
  isAbsolutePath,
  isInside,
  joinPath,
  normalizePath,
  relativePath,
} from './fs.js';
export { type JsonNode, parseJson } from './json/parser.js';
export { findProjectRoot } from './layout/project.js';
export { type Explanation, explanationMarkdown, type UserExplanation, userMarkdown } from './org/explain.js';
export type { LicenseAnswer, Reason } from './org/model.js';
export { type CheckResult, checkProject } from './project/check.js';
export { RULES } from './rules/index.js';
export { docsUrl, type Rule, type RuleMeta } from './rules/rule.js';
export { decodeBytes, type TextEncodingName } from './text/decode.js';
export { escapeControlCharacters, stringifyJson } from './text/escape.js';
export { matchesValueGlob } from './text/glob.js';
export { LineIndex, type Position, type Range } from './text/positions.js';
export { pathToUri, uriToPath } from './uri.js';
export { describeProblem, type SkippedFile, skippedNote, type WorkspaceProblem } from './workspace/problems.js';
export { type Extracted, type Extractor, type PathReport, Workspace, type WorkspaceOptions } from './workspace/workspace.js';
