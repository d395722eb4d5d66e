// Checks that a release tag (v0.1.0) is the version of every package the release publishes, so that a
// tag never publishes packages of another version. Exits 1 with the packages that differ.
import { readFileSync } from 'node:fs';

export const RELEASED = ['packages/core', 'packages/lsp', 'packages/sf-plugin', 'packages/vscode-extension'];

const tag = process.argv[2] ?? '';
const version = tag.replace(/^v/, '');
const wrong = RELEASED.map((dir) => [
  dir,
  JSON.parse(readFileSync(new URL(`../${dir}/package.json`, import.meta.url), 'utf8')).version,
]).filter(([, v]) => v !== version);
if (!/^v\d+\.\d+\.\d+/.test(tag) || wrong.length > 0) {
  console.error(
    `release-version: the tag "${tag}" is not the version of ${wrong.map(([d, v]) => `${d} (${v})`).join(', ') || 'a release'}`,
  );
  process.exit(1);
}
console.log(`release-version: ${tag} is the version of ${RELEASED.join(', ')}`);
