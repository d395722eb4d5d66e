import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';
import { RULES } from '../src/rules/index.js';
import type { Rule } from '../src/rules/rule.js';
import { xml } from './ruleTester.js';

const broken: Rule = {
  meta: { id: 'broken-rule', defaultLevel: 'error', description: 'throws', fixable: false },
  create: () => ({
    metadata() {
      throw new Error('boom');
    },
  }),
};

describe('fault isolation', () => {
  it('a rule that throws is reported once, naming it, and the other rules still run', () => {
    const findings = lintText(
      'dashboards/F/D.dashboard-meta.xml',
      xml('Dashboard', '<runningUser>cloud@00d5e000000abcdeaa</runningUser>'),
      [...RULES, broken],
    );
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['broken-rule', 'piu-no-run-as']);
    const internal = findings.find((f) => f.ruleId === 'broken-rule');
    expect(internal?.message).toBe("iulint's rule broken-rule failed on this file (boom); the other rules still ran. Please report this.");
  });
});

describe('nothing reaches the network', () => {
  const NETWORK =
    /(?:from|require\()\s*['"](?:node:)?(?:http|https|http2|net|tls|dgram|dns|undici)['"]|\bfetch\s*\(|\bWebSocket\b|\bXMLHttpRequest\b/;
  const roots = ['../src', '../../lsp/src'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ts$/.test(name)) files.push(p);
    }
  };
  for (const r of roots) walk(r);

  it('no core or server module imports a network API', () => {
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => NETWORK.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check itself can fail: it catches an import of node:http', () => {
    expect(NETWORK.test("import { request } from 'node:http';")).toBe(true);
    expect(NETWORK.test('const r = await fetch(url);')).toBe(true);
  });

  it('one way of wording a thrown value: errorMessage (core/src/errors.ts), not copies of it', () => {
    const copies = files.filter(
      (f) => !f.endsWith('errors.ts') && /instanceof Error \? \w+\.message : String\(/.test(readFileSync(f, 'utf8')),
    );
    expect(copies).toEqual([]);
  });

  it('configuration is JSON only, never executed: no eval, no Function, no dynamic import in core', () => {
    const core = files.filter((f) => f.includes('/core/src/'));
    const offenders = core.filter((f) => /\beval\s*\(|new Function\s*\(|\bimport\s*\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
