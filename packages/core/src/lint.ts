import { type Config, defaultConfig } from './config/config.js';
import { compareFindings, type Finding, type Fix, type Level, type Severity, type TextEdit, UNUSED_DISABLE } from './diagnostic.js';
import { errorMessage } from './errors.js';
import { extractFacts, sourceKind } from './facts/extract.js';
import type { DisableComment, FileFacts, MetadataFacts } from './facts/facts.js';
import type { DependencyKey } from './org/keys.js';
import { OrgModel } from './org/model.js';
import type { Problem, Rule, RuleContext, Visitors } from './rules/rule.js';
import { comparePositions } from './text/positions.js';
import { closest } from './text/suggest.js';

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

type VisitorName = keyof Visitors;

/**
 * The names of the visitors each rule's `create` returned the first time it ran: a rule has the same
 * visitors whatever the file and the options (`Rule`), so one with none for a file (most rules, for
 * most files of a large project) is not created for it at all.
 */
const VISITORS = new WeakMap<Rule, ReadonlySet<string>>();
/** For a list of rules whose visitors are all known: the rules each list of visitor names (`visitorsOf`) runs. */
const RULES_FOR = new WeakMap<readonly Rule[], Map<readonly VisitorName[], readonly Rule[]>>();

/** The rules that have a visitor among `visited`; every rule until each has run once. */
function rulesFor(rules: readonly Rule[], visited: readonly VisitorName[]): readonly Rule[] {
  let index = RULES_FOR.get(rules);
  if (!index) {
    if (!rules.every((rule) => VISITORS.has(rule))) return rules;
    index = new Map();
    RULES_FOR.set(rules, index);
  }
  let list = index.get(visited);
  if (!list) {
    list = rules.filter((rule) => visited.some((name) => VISITORS.get(rule)?.has(name)));
    index.set(visited, list);
  }
  return list;
}

/**
 * Runs the rules whose level is not `off` and that have a visitor among `visited` (one of
 * `visitorsOf`'s lists, or another constant list), with the given visitors' entry point.
 */
function runRules(
  rules: readonly Rule[],
  org: OrgModel,
  config: Config,
  path: string,
  visited: readonly VisitorName[],
  visit: (v: Visitors) => void,
  failed: (rule: Rule, e: unknown) => void,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rulesFor(rules, visited)) {
    const level = ruleLevel(rule, config);
    const options = config.rules[rule.meta.id]?.options ?? {};
    if (level === 'off') {
      // Created once all the same, for its visitors' names: the rules of other files are then chosen by them.
      if (!VISITORS.has(rule)) {
        try {
          learn(rule, rule.create({ org, config, options, report: () => {} }));
        } catch {
          // A rule that is off and cannot be created stays unknown, and is tried again (and skipped) for each file.
        }
      }
      continue;
    }
    const context: RuleContext = {
      org,
      config,
      options,
      report: (p: Problem) => findings.push(toFinding(rule.meta.id, level, p.path ?? path, p)),
    };
    try {
      const visitors = rule.create(context);
      if (!VISITORS.has(rule)) learn(rule, visitors);
      visit(visitors);
    } catch (e) {
      failed(rule, e);
    }
  }
  return findings;
}

function learn(rule: Rule, visitors: Visitors): void {
  VISITORS.set(rule, new Set(Object.keys(visitors).filter((k) => typeof visitors[k as VisitorName] === 'function')));
}

function toFinding(ruleId: string, severity: Severity, path: string, p: Problem): Finding {
  const f: Finding = { ruleId, severity, message: p.message, path, range: p.range, related: p.related ?? [] };
  // A fix that rests on a name only is a suggestion (ESLint's term): offered, never applied by --fix alone.
  if (p.fix && p.byName) f.suggestions = [p.fix];
  else if (p.fix) f.fix = p.fix;
  if (p.byName) f.byName = true;
  return f;
}

/**
 * The lists `visitorsOf` gives a metadata file, by a mask of its parts (1 user references, 2 a
 * profile, 4 a permission set, 8 a permission set group): constant lists, so the rules each runs are
 * worked out once (`rulesFor`).
 */
const METADATA_VISITORS: ReadonlyArray<readonly VisitorName[]> = Array.from({ length: 16 }, (_, mask) => {
  const names: VisitorName[] = ['metadata'];
  if (mask & 1) names.push('userReferences');
  if (mask & 2) names.push('Profile');
  if (mask & 4) names.push('PermissionSet');
  if (mask & 8) names.push('PermissionSetGroup');
  return names;
});
const OTHER_VISITORS = {
  userDefinition: ['userDefinition'],
  dataTree: ['dataTree'],
  script: ['script'],
  sfConfig: ['sfConfig'],
  apex: ['apex'],
} as const satisfies Record<string, readonly VisitorName[]>;
const AGENT_SCRIPT: readonly VisitorName[] = ['agentScript'];
const AGENT_SCRIPT_WITH_USERS: readonly VisitorName[] = ['agentScript', 'userReferences'];
const SNAPSHOT: readonly VisitorName[] = ['snapshot'];

