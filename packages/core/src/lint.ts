import { type Config, defaultConfig } from './config/config.js';
import { compareFindings, type Finding, type Level, type Severity, UNUSED_DISABLE } from './diagnostic.js';
import { errorMessage } from './errors.js';
import { extractFacts, sourceKind } from './facts/extract.js';
import type { DisableComment, FileFacts, MetadataFacts } from './facts/facts.js';
import type { DependencyKey } from './org/keys.js';
import { OrgModel } from './org/model.js';
import type { Problem, Rule, RuleContext, Visitors } from './rules/rule.js';
import { comparePositions } from './text/positions.js';

export function ruleLevel(rule: Rule, config: Config): Level {
  return config.rules[rule.meta.id]?.level ?? rule.meta.defaultLevel;
}

/**
 * Whether names make integration users and profiles (docs/integration-names.md) for at least one rule that is on and
 * has not set its option `byName` to false: the hover says "by its name" only then, as the findings do.
 */
export function namesCount(config: Config, rules: readonly Rule[]): boolean {
  return rules.some(
    (rule) =>
      rule.meta.options?.byName !== undefined && ruleLevel(rule, config) !== 'off' && config.rules[rule.meta.id]?.options?.byName !== false,
  );
}

export interface LintResult {
  findings: Finding[];
  /** The keys of other files' facts this file's findings were computed from. */
  dependencies: Set<DependencyKey>;
}

/** Runs the rules whose level is not `off` with the given visitors' entry point. */
function runRules(
  rules: readonly Rule[],
  org: OrgModel,
  config: Config,
  path: string,
  visit: (v: Visitors) => void,
  failed: (rule: Rule, e: unknown) => void,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
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
      v.userReferences?.(facts);
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
    case 'agentScript':
      v.agentScript?.(facts);
      v.userReferences?.(facts);
      break;
  }
}

/**
 * Lints one file's facts against the org model with the given rules. The CLI and the language server
 * both come through here, so they always agree. A rule that throws is reported once, and the other
 * rules still run.
 */
