import { type Config, defaultConfig } from './config/config.js';
import { compareFindings, type Finding, type Level, type Severity, UNUSED_DISABLE } from './diagnostic.js';
import { extractFacts, sourceKind } from './model/extract.js';
import type { DisableComment, FileFacts, MetadataFacts } from './model/facts.js';
import { OrgModel } from './org/model.js';
import { RULES } from './rules/index.js';
import type { Problem, Rule, RuleContext, Visitors } from './rules/rule.js';

export function ruleLevel(rule: Rule, config: Config): Level {
  return config.rules[rule.meta.id]?.level ?? rule.meta.defaultLevel;
}

export interface LintResult {
  findings: Finding[];
  /** The keys of other files' facts this file's findings were computed from. */
  dependencies: Set<string>;
}

/** Runs the rules whose level is not `off` with the given visitors' entry point. */
function runRules(
  org: OrgModel,
  config: Config,
  path: string,
  visit: (v: Visitors) => void,
  failed: (rule: Rule, e: unknown) => void,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const level = ruleLevel(rule, config);
    if (level === 'off') continue;
    const context: RuleContext = {
      org,
      config,
      options: config.rules[rule.meta.id]?.options ?? {},
      report: (p: Problem) => findings.push(toFinding(rule.meta.id, level, p.path ?? path, p)),
    };
    try {
      visit(rule.create(context));
    } catch (e) {
      failed(rule, e);
    }
  }
  return findings;
}

function toFinding(ruleId: string, severity: Severity, path: string, p: Problem): Finding {
  const f: Finding = { ruleId, severity, message: p.message, path, range: p.range, related: p.related ?? [] };
  if (p.fix) f.fix = p.fix;
  if (p.byName) f.byName = true;
  return f;
}

function dispatch(facts: FileFacts, v: Visitors): void {
  switch (facts.kind) {
    case 'metadata':
      v.metadata?.(facts);
      if (facts.profile) v.Profile?.(facts, facts.profile);
      if (facts.permissionSet) v.PermissionSet?.(facts, facts.permissionSet);
      if (facts.permissionSetGroup) v.PermissionSetGroup?.(facts, facts.permissionSetGroup);
      break;
    case 'userDefinition':
      v.userDefinition?.(facts);
      break;
    case 'dataTree':
      v.dataTree?.(facts);
      break;
    case 'script':
      v.script?.(facts);
      break;
    case 'sfConfig':
      v.sfConfig?.(facts);
      break;
    case 'apex':
      v.apex?.(facts);
      break;
  }
}

/**
 * Lints one file's facts against the org model. The CLI and the language server both come through
 * here, so they always agree. A rule that throws is reported once, and the other rules still run.
 */
export function lintFacts(facts: FileFacts, org: OrgModel, config: Config): LintResult {
  const dependencies = new Set<string>();
  const previous = org.track;
  org.track = (key) => dependencies.add(key);
  const internal: Finding[] = [];
  try {
    const findings = runRules(
      org,
      config,
      facts.path,
      (v) => dispatch(facts, v),
      (rule, e) => {
        const reason = e instanceof Error ? e.message : String(e);
        internal.push({
          ruleId: rule.meta.id,
          severity: 'error',
          message: `iulint's rule ${rule.meta.id} failed on this file (${reason}); the other rules still ran. Please report this.`,
          path: facts.path,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          related: [],
        });
      },
    );
    const kept = facts.kind === 'metadata' ? applySuppressions(facts, findings) : findings;
    return { findings: [...kept, ...internal].sort(compareFindings), dependencies };
  } finally {
    org.track = previous;
  }
}

/** Findings in the org snapshot's own files (a deprecated profile there, for example). */
export function lintSnapshot(org: OrgModel, config: Config): Finding[] {
  const snapshot = org.snapshot;
  if (!snapshot) return [];
  return runRules(
    org,
    config,
    snapshot.dir,
    (v) => v.snapshot?.(snapshot),
    () => {},
  ).sort(compareFindings);
}

/**
 * Applies the file's suppression comments: `iulint-disable-next-line`, `iulint-disable` …
 * `iulint-enable`, `iulint-disable-file`; a comment that suppressed nothing becomes an info finding.
 */
export function applySuppressions(file: MetadataFacts, findings: Finding[]): Finding[] {
  if (file.comments.length === 0) return findings;
  const used = new Set<DisableComment>();
  const covers = (c: DisableComment, id: string) => c.rules.length === 0 || c.rules.includes(id);
  const suppressedBy = (f: Finding): DisableComment | undefined => {
    const line = f.range.start.line;
    for (const c of file.comments) {
      if (!covers(c, f.ruleId)) continue;
      if (c.kind === 'file') return c;
      if (c.kind === 'next-line' && c.range.end.line + 1 === line) return c;
      if (c.kind === 'disable' && c.range.start.line <= line) {
        const enable = file.comments.find(
          (e) =>
            e.kind === 'enable' &&
            e.range.start.line >= c.range.end.line &&
            (e.rules.length === 0 || c.rules.every((r) => e.rules.includes(r))),
        );
        if (!enable || line <= enable.range.start.line) return c;
      }
    }
    return undefined;
  };
  const kept: Finding[] = [];
  for (const f of findings) {
    const c = suppressedBy(f);
    if (c) used.add(c);
    else kept.push(f);
  }
  for (const c of file.comments) {
    if (c.kind === 'enable' || used.has(c)) continue;
    const unknown = c.rules.filter((id) => !RULES.some((r) => r.meta.id === id));
    kept.push({
      ruleId: UNUSED_DISABLE,
      severity: 'info',
      message:
        unknown.length > 0
          ? `This iulint-${c.kind === 'next-line' ? 'disable-next-line' : c.kind === 'file' ? 'disable-file' : 'disable'} comment names no rule iulint has (${unknown.join(', ')}); fix the rule id or remove the comment.`
          : 'This iulint suppression comment suppresses nothing; remove it.',
      path: file.path,
      range: c.range,
      related: [],
    });
  }
  return kept;
}

/**
 * Lints the text of one file on its own (no other files, no snapshot): what a quick check of a buffer
 * or a rule test needs. Returns no findings for a file iulint does not read.
 */
export function lintText(path: string, text: string, config: Config = defaultConfig()): Finding[] {
  if (!sourceKind(path)) return [];
  const facts = extractFacts(path, text);
  if (!facts) return [];
  const org = new OrgModel(new Map([[path, facts]]), undefined, config);
  return lintFacts(facts, org, config).findings;
}
