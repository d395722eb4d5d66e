import type { MetadataFileInfo } from '../metadata/classify.js';
import type { UserReferenceKind } from '../metadata/userReferences.js';
import type { Position, Range } from '../text/positions.js';

/** A value read from a file, with where it stands. */
export interface Located<T = string> {
  value: T;
  range: Range;
  /** For a self-closing element (`<name/>`): its name; the range is the whole element (see `valueEdit`). */
  emptyElement?: string;
}

/**
 * What iulint keeps of each file: the facts its rules need, with positions, and nothing else (not the
 * XML tree of a multi-megabyte profile). Every kind of source has its own shape.
 */
export type FileFacts = MetadataFacts | UserDefinitionFacts | DataTreeFacts | ScriptFacts | SfConfigFacts | ApexFacts | AgentScriptFacts;

/** The files that hold user-bearing elements: XML metadata and Agent Script. */
export type UserReferenceSource = MetadataFacts | AgentScriptFacts;

export interface FactsBase {
  path: string;
}

/** A suppression comment of an XML file: `<!-- iulint-disable-next-line id: reason -->` and the others. */
export interface DisableComment {
  kind: 'next-line' | 'disable' | 'enable' | 'file';
  /** Rule ids; empty means every rule. */
  rules: string[];
  /** The whole comment, `<!--` to `-->`. */
  range: Range;
  /**
   * When the comment holds `--` (the v1 ` -- reason`, which XML forbids inside a comment): the same
   * comment with its reason after a colon, for `xml-syntax`'s fix.
   */
  colonForm?: string;
  /** What removing the comment deletes: its whole line when nothing else is on it, else the comment alone. */
  removal: Range;
  /**
   * The comment's text before and after its rule ids (`<!-- iulint-disable ` and `: reason -->`), to
   * write it again naming fewer rules; absent for a comment without ids or in the v1 form.
   */
  around?: { before: string; after: string };
}

export interface UserPermissionFact {
  name: string;
  enabled: boolean;
  /** The `<name>` value. */
  nameRange: Range;
  /** The `<enabled>` value, when present. */
  enabledValue: Located | undefined;
}

export interface ObjectPermissionFact {
  object: Located;
  allowCreate: boolean;
  allowEdit: boolean;
  allowDelete: boolean;
  modifyAllRecords: boolean;
}

export interface ProfileFacts {
  /** The name users see (`System Administrator` for `Admin.profile`). */
  name: string;
  userLicense: Located | undefined;
  /** `<custom>`: `false` marks one of Salesforce's standard profiles. */
  custom: boolean | undefined;
  userPermissions: UserPermissionFact[];
}

export interface PermissionSetFacts {
  /** The API name (file name). */
  name: string;
  label: Located | undefined;
  license: Located | undefined;
  hasActivationRequired: Located | undefined;
  userPermissions: UserPermissionFact[];
  objectPermissions: ObjectPermissionFact[];
  /** True for a part of a decomposed permission set other than its main file. */
  part: boolean;
}

export interface PermissionSetGroupFacts {
  name: string;
  permissionSets: Located[];
  hasActivationRequired: Located | undefined;
}

export interface ConnectedAppFacts {
  name: string;
  /** Client-credentials run-as user, when the flow is enabled (or unspecified). */
  runAsUser: Located | undefined;
  permissionSetNames: Located[];
  profileNames: Located[];
}

export interface UserReferenceFact {
  kind: UserReferenceKind;
  /** `Type.element`. */
  element: string;
  username: Located;
}

/**
 * Where a missing top-level element would go, so a quick fix can insert it in order. Kept compact (a
 * string and a list of numbers, not an object per child): every permission set of a project holds one,
 * and a check keeps every file's facts until its rules have run.
 */
export interface InsertionPoints {
  /**
   * The names of the top-level children in document order, a run of consecutive children of one name
   * as one name, separated by spaces (which no XML name holds): `fieldPermissions label objectPermissions`.
   */
  names: string;
  /** Where each run ends: its line and character, two numbers a run (a fix inserts after the last run that sorts before). */
  ends: number[];
  /** Just after the root's start tag. */
  afterRootStart: Position;
  /** The indentation of the first child (four spaces when unknown). */
  indent: string;
  eol: string;
}

