import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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

  it('every page belongs to a rule in the registry', () => {
    const pages = readdirSync(DOCS)
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it('the README lists every rule', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const rule of RULES) expect(readme, rule.meta.id).toContain(`docs/rules/${rule.meta.id}.md`);
  });
});
