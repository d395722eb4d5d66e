import { existsSync } from 'node:fs';
import { CONFIG_FILE, defaultCheckOptions, dirname, findProjectRoot, relativePath } from '@iulint/core';
import { check } from './cli.js';
import type { Io } from './io.js';
import { NodeFileSystem, resolveCorePath } from './nodeFs.js';
import { writeFile } from './reports.js';
import { UsageError } from './usageError.js';
import { VERSION } from './version.js';

export const INIT_HELP = `Usage: iulint init [folder] [--baseline]

Writes a commented iulint.config.json (with its $schema, for completion and checks in editors) into the
Salesforce project's root (found from sfdx-project.json, from the folder or the current folder).
  --baseline   also record today's findings in iulint-baseline.json, so that iulint check --baseline
               reports only what is new from now on
`;

/** Where the configuration's JSON schema is: the installed @iulint/core's copy, else the published one. */
function schemaReference(root: string): string {
  const local = 'node_modules/@iulint/core/schema/iulint.config.schema.json';
  return existsSync(`${root}/${local}`) ? `./${local}` : `https://unpkg.com/@iulint/core@${VERSION}/schema/iulint.config.schema.json`;
}

/** The commented configuration `iulint init` writes: every setting at its default, each said in a line. */
export function initialConfig(root: string): string {
  return `{
  // Completion and checks in editors (the iulint VS Code extension reads the schema too).
  "$schema": "${schemaReference(root)}",
  // Rule levels: "error", "warning", "info" or "off"; ["warning", { "byName": false }] also sets options.
  // The rules and their pages: iulint rules, or https://github.com/iulint/iulint/tree/main/docs/rules
  "rules": {},
  // Files not to lint (gitignore syntax, from this folder), after .forceignore.
  "ignore": [],
  // Usernames (globs) of your integration users, such as "svc.*@acme.com".
  "integrationUsers": [],
  // Names that make (add) or never make (exclude) a profile or user an integration one.
  "integrationNames": { "add": [], "exclude": [] }
  // The org snapshot that the rules needing the org read (iulint snapshot --target-org <org> writes it):
  // "orgSnapshot": ".iulint/snapshot"
}
`;
}

/** \`iulint init\`: returns the exit code. */
export async function runInit(args: string[], io: Io): Promise<number> {
  let baseline = false;
  const folders: string[] = [];
  for (const a of args) {
    if (a === '-h' || a === '--help') {
      io.stdout(INIT_HELP);
      return 0;
    }
    if (a === '--baseline') baseline = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a} for iulint init (it takes [folder] and --baseline)`);
    else folders.push(a);
  }
  if (folders.length > 1) throw new UsageError('iulint init takes one folder');
  const fs = new NodeFileSystem();
  const start = resolveCorePath(io.cwd, folders[0] ?? '.');
  const kind = await fs.stat(start);
  if (kind === undefined) throw new UsageError(`no such folder: ${start}`);
  const from = kind === 'directory' ? start : dirname(start);
  const root = await findProjectRoot(fs, from);
  if (root === undefined)
    throw new UsageError(
      `no sfdx-project.json in ${from} or above it: run iulint init in a Salesforce project (sf project generate makes one)`,
    );
  const file = `${root}/${CONFIG_FILE}`;
  if (existsSync(file)) throw new UsageError(`${relativePath(io.cwd, file)} already exists; iulint init leaves it as it is`);
  writeFile(file, initialConfig(root));
  io.stderr(`iulint: wrote ${relativePath(io.cwd, file)}\n`);
  if (!baseline) return 0;
  const outcome = await check(
    { ...defaultCheckOptions([root]), writeBaseline: '', format: 'stylish', output: [] },
    {
      ...io,
      stdout: () => {},
    },
  );
  return outcome.code;
}
