import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { relativePath } from '../src/fs.js';
import { RULES } from '../src/rules/index.js';
import { Workspace } from '../src/workspace/workspace.js';
import { parseXml } from '../src/xml/parser.js';
import { nodeFs } from './nodeFs.js';

/**
 * Real public Salesforce metadata (../shared/corpus beside the repository, or IULINT_CORPUS). The
 * project's tests pass without it; CI has it, and there this test must run.
 */
const CORPUS = process.env.IULINT_CORPUS ?? fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const present = existsSync(CORPUS);
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
if (!present) console.warn(`SKIPPED: the corpus tests: no corpus at ${CORPUS} (set IULINT_CORPUS). CI has it.`);
const projects = present
  ? readdirSync(CORPUS, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
  : [];

/** Every finding iulint raises on the corpus, by project: each is accounted for in docs/corpus-findings.md. */
const EXPECTED_FINDINGS: Record<string, string[]> = {};

describe.skipIf(!present && !IN_CI)('the public corpus (false-positive check)', () => {
  it('is there (in CI)', () => {
    expect(present, `no corpus at ${CORPUS}`).toBe(true);
    expect(projects.length).toBeGreaterThan(5);
  });

  for (const name of projects) {
    it(`${name}: every file is read without an exception, and the findings are the accounted ones`, async () => {
      const root = `${CORPUS}/${name}`;
      const ws = await Workspace.load(nodeFs, root, RULES);
      const counts: Record<string, number> = {};
      for (const f of ws.files.values()) {
        const kind = f.kind === 'metadata' ? `metadata:${f.info.type}` : f.kind;
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
      const findings = ws.lintAll().map((f) => `${f.ruleId} ${f.severity} ${relativePath(root, f.path)}:${f.range.start.line + 1}`);
      console.log(`${name}: ${ws.files.size} files read ${JSON.stringify(counts)}; ${findings.length} findings`);
      expect(ws.files.size).toBeGreaterThan(0);
      expect(findings).toEqual(EXPECTED_FINDINGS[name] ?? []);
    });
  }

  it('every profile and user name is judged by the integration-by-name rule (docs/integration-names.md), and none is one', async () => {
    let profiles = 0;
    let users = 0;
    const named: string[] = [];
    for (const name of projects) {
      const ws = await Workspace.load(nodeFs, `${CORPUS}/${name}`, RULES);
      const org = ws.model();
      for (const f of ws.files.values()) {
        if (f.kind === 'metadata' && f.profile) {
          profiles++;
          if (org.integrationProfile(f.profile)?.byName) named.push(`${name}: profile ${f.profile.name}`);
        }
        for (const r of f.kind === 'userDefinition' ? [f.user] : f.kind === 'dataTree' ? f.users : []) {
          users++;
          const reasons = org.integrationUser(org.viewOfRecord(r));
          if (reasons?.some((x) => x.byName)) named.push(`${name}: user ${r.username?.value ?? r.lastName?.value}`);
        }
      }
    }
    // docs/corpus-findings.md lists the names read and why none holds an integration word.
    expect(profiles).toBeGreaterThan(30);
    expect(users).toBeGreaterThan(5);
    expect(named).toEqual([]);
  });

  it('the parser agrees with a strict parser (saxes) on the well-formedness of every XML file', async () => {
    let files = 0;
    const disagreements: string[] = [];
    for (const name of projects) {
      const ws = await Workspace.load(nodeFs, `${CORPUS}/${name}`, RULES);
      for (const [path, facts] of ws.files) {
        if (facts.kind !== 'metadata') continue;
        const text = readFileSync(path, 'utf8');
        const ours = parseXml(text).errors.length === 0;
        let strict = true;
        const p = new SaxesParser();
        p.on('error', () => {
          strict = false;
        });
        try {
          p.write(text.replace(/^\uFEFF/, '')).close();
        } catch {
          strict = false;
        }
        files++;
        if (ours !== strict)
          disagreements.push(`${path}: iulint ${ours ? 'well-formed' : 'malformed'}, saxes ${strict ? 'well-formed' : 'malformed'}`);
      }
    }
    expect(files).toBeGreaterThan(1000);
    expect(disagreements).toEqual([]);
  });
});
