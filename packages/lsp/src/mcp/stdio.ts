import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, parseArgs } from 'node:util';
import { ProjectRoots } from './roots.js';
import { createMcpServer } from './server.js';
import { LineTransport } from './transport.js';

export const MCP_HELP = `Usage: iulint mcp [--root DIR]

Runs iulint as a Model Context Protocol server over stdio, for AI agents (see docs/agents.md).
Tools: iulint_check, iulint_check_proposed_change, iulint_explain_user, iulint_explain_rule,
iulint_list_rules, iulint_fix_preview; every one only reads. Resources: iulint://rules/<id>.

  --root DIR   the project root; without it, the client's MCP roots, else the project found from
               the current folder (as iulint check finds it)
  -h, --help   show this help
`;

/**
 * `iulint mcp`: serves until the client closes stdin. Stdout carries the protocol only: anything a
 * library would print goes to stderr.
 */
export async function runMcp(args: string[], cwd: string): Promise<number> {
  const { values } = parseArgs({ args, options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(MCP_HELP);
    return 0;
  }
  let root: string | undefined;
  if (values.root !== undefined) {
    root = resolve(cwd, values.root);
    let folder = false;
    try {
      folder = statSync(root).isDirectory();
    } catch {
      folder = false;
    }
    if (!folder) {
      // A message and exit code 2 as for every usage error (this module is a bundle of its own: main's UsageError is another class).
      process.stderr.write(`iulint: --root ${values.root}: no such folder\n`);
      return 2;
    }
  }
  const stderr = (message: string) => process.stderr.write(`${message}\n`);
  for (const method of ['log', 'info', 'debug', 'warn'] as const) console[method] = (...a: unknown[]) => stderr(format(...a));

  const server = createMcpServer(() => roots.project());
  const log = (message: string) => {
    stderr(message);
    void server.sendLoggingMessage({ level: 'info', logger: 'iulint', data: message }).catch(() => {});
  };
  const roots = new ProjectRoots(server.server, cwd, root, log);
  const transport = new LineTransport();
  transport.onerror = (e) => log(`iulint mcp: ${e.message}`);
  const closed = new Promise<void>((done) => {
    transport.onclose = () => done();
    process.stdin.once('end', () => done());
  });
  await server.connect(transport);
  await closed;
  await server.close();
  return 0;
}
