import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FIX_CASE_FILES, fixCaseProject, LAYOUTS, projectPath } from '@iulint/fixtures';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/diagnostic.js';
import { applyEdits } from '../src/edits.js';
import { MemoryFileSystem } from '../src/fs.js';
import { checkProject } from '../src/project/check.js';
import { RULES } from '../src/rules/index.js';

/**
 * Every quick fix proven: on the fixture projects and on the fix cases (every fixable rule, every shape
 * of a value and every layout an editor saves), each offered fix is applied alone, the project is linted
 * again, and the finding must be gone, nothing new may appear, and the file must still be well-formed
 * for saxes and for xmllint (libxml2), and keep its encoding.
 */
const ROOT = '/project';

function fixtureFiles(name: string): Record<string, Buffer> {
  const root = projectPath(name);
  const out: Record<string, Buffer> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'expected-diagnostics.json') out[relative(root, p).split('\\').join('/')] = readFileSync(p);
    }
  };
  walk(root);
  return out;
}

/** The text of a file and how to write it back, read independently of iulint's decoder. */
function decode(bytes: Buffer): { text: string; encode: (t: string) => Buffer } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: bytes.subarray(2).toString('utf16le'), encode: (t) => Buffer.concat([bytes.subarray(0, 2), Buffer.from(t, 'utf16le')]) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return {
      text: Buffer.from(bytes.subarray(2)).swap16().toString('utf16le'),
      encode: (t) => Buffer.concat([bytes.subarray(0, 2), Buffer.from(t, 'utf16le').swap16()]),
    };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString('utf8'), encode: (t) => Buffer.concat([bytes.subarray(0, 3), Buffer.from(t, 'utf8')]) };
  return { text: bytes.toString('utf8'), encode: (t) => Buffer.from(t, 'utf8') };
}

function saxesError(text: string): string | undefined {
  let first: string | undefined;
  const p = new SaxesParser();
  p.on('error', (e) => {
    first ??= e.message;
  });
  p.write(text).close();
  return first;
}

/**
 * What a fix may rightly bring to light: moving a user onto the Salesforce Integration licence
 * (integration-user-license) can exceed the org's count of those licences (integration-license-capacity).
 */
const CONSEQUENCES: Record<string, string[]> = { 'integration-user-license': ['integration-license-capacity'] };

const key = (f: Finding) => `${f.ruleId} ${f.path.slice(ROOT.length + 1)}: ${f.message}`;
function counts(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

const lint = async (files: Record<string, Buffer>) => {
  const fs = new MemoryFileSystem();
  for (const [p, b] of Object.entries(files)) fs.write(`${ROOT}/${p}`, b);
  return (await checkProject(fs, ROOT)).findings;
};

/** Every fixed XML file, for one xmllint run at the end. */
const xmllintDir = mkdtempSync(join(tmpdir(), 'iulint-fixes-'));
const fixedXml: string[] = [];
const fixedRules = new Set<string>();

async function proveEveryFix(label: string, files: Record<string, Buffer>): Promise<number> {
  const before = await lint(files);
  const beforeCounts = counts(before);
  let proven = 0;
  for (const f of before) {
    if (!f.fix) continue;
    const path = f.path.slice(ROOT.length + 1);
    const original = files[path] as Buffer;
    const { text, encode } = decode(original);
    const fixedText = applyEdits(text, f.fix.edits).text;
    const where = `${label}: ${f.ruleId} in ${path} (${f.fix.title})`;
    expect(fixedText, where).not.toBe(text);
    const after = await lint({ ...files, [path]: encode(fixedText) });
    const afterCounts = counts(after);
    // The finding is gone, and nothing appeared that was not there before.
    expect(afterCounts.get(key(f)) ?? 0, `${where}: still reported`).toBeLessThan(beforeCounts.get(key(f)) ?? 0);
    for (const [k, n] of afterCounts) {
      if (CONSEQUENCES[f.ruleId]?.some((id) => k.startsWith(`${id} `))) continue;
      expect(n, `${where}: new finding ${k}`).toBeLessThanOrEqual(beforeCounts.get(k) ?? 0);
    }
    if (path.endsWith('.xml')) {
      expect(saxesError(fixedText), `${where}: saxes`).toBeUndefined();
      const out = join(xmllintDir, `${fixedXml.length}-${path.split('/').pop()}`);
      writeFileSync(out, encode(fixedText));
      fixedXml.push(out);
    } else {
      expect(() => JSON.parse(fixedText), `${where}: JSON`).not.toThrow();
    }
    fixedRules.add(f.ruleId);
    proven++;
  }
  return proven;
}

describe('every quick fix, applied alone, removes its finding and keeps the file well-formed', () => {
  it('the catalogue fixture project', async () => {
    // Seven fixable findings: three integration-user-license (one by name, one an API-only user on a shared
    // admin profile), the deprecated profile, two piu-session-based and integration-profile-api-only.
    expect(await proveEveryFix('catalogue', fixtureFiles('catalogue'))).toBe(7);
  });

  it('the sample fixture project (it has no fixable finding)', async () => {
    expect(await proveEveryFix('sample', fixtureFiles('sample'))).toBe(0);
  });

  for (const layout of LAYOUTS) {
    it(`the fix cases saved as ${layout}`, async () => {
      const files = fixCaseProject(layout);
      const proven = await proveEveryFix(layout, files);
      // Every case file but the self-closing root has a fix.
      expect(proven).toBeGreaterThanOrEqual(Object.keys(FIX_CASE_FILES).length - 1);
    });
  }

  it('covers every fixable rule, and xmllint accepts every fixed XML file', () => {
    expect([...fixedRules].sort()).toEqual(
      RULES.filter((r) => r.meta.fixable)
        .map((r) => r.meta.id)
        .sort(),
    );
    expect(fixedXml.length).toBeGreaterThan(50);
    mkdirSync(xmllintDir, { recursive: true });
    execFileSync('xmllint', ['--noout', ...fixedXml], { stdio: 'pipe' });
  });
});
