import type { Severity } from '../diagnostic.js';
import { stringifyJson } from '../text/escape.js';
import { causeClause, type ReportInput, repositoryPath } from './summary.js';

/** GitLab's Code Quality severities (info, minor, major, critical, blocker), as ESLint's GitLab formatters map them. */
const SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info' };

/** FNV-1a, 64 bits, as 16 hex digits: a stable fingerprint, the same on every machine. */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * `--format gitlab`: GitLab's Code Quality report (`artifacts:reports:codequality`), an array of issues
 * with `description`, `check_name`, `fingerprint`, `severity` and `location` (`path` relative to the
 * repository root, `lines.begin`). The fingerprint hashes the rule, the file, the message and which
 * occurrence of them this is, not the line, so a finding that moves is the same issue to GitLab.
 */
export function formatGitlab(input: ReportInput): string {
  const seen = new Map<string, number>();
  const issues = input.findings.map((f) => {
    const path = repositoryPath(input, f.path);
    const identity = `${f.ruleId}\u0000${path}\u0000${f.message}`;
    const nth = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, nth);
    return {
      type: 'issue',
      description: `${f.message}${causeClause(f, input.root)}`,
      check_name: f.ruleId,
      fingerprint: fnv1a64(`${identity}\u0000${nth}`),
      severity: SEVERITY[f.severity],
      location: { path, lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
    };
  });
  return `${stringifyJson(issues, 2)}\n`;
}
