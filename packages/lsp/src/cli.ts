import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CheckResult,
  checkProject,
  findProjectRoot,
  formatJson,
  formatSarif,
  formatStylish,
  type ReportInput,
  type Severity,
  severityRank,
} from '@iulint/core';
import { NodeFileSystem } from './nodeFs.js';
import { VERSION } from './version.js';

/** A usage or configuration error: exit code 2 with a one-line reason. */
export class UsageError extends Error {}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

export const CHECK_HELP = `Usage: iulint check [paths...] [options]

Lints a Salesforce project (found from sfdx-project.json) or the given files and folders.

Options:
  -f, --format <stylish|json|sarif>   output format (default: stylish)
  -o, --output <file>                 write the report to a file instead of stdout
  --severity-threshold <level>        error|warning|info: the lowest severity that fails the run (default: error)
  --exit-zero                         exit 0 whenever the lint ran, whatever it found
  --no-color                          no colours in stylish output
  -h, --help                          show this help

Exit codes: 0 nothing reached the threshold; 1 something did; 2 usage, configuration or internal error.
`;

const FORMATS = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

/** Runs `iulint check`; returns the exit code. */
export async function runCheck(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      output: { type: 'string', short: 'o' },
      'severity-threshold': { type: 'string', default: 'error' },
      'exit-zero': { type: 'boolean', default: false },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (use ${FORMATS.join(', ')})`);
  const threshold = values['severity-threshold'] as Severity;
  if (!['error', 'warning', 'info'].includes(threshold)) {
    throw new UsageError(`unknown severity threshold "${threshold}" (use error, warning or info)`);
  }

  const fs = new NodeFileSystem();
  const targets = (positionals.length > 0 ? positionals : ['.']).map((p) => toPosix(resolve(io.cwd, p)));
  for (const t of targets) {
    if (!(await fs.stat(t))) throw new UsageError(`no such file or folder: ${t}`);
  }
  const first = targets[0] as string;
  const startDir = (await fs.stat(first)) === 'directory' ? first : toPosix(dirname(first));
  const root = (await findProjectRoot(fs, startDir)) ?? startDir;
  const whole = targets.length === 1 && targets[0] === root;
  const result: CheckResult = await checkProject(fs, root, {}, whole ? undefined : targets);
  for (const problem of result.problems) io.stderr(`iulint: ${problem}\n`);

  const report: ReportInput = { root, findings: result.findings, filesChecked: result.filesChecked, toolVersion: VERSION };
  const color = values['no-color'] ? false : (values.color ?? (io.isTTY && !values.output && !io.env.NO_COLOR));
  const text = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report) : formatStylish(report, { color });
  if (values.output) writeFileSync(resolve(io.cwd, values.output), text);
  else io.stdout(text);

  if (values['exit-zero']) return 0;
  const failing = result.findings.some((f) => severityRank(f.severity) >= severityRank(threshold));
  return failing ? 1 : 0;
}