/** The visitors `dispatch` hands a file's facts to, in its order. */
export function visitorsOf(facts: FileFacts): readonly VisitorName[] {
  switch (facts.kind) {
    case 'metadata': {
      const mask =
        (facts.userReferences.length > 0 ? 1 : 0) |
        (facts.profile ? 2 : 0) |
        (facts.permissionSet ? 4 : 0) |
        (facts.permissionSetGroup ? 8 : 0);
      return METADATA_VISITORS[mask] as readonly VisitorName[];
    }
    case 'agentScript':
      return facts.userReferences.length > 0 ? AGENT_SCRIPT_WITH_USERS : AGENT_SCRIPT;
    default:
      return OTHER_VISITORS[facts.kind];
  }
}

/** Hands a file's facts to the visitors `visitorsOf` names: `userReferences` only for a file that holds some. */
export function dispatch(facts: FileFacts, v: Visitors): void {
  switch (facts.kind) {
    case 'metadata':
      v.metadata?.(facts);
      if (facts.userReferences.length > 0) v.userReferences?.(facts);
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
      if (facts.userReferences.length > 0) v.userReferences?.(facts);
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
    visitorsOf(facts),
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
  if (internal.length === 0 && kept.length < 2) return { findings: kept, dependencies };
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
    SNAPSHOT,
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
  const info = (c: DisableComment, message: string, fix?: Fix) =>
    kept.push({ ruleId: UNUSED_DISABLE, severity: 'info', message, path: file.path, range: c.range, related: [], ...(fix ? { fix } : {}) });
  const unusedEnables = new Set(enablesEndingNothing(comments));
  for (const c of comments) {
    const unknown = c.rules.filter((id) => !known(id));
    if (unknown.length > 0) {
      const ids = rules.map((r) => r.meta.id);
      const hints = unknown.map((id) => closest(id, ids)).filter((x): x is string => x !== undefined);
      const hint =
        hints.length > 0 ? `; did you mean ${hints.map((h) => `"${h}"`).join(', ')}?` : '; fix the rule id or remove the comment.';
      info(c, `This ${name(c)} comment names no rule iulint has (${unknown.join(', ')})${hint}`);
      continue;
    }
    if (c.kind === 'enable') {
      if (unusedEnables.has(c))
        info(
          c,
          `This iulint-enable comment ends no iulint-disable${c.rules.length > 0 ? ` of ${c.rules.join(', ')}` : ''}; remove it.`,
          removeUnused(comments, c, []),
        );
      continue;
    }
    const ids = used.get(c);
    if (!ids) info(c, `This ${name(c)} comment suppresses nothing; remove it.`, removeUnused(comments, c, []));
    else if (c.rules.length > 1 && ids.size < c.rules.length) {
      const idle = c.rules.filter((id) => !ids.has(id));
      info(
        c,
        `This ${name(c)} comment suppresses nothing for ${idle.join(', ')}; remove ${idle.length === 1 ? 'it' : 'them'} from the comment.`,
        removeUnused(
          comments,
          c,
          c.rules.filter((id) => ids.has(id)),
        ),
      );
    }
  }
  return kept;
}

/**
 * "Remove unused suppression": the comment goes (its line too when nothing else is on it), or only the
 * rule ids it does not use when it keeps `keep`. An `iulint-enable` that would then end no disable goes
 * with it, so the fix leaves no new `unused-disable`. Undefined when the comment cannot be rewritten (v1 form).
 */
function removeUnused(comments: readonly DisableComment[], c: DisableComment, keep: string[]): Fix | undefined {
  const edits: TextEdit[] = [];
  if (keep.length === 0) edits.push({ range: c.removal, newText: '' });
  else if (c.around) edits.push({ range: c.range, newText: `${c.around.before}${keep.join(', ')}${c.around.after}` });
  else return undefined;
  const after = keep.length === 0 ? comments.filter((x) => x !== c) : comments.map((x) => (x === c ? { ...c, rules: keep } : x));
  const before = new Set(enablesEndingNothing(comments));
  for (const e of enablesEndingNothing(after)) if (!before.has(e)) edits.push({ range: e.removal, newText: '' });
  const idle = c.rules.filter((id) => !keep.includes(id));
  return { title: keep.length === 0 ? 'Remove unused suppression' : `Remove unused suppression of ${idle.join(', ')}`, edits };
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
