import type { Level } from '../diagnostic.js';
import { type JsonNode, parseJson, toPlain } from '../json/parser.js';
import { LineIndex, type Range } from '../text/positions.js';
import { closest, didYouMean } from '../text/suggest.js';
import { ignorePatternError } from './ignore.js';
import { object, positiveInteger, type Report, type Setting, type SettingValues, string, strings } from './settings.js';

export const CONFIG_FILE = 'iulint.config.json';
/** 64 MiB: far above the largest real profile (a few MB), far below what would exhaust memory. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** The default list of high-risk user permissions (docs/rules/piu-consent-scope.md). */
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

/**
 * The settings other than `rules`, declared once (`settings.ts`): the order here is the order of the
 * schema and of the "known" list in messages.
 */
export const SETTINGS = {
  ignore: strings(
    'Patterns (gitignore syntax, read by the ignore package as the Salesforce CLI reads .forceignore; relative to the project root) of files not to lint, after .forceignore, for every kind of source.',
    { check: ignorePatternError, checkMessage: (error) => `"ignore": this pattern cannot be read (${error})` },
  ),
  integrationUsers: strings('Username globs (* and ?) of users that are integration users.'),
  integrationNames: object(
    'Integration by name: profiles and users whose names hold an integration word (integration, api, mulesoft, connector, sync, ...) count as integration ones.',
    {
      add: strings(
        'More integration words (one word, such as "marketo"), or glob patterns (* and ?) of whole profile names or usernames (such as "Online Application*").',
      ),
      exclude: strings('Glob patterns (* and ?) of profile names or usernames that are never integration by name.'),
    },
    '"integrationNames" must be an object with "add" and "exclude" (arrays of strings)',
  ),
  orgSnapshot: string(
    "The org snapshot folder (iulint snapshot --out), relative to the project root; it must stay inside the project (a folder elsewhere is given with --org-snapshot or the editor's user setting iulint.orgSnapshot).",
    '"orgSnapshot" must be a folder path (a string)',
    (value) =>
      leavesTheProject(value)
        ? `"orgSnapshot" must stay inside the project: "${value}" leaves it, and a path that comes with the project is never followed out of it. Give a folder elsewhere with --org-snapshot or the editor's user setting iulint.orgSnapshot`
        : undefined,
  ),
  highRiskPermissions: strings(
    'User permissions that piu-consent-scope and integration-least-privilege flag (replaces the default list).',
    { default: DEFAULT_HIGH_RISK_PERMISSIONS },
  ),
  generalPurposeLicenses: strings('Licence names added to the built-in list of general-purpose licences.'),
  maxFileSize: positiveInteger(
    'Files larger than this many bytes are skipped with a message (default 67108864, 64 MiB).',
    DEFAULT_MAX_FILE_SIZE,
    '"maxFileSize" must be a positive whole number of bytes',
  ),
};

/** `iulint.config.json`, validated; every field has its default. */
export type Config = { rules: Record<string, RuleSetting> } & SettingValues<typeof SETTINGS>;

export interface ConfigProblem {
  message: string;
  range: Range;
}

export function defaultConfig(): Config {
  const settings = Object.fromEntries(Object.entries(SETTINGS).map(([k, s]) => [k, s.initial()])) as SettingValues<typeof SETTINGS>;
  return { rules: {}, ...settings };
}

/** The levels a rule may be set to. */
export const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'off'];

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
  for (const p of root.properties) {
    if (p.key === '$schema') continue;
    if (p.key === 'rules') {
      readRules(p.value, rules, config, at);
      continue;
    }
    const setting = Object.hasOwn(SETTINGS, p.key) ? (SETTINGS as Record<string, Setting<unknown>>)[p.key] : undefined;
    if (!setting) {
      at({ start: p.keyStart, end: p.keyEnd }, `Unknown setting "${p.key}" (known: rules, ${Object.keys(SETTINGS).join(', ')})`);
      continue;
    }
    const value = setting.read(p.value, p.key, at, { start: p.keyStart, end: p.keyEnd });
    if (value !== undefined) (config as Record<string, unknown>)[p.key] = value;
  }
  return { config, problems };
}

/** `rules`: each key a rule of the list handed down, each value as that rule's declaration (`ruleSetting`) reads it. */
function readRules(node: JsonNode, rules: readonly ConfigurableRule[], config: Config, at: Report): void {
  if (node.type !== 'object') {
    at(node, '"rules" must be an object of rule id → level');
    return;
  }
  for (const r of node.properties) {
    const rule = rules.find((x) => x.meta.id === r.key);
    if (!rule) {
      const ids = rules.map((x) => x.meta.id);
      const near = closest(r.key, ids);
      at(
        { start: r.keyStart, end: r.keyEnd },
        near ? `Unknown rule "${r.key}"; did you mean "${near}"?` : `Unknown rule "${r.key}" (known: ${ids.join(', ')})`,
      );
      continue;
    }
    const value = ruleSetting(rule, '').read(r.value, r.key, at);
    if (value !== undefined) config.rules[r.key] = value;
  }
}

/**
 * One rule's setting, declared once for the validation and the schema: a level, or `[level]`, or
 * `[level, options]`, each option one the rule declares, of its type (a misspelt option is an error: it
 * would be ignored).
 */
export function ruleSetting(rule: ConfigurableRule, description: string): Setting<RuleSetting> {
  const id = rule.meta.id;
  const declared = rule.meta.options ?? {};
  const level = { type: 'string', enum: [...LEVELS] };
  return {
    description,
    initial: () => ({ level: 'off', options: {} }),
    read(node, _name, report) {
      let levelNode: JsonNode | undefined = node;
      const options: Record<string, unknown> = {};
      if (node.type === 'array') {
        levelNode = node.items[0];
        const opt = node.items[1];
        for (const extra of node.items.slice(2)) report(extra, `"${id}" takes [level, options]: nothing after the options`);
        if (opt && opt.type !== 'object') report(opt, 'Rule options must be an object');
        else if (opt?.type === 'object') {
          for (const o of opt.properties) {
            const option = Object.hasOwn(declared, o.key) ? declared[o.key] : undefined;
            const names = Object.keys(declared);
            if (!option)
              report(
                o.value,
                names.length === 0
                  ? `"${id}" takes no options ("${o.key}")`
                  : `"${o.key}" is not an option of "${id}" (its options: ${names.join(', ')})${didYouMean(o.key, names)}`,
              );
            else if (option.type === 'boolean' && o.value.type !== 'boolean')
              report(o.value, `The option "${o.key}" of "${id}" must be true or false`);
            else options[o.key] = toPlain(o.value);
          }
        }
      }
      if (levelNode?.type !== 'string' || !(LEVELS as readonly string[]).includes(levelNode.value)) {
        const given = levelNode?.type === 'string' ? didYouMean(levelNode.value, LEVELS) : '';
        report(levelNode ?? node, `The level of "${id}" must be one of ${LEVELS.join(', ')}${given}`);
        return undefined;
      }
      return { level: levelNode.value as Level, options };
    },
    schema: {
      description,
      oneOf: [
        level,
        {
          type: 'array',
          items: [
            level,
            {
              type: 'object',
              additionalProperties: false,
              ...(Object.keys(declared).length === 0
                ? {}
                : {
                    properties: Object.fromEntries(
                      Object.entries(declared).map(([name, o]) => [
                        name,
                        { type: o.type, default: o.default, description: `${o.description} Default ${o.default}.` },
                      ]),
                    ),
                  }),
            },
          ],
          minItems: 1,
          maxItems: 2,
        },
      ],
    },
  };
}
