import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIX_CASE_FILES } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { BIN, SFDX_PROJECT, writeFiles } from './helpers.js';

/**
 * A file name that talks to the terminal (a title sequence, a line break that fakes a finding, a
 * right-to-left override) and a username with an ESC, on the built CLI: no output, stdout or stderr, in
 * any format, holds them raw; JSON and SARIF readers get the exact name back; and the dry run's diff,
 * which quotes such a name as git does, still applies with git.
 */
const NAME = 'evil\u001b]0;pwned\u0007\n  1:1  error  fake  x\u202Elmx.profile-meta.xml';
const DIR = 'force-app/main/default/profiles';

function project(): string {
  return writeFiles('iulint-escape-', {
    'sfdx-project.json': SFDX_PROJECT,
    [`${DIR}/${NAME}`]: FIX_CASE_FILES['force-app/main/default/profiles/Api False.profile-meta.xml'] as string,
    'config/u-user-def.json': JSON.stringify({
      Username: 'svc\u001b[2J@acme.example.com',
      LastName: 'Integration',
      profileName: 'Standard User',
    }),
  });
}

/** Whether a text holds a character no output may hold raw (line feeds aside: the formats write their own). */
function hasRaw(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x061c || c === 0x200e || c === 0x200f) return true;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x2028 || c === 0x2029) return true;
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff) {
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** A stylish line without its own colour sequences (ESC [ digits m) and tabs (a code frame keeps them). */
function withoutColoursAndTabs(line: string): string {
  return line
    .split(String.fromCharCode(27))
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
    .join('')
    .split('\t')
    .join('');
}

const run = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, 'check', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('control characters in paths and messages (the built CLI)', () => {
  it('stylish: escaped on stdout and stderr', () => {
    const root = project();
    const r = run(root, '--color');
    expect(r.stdout).toContain('evil\\x1B]0;pwned\\x07\\x0A  1:1  error  fake  x\\u202Elmx.profile-meta.xml');
    expect(r.stdout).toContain('svc\\x1B[2J@acme.example.com');
    for (const line of `${r.stdout}\n${r.stderr}`.split('\n'))
      expect(hasRaw(withoutColoursAndTabs(line)), JSON.stringify(line)).toBe(false);
  });

  it('JSON and SARIF: nothing raw, and the exact name back through a JSON reader', () => {
    const root = project();
    const json = run(root, '--format', 'json');
    expect(hasRaw(json.stdout)).toBe(false);
    expect(JSON.parse(json.stdout).findings.map((f: { file: string }) => f.file)).toContain(`${DIR}/${NAME}`);
    const sarif = run(root, '--format', 'sarif');
    expect(hasRaw(sarif.stdout)).toBe(false);
    const uris = JSON.parse(sarif.stdout).runs[0].results.map(
      (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        decodeURIComponent(x.locations[0]?.physicalLocation.artifactLocation.uri ?? ''),
    );
    expect(uris).toContain(`${DIR}/${NAME}`);
  });

  it('--fix says which file it fixed, escaped; --fix-dry-run quotes the name as git does and applies with git', () => {
    const root = project();
    const dry = run(root, '--fix-dry-run');
    expect(dry.stdout).toContain(
      '--- "a/force-app/main/default/profiles/evil\\033]0;pwned\\a\\n  1:1  error  fake  x\\342\\200\\256lmx.profile-meta.xml"',
    );
    execFileSync('git', ['init', '-q'], { cwd: root });
    writeFileSync(join(root, '..', 'escape.patch'), dry.stdout);
    execFileSync('git', ['apply', join(root, '..', 'escape.patch')], { cwd: root });
    const viaGit = readFileSync(join(root, DIR, NAME), 'utf8');

    const other = project();
    const r = run(other, '--fix');
    expect(r.stderr).toContain(
      'iulint: fixed 1 problem in force-app/main/default/profiles/evil\\x1B]0;pwned\\x07\\x0A  1:1  error  fake  x\\u202Elmx.profile-meta.xml',
    );
    expect(hasRaw(r.stderr)).toBe(false);
    expect(readdirSync(join(other, DIR))).toEqual([NAME]);
    expect(readFileSync(join(other, DIR, NAME), 'utf8')).toBe(viaGit);
  });
});
