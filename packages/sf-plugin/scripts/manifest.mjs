// Writes oclif.manifest.json as `oclif manifest` does: loads each command through oclif's own Plugin
// class and keeps what the CLI needs to list, parse and document it without importing it. Node 22.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = fileURLToPath(new URL('..', import.meta.url));
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();
writeFileSync(new URL('../oclif.manifest.json', import.meta.url), `${JSON.stringify(plugin.manifest, null, 2)}\n`);
console.log(`sf-plugin: oclif.manifest.json (${Object.keys(plugin.manifest.commands).join(', ')})`);
