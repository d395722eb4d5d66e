import type { XmlDocument, XmlElement } from '../xml/parser.js';
import { child, localName, type TextValue, textValue, walk } from '../xml/query.js';

/**
 * `login`: the named user signs in or runs code as a session. `runAs`: the named user runs, owns
 * or is assigned work. `agent`: an Agentforce agent runs as the named user, its agent user (Agent
 * Script files hold these too). Metadata names users by username; the elements are those of the
 * Metadata API's types (`metadata.wsdl` of https://github.com/forcedotcom/wsdl) that hold one, listed below.
 */
export type UserReferenceKind = 'login' | 'runAs' | 'agent';

interface ElementSpec {
  kind: UserReferenceKind;
  /** Element names from the outside in; the last may be a pattern. The path may start at any depth. */
  path: Array<string | RegExp>;
  /** A sibling that says what the value holds; when present, its value must be one of `user`. */
  typeSibling?: { name: string; user: string[] };
}

const USER_TYPE = ['user'];

const SPECS: Record<string, ElementSpec[]> = {
  ConnectedApp: [
    { kind: 'login', path: ['oauthConfig', 'oauthClientCredentialUser'] },
    { kind: 'login', path: ['pluginExecutionUser'] },
  ],
  ExtlClntAppOauthConfigurablePolicies: [
    { kind: 'login', path: ['clientCredentialsFlowUser'] },
    // v3: the OAuth handler's Apex runs as this user.
    { kind: 'login', path: ['executeHandlerAs'] },
  ],
  AuthProvider: [{ kind: 'login', path: ['executionUser'] }],
  SamlSsoConfig: [{ kind: 'login', path: ['executionUserId'] }],
  TransactionSecurityPolicy: [{ kind: 'login', path: ['executionUser'] }],
  NetworkAuthApiSettings: [{ kind: 'login', path: [/ExecutionUser$/] }],
  OauthTokenExchHandlerApp: [{ kind: 'login', path: ['apexExecutionUser'] }],
  Workflow: [
    { kind: 'login', path: ['outboundMessages', 'integrationUser'] },
    { kind: 'runAs', path: ['tasks', 'assignedTo'], typeSibling: { name: 'assignedToType', user: USER_TYPE } },
    { kind: 'runAs', path: ['alerts', 'recipients', 'recipient'], typeSibling: { name: 'type', user: USER_TYPE } },
    { kind: 'runAs', path: ['fieldUpdates', 'lookupValue'], typeSibling: { name: 'lookupValueType', user: USER_TYPE } },
  ],
  Dashboard: [
    { kind: 'runAs', path: ['runningUser'] },
    { kind: 'runAs', path: ['dashboardResultRunningUser'] },
  ],
  AnalyticSnapshot: [{ kind: 'runAs', path: ['runningUser'] }],
  PlatformEventSubscriberConfig: [{ kind: 'runAs', path: ['user'] }],
  EmailServicesFunction: [{ kind: 'runAs', path: ['emailServicesAddresses', 'runAsUser'] }],
  // v3: agent running-user elements (Bot.botUser was a run-as element before).
  Bot: [{ kind: 'agent', path: ['botUser'] }],
  AiAgentDefinition: [{ kind: 'agent', path: ['botUser'] }],
  // v3: running users Salesforce added through API 66 and the typings published since.
  DocumentExtractionDef: [{ kind: 'runAs', path: ['batchUser'] }],
  FlowTest: [{ kind: 'runAs', path: ['runTestAsUser'] }],
  CustomSite: [
    { kind: 'runAs', path: ['siteAdmin'] },
    { kind: 'runAs', path: ['siteGuestRecordDefaultOwner'] },
  ],
  CaseSettings: [
    { kind: 'runAs', path: ['defaultCaseOwner'], typeSibling: { name: 'defaultCaseOwnerType', user: USER_TYPE } },
    { kind: 'runAs', path: ['defaultCaseUser'] },
    {
      kind: 'runAs',
      path: ['emailToCase', 'routingAddresses', 'caseOwner'],
      typeSibling: { name: 'caseOwnerType', user: USER_TYPE },
    },
  ],
  Queue: [{ kind: 'runAs', path: ['queueMembers', 'users', 'user'] }],
  ApprovalProcess: [
    { kind: 'runAs', path: ['allowedSubmitters', 'submitter'], typeSibling: { name: 'type', user: USER_TYPE } },
    {
      kind: 'runAs',
      path: ['approvalStep', 'assignedApprover', 'approver', 'name'],
      typeSibling: { name: 'type', user: USER_TYPE },
    },
  ],
  AssignmentRules: ruleEntrySpecs(),
  AutoResponseRules: ruleEntrySpecs(),
  EscalationRules: ruleEntrySpecs(),
  ApexEmailNotifications: [{ kind: 'runAs', path: ['apexEmailNotification', 'user'] }],
};

function ruleEntrySpecs(): ElementSpec[] {
  const typeSibling = { name: 'assignedToType', user: USER_TYPE };
  return [
    { kind: 'runAs', path: ['ruleEntry', 'assignedTo'], typeSibling },
    { kind: 'runAs', path: ['escalationAction', 'assignedTo'], typeSibling },
  ];
}

export interface UserReference {
  kind: UserReferenceKind;
  /** `Type.element`, e.g. `Dashboard.runningUser`. */
  element: string;
  value: TextValue;
}

/**
 * The catalogue as plain data: each user-bearing element's metadata type, kind and path from the root
 * (a pattern is written `/source/`). `scripts/user-fields.mjs` compares it with Salesforce's typings.
 */
export function userReferenceCatalogue(): Array<{ type: string; kind: UserReferenceKind; path: string[] }> {
  return Object.entries(SPECS).flatMap(([type, specs]) =>
    specs.map((s) => ({ type, kind: s.kind, path: s.path.map((p) => (typeof p === 'string' ? p : `/${p.source}/`)) })),
  );
}

/** The metadata types that hold user-bearing elements. */
export function hasUserReferences(type: string): boolean {
  return type in SPECS;
}

function nameMatches(pattern: string | RegExp, name: string): boolean {
  return typeof pattern === 'string' ? pattern === name : pattern.test(name);
}

function pathMatches(spec: ElementSpec, el: XmlElement): boolean {
  let node: XmlElement | undefined = el;
  for (let i = spec.path.length - 1; i >= 0; i--) {
    if (!node?.parent) return false; // the root element is never part of a path
    if (!nameMatches(spec.path[i] as string | RegExp, localName(node.name))) return false;
    node = node.parent;
  }
  return true;
}

/** Every user-bearing element of a metadata file, with its value and position. */
export function findUserReferences(doc: XmlDocument, type: string): UserReference[] {
  const specs = SPECS[type];
  const root = doc.root;
  if (!specs || !root) return [];
  const out: UserReference[] = [];
  walk(root, (el) => {
    if (el.children.length > 0 || el === root) return;
    for (const spec of specs) {
      if (!pathMatches(spec, el)) continue;
      if (spec.typeSibling && el.parent) {
        const sibling = child(el.parent, spec.typeSibling.name);
        const kind = sibling ? textValue(doc, sibling)?.value.toLowerCase() : undefined;
        if (kind !== undefined && !spec.typeSibling.user.includes(kind)) continue;
      }
      const value = textValue(doc, el);
      if (!value || value.value.length === 0) continue;
      out.push({ kind: spec.kind, element: `${type}.${localName(el.name)}`, value });
      break;
    }
  });
  return out;
}
