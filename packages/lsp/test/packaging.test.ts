// Each published package packs and installs as a user installs it: `npm pack` of @iulint/core and
// @iulint/lsp, the tarballs installed into an empty folder without the registry (the CLI's bundle has no
// run-time dependency; core's four come from npm's cache), `npx iulint check` on a fixture. The release
// workflow's steps dry-run where the tools allow: `npm publish --dry-run` of every npm package and `vsce
// package` of the extension. Not checked here, as they need GitHub's OIDC token or the registries'
// tokens: npm's provenance signature (`--provenance`), `vsce publish`, `ovsx publish`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExpected, projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const npm = (args: string[], cwd = ROOT) => {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};
const pkg = (dir: string) => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));

/** `npm pack` of a workspace: the tarball's path and the files it holds. */
function pack(workspace: string, into: string): { tarball: string; files: string[] } {
  const out = JSON.parse(npm(['pack', '-w', workspace, '--pack-destination', into, '--json'])) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const info = out[0] as (typeof out)[number];
  return { tarball: join(into, info.filename), files: info.files.map((f) => f.path).sort() };
}

describe('npm packages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iulint-pack-'));

  it('@iulint/lsp packs into the bundle alone, with no run-time dependency, and installs offline into an empty folder', () => {
    const { tarball, files } = pack('@iulint/lsp', dir);
    // dist/iulint.cjs (no source map: a few lines) hands over to the bundle of the command: cli.cjs, server.cjs (iulint lsp), iulint-mcp.cjs
    // (iulint mcp), worker.cjs (the check's worker threads); re2js.cjs is loaded by the first .forceignore pattern that needs it.
    expect(files).toEqual(
      ['cli', 'iulint-mcp', 'iulint', 're2js', 'server', 'worker']
        .flatMap((n) => (n === 'iulint' ? ['dist/iulint.cjs'] : [`dist/${n}.cjs`, `dist/${n}.cjs.map`]))
        .concat('package.json'),
    );
    const manifest = pkg('packages/lsp');
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin).toEqual({ iulint: 'dist/iulint.cjs' });
    const app = mkdtempSync(join(tmpdir(), 'iulint-install-'));
    writeFileSync(join(app, 'package.json'), '{ "name": "a-salesforce-project", "private": true }\n');
    npm(['install', '--offline', '--no-audit', '--no-fund', tarball], app);
    expect(readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['@iulint']);
    const r = spawnSync('npx', ['--offline', 'iulint', 'check', projectPath('catalogue'), '--format', 'json'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).findings.length).toBe(loadExpected('catalogue').length);
    expect(spawnSync('npx', ['--offline', 'iulint', '--version'], { cwd: app, encoding: 'utf8' }).stdout.trim()).toBe(manifest.version);
    // The MCP server is its own file in the package, loaded by `iulint mcp` alone.
    const mcp = spawnSync('npx', ['--offline', 'iulint', 'mcp', '--help'], { cwd: app, encoding: 'utf8' });
    expect(mcp.status, mcp.stderr).toBe(0);
    expect(mcp.stdout).toContain('iulint_check_proposed_change');
  });

  it('@iulint/core packs its build and schema, and installs from the tarball and npm cache (no registry)', () => {
    const { tarball, files } = pack('@iulint/core', dir);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/options.js');
    expect(files).toContain('schema/iulint.config.schema.json');
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
    const app = mkdtempSync(join(tmpdir(), 'iulint-install-'));
    writeFileSync(join(app, 'package.json'), '{ "name": "a-program", "private": true, "type": "module" }\n');
    npm(['install', '--offline', '--no-audit', '--no-fund', tarball], app);
    writeFileSync(
      join(app, 'use.mjs'),
      "import { CHECK_OPTIONS, checkProject, MemoryFileSystem } from '@iulint/core';\n" +
        'const fs = new MemoryFileSystem();\nfs.write(\'/p/sfdx-project.json\', new TextEncoder().encode(\'{"packageDirectories":[{"path":"force-app"}]}\'));\n' +
        "fs.write('/p/force-app/d/x.dashboard-meta.xml', new TextEncoder().encode('<Dashboard xmlns=\"http://soap.sforce.com/2006/04/metadata\"><runningUser>cloud@00d5e000000abcdeaa</runningUser></Dashboard>'));\n" +
        "const r = await checkProject(fs, '/p');\nconsole.log(JSON.stringify({ options: CHECK_OPTIONS.length, rules: r.findings.map((f) => f.ruleId) }));\n",
    );
    const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: app, encoding: 'utf8' }));
    expect(out.options).toBeGreaterThan(10);
    expect(out.rules).toContain('piu-no-run-as');
  });

  it('the sf plugin packs its bundle, messages and oclif manifest', () => {
    const { files } = pack('@iulint/plugin-iulint', dir);
    for (const f of [
      'dist/commands/iulint/check.js',
      'dist/commands/iulint/rules.js',
      'dist/commands/iulint/snapshot.js',
      'messages/iulint.check.md',
    ])
      expect(files).toContain(f);
    // The manifest needs Node 22 to be made (the build says so without one); CI has it.
    if (existsSync(join(ROOT, 'packages/sf-plugin/oclif.manifest.json')) || process.env.CI) expect(files).toContain('oclif.manifest.json');
  });
});