export function lintFacts(facts: FileFacts, model: OrgModel, config: Config, rules: readonly Rule[]): LintResult {
  const dependencies = new Set<DependencyKey>();
  const org = model.recording((key) => dependencies.add(key));
  const internal: Finding[] = [];
  const findings = runRules(
    rules,
    org,
    config,
    facts.path,
    (v) => dispatch(facts, v),
    (rule, e) => {
      const reason = errorMessage(e);
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
  const kept = facts.kind === 'metadata' ? applySuppressions(facts, findings, rules) : findings;
  return { findings: [...kept, ...internal].sort(compareFindings), dependencies };
}

/** Findings in the org snapshot's own files (a deprecated profile there, for example). */
export function lintSnapshot(org: OrgModel, config: Config, rules: readonly Rule[]): Finding[] {
  const snapshot = org.snapshot;
  if (!snapshot) return [];
  return runRules(
    rules,
    org,
    config,
    snapshot.dir,
    (v) => v.snapshot?.(snapshot),
    () => {},
  ).sort(compareFindings);
}

/**
 * Applies the file's suppression comments as ESLint applies its directives: `iulint-disable-next-line`
 * covers the line after the comment; `iulint-disable-file` the whole file; `iulint-disable` covers
 * what follows it until an `iulint-enable` that names the same rule or no rule (so `enable x` ends only
 * `x`, a blanket `disable` ends only at a blanket `enable`, and after `disable x, y`, `enable x`
 * re-enables `x` alone). Each rule a comment names that suppressed nothing, and each `enable` that ends
 * no disable, becomes an info finding.
 */
export function applySuppressions(file: MetadataFacts, findings: Finding[], rules: readonly Rule[]): Finding[] {
  if (file.comments.length === 0) return findings;
  const comments = file.comments;
  /** The rule ids (or '*' for a blanket comment) each comment suppressed something for. */
  const used = new Map<DisableComment, Set<string>>();
  const covers = (c: DisableComment, id: string) => c.rules.length === 0 || c.rules.includes(id);
  const use = (c: DisableComment, id: string) => {
    const ids = used.get(c) ?? new Set<string>();
    used.set(c, ids);
    ids.add(c.rules.length === 0 ? '*' : id);
  };
  /** The comments that suppress a finding: none when it is reported. */
  const suppressors = (f: Finding): DisableComment[] => {
    const line = f.range.start.line;
    const out: DisableComment[] = [];
    let ranged: DisableComment[] = [];
    for (const c of comments) {
      if (!covers(c, f.ruleId)) continue;
      if (c.kind === 'file' || (c.kind === 'next-line' && c.range.end.line + 1 === line)) out.push(c);
      else if ((c.kind === 'disable' || c.kind === 'enable') && comparePositions(c.range.start, f.range.start) <= 0) {
        if (c.kind === 'disable') ranged.push(c);
        else ranged = [];
      }
    }
    return [...out, ...ranged];
  };
  const kept: Finding[] = [];
  for (const f of findings) {
    const by = suppressors(f);
    for (const c of by) use(c, f.ruleId);
    if (by.length === 0) kept.push(f);
  }
  const known = (id: string) => rules.some((r) => r.meta.id === id);
  const name = (c: DisableComment) =>
    `iulint-${c.kind === 'next-line' ? 'disable-next-line' : c.kind === 'file' ? 'disable-file' : c.kind}`;
  const info = (c: DisableComment, message: string) =>
    kept.push({ ruleId: UNUSED_DISABLE, severity: 'info', message, path: file.path, range: c.range, related: [] });
  const unusedEnables = new Set(enablesEndingNothing(comments));
  for (const c of comments) {
    const unknown = c.rules.filter((id) => !known(id));
    if (unknown.length > 0) {
      info(c, `This ${name(c)} comment names no rule iulint has (${unknown.join(', ')}); fix the rule id or remove the comment.`);
      continue;
    }
    if (c.kind === 'enable') {
      if (unusedEnables.has(c))
        info(c, `This iulint-enable comment ends no iulint-disable${c.rules.length > 0 ? ` of ${c.rules.join(', ')}` : ''}; remove it.`);
      continue;
    }
    const ids = used.get(c);
    if (!ids) info(c, `This ${name(c)} comment suppresses nothing; remove it.`);
    else if (c.rules.length > 1 && ids.size < c.rules.length) {
      const idle = c.rules.filter((id) => !ids.has(id));
      info(
        c,
        `This ${name(c)} comment suppresses nothing for ${idle.join(', ')}; remove ${idle.length === 1 ? 'it' : 'them'} from the comment.`,
      );
    }
  }
  return kept;
}

/** The `iulint-enable` comments that end no disable: at each, nothing they name (or nothing at all) is disabled. */
function enablesEndingNothing(comments: readonly DisableComment[]): DisableComment[] {
  const out: DisableComment[] = [];
  let blanket = false;
  /** Rules disabled by name; and rules enabled again inside a blanket disable. */
  const disabled = new Set<string>();
  const excepted = new Set<string>();
  const isDisabled = (id: string) => disabled.has(id) || (blanket && !excepted.has(id));
  for (const c of comments) {
    if (c.kind === 'disable') {
      if (c.rules.length === 0) {
        blanket = true;
        excepted.clear();
      } else {
        for (const id of c.rules) {
          disabled.add(id);
          excepted.delete(id);
        }
      }
    } else if (c.kind === 'enable') {
      if (c.rules.length === 0) {
        if (!blanket && disabled.size === 0) out.push(c);
        blanket = false;
        disabled.clear();
        excepted.clear();
      } else {
        if (!c.rules.some(isDisabled)) out.push(c);
        for (const id of c.rules) {
          disabled.delete(id);
          if (blanket) excepted.add(id);
        }
      }
    }
  }
  return out;
}

/**
 * Lints the text of one file on its own (no other files, no snapshot): what a quick check of a buffer
 * or a rule test needs. Returns no findings for a file iulint does not read.
 */
export function lintText(path: string, text: string, rules: readonly Rule[], config: Config = defaultConfig()): Finding[] {
  if (!sourceKind(path)) return [];
  const facts = extractFacts(path, text);
  if (!facts) return [];
  const org = OrgModel.build(new Map([[path, facts]]), undefined, config);
  return lintFacts(facts, org, config, rules).findings;
}
