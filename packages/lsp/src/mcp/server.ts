import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { VERSION } from '../version.js';
import { ToolError } from './paths.js';
import { errorMessage, explainRule, listRules, type Project, type ProposedChangeReport, type Report, ruleIds } from './project.js';
import { rulePage } from './ruleDocs.js';
import {
  changesInput,
  fixPreviewSchema,
  pathsInput,
  proposedChangeSchema,
  reportSchema,
  ruleInput,
  ruleSchema,
  rulesSchema,
  usernameInput,
  userSchema,
} from './schemas.js';

/** Every tool only reads the project: nothing is written, nothing outside the machine is reached. */
const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export const INSTRUCTIONS = `iulint lints Salesforce projects for Platform Integration User (PIU) and integration-licence mistakes.
Call iulint_check_proposed_change with the files you are about to write before writing metadata, user definitions, data tree files, scripts or Apex that name users, profiles or permission sets: it lints the project as if they held that content and writes nothing. Fix every error it returns before writing.
Call iulint_explain_user before assigning a profile, licence or permission set to a user, and never create, edit, log in as or run work as the Platform Integration User.
Paths are relative to the project root.`;

/** The project a tool call works on: the root is known only once the client has said its roots. */
export type ProjectSource = () => Promise<Project>;

/** A tool's answer: its structured content, and a short text for clients that show only text. */
function answer<T extends Record<string, unknown>>(structured: T, text: string): CallToolResult {
  return { structuredContent: structured, content: [{ type: 'text', text }] };
}

/** Bad input or a project iulint cannot read: an error result with a clear message, never an exception. */
function failure(e: unknown): CallToolResult {
  const message = e instanceof ToolError ? e.message : `iulint could not answer: ${errorMessage(e)}`;
  return { isError: true, content: [{ type: 'text', text: message }] };
}

async function guarded(run: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await run();
  } catch (e) {
    return failure(e);
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function findingLines(findings: Report['findings'], limit = 20): string[] {
  const lines = findings.slice(0, limit).map((f) => `- ${f.severity} ${f.ruleId} ${f.file}:${f.line}:${f.column}: ${f.message}`);
  if (findings.length > limit) lines.push(`- … and ${findings.length - limit} more (see the structured content)`);
  return lines;
}

function checkText(report: Report, problems: string[]): string {
  const s = report.summary;
  return [
    `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')} in ${plural(s.filesChecked, 'file')} checked.`,
    ...findingLines(report.findings),
    ...problems.map((p) => `Problem: ${p}`),
  ].join('\n');
}

function proposedText(r: ProposedChangeReport): string {
  const s = r.summary;
  return [
    ...r.changes.map((c) => `${c.file}: ${c.change}, ${c.read}${c.read === 'linted' ? '' : ` (${c.note})`}`),
    `After the change: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')} in ${plural(s.files, 'file')}; ${r.introduced.length} introduced, ${r.resolved.length} resolved.`,
    ...(r.introduced.length > 0 ? ['Introduced by the change:', ...findingLines(r.introduced)] : []),
    ...(r.resolved.length > 0 ? ['Resolved by the change:', ...findingLines(r.resolved)] : []),
    ...r.problems.map((p) => `Problem: ${p}`),
  ].join('\n');
}

/** The iulint MCP server: its tools and the rule pages as resources, on the project `project` gives. */
export function createMcpServer(project: ProjectSource): McpServer {
  const server = new McpServer(
    { name: 'iulint', title: 'iulint', version: VERSION },
    // Logging: the project the server settled on, and why, for clients that show a server's log.
    { instructions: INSTRUCTIONS, capabilities: { logging: {} } },
  );

  server.registerTool(
    'iulint_check',
    {
      title: 'Lint the project',
      description:
        'Lints the project (or the given files and folders in it) as `iulint check --format json` does: every finding with its rule, severity, message, 1-based position, related places and quick fix. Reads only.',
      inputSchema: pathsInput,
      outputSchema: reportSchema,
      annotations: READ_ONLY,
    },
    ({ paths }) =>
      guarded(async () => {
        const { report, problems } = await (await project()).check(paths);
        return answer(report, checkText(report, problems));
      }),
  );

  server.registerTool(
    'iulint_check_proposed_change',
    {
      title: 'Lint a change before writing it',
      description:
        'Lints the project as if the given files held the given content (new files too; content null deletes), without writing anything. Returns the findings in those files and in every other file whose findings the change alters (a profile change can make a user definition wrong), which findings the change introduces and resolves, and whether each path is linted, ignored (.forceignore, the configuration) or not a file iulint reads. Call it before writing metadata, user definitions, tree files, scripts or Apex that name users, profiles or permission sets.',
      inputSchema: changesInput,
      outputSchema: proposedChangeSchema,
      annotations: READ_ONLY,
    },
    ({ changes }) =>
      guarded(async () => {
        const report = await (await project()).proposedChange(changes);
        return answer(report, proposedText(report));
      }),
  );

  server.registerTool(
    'iulint_explain_user',
    {
      title: 'Explain a user',
      description:
        'What the project and the org snapshot know of a username: whether it is the Platform Integration User or another user Salesforce reserves and why, whether it is an integration user and by what, its licence and where that comes from, its profile and permission sets, with files and lines.',
      inputSchema: usernameInput,
      outputSchema: userSchema,
      annotations: READ_ONLY,
    },
    ({ username }) =>
      guarded(async () => {
        const explained = await (await project()).explainUser(username);
        return answer(explained, explained.explanation);
      }),
  );

  server.registerTool(
    'iulint_explain_rule',
    {
      title: 'Explain a rule',
      description: "A rule's documentation page: what it flags, why, how to fix it, with examples.",
      inputSchema: ruleInput,
      outputSchema: ruleSchema,
      annotations: READ_ONLY,
    },
    ({ ruleId }) =>
      guarded(async () => {
        const rule = await explainRule(ruleId);
        if ('unknown' in rule)
          throw new ToolError(
            `there is no iulint rule "${rule.unknown}"${rule.suggestion ? `; did you mean "${rule.suggestion}"?` : ''} (iulint_list_rules lists them)`,
          );
        return answer(rule, rule.page);
      }),
  );

  server.registerTool(
    'iulint_list_rules',
    {
      title: 'List the rules',
      description: 'Every iulint rule: id, default level, whether it has a quick fix, what it flags, its documentation.',
      outputSchema: rulesSchema,
      annotations: READ_ONLY,
    },
    () =>
      guarded(async () => {
        const rules = listRules();
        return answer({ rules }, rules.map((r) => `${r.id} (${r.defaultLevel}${r.fixable ? ', fix' : ''}): ${r.description}`).join('\n'));
      }),
  );

  server.registerTool(
    'iulint_fix_preview',
    {
      title: 'Preview the quick fixes',
      description:
        'The quick fixes of the project (or of the given files and folders) as the unified diff `iulint check --fix-dry-run` prints; nothing is written. `git apply` takes the diff at the project root.',
      inputSchema: pathsInput,
      outputSchema: fixPreviewSchema,
      annotations: READ_ONLY,
    },
    ({ paths }) =>
      guarded(async () => {
        const preview = await (await project()).fixPreview(paths);
        return answer(preview, preview.diff === '' ? 'No quick fix applies.' : preview.diff);
      }),
  );

  for (const id of ruleIds()) {
    server.registerResource(
      id,
      `iulint://rules/${id}`,
      { title: `iulint rule ${id}`, description: `The documentation page of the rule ${id}`, mimeType: 'text/markdown' },
      async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: (await rulePage(id)) ?? '' }] }),
    );
  }
  return server;
}
