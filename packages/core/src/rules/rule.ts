import type { Config } from '../config/config.js';
import type { Fix, Level, RelatedLocation } from '../diagnostic.js';
import type {
  ApexFacts,
  DataTreeFacts,
  MetadataFacts,
  PermissionSetFacts,
  PermissionSetGroupFacts,
  ProfileFacts,
  ScriptFacts,
  SfConfigFacts,
  UserDefinitionFacts,
} from '../model/facts.js';
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
}

export interface Problem {
  /** The file the finding is in, when not the visited one (only the snapshot visitor needs it). */
  path?: string;
  range: Range;
  message: string;
  related?: RelatedLocation[];
  fix?: Fix;
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
 * every metadata file) and by user source (`userDefinition`, `dataTree`, `script`, `sfConfig`, `apex`).
 */
export interface Visitors {
  metadata?(file: MetadataFacts): void;
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
  create(context: RuleContext): Visitors;
}

export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

/** Related locations from the model's reasons that point at a place. */
export function relatedFrom(reasons: readonly Reason[]): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const r of reasons) if (r.path && r.range) out.push({ path: r.path, range: r.range, message: r.text });
  return out;
}
