import type { Level } from '../diagnostic.js';
import type { IntegrationNames } from '../domain/integrationNames.js';
import { type JsonNode, parseJson, toPlain } from '../json/parser.js';
import { LineIndex, type Range } from '../text/positions.js';
import { closest } from '../text/suggest.js';
import { ignorePatternError } from './ignore.js';

export const CONFIG_FILE = 'iulint.config.json';
/** 64 MiB: far above the largest real profile (a few MB), far below what would exhaust memory. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** The default list of high-risk user permissions (RULES.md, piu-consent-scope). */
export const DEFAULT_HIGH_RISK_PERMISSIONS: readonly string[] = [
  'ModifyAllData',
  'ViewAllData',
  'ManageUsers',
  'AuthorApex',
  'CustomizeApplication',
  'ManageProfilesPermissionsets',
  'AssignPermissionSets',
  'ResetPasswords',
];

/** An option a rule declares: `[level, { name: value }]` in the configuration. */
export interface RuleOption {
  type: 'boolean';
  default: boolean;
  description: string;
}

/**
 * What the configuration reads of a rule (a `Rule` is one): its id and the options it declares. The
 * configuration is validated against the rules its caller hands it, never against a list of its own.
 */
export interface ConfigurableRule {
  readonly meta: { readonly id: string; readonly options?: Readonly<Record<string, RuleOption>> | undefined };
}

export interface RuleSetting {
  level: Level;
  options: Record<string, unknown>;
}

/** `iulint.config.json`, validated; every field has its default. */
export interface Config {
  rules: Record<string, RuleSetting>;
  /** Patterns (gitignore syntax, the `ignore` package) of files not to lint, after `.forceignore`, for every file. */
  ignore: string[];
  /** Username globs of users that are integration users. */
  integrationUsers: string[];
  /** More integration words or name patterns, and names never integration by name (RULES.md v2). */
  integrationNames: IntegrationNames;
  /** The org snapshot folder, relative to the project root. */
  orgSnapshot: string | undefined;
  highRiskPermissions: string[];
  generalPurposeLicenses: string[];
  /** Files larger than this many bytes are skipped, with a message. */
  maxFileSize: number;
}

export interface ConfigProblem {
  message: string;
  range: Range;
}

export function defaultConfig(): Config {
  return {
    rules: {},
    ignore: [],
    integrationUsers: [],
    integrationNames: { add: [], exclude: [] },
    orgSnapshot: undefined,
    highRiskPermissions: [...DEFAULT_HIGH_RISK_PERMISSIONS],
    generalPurposeLicenses: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
  };
}

const LEVELS = ['error', 'warning', 'info', 'off'];
const KEYS = [
  '$schema',
  'rules',
  'ignore',
  'integrationUsers',
  'integrationNames',
  'orgSnapshot',
  'highRiskPermissions',
  'generalPurposeLicenses',
  'maxFileSize',
];

/**
 * Whether a path relative to the project root climbs out of it: a `..` below its start, with `/` and `\`
 * both read as separators (as on Windows). A path that starts with a separator is still joined under the
 * root (`joinPath`), so it never leaves.
 */