describe('.github/workflows/release.yml', () => {
  const workflow = parse(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: Record<
      string,
      {
        permissions?: Record<string, string>;
        steps: Array<{ run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }>;
      }
    >;
  };
  const runs = (job: string) => (workflow.jobs[job]?.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));

  it('publishes the npm packages with provenance, in dependency order, from a tag of their version', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.jobs.npm?.permissions?.['id-token']).toBe('write');
    const publishes = runs('npm').filter((r) => r.startsWith('npm publish'));
    expect(publishes).toEqual([
      'npm publish -w @iulint/core --provenance --access public',
      'npm publish -w @iulint/lsp --provenance --access public',
      'npm publish -w @iulint/plugin-iulint --provenance --access public',
    ]);
    for (const dir of ['packages/core', 'packages/lsp', 'packages/sf-plugin']) {
      const p = pkg(dir);
      expect(p.private, dir).toBeUndefined();
      // npm's provenance requires the repository the workflow runs in.
      expect(p.repository, dir).toEqual({ type: 'git', url: 'git+https://github.com/iulint/iulint.git', directory: dir });
    }
    expect(runs('npm')).toContain('node scripts/release-version.mjs "$GITHUB_REF_NAME"');
    expect(spawnSync(process.execPath, ['scripts/release-version.mjs', `v${pkg('packages/lsp').version}`], { cwd: ROOT }).status).toBe(0);
    expect(spawnSync(process.execPath, ['scripts/release-version.mjs', 'v99.0.0'], { cwd: ROOT }).status).toBe(1);
  });

  it('every npm publish dry-runs (without --provenance, which only GitHub can sign)', () => {
    for (const ws of ['@iulint/core', '@iulint/lsp', '@iulint/plugin-iulint']) {
      const r = spawnSync('npm', ['publish', '--dry-run', '-w', ws, '--access', 'public'], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain(`Publishing to https://registry.npmjs.org/ with tag latest and public access (dry-run)`);
    }
  });

  it('publishes the one .vsix to both marketplaces under the publisher of its manifest; vsce package works here', () => {
    const vscode = runs('vscode');
    expect(vscode).toContain('npm run package -w iulint-vscode');
    const vsce = vscode.find((r) => r.includes('vsce publish')) as string;
    const ovsx = vscode.find((r) => r.includes('ovsx') && r.includes('publish')) as string;
    expect(vsce).toContain('--packagePath packages/vscode-extension/iulint-vscode.vsix');
    expect(ovsx).toContain('publish packages/vscode-extension/iulint-vscode.vsix');
    // One publisher id: the manifest's; neither command overrides it.
    for (const cmd of [vsce, ovsx]) expect(cmd).not.toMatch(/--publisher|-p\b|--namespace|\s-n\s/);
    const manifest = pkg('packages/vscode-extension');
    expect(manifest.publisher).toBe('iulint');
    const out = join(mkdtempSync(join(tmpdir(), 'iulint-vsix-')), 'iulint-vscode.vsix');
    const r = spawnSync('npx', ['vsce', 'package', '--no-dependencies', '--out', out], {
      cwd: join(ROOT, 'packages/vscode-extension'),
      encoding: 'utf8',
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    // A .vsix is a zip whose extension/package.json is the manifest, publisher included.
    const listing = execFileSync('unzip', ['-p', out, 'extension/package.json'], { encoding: 'utf8' });
    expect(JSON.parse(listing).publisher).toBe(manifest.publisher);
  });
});
