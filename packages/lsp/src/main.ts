// The entry of dist/cli.cjs: every command but `iulint lsp` (dist/server.cjs), started by bin.ts.
import { didYouMean, errorMessage, escapeControlCharacters } from '@iulint/core';
import type { Io } from './io.js';
import { UsageError } from './usageError.js';
import { VERSION } from './version.js';

const HELP = `iulint ${VERSION}: lints Salesforce metadata for Platform Integration User and integration-licence mistakes.

Usage:
  iulint check [paths...] [options]   lint a project (see iulint check --help)
  iulint init [--baseline]            write a commented iulint.config.json (and a baseline of today's findings)
  iulint rules [--format text|json]   print the rule catalogue
  iulint snapshot --target-org ALIAS  record the org's users and licences for --org-snapshot
  iulint lsp --stdio                  run the language server over stdio
  iulint mcp [--root DIR]             run the MCP server over stdio, for AI agents (see iulint mcp --help)
  iulint --version                    print the version
`;

const COMMANDS = ['check', 'init', 'rules', 'snapshot', 'lsp', 'mcp', 'help'];

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === 'lsp') throw new UsageError('iulint lsp is started by the iulint command (dist/iulint.cjs)');
  // Loaded on demand: the MCP SDK, zod and ajv would slow every other command's start.
  if (command === 'mcp') return (await import('./mcp/stdio.js')).runMcp(rest, process.cwd());
  const io: Io = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
  if (command === 'check') return (await import('./cli.js')).runCheck(rest, io);
  if (command === 'init') return (await import('./init.js')).runInit(rest, io);
  if (command === 'rules') return (await import('./cli.js')).runRules(rest, io);
  if (command === 'snapshot') return (await import('./snapshot.js')).runSnapshot(rest, io);
  throw new UsageError(`unknown command "${command}"${didYouMean(command, COMMANDS)} (see iulint --help)`);
}

void start();

function start(): Promise<void> {
  const argv = process.argv.slice(2);
  return main(argv).then(
    (code) => {
      if (code < 0) return;
      process.exitCode = code;
      if (argv[0] === 'check') exitOnceWritten();
    },
    (e: unknown) => {
      const message = errorMessage(e);
      const usage = e instanceof UsageError || (e as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
      process.stderr.write(`iulint: ${usage ? '' : 'internal error: '}${escapeControlCharacters(message.split('\n')[0] ?? '')}\n`);
      process.exitCode = 2;
    },
  );
}

/**
 * Ends `iulint check` as soon as what it wrote has reached stdout and stderr (a pipe is written to
 * asynchronously on POSIX): a process left to end on its own first tears down its heaps and waits for
 * its worker threads to stop, 30 to 45 ms after the last line on the 100 MB benchmark project, against
 * 13 to 15 ms this way. Everything the check does is done by then (its files are written synchronously;
 * the fix lock is released on 'exit', which `process.exit` emits).
 */
function exitOnceWritten(): void {
  let pending = 2;
  const written = () => {
    if (--pending === 0) process.exit();
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
}
