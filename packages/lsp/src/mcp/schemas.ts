import { z } from 'zod';

/*
 * The tools' input and output schemas. Outputs follow the CLI's JSON format, version 1 (README, "The
 * CLI"; core's formatJson writes it): a file relative to the project root, 1-based lines and columns.
 */

const position = {
  file: z.string().describe('the file, relative to the project root, "/"-separated'),
  line: z.number().int().describe('1-based'),
  column: z.number().int().describe('1-based, in UTF-16 code units'),
  endLine: z.number().int(),
  endColumn: z.number().int(),
};

export const findingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  byName: z.literal(true).optional().describe('the finding rests on a name only: less certain than the others'),
  ...position,
  fix: z
    .object({
      title: z.string(),
      edits: z.array(z.object({ ...position, text: z.string() })),
    })
    .optional(),
  related: z.array(z.object({ message: z.string(), ...position })),
});

const summary = z.object({
  errors: z.number().int(),
  warnings: z.number().int(),
  infos: z.number().int(),
});

/** `iulint check --format json` (version 1). */
export const reportSchema = {
  version: z.literal(1),
  tool: z.object({ name: z.literal('iulint'), version: z.string() }),
  root: z.string().describe('the project root, absolute'),
  summary: summary.extend({ filesChecked: z.number().int(), suppressed: z.number().int() }),
  findings: z.array(findingSchema),
};

/** The longest path an input may name (Linux's PATH_MAX): a longer one names no file, and answers repeat paths. */
const PATH_MAX = 4096;

export const pathsInput = {
  paths: z
    .array(z.string().max(PATH_MAX))
    .optional()
    .describe('files or folders relative to the project root; the whole project when absent or empty'),
};

export const changesInput = {
  changes: z
    .array(
      z.object({
        path: z.string().max(PATH_MAX).describe('the file, relative to the project root'),
        // Each branch described, so the JSON Schema is an anyOf rather than a type array: portable to
        // clients that take one type per schema (what the MCP Inspector's --strict checks).
        content: z
          .union([z.string().describe('the whole new text of the file (a new file too)'), z.null().describe('null deletes the file')])
          .describe('the whole new text of the file, or null to delete it'),
      }),
    )
    .min(1)
    .describe('the files as the change would leave them; nothing is written'),
};

const changeStatus = z.object({
  file: z.string(),
  change: z.enum(['created', 'modified', 'deleted', 'unchanged', 'absent']),
  read: z
    .enum(['linted', 'ignored', 'settings', 'snapshot', 'not-linted'])
    .describe(
      'linted: iulint lints it; ignored: .forceignore or the configuration leaves it out; settings: .forceignore, iulint.config.json or sfdx-project.json; snapshot: a file of the org snapshot; not-linted: not a file iulint reads, or nothing in it to check',
    ),
  note: z.string(),
});

export const proposedChangeSchema = {
  root: z.string(),
  changes: z.array(changeStatus),
  summary: summary.extend({ files: z.number().int().describe('files whose findings are shown') }),
  findings: z
    .array(findingSchema)
    .describe('after the change: every finding in the changed files and in the other files whose findings the change alters'),
  introduced: z.array(findingSchema).describe('findings the change adds'),
  resolved: z.array(findingSchema).describe('findings the change removes (as they were before it)'),
  problems: z.array(z.string()),
};

const place = {
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
};
const reason = z.object({ text: z.string(), byName: z.literal(true).optional(), ...place });

export const userSchema = {
  username: z.string(),
  explanation: z.string().describe('the explanation in Markdown, as the editor hover gives it, with the places'),
  systemUser: z
    .object({
      kind: z.enum(['piu', 'automated-process', 'analytics-integration', 'analytics-security']),
      label: z.string(),
      reason: z.string(),
    })
    .nullable()
    .describe('the Platform Integration User or another user Salesforce reserves, and why'),
  integrationUser: z
    .object({ byNameOnly: z.boolean(), reasons: z.array(reason) })
    .nullable()
    .describe('an integration user, and every reason why'),
  license: z.object({ name: z.string(), from: reason }).nullable().describe('the licence and where it comes from'),
  profile: z
    .object({ name: z.string(), ...place, profileFile: z.string().optional().describe("the profile's own file, when the project has it") })
    .nullable()
    .describe('the profile and where the user names it'),
  permissionSets: z.array(z.object({ name: z.string(), via: reason })),
  snapshot: z.enum(['active', 'inactive', 'missing', 'no-snapshot']).describe('what the org snapshot says of the username'),
  definedAt: z
    .array(z.object({ text: z.string(), file: z.string(), line: z.number().int(), column: z.number().int() }))
    .describe("the user's record: in a user definition, a tree file, the org snapshot"),
  mentions: z
    .array(z.object({ what: z.string(), file: z.string(), line: z.number().int(), column: z.number().int() }))
    .describe('other places that name the username: metadata elements, scripts, the CLI config, Apex'),
};

/** Salesforce usernames have at most 80 characters; the bound keeps an answer (which repeats the username) small. */
export const usernameInput = { username: z.string().min(1).max(255).describe('the username, as in a user definition or the org') };

export const ruleRowSchema = z.object({
  id: z.string(),
  defaultLevel: z.string(),
  fixable: z.boolean(),
  description: z.string(),
  docs: z.string().describe('the rule page on the web'),
});

export const rulesSchema = { rules: z.array(ruleRowSchema) };

export const ruleInput = { ruleId: z.string().min(1).max(200).describe('a rule id, such as piu-no-create (iulint_list_rules lists them)') };

export const ruleSchema = { ...ruleRowSchema.shape, page: z.string().describe("the rule's documentation page, Markdown") };

export const fixPreviewSchema = {
  diff: z.string().describe('the unified diff `iulint check --fix-dry-run` prints (git apply takes it at the project root)'),
  fixes: z.number().int(),
  files: z.array(z.string()),
  problems: z.array(z.string()),
};
