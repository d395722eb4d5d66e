// The flags of `sf iulint check`, made from the one declaration of the check's options in core
// (CHECK_OPTIONS): each option's sf flag name, kind, default and help. Nothing else is loaded here, so
// the command's module stays small until it runs.
import { CHECK_OPTIONS, type CheckOptionSpec, type CheckOptions, defaultCheckOptions } from '@iulint/core/options';
import { Flags } from '@salesforce/sf-plugins-core';

/** A help line of the declaration as the Salesforce CLI writes a flag's summary: a capital and a full stop. */
export function summary(help: string): string {
  return `${help.charAt(0).toUpperCase()}${help.slice(1)}.`;
}

// biome-ignore lint/suspicious/noExplicitAny: oclif's flag types differ by kind; the declaration is the type
type AnyFlag = any;

function flagOf(o: CheckOptionSpec & { sf: NonNullable<CheckOptionSpec['sf']> }): AnyFlag {
  const base = { summary: summary(o.help), ...(o.sf.char ? { char: o.sf.char as 'a' } : {}) };
  switch (o.kind) {
    case 'boolean':
      return Flags.boolean({ ...base, ...(o.cli.negatable ? { allowNo: true } : {}) });
    case 'integer':
      return Flags.integer({ ...base, min: -1 });
    case 'choice':
      return Flags.option({ ...base, options: o.choices as readonly string[], default: o.default as string })();
    case 'list':
      return Flags.string({ ...base, multiple: true });
    case 'string':
      return Flags.string(base);
  }
}

/** The check's flags, keyed by their sf names. */
export function checkFlags(): Record<string, AnyFlag> {
  const out: Record<string, AnyFlag> = {};
  for (const o of CHECK_OPTIONS) if (o.sf) out[o.sf.flag] = flagOf(o as CheckOptionSpec & { sf: NonNullable<CheckOptionSpec['sf']> });
  return out;
}

/** The sf flags' names of the options whose value may be left out (`--baseline`). */
export const OPTIONAL_VALUE_FLAGS = CHECK_OPTIONS.filter((o) => o.optionalValue && o.sf).map((o) => `--${o.sf?.flag}`);

/** The parsed sf flags as the check's options. */
export function checkOptionsFrom(flags: Record<string, unknown>, paths: string[]): CheckOptions {
  const options = defaultCheckOptions(paths) as unknown as Record<string, unknown>;
  for (const o of CHECK_OPTIONS) {
    const v = o.sf ? flags[o.sf.flag] : undefined;
    if (v !== undefined) options[o.key] = v;
  }
  return options as unknown as CheckOptions;
}
