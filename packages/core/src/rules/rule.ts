import type { Config, RuleOption } from '../config/config.js';
import type { Fix, Level, RelatedLocation } from '../diagnostic.js';
import type {
  AgentScriptFacts,
  ApexFacts,
  DataTreeFacts,
  MetadataFacts,
  PermissionSetFacts,
  PermissionSetGroupFacts,
  ProfileFacts,
  ScriptFacts,
  SfConfigFacts,
  UserDefinitionFacts,
  UserReferenceSource,
} from '../facts/facts.js';
import type { OrgModel, Reason } from '../org/model.js';
import type { OrgSnapshot } from '../org/snapshot.js';
import type { Range } from '../text/positions.js';

/** Where every rule's page lives; `<id>.md` is appended. */
export const DOCS_BASE_URL = 'https://github.com/iulint/iulint/blob/main/docs/rules/';

export interface RuleMeta {
  id: string;
  defaultLevel: Level;
  /** One line: what the rule flags. */
  description: string;
  /** Whether the rule offers a quick fix. */
  fixable: boolean;
  /** The options the rule reads (`[level, { name: value }]` in the configuration). */
  options?: Record<string, RuleOption>;
}

/** The option `byName` of the rules that ask whether a user or profile is an integration one (docs/integration-names.md). */
export const BY_NAME_OPTION: Record<string, RuleOption> = {
  byName: {
    type: 'boolean',
    default: true,
    description: 'Whether a profile or user named like an integration (integrationNames) counts as one (see docs/integration-names.md).',
  },
};

export interface Problem {
  /** The file the finding is in, when not the visited one (only the snapshot visitor needs it). */
  path?: string;
  range: Range;
  message: string;
  related?: RelatedLocation[];
  fix?: Fix;
  /** The finding rests on a name only (docs/integration-names.md): its reasons are all `byName`. */
  byName?: boolean;
}

export interface RuleContext {
  /** The org as the workspace, the snapshot and the configuration describe it. */
  org: OrgModel;
  config: Config;
  /** This rule's options from the configuration. */
  options: Record<string, unknown>;
  report(problem: Problem): void;
}

/**
 * Handlers by metadata type (`Profile`, `PermissionSet`, `PermissionSetGroup`, or `metadata` for
 * every metadata file), by user source (`userDefinition`, `dataTree`, `script`, `sfConfig`, `apex`),
 * for Agent Script files (`agentScript`), and for every file that holds user-bearing elements
 * (`userReferences`: XML metadata and Agent Script alike, so a rule reads login, run-as and agent
 * elements in one place).
 */
export interface Visitors {
  metadata?(file: MetadataFacts): void;
  userReferences?(file: UserReferenceSource): void;
  agentScript?(file: AgentScriptFacts): void;
  Profile?(file: MetadataFacts, profile: ProfileFacts): void;
  PermissionSet?(file: MetadataFacts, permissionSet: PermissionSetFacts): void;
  PermissionSetGroup?(file: MetadataFacts, group: PermissionSetGroupFacts): void;
  userDefinition?(file: UserDefinitionFacts): void;
  dataTree?(file: DataTreeFacts): void;
  script?(file: ScriptFacts): void;
  sfConfig?(file: SfConfigFacts): void;
  apex?(file: ApexFacts): void;
  /** Runs once per check on the org snapshot, when there is one. */
  snapshot?(snapshot: OrgSnapshot): void;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * The rule's visitors for one file. It returns the same visitors whatever the file and the options
   * (what they do may differ): after its first call, a rule with no visitor for a file is not created
   * for it (`lint.ts`).
   */
  create(context: RuleContext): Visitors;
}

export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

/** The rule option `byName` (default true): whether names make integration users and profiles (docs/integration-names.md). */
export function byNameOption(context: RuleContext): { byName: boolean } {
  return { byName: context.options.byName !== false };
}

/** Whether a finding resting on these reasons rests on names only. */
export function onlyByName(reasons: readonly Reason[]): boolean {
  return reasons.length > 0 && reasons.every((r) => r.byName === true);
}

/** The reasons a finding rests on: the certain ones when there are any, else the names. */
export function decisive(reasons: readonly Reason[]): Reason[] {
  const certain = reasons.filter((r) => r.byName !== true);
  return certain.length > 0 ? certain : [...reasons];
}

/** Related locations from the model's reasons that point at a place (the first of each place). */
export function relatedFrom(reasons: readonly Reason[]): RelatedLocation[] {
  const located: RelatedLocation[] = [];
  for (const r of reasons) if (r.path && r.range) located.push({ path: r.path, range: r.range, message: r.text });
  return firstOfEachPlace(located);
}

/** The first related location of each place (path and range), in order: one pass, whatever their number. */
export function firstOfEachPlace(related: readonly RelatedLocation[]): RelatedLocation[] {
  const seen = new Set<string>();
  return related.filter(({ path, range: { start, end } }) => {
    const place = `${start.line}:${start.character}:${end.line}:${end.character}:${path}`;
    if (seen.has(place)) return false;
    seen.add(place);
    return true;
  });
}
