// Generates src/metadata/registry.generated.json from @salesforce/source-deploy-retrieve's own
// metadata registry (the data the Salesforce CLI classifies files with), trimmed to the fields iulint
// reads. SDR itself is not a dependency: it pulls in the whole Salesforce CLI core (about 1,200
// modules), while iulint's core must stay small enough for a browser worker.
// Usage: node packages/core/scripts/gen-registry.mjs [sdr-version]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const version = process.argv[2] ?? '12.37.2';
const work = mkdtempSync(join(tmpdir(), 'iulint-sdr-'));
try {
  execFileSync('npm', ['pack', `@salesforce/source-deploy-retrieve@${version}`, '--silent'], { cwd: work });
  execFileSync('tar', ['xzf', `salesforce-source-deploy-retrieve-${version}.tgz`], { cwd: work });
  const reg = JSON.parse(readFileSync(join(work, 'package/lib/src/registry/metadataRegistry.json'), 'utf8'));
  const trimType = (t) => {
    const out = { name: t.name, suffix: t.suffix, directoryName: t.directoryName };
    if (t.inFolder) out.inFolder = true;
    if (t.strictDirectoryName) out.strictDirectoryName = true;
    if (t.folderType) out.folderType = t.folderType;
    if (t.strategies?.adapter) out.adapter = t.strategies.adapter;
    if (t.children) out.children = Object.keys(t.children.types);
    return out;
  };
  const types = {};
  const childTypes = {};
  for (const [id, t] of Object.entries(reg.types).sort(([a], [b]) => a.localeCompare(b))) {
    types[id] = trimType(t);
    for (const [cid, c] of Object.entries(t.children?.types ?? {})) {
      types[cid] = trimType(c);
      childTypes[cid] = id;
    }
  }
  const out = {
    source: `@salesforce/source-deploy-retrieve@${version} lib/src/registry/metadataRegistry.json`,
    types,
    suffixes: reg.suffixes,
    strictDirectoryNames: reg.strictDirectoryNames,
    childTypes,
  };
  const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'metadata', 'registry.generated.json');
  writeFileSync(target, `${JSON.stringify(out)}\n`);
  console.log(`wrote ${target}: ${Object.keys(types).length} types`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
