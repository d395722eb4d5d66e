// The README's "In CI" section and docs/ci.md, held to the code: every YAML recipe parses, every
// iulint command line in them parses with the options' declaration (and sf iulint's with its sf flag
// names), every Action input they use exists, and the README's option table is the declaration's.
// What the recipes do is tested elsewhere: changed-since.test.ts, reports.test.ts, action.test.ts,
// pre-commit.test.ts, packaging.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_OPTIONS, parseCheckArgs, REPORT_FORMATS } from '@iulint/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CI = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };

const blocks = (md: string, lang: string) =>
  [...md.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] as string);

/** The words of a shell command line, with quotes removed and variables and ${{ }} as one word each. */
function words(line: string): string[] {
  return (line.match(/"[^"]*"|'[^']*'|\$\{\{[^}]*\}\}[^\s]*|[^\s]+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, ''));
}

/** Every `iulint check ...` (or npx @iulint/lsp check, sf iulint check) in a text, as arguments after `check`. */
function commands(text: string, prefix: RegExp): string[][] {
  const out: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '');
    const m = prefix.exec(line);
    if (!m) continue;
    // Up to the end of an inline code span or of the shell command.
    const rest = line
      .slice((m.index ?? 0) + m[0].length)
      .split('`')[0]
      ?.split(/\s(?:&&|\|\||;|>)\s?/)[0] as string;
    out.push(words(rest));
  }
  return out;
}

const iulintCheck = /(?<!sf )(?:\biulint(?:\.cjs)?|@iulint\/lsp@[\w.]+) check(?=\s|$)/;

describe('README: In CI', () => {
  it('comes right after the quick start', () => {
    const heads = [...README.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(heads.indexOf('In CI')).toBe(heads.indexOf('Quick start') + 1);
  });

  it('names every CI report format', () => {
    const section = README.slice(README.indexOf('## In CI'), README.indexOf('## Rules'));
    for (const f of REPORT_FORMATS.filter((x) => x !== 'stylish' && x !== 'json')) expect(section).toContain(`| \`${f}\` |`);
  });
});

describe('the recipes of README.md and docs/ci.md', () => {
  it('every YAML block parses, and the Action is used only with its own inputs', () => {
    for (const text of [README, CI]) {
      for (const y of blocks(text, 'yaml')) {
        const doc = parse(y);
        const steps = JSON.stringify(doc);
        for (const m of steps.matchAll(/"uses":"iulint\/iulint@[^"]+","with":\{([^}]*)\}/g))
          for (const k of [...(m[1] as string).matchAll(/"([\w-]+)":/g)].map((x) => x[1] as string))
            expect(Object.keys(ACTION.inputs), `input ${k}`).toContain(k);
      }
    }
  });

  it('every iulint check command line parses with the options declaration', () => {
    let n = 0;
    for (const text of [README, CI]) {
      for (const args of commands(text, iulintCheck)) {
        if (args.includes('--help')) continue; // runCheck answers it before parsing
        expect(() => parseCheckArgs(args), args.join(' ')).not.toThrow();
        n++;
      }
    }
    expect(n).toBeGreaterThan(8);
  });

  it('every sf iulint check command line uses the sf flag names of the declaration', () => {
    const sfFlags = new Set(CHECK_OPTIONS.flatMap((o) => (o.sf ? [`--${o.sf.flag}`, ...(o.sf.char ? [`-${o.sf.char}`] : [])] : [])));
    sfFlags.add('--json');
    sfFlags.add('--help');
    let n = 0;
    for (const text of [README, CI]) {
      for (const args of commands(text, /\bsf iulint check(?=\s|$)/)) {
        for (const a of args.filter((w) => w.startsWith('-'))) expect(sfFlags, a).toContain(a.split('=')[0]);
        n++;
      }
    }
    expect(n).toBeGreaterThan(0);
  });

  it('no recipe runs the unpinned package', () => {
    for (const text of [README, CI]) expect(text).not.toMatch(/@iulint\/lsp check/);
  });
});

describe("README's option table is the declaration", () => {
  it('lists every option of iulint check, and no other', () => {
    const table = README.slice(README.indexOf('| option | meaning |'), README.indexOf('| exit code |'));
    const listed = [...table.matchAll(/^\| `([^`]+)`/gm)].map((m) =>
      (/--(?:\[no-\])?[\w-]+/.exec(m[1] as string)?.[0] ?? '').replace('[no-]', ''),
    );
    expect(listed.sort()).toEqual(CHECK_OPTIONS.map((o) => `--${o.cli.flag}`).sort());
  });
});