export interface MetadataFacts extends FactsBase {
  kind: 'metadata';
  info: MetadataFileInfo;
  /** The root element's name and the range of its start-tag name. */
  root: Located | undefined;
  xmlError: { message: string; range: Range; more: number } | undefined;
  /** Set when the bytes could not be read as text. */
  unreadable?: string;
  comments: DisableComment[];
  userReferences: UserReferenceFact[];
  profile?: ProfileFacts;
  permissionSet?: PermissionSetFacts;
  permissionSetGroup?: PermissionSetGroupFacts;
  connectedApp?: ConnectedAppFacts;
  /** Every value naming a profile: ConnectedApp `profileName`, CustomSite `guestProfile`, ... */
  profileReferences: Located[];
  insertion?: InsertionPoints;
}

/** A user record from a user definition file, a data tree file or a script. */
export interface UserRecord {
  /** Where the record comes from. */
  path: string;
  /** The record as a whole (the JSON object), for related locations. */
  range: Range;
  username?: Located;
  name?: Located;
  lastName?: Located;
  firstName?: Located;
  userType?: Located;
  alias?: Located;
  /** `profileName` of a user definition file. */
  profileName?: Located;
  /** `ProfileId` of a tree record (an id or an @reference). */
  profileId?: Located;
  /** Permission set names from `permsets`. */
  permsets: Located[];
  isActive?: boolean;
  /** The tree file's `referenceId`. */
  referenceId?: string;
}

export interface UserDefinitionFacts extends FactsBase {
  kind: 'userDefinition';
  user: UserRecord;
}

export interface AssignmentRecord {
  path: string;
  range: Range;
  /** `AssigneeId`: an id or an @reference to a User record. */
  assignee: Located | undefined;
  permissionSetId: Located | undefined;
  /** `PermissionSet.Name` or `PermissionSetName` when the record carries it. */
  permissionSetName: Located | undefined;
}

export interface DataTreeFacts extends FactsBase {
  kind: 'dataTree';
  users: UserRecord[];
  assignments: AssignmentRecord[];
}

/** One `sf` or `sfdx` command found in a script, a CI workflow or a package.json script. */
export interface SfCommand {
  /** Normalised: `org login jwt`, `org assign permset`, `org assign permsetlicense`, `data update record`, `data create record`, `org create agent-user`. */
  command: string;
  range: Range;
  /** Flags by their long name, each with its value's position. */
  flags: Record<string, Located | undefined>;
}

export interface ScriptFacts extends FactsBase {
  kind: 'script';
  commands: SfCommand[];
}

export interface SfConfigFacts extends FactsBase {
  kind: 'sfConfig';
  targetOrg: Located | undefined;
}

/**
 * How an Apex query over User selects a user: by a condition that identifies a system user on its
 * own (`UserType = 'CloudIntegrationUser'`), or by a username the org model judges (`Username = 'x'`,
 * `Username IN ('x', ...)`, or a literal of a local list or set bound as `Username IN :names`).
 */
export interface ApexTarget {
  /** The system user kind the condition identifies; undefined when the target is a username. */
  kind: string | undefined;
  /** The username literal, when the query selects by username. */
  username: string | undefined;
  /** The condition as a message quotes it. */
  condition: string;
  /** The condition, or the username literal (inside its quotes). */
  range: Range;
  /** For a literal of a bound list or set: the query's `Username IN :names` condition. */
  query?: Range;
  /** For a literal of a bound list or set: the literal (a username, or `autoproc` for `Alias IN :aliases`). */
  literal?: string;
}

/** A user selected in Apex by a query, and what is done with it. */
export interface ApexUse {
  action: 'runAs' | 'dml' | 'setPassword';
  /** The `System.runAs(...)`, `update x` or `Database.update(x)` expression. */
  range: Range;
  /** Every way the query (or queries) behind the expression selects users. */
  targets: ApexTarget[];
}

export interface ApexFacts extends FactsBase {
  kind: 'apex';
  uses: ApexUse[];
  /** String literals that look like usernames (for hovers), in queries and out of them. */
  usernames: Located[];
}

/** An Agent Script file (`aiAuthoringBundles/<Name>/<Name>.agent`). */
export interface AgentScriptFacts extends FactsBase {
  kind: 'agentScript';
  /** `agent_type` of the `config` block (`AgentforceServiceAgent`, `AgentforceEmployeeAgent`), when given. */
  agentType: Located | undefined;
  /** The agent's running user: `default_agent_user` of the `access` or `config` block (kind `agent`). */
  userReferences: UserReferenceFact[];
}
