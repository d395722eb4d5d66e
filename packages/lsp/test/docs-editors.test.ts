import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * docs/editors.md shows what the real-editor tests run: the vimrc as it is, the lsp-mode registration
 * and the eglot server programs of the Emacs tests (which run this checkout's bundle with node where the
 * docs run `iulint`).
 */
const docs = readFileSync(new URL('../../../docs/editors.md', import.meta.url), 'utf8');
const file = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');
const squeeze = (t: string) => t.replace(/\s+/g, ' ').trim();
/** The Emacs tests' command line, written as the docs write it. */
const asDocs = (elisp: string) => squeeze(elisp.replace('`("node" ,bin "lsp" "--stdio")', '\'("iulint" "lsp" "--stdio")'));

describe('docs/editors.md matches the real-editor tests', () => {
  it('shows the vimrc the Vim test runs, as it is', () => {
    expect(docs).toContain(`\`\`\`vim\n${file('./vim/vimrc')}\`\`\``);
  });

  it('shows the lsp-mode registration the lsp-mode test runs', () => {
    const script = file('./emacs/lsp-mode.el');
    const start = script.indexOf("(add-to-list 'lsp-language-id-configuration");
    const end = script.indexOf(":server-id 'iulint))", start) + ":server-id 'iulint))".length;
    expect(start).toBeGreaterThan(0);
    expect(squeeze(docs)).toContain(asDocs(script.slice(start, end)));
  });

  it('shows the eglot server programs the eglot test runs', () => {
    const script = file('./emacs/eglot-root.el');
    const line = /\(add-to-list 'eglot-server-programs [^\n]*\)\)/.exec(script)?.[0] as string;
    expect(line).toBeDefined();
    const documented = squeeze(line.replace('("node" ,bin "lsp" "--stdio")', '("iulint" "lsp" "--stdio")').replace(' `((', " '(("));
    expect(squeeze(docs)).toContain(documented);
  });
});