export function leavesTheProject(relative: string): boolean {
  let depth = 0;
  for (const segment of relative.split(/[\\/]/)) {
    if (segment === '..') depth--;
    else if (segment !== '' && segment !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/**
 * Reads `iulint.config.json`. Never throws: every problem (bad JSON, an unknown rule, a wrong type)
 * comes back with its position, and the parts that are valid still apply.
 */
export function parseConfig(text: string, rules: readonly ConfigurableRule[]): { config: Config; problems: ConfigProblem[] } {
  const config = defaultConfig();
  const problems: ConfigProblem[] = [];
  const lines = new LineIndex(text);
  const at = (node: { start: number; end: number }, message: string) =>
    problems.push({ message, range: lines.rangeAt(node.start, node.end) });
  const parsed = parseJson(text);
  if (!parsed.value) {
    // The scanner recovers after an error: every syntax error is reported, as VS Code does.
    for (const e of parsed.errors)
      problems.push({ message: `${CONFIG_FILE} is not valid JSON: ${e.message}`, range: lines.rangeAt(e.offset, e.offset + 1) });
    return { config, problems };
  }
  const root = parsed.value;
  if (root.type !== 'object') {
    at(root, `${CONFIG_FILE} must hold a JSON object`);
    return { config, problems };
  }
  const strings = (node: JsonNode, name: string): string[] => {
    if (node.type !== 'array') {
      at(node, `"${name}" must be an array of strings`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      if (item.type === 'string') out.push(item.value);
      else at(item, `"${name}" must hold only strings`);
    }
    return out;
  };
  for (const p of root.properties) {
    const v = p.value;
    const keyNode = { start: p.keyStart, end: p.keyEnd };
    switch (p.key) {
      case '$schema':
        break;
      case 'rules':
        if (v.type !== 'object') {
          at(v, '"rules" must be an object of rule id → level');
          break;
        }
        for (const r of v.properties) {
          const idNode = { start: r.keyStart, end: r.keyEnd };
          const rule = rules.find((x) => x.meta.id === r.key);
          if (!rule) {
            const ids = rules.map((x) => x.meta.id);
            const near = closest(r.key, ids);
            at(idNode, near ? `Unknown rule "${r.key}"; did you mean "${near}"?` : `Unknown rule "${r.key}" (known: ${ids.join(', ')})`);
            continue;
          }
          let levelNode: JsonNode | undefined = r.value;
          let options: Record<string, unknown> = {};
          if (r.value.type === 'array') {
            levelNode = r.value.items[0];
            const opt = r.value.items[1];
            if (opt && opt.type !== 'object') at(opt, 'Rule options must be an object');
            else if (opt?.type === 'object') {
              options = Object.fromEntries(opt.properties.map((o) => [o.key, toPlain(o.value)]));
              const declared = rule.meta.options ?? {};
              for (const o of opt.properties) {
                if (declared[o.key]?.type === 'boolean' && o.value.type !== 'boolean') {
                  at(o.value, `The option "${o.key}" of "${r.key}" must be true or false`);
                  delete options[o.key];
                }
              }
            }
          }
          if (levelNode?.type !== 'string' || !LEVELS.includes(levelNode.value)) {
            at(levelNode ?? r.value, `The level of "${r.key}" must be one of ${LEVELS.join(', ')}`);
            continue;
          }
          config.rules[r.key] = { level: levelNode.value as Level, options };
        }
        break;
      case 'ignore':
        config.ignore = strings(v, 'ignore');
        for (const item of v.type === 'array' ? v.items : []) {
          if (item.type !== 'string') continue;
          const error = ignorePatternError(item.value);
          if (error === undefined) continue;
          at(item, `"ignore": this pattern cannot be read (${error})`);
          config.ignore = config.ignore.filter((pattern) => pattern !== item.value);
        }
        break;
      case 'integrationUsers':
        config.integrationUsers = strings(v, 'integrationUsers');
        break;
      case 'integrationNames':
        if (v.type !== 'object') {
          at(v, '"integrationNames" must be an object with "add" and "exclude" (arrays of strings)');
          break;
        }
        for (const n of v.properties) {
          if (n.key === 'add' || n.key === 'exclude') config.integrationNames[n.key] = strings(n.value, `integrationNames.${n.key}`);
          else at({ start: n.keyStart, end: n.keyEnd }, `Unknown setting "integrationNames.${n.key}" (known: add, exclude)`);
        }
        break;
      case 'highRiskPermissions':
        config.highRiskPermissions = strings(v, 'highRiskPermissions');
        break;
      case 'generalPurposeLicenses':
        config.generalPurposeLicenses = strings(v, 'generalPurposeLicenses');
        break;
      case 'maxFileSize':
        if (v.type === 'number' && Number.isInteger(v.value) && v.value > 0) config.maxFileSize = v.value;
        else at(v, '"maxFileSize" must be a positive whole number of bytes');
        break;
      case 'orgSnapshot':
        if (v.type !== 'string') at(v, '"orgSnapshot" must be a folder path (a string)');
        else if (leavesTheProject(v.value))
          at(
            keyNode,
            `"orgSnapshot" must stay inside the project: "${v.value}" leaves it, and a path that comes with the project is never followed out of it. Give a folder elsewhere with --org-snapshot or the editor's user setting iulint.orgSnapshot`,
          );
        else config.orgSnapshot = v.value;
        break;
      default:
        at(keyNode, `Unknown setting "${p.key}" (known: ${KEYS.slice(1).join(', ')})`);
    }
  }
  return { config, problems };
}
