import { BASELINE_FILE, errorMessage, formatJson } from '@iulint/core';
import { check, type Io, UsageError, withOptionalValues } from '@iulint/lsp/cli';
import { Args } from '@oclif/core';
import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@iulint/plugin-iulint', 'iulint.check');

/** iulint's JSON report (`--format json`), or nothing when the run made none (`--fix-dry-run`). */
export type CheckResult = Record<string, unknown>;

export default class Check extends SfCommand<CheckResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  // Any number of paths.
  public static override readonly strict = false;
  public static override readonly args = {
    paths: Args.string({ description: messages.getMessage('args.paths.summary') }),
  };
  public static override readonly flags = {
    format: Flags.option({
      char: 'f',
      summary: messages.getMessage('flags.format.summary'),
      options: ['stylish', 'json', 'sarif'] as const,
      default: 'stylish',
    })(),
    output: Flags.string({ char: 'o', summary: messages.getMessage('flags.output.summary') }),
    'severity-threshold': Flags.option({
      summary: messages.getMessage('flags.severity-threshold.summary'),
      options: ['error', 'warning', 'info'] as const,
      default: 'error',
    })(),
    'max-warnings': Flags.integer({ summary: messages.getMessage('flags.max-warnings.summary'), min: 0 }),
    quiet: Flags.boolean({ summary: messages.getMessage('flags.quiet.summary') }),
    'exit-zero': Flags.boolean({ summary: messages.getMessage('flags.exit-zero.summary') }),
    color: Flags.boolean({ summary: messages.getMessage('flags.color.summary'), allowNo: true }),
    config: Flags.string({ char: 'c', summary: messages.getMessage('flags.config.summary') }),
    'org-snapshot': Flags.string({ summary: messages.getMessage('flags.org-snapshot.summary') }),
    'ignore-pattern': Flags.string({ summary: messages.getMessage('flags.ignore-pattern.summary'), multiple: true }),
    baseline: Flags.string({ summary: messages.getMessage('flags.baseline.summary') }),
    'write-baseline': Flags.string({ summary: messages.getMessage('flags.write-baseline.summary') }),
    fix: Flags.boolean({ summary: messages.getMessage('flags.fix.summary'), exclusive: ['fix-dry-run'] }),
    'fix-dry-run': Flags.boolean({ summary: messages.getMessage('flags.fix-dry-run.summary') }),
  };

  public async run(): Promise<CheckResult> {
    // `--baseline` and `--write-baseline` may come without a file, as in `iulint check`.
    this.argv = withOptionalValues(this.argv, BASELINE_FILE);
    const { flags, argv } = await this.parse(Check);
    const json = this.jsonEnabled();
    const io: Io = {
      // With --json, stdout carries the envelope alone.
      stdout: (text) => {
        if (!json) process.stdout.write(text);
      },
      stderr: (text) => process.stderr.write(text),
      cwd: process.cwd(),
      isTTY: Boolean(process.stdout.isTTY) && !json,
      stderrIsTTY: Boolean(process.stderr.isTTY),
      env: process.env,
    };
    let outcome: Awaited<ReturnType<typeof check>>;
    try {
      outcome = await check(
        {
          ...flags,
          paths: argv as string[],
          'max-warnings': flags['max-warnings'] === undefined ? undefined : String(flags['max-warnings']),
          color: flags.color === true ? true : undefined,
          'no-color': flags.color === false,
        },
        io,
      );
    } catch (e) {
      // The CLI's exit code 2, with its one-line reason.
      const reason = errorMessage(e).split('\n')[0];
      throw new SfError(
        messages.getMessage('error.CouldNotRun', [reason]),
        e instanceof UsageError ? 'IulintUsageError' : 'IulintError',
        [],
        2,
      );
    }
    if (outcome.code === 2) throw new SfError(messages.getMessage('error.ConfigProblems'), 'IulintConfigError', [], 2);
    process.exitCode = outcome.code;
    return outcome.report ? (JSON.parse(formatJson(outcome.report)) as CheckResult) : {};
  }
}
