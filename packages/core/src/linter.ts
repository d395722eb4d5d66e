import { compareFindings, type Finding, type Level, type RelatedLocation, type Severity } from './diagnostic.js';
import { classifyPath, type MetadataFileInfo } from './metadata/classify.js';
import { RULES } from './rules/index.js';
import type { MetadataFile, Problem, Rule, RuleOptions } from './rules/rule.js';
import { type BinaryContent, type DecodedText, decodeBytes } from './text/decode.js';
import { LineIndex } from './text/positions.js';
import { parseXml } from './xml/parser.js';

export interface LintOptions {
  /** Rule id → level; rules not named keep their default level. */
  rules?: Readonly<Record<string, Level>>;
  /** Licence names added to the built-in general-purpose list. */
  generalPurposeLicenses?: readonly string[];
}

export function ruleLevel(rule: Rule, options: LintOptions): Level {
  return options.rules?.[rule.meta.id] ?? rule.meta.defaultLevel;
}

/** Whether iulint lints this path at all (an XML metadata file). */
export function lintablePath(path: string): MetadataFileInfo | undefined {
  const info = classifyPath(path);
  return info?.isXml ? info : undefined;
}

/**
 * Lints the text of one file. The CLI and the language server both come through here, so they
 * always agree. Returns no findings for a file that is not XML metadata.
 */
export function lintText(path: string, text: string, options: LintOptions = {}): Finding[] {
  const info = lintablePath(path);
  if (!info) return [];
  const doc = parseXml(text);
  const file: MetadataFile = { path, info, doc, lines: new LineIndex(text) };
  const ruleOptions: RuleOptions = { generalPurposeLicenses: options.generalPurposeLicenses ?? [] };
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const level = ruleLevel(rule, options);
    if (level === 'off') continue;
    const report = (p: Problem): void => {
      findings.push(toFinding(file, rule.meta.id, level, p.start, p.end, p.message, p.related ?? []));
    };
    try {
      const visitors = rule.create({ file, options: ruleOptions, report });
      visitors[info.type]?.(file);
      visitors['*']?.(file);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      findings.push(
        toFinding(
          file,
          rule.meta.id,
          'error',
          0,
          0,
          `iulint's rule ${rule.meta.id} failed on this file (${reason}); the other rules still ran. Please report this.`,
          [],
        ),
      );
    }
  }
  return findings.sort(compareFindings);
}

/** Lints a file's bytes: decodes them first, and reports a file that cannot be read as text. */
export function lintBytes(path: string, bytes: Uint8Array, options: LintOptions = {}): Finding[] {
  if (!lintablePath(path)) return [];
  const decoded = decodeBytes(bytes);
  const problem = unreadable(path, decoded, options);
  if ('binary' in decoded) return problem ? [problem] : [];
  const findings = lintText(path, decoded.text, options);
  if (problem) findings.unshift(problem);
  return findings;
}

/** An xml-syntax finding for a file whose bytes are not text in a known encoding. */
function unreadable(path: string, decoded: DecodedText | BinaryContent, options: LintOptions): Finding | undefined {
  const reason = 'binary' in decoded ? decoded.reason : decoded.problem;
  const level = options.rules?.['xml-syntax'] ?? 'error';
  if (reason === undefined || level === 'off') return undefined;
  return {
    ruleId: 'xml-syntax',
    severity: level,
    message: `This metadata file cannot be read as XML: ${reason}.`,
    path,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    related: [],
  };
}

function toFinding(
  file: MetadataFile,
  ruleId: string,
  severity: Severity,
  start: number,
  end: number,
  message: string,
  related: RelatedLocation[],
): Finding {
  return { ruleId, severity, message, path: file.path, range: file.lines.rangeAt(start, end), related };
}
