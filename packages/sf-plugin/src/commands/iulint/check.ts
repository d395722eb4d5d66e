import { withOptionalValues } from '@iulint/core/options';
import { Args } from '@oclif/core';
import { Messages, SfError } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { checkFlags, checkOptionsFrom, OPTIONAL_VALUE_FLAGS } from '../../flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@iulint/plugin-iulint', 'iulint.check');

/** iulint's JSON report, or nothing when the run made none. */
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
  // Made from core's declaration of the check's options, named as the Salesforce CLI names its flags.
  public static override readonly flags = checkFlags();

  public async run(): Promise<CheckResult> {
    // `--baseline` and `--write-baseline` may come without a file, as in `iulint check`.
    this.argv = withOptionalValues(this.argv, OPTIONAL_VALUE_FLAGS, '');
    const { flags, argv } = await this.parse(Check);
    const json = this.jsonEnabled();
    const options = checkOptionsFrom(flags, argv as string[]);
    if (json && options.format !== 'stylish' && options.format !== 'json') {
      const error = new SfError(messages.getMessage('error.JsonFormat', [options.format]), 'IulintUsageError', [
        messages.getMessage('error.JsonFormat.action', [options.format]),
      ]);
      error.exitCode = 2;
      throw error;
    }
    // The check itself (core and the CLI's host) loads only now: --help and the other commands do not pay for it.
    const [{ check, UsageError }, { errorMessage, formatJson }] = await Promise.all([import('@iulint/lsp/cli'), import('@iulint/core')]);
    let outcome: Awaited<ReturnType<typeof check>>;
    try {
      outcome = await check(options, {
        // With --json, stdout carries the envelope alone.
        stdout: (text) => {
          if (!json) process.stdout.write(text);
        },
        stderr: (text) => process.stderr.write(text),
        cwd: process.cwd(),
        isTTY: Boolean(process.stdout.isTTY) && !json,
        stderrIsTTY: Boolean(process.stderr.isTTY),
        env: process.env,
      });
    } catch (e) {
      // The CLI's exit code 2, with its one-line reason.
      const reason = errorMessage(e).split('\n')[0] ?? '';
      const error = new SfError(
        messages.getMessage('error.CouldNotRun', [reason]),
        e instanceof UsageError ? 'IulintUsageError' : 'IulintError',
      );
      error.exitCode = 2;
      throw error;
    }
    if (outcome.code === 2) {
      const error = new SfError(messages.getMessage('error.ConfigProblems'), 'IulintConfigError');
      error.exitCode = 2;
      throw error;
    }
    process.exitCode = outcome.code;
    if (!outcome.report) return {};
    return JSON.parse(formatJson(outcome.report)) as CheckResult;
  }

  /** The error envelope without a `cause` when there is none (sf-plugins-core prints the string "undefined"). */
  public override logJson(json: unknown): void {
    if (json && typeof json === 'object' && (json as { cause?: unknown }).cause === 'undefined') delete (json as { cause?: unknown }).cause;
    super.logJson(json);
  }
}
