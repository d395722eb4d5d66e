import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Core's levels, from the ground up (ARCHITECTURE.md, "Levels"): a module imports only from its own
 * room (a folder, or a file at the top of src/) or from rooms on lower floors. Read from the imports
 * of the source, type-only imports included.
 */
const FLOORS: readonly string[][] = [
  ['text', 'fs.ts', 'xml', 'json', 'errors.ts'],
  ['diagnostic.ts', 'uri.ts', 'metadata', 'domain', 'layout'],
  ['facts', 'config', 'edits.ts', 'baseline.ts'],
  ['org'],
  ['rules'],
  ['lint.ts', 'formats'],
  ['workspace'],
  ['project'],
  ['index.ts', 'internal.ts'],
];

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The modules a file imports (relative specifiers only), as paths under src/ ending in .ts. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'/gm)) {
    const spec = (m[1] ?? m[2]) as string;
    if (spec.endsWith('.json')) continue;
    out.push(
      relative(SRC, normalize(join(dirname(file), spec.replace(/\.js$/, '.ts'))))
        .split('\\')
        .join('/'),
    );
  }
  return out;
}

const room = (rel: string) => rel.split('/')[0] as string;
const floorOf = (r: string) => FLOORS.findIndex((f) => f.includes(r));

/** The imports that go to a higher floor, or to another room of the same floor. */
function upward(graph: ReadonlyMap<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph)
    for (const t of targets) if (room(t) !== room(file) && floorOf(room(t)) >= floorOf(room(file))) out.push(`${file} -> ${t}`);
  return out;
}

/** Every circle of files met by a depth-first walk. */
function circles(graph: ReadonlyMap<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const out: string[] = [];
  const visit = (f: string, path: string[]): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      out.push([...path.slice(path.indexOf(f)), f].join(' -> '));
      return;
    }
    state.set(f, 'open');
    for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f, []);
  return out;
}

const files = sources(SRC).map((f) => relative(SRC, f).split('\\').join('/'));
const graph = new Map(files.map((f) => [f, importsOf(join(SRC, f))]));

describe("core's levels", () => {
  it('every room has a floor', () => {
    expect(files.length).toBeGreaterThan(40);
    expect([...new Set(files.map(room))].filter((r) => floorOf(r) === -1)).toEqual([]);
  });

  it('no import runs back up: each goes to its own room or a lower floor', () => {
    expect(graph.get('workspace/workspace.ts')).toContain('org/model.ts');
    expect(upward(graph)).toEqual([]);
  });

  it('no circle of files', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('the checks can fail: the former config -> rules import runs back up and closes a circle', () => {
    const before = new Map(graph);
    before.set('config/config.ts', [...(graph.get('config/config.ts') ?? []), 'rules/index.ts']);
    expect(upward(before)).toEqual(['config/config.ts -> rules/index.ts']);
    expect(circles(before).length).toBeGreaterThan(0);
  });
});
