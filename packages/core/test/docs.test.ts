import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORCEIGNORE } from '../src/config/ignore.js';
import { CONFIG_CODE, FILE_TOO_LARGE_CODE, FILE_UNREADABLE_CODE, OTHER_CODES, UNUSED_DISABLE } from '../src/diagnostic.js';
import { RULES } from '../src/rules/index.js';

const DOCS = new URL('../../../docs/rules/', import.meta.url);
const SECTIONS = ['## What it flags', '## Why it matters', '## Example', '## Configuration', '## References'];

/** The body of a `## ` section, up to the next one. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`${heading}\n`);
  if (start === -1) return '';
  const next = text.indexOf('\n## ', start + heading.length);
  return text.slice(start + heading.length, next === -1 ? undefined : next).trim();
}

describe('rule documentation (as ESLint checks its rule files)', () => {
  for (const rule of RULES) {
    it(`${rule.meta.id} has a page with every section, in order, and its default level`, () => {
      const file = new URL(`${rule.meta.id}.md`, DOCS);
      expect(existsSync(file), `docs/rules/${rule.meta.id}.md is missing`).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
      const positions = SECTIONS.map((h) => text.indexOf(`\n${h}\n`));
      for (const [i, h] of SECTIONS.entries()) expect(positions[i], `${rule.meta.id}: section "${h}"`).toBeGreaterThan(0);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const h of SECTIONS) expect(section(text, h).length, `${rule.meta.id}: "${h}" is empty`).toBeGreaterThan(20);
      const example = section(text, '## Example');
      expect(example).toMatch(/Flagged/);
      expect(example).toMatch(/Corrected/);
      expect(text).toContain(`Default severity: **${rule.meta.defaultLevel}**`);
      expect(text.includes('Quick fix: none')).toBe(!rule.meta.fixable);
    });
  }

  // The codes a diagnostic can carry besides the rules' ids (the link of each diagnostic opens its page).
  for (const code of OTHER_CODES) {
    it(`${code.id} (not a rule) has a page with every section, in order, and its severity`, () => {
      const file = new URL(`${code.id}.md`, DOCS);
      expect(existsSync(file), `docs/rules/${code.id}.md is missing`).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith(`# ${code.id}\n`)).toBe(true);
      const positions = SECTIONS.map((h) => text.indexOf(`\n${h}\n`));
      for (const [i, h] of SECTIONS.entries()) expect(positions[i], `${code.id}: section "${h}"`).toBeGreaterThan(0);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const h of SECTIONS) expect(section(text, h).length, `${code.id}: "${h}" is empty`).toBeGreaterThan(20);
      const example = section(text, '## Example');
      expect(example).toMatch(/Flagged/);
      expect(example).toMatch(/Corrected/);
      expect(text).toContain(`Default severity: **${code.severity}**`);
      expect(text.includes('Quick fix: none')).toBe(!code.fixable);
    });
  }

  it('the codes besides the rules are the ids core gives findings and editors give diagnostics', () => {
    expect(OTHER_CODES.map((c) => c.id).sort()).toEqual(
      [CONFIG_CODE, FILE_TOO_LARGE_CODE, FILE_UNREADABLE_CODE, FORCEIGNORE, UNUSED_DISABLE].sort(),
    );
    for (const c of OTHER_CODES)
      expect(
        RULES.some((r) => r.meta.id === c.id),
        c.id,
      ).toBe(false);
  });

  it('every page belongs to a rule in the registry or to another code', () => {
    const pages = readdirSync(DOCS)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual([...RULES.map((r) => r.meta.id), ...OTHER_CODES.map((c) => c.id)].sort());
  });

  it('the README lists every rule', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const id of [...RULES.map((r) => r.meta.id), ...OTHER_CODES.map((c) => c.id)]) expect(readme, id).toContain(`docs/rules/${id}.md`);
  });
});
