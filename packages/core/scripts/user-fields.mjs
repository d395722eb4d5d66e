// Keeps the catalogue of user-bearing elements (src/metadata/userReferences.ts) current: reads Salesforce's
// metadata typings (the npm package @salesforce/types, generated from the Metadata API WSDL), lists every
// string field whose name suggests a user (a running user, owner, assignee, recipient ...), and prints
// those the catalogue does not read and that have not been judged not user-bearing
// (user-fields.reviewed.json, each with its reason). It reports; it never fails a build on a candidate.
//
//   node packages/core/scripts/user-fields.mjs            the installed devDependency (@salesforce/types)
//   node packages/core/scripts/user-fields.mjs --latest   the newest release on the npm registry
//   node packages/core/scripts/user-fields.mjs --json     the same, as JSON
//
// The catalogue is read from core's build (dist/), so run `npm run build` first; the test suite
// (test/userFields.test.ts) runs the same analysis on the sources.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Field names that suggest a user: who runs, owns, is assigned, approves, receives or logs in. */
export const USER_LIKE = /user|owner|runas|assignee|assignedto|submitter|approver|recipient|executeas|executehandleras|admin$/i;
/** Field names that say what kind of thing a sibling holds, or count or flag something: never a user. */
const NOT_A_VALUE = /(type|types|count|enabled|allowed|required|visible|field|fields|label|id|ids)$/i;

/**
 * The object types of a typings file: `export type Name = Base & Other & { field?: type; ... };`, each
 * with its own fields and the types it extends.
 */
export function readTypings(text) {
  const types = new Map();
  const decl = /^export type (\w+) = ((?:\w+ & )*)\{\n([\s\S]*?)\n\};$/gm;
  for (const m of text.matchAll(decl)) {
    const fields = new Map();
    for (const line of m[3].split('\n')) {
      const f = /^\s+(\w+)(\?)?: (.+);$/.exec(line);
      if (f) fields.set(f[1], f[3].trim());
    }
    const bases = m[2]
      .split('&')
      .map((b) => b.trim())
      .filter(Boolean);
    types.set(m[1], { fields, bases });
  }
  return types;
}

/** Every field of a type, its bases' included: name → type. */
function allFields(types, name, seen = new Set()) {
  const t = types.get(name);
  if (!t || seen.has(name)) return new Map();
  seen.add(name);
  const out = new Map();
  for (const b of t.bases) for (const [k, v] of allFields(types, b, seen)) out.set(k, v);
  for (const [k, v] of t.fields) out.set(k, v);
  return out;
}

/** The type a field's declared type names, without `[]`. */
const elementType = (declared) => declared.replace(/\[\]$/, '');
const isString = (declared) => declared === 'string' || declared === 'string[]';

/** Which type declares a field (the type itself or the base it comes from). */
function owner(types, name, field, seen = new Set()) {
  const t = types.get(name);
  if (!t || seen.has(name)) return undefined;
  seen.add(name);
  if (t.fields.has(field)) return name;
  for (const b of t.bases) {
    const o = owner(types, b, field, seen);
    if (o) return o;
  }
  return undefined;
}

/** The metadata type and every type reachable from it through its fields (the types its elements have). */
function reachable(types, root) {
  const out = [];
  const seen = new Set();
  const queue = [root];
  while (queue.length > 0) {
    const t = queue.shift();
    if (seen.has(t) || !types.has(t)) continue;
    seen.add(t);
    out.push(t);
    for (const declared of allFields(types, t).values()) queue.push(elementType(declared));
  }
  return out;
}

/**
 * The `Type.field` pairs each catalogue entry reads, found by walking its path through the typings (the
 * path may start at any depth below the metadata type, as the catalogue reads it); entries whose path
 * the typings do not have are returned as unresolved.
 */
export function resolveCatalogue(types, catalogue) {
  const resolved = new Set();
  const unresolved = [];
  for (const entry of catalogue) {
    const found = [];
    for (const start of reachable(types, entry.type)) {
      let current = [start];
      for (const [i, step] of entry.path.entries()) {
        const last = i === entry.path.length - 1;
        const pattern = step.startsWith('/') && step.endsWith('/') ? new RegExp(step.slice(1, -1)) : undefined;
        const next = [];
        for (const t of current) {
          for (const [field, declared] of allFields(types, t)) {
            if (pattern ? !pattern.test(field) : field !== step) continue;
            if (last) {
              if (isString(declared)) found.push(`${owner(types, t, field)}.${field}`);
            } else next.push(elementType(declared));
          }
        }
        current = next;
      }
    }
    if (found.length === 0) unresolved.push(`${entry.type}.${entry.path.join('.')}`);
    for (const f of found) resolved.add(f);
  }
  return { resolved, unresolved };
}

/** Every string field of every type whose name suggests a user, as `Type.field` (the declaring type). */
export function userLikeFields(types) {
  const out = new Set();
  for (const [name, t] of types)
    for (const [field, declared] of t.fields)
      if (isString(declared) && USER_LIKE.test(field) && !NOT_A_VALUE.test(field)) out.add(`${name}.${field}`);
  return out;
}

/**
 * The analysis: catalogue entries the typings lack (a mistake in the catalogue or a field Salesforce
 * removed), user-like fields neither catalogued nor reviewed (the candidates to look at), and reviewed
 * fields the typings no longer have.
 */
export function analyse(typingsText, catalogue, reviewed) {
  const types = readTypings(typingsText);
  const { resolved, unresolved } = resolveCatalogue(types, catalogue);
  const userLike = userLikeFields(types);
  const candidates = [...userLike].filter((f) => !resolved.has(f) && !(f in reviewed)).sort();
  const stale = Object.keys(reviewed)
    .filter((f) => {
      const [type, field] = f.split('.');
      return !types.get(type)?.fields.has(field);
    })
    .sort();
  return { types: types.size, userLike: userLike.size, catalogued: [...resolved].sort(), unresolved, candidates, stale };
}

/** The judged fields (`fields`: Type.field → { userBearing, reason }) and the catalogue entries the typings lack (`notInTypings`). */
export function loadReviewed() {
  const { fields, notInTypings } = JSON.parse(readFileSync(join(HERE, 'user-fields.reviewed.json'), 'utf8'));
  return { fields, notInTypings };
}

/** The installed devDependency's typings (its `exports` list `./metadata`, whose folder holds metadata.d.ts). */
export function installedTypings() {
  const lib = dirname(createRequire(import.meta.url).resolve('@salesforce/types/metadata'));
  const version = JSON.parse(readFileSync(join(lib, '../package.json'), 'utf8')).version;
  return { version, text: readFileSync(join(lib, 'metadata.d.ts'), 'utf8') };
}

/** The typings text and version: the installed devDependency, or the newest release packed from the registry. */
function typings(latest) {
  if (!latest) {
    return installedTypings();
  }
  const work = mkdtempSync(join(tmpdir(), 'iulint-types-'));
  try {
    const version = execFileSync('npm', ['view', '@salesforce/types', 'version'], { encoding: 'utf8' }).trim();
    execFileSync('npm', ['pack', `@salesforce/types@${version}`, '--silent'], { cwd: work });
    execFileSync('tar', ['xzf', `salesforce-types-${version}.tgz`], { cwd: work });
    return { version, text: readFileSync(join(work, 'package/lib/metadata.d.ts'), 'utf8') };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(args) {
  const built = join(HERE, '../dist/metadata/userReferences.js');
  if (!existsSync(built)) {
    console.error('user-fields: core is not built (no dist/metadata/userReferences.js); run `npm run build` first.');
    return 2;
  }
  const { userReferenceCatalogue } = await import(pathToFileURL(built).href);
  const { version, text } = typings(args.includes('--latest'));
  const reviewed = loadReviewed();
  const result = analyse(text, userReferenceCatalogue(), reviewed.fields);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ version, ...result }, null, 2));
    return 0;
  }
  console.log(
    `@salesforce/types ${version}: ${result.types} object types, ${result.userLike} user-like string fields, ${result.catalogued.length} read by the catalogue.`,
  );
  for (const u of result.unresolved)
    console.log(`  catalogue entry not in the typings: ${u}${reviewed.notInTypings[u] ? ` (known: ${reviewed.notInTypings[u]})` : ''}`);
  for (const s of result.stale) console.log(`  reviewed field no longer in the typings: ${s}`);
  if (result.candidates.length === 0) console.log('  No new candidates: every user-like field is catalogued or reviewed.');
  else {
    console.log(
      `  ${result.candidates.length} candidate(s) to judge (add to the catalogue, or to user-fields.reviewed.json with a reason):`,
    );
    for (const c of result.candidates) console.log(`    ${c}`);
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      // A registry that cannot be reached is reported, never a failed build.
      console.error(`user-fields: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(0);
    },
  );
}
