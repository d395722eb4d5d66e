// The GitHub Action (action.yml at the repository root), run as a runner runs a composite action: its
// steps read with a YAML parser, each `run:` step in bash with the GITHUB_* variables the runner sets,
// in a pull request's checkout made as actions/checkout makes it (one commit of refs/pull/N/merge,
// fetched through a file:// URL). The `uses:` step (github/codeql-action/upload-sarif) cannot run here:
// there is no GitHub to upload to. The test evaluates its `if:` and gives it the outcome GitHub would
// (success, or failure in a private repository without code scanning), which the steps after it read.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectPath } from '@iulint/fixtures';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN } from './helpers.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ACTION = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
};
interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'continue-on-error'?: boolean;
}

const PROFILE = 'force-app/main/default/profiles/ERP Integration.profile-meta.xml';
const DEPENDANT = 'force-app/main/default/permissionsets/Legacy_Full_Access.permissionset-meta.xml';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
  });

/** The origin: main with the project in salesforce/, a branch, and GitHub's merge commit refs/pull/1/merge. */
function origin(change: (project: string) => void): string {
  const repo = mkdtempSync(join(tmpdir(), 'iulint-origin-'));
  git(repo, 'init', '-q');
  cpSync(projectPath('catalogue'), join(repo, 'salesforce'), { recursive: true });
  rmSync(join(repo, 'salesforce/expected-diagnostics.json'));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'The project');
  git(repo, 'checkout', '-q', '-b', 'feature');
  change(join(repo, 'salesforce'));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'The change');
  git(repo, 'checkout', '-q', '-b', 'merge', 'main');
  git(repo, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature');
  git(repo, 'update-ref', 'refs/pull/1/merge', 'HEAD');
  git(repo, 'checkout', '-q', 'main');
  return repo;
}

/** What actions/checkout does for a pull request: one commit of the merge ref, detached. */
function checkout(from: string): string {
  const work = join(mkdtempSync(join(tmpdir(), 'iulint-runner-')), 'work');
  git(tmpdir(), 'init', '-q', work);
  git(work, 'remote', 'add', 'origin', pathToFileURL(from).href);
  git(
    work,
    'fetch',
    '--no-tags',
    '--prune',
    '--no-recurse-submodules',
    '--depth=1',
    'origin',
    '+refs/pull/1/merge:refs/remotes/pull/1/merge',
  );
  git(work, 'checkout', '-q', '--detach', 'refs/remotes/pull/1/merge');
  return work;
}

interface Run {
  steps: Record<string, { outputs: Record<string, string>; outcome: string; stdout: string; stderr: string; status: number | null }>;
  summary: string;
  failed: string | undefined;
}

/** Runs the action's steps as the runner does; `uploadOutcome` is what the upload-sarif step would end with. */
function runAction(work: string, options: { inputs?: Record<string, string>; fork?: boolean; uploadOutcome?: 'success' | 'failure' }): Run {
  const temp = mkdtempSync(join(tmpdir(), 'iulint-runner-temp-'));
  const event = join(temp, 'event.json');
  const head = options.fork ? 'someone/sf-fork' : 'acme/sf';
  writeFileSync(
    event,
    JSON.stringify({
      action: 'opened',
      number: 1,
      pull_request: {
        number: 1,
        head: { ref: 'feature', repo: { full_name: head } },
        base: { ref: 'main', repo: { full_name: 'acme/sf' } },
      },
      repository: { full_name: 'acme/sf', private: false },
    }),
  );
  const summary = join(temp, 'step_summary');
  writeFileSync(summary, '');
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(ACTION.inputs)) inputs[k] = v.default ?? '';
  Object.assign(inputs, { iulint: `${process.execPath} ${BIN}`, path: 'salesforce' }, options.inputs);
  const steps: Run['steps'] = {};
  const value = (expr: string): string => {
    const e = expr.trim();
    let m = /^inputs\.([\w-]+)$/.exec(e);
    if (m) return inputs[m[1] as string] ?? '';
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
    if (m) return steps[m[1] as string]?.outputs[m[2] as string] ?? '';
    m = /^steps\.([\w-]+)\.outcome$/.exec(e);
    if (m) return steps[m[1] as string]?.outcome ?? '';
    throw new Error(`an expression this test does not evaluate: ${e}`);
  };
  const substitute = (s: string) => s.replace(/\$\{\{(.*?)\}\}/g, (_m, e: string) => value(e));
  const condition = (expr: string | undefined) => {
    if (expr === undefined) return true;
    const m = /^(.+?)\s*==\s*'([^']*)'$/.exec(expr.trim());
    if (!m) throw new Error(`a condition this test does not evaluate: ${expr}`);
    return value(m[1] as string) === m[2];
  };
  const env: Record<string, string | undefined> = {
    ...process.env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: work,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REF: 'refs/pull/1/merge',
    GITHUB_REF_NAME: '1/merge',
    GITHUB_BASE_REF: 'main',
    GITHUB_HEAD_REF: 'feature',
    GITHUB_SHA: git(work, 'rev-parse', 'HEAD').trim(),
    GITHUB_REPOSITORY: 'acme/sf',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '1',
    GITHUB_ACTION_PATH: REPO_ROOT,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    NO_COLOR: undefined,
    CI_PROJECT_DIR: undefined,
  };
  let failed: string | undefined;
  for (const [i, step] of ACTION.runs.steps.entries()) {
    const id = step.id ?? `step${i}`;
    if (!condition(step.if)) {
      steps[id] = { outputs: {}, outcome: 'skipped', stdout: '', stderr: '', status: null };
      continue;
    }
    if (step.uses) {
      // Cannot run here (no GitHub): the outcome GitHub would give it.
      expect(step.uses).toBe('github/codeql-action/upload-sarif@v3');
      expect(existsSync(substitute(step.with?.sarif_file ?? ''))).toBe(true);
      const outcome = options.uploadOutcome ?? 'success';
      steps[id] = { outputs: {}, outcome, stdout: '', stderr: '', status: outcome === 'success' ? 0 : 1 };
      if (outcome === 'failure' && !step['continue-on-error']) failed ??= id;
      continue;
    }
    expect(step.shell).toBe('bash');
    const output = join(temp, `output-${id}`);
    writeFileSync(output, '');
    const stepEnv = {
      ...env,
      GITHUB_OUTPUT: output,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(v)])),
    };
    // The runner's bash invocation for `shell: bash`: bash --noprofile --norc -eo pipefail {0}.
    const script = join(temp, `${id}.sh`);
    writeFileSync(script, substitute(step.run ?? ''));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: work, env: stepEnv, encoding: 'utf8' });
    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    steps[id] = { outputs, outcome: r.status === 0 ? 'success' : 'failure', stdout: r.stdout, stderr: r.stderr, status: r.status };
    if (r.status !== 0) {
      failed = id;
      break;
    }
  }
  return { steps, summary: readFileSync(summary, 'utf8'), failed };
}

const touchProfile = (project: string) => {
  const file = join(project, PROFILE);
  writeFileSync(file, readFileSync(file, 'utf8').replace('</Profile>', '    <!-- reviewed -->\n</Profile>'));
};

describe('action.yml (a composite action) as a runner runs it on a pull request', () => {
  it('is a composite action whose shell steps are bash', () => {
    expect(ACTION.runs.using).toBe('composite');
    for (const s of ACTION.runs.steps) expect(s.uses !== undefined || s.shell === 'bash', s.name).toBe(true);
  });

  it('fetches the base of a one-commit checkout, annotates the changed file and its dependant, writes the summary, uploads SARIF, fails on errors', () => {
    const work = checkout(origin(touchProfile));
    expect(git(work, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');
    const r = runAction(work, {});
    expect(r.steps.base?.outputs.ref).toBe('origin/main');
    expect(git(work, 'merge-base', 'origin/main', 'HEAD').trim()).not.toBe('');
    const check = r.steps.check;
    expect(check?.outputs['exit-code']).toBe('1');
    const annotations = (check?.stdout ?? '').split('\n').filter((l) => l.startsWith('::'));
    const files = new Set(annotations.map((l) => /file=([^,]*),/.exec(l)?.[1]));
    expect(files.has(`salesforce/${PROFILE}`)).toBe(true); // paths from the repository root
    expect(files.has(`salesforce/${DEPENDANT}`)).toBe(true);
    expect(files.has('salesforce/scripts/apex/freeze-system-users.apex')).toBe(false);
    expect(r.summary).toContain('## iulint');
    expect(r.summary).toContain('files changed since origin/main');
    expect(r.steps.decide?.outputs.upload).toBe('true');
    expect(r.steps.upload?.outcome).toBe('success');
    expect(JSON.parse(readFileSync(check?.outputs['sarif-file'] as string, 'utf8')).version).toBe('2.1.0');
    expect(r.failed).toBe('gate');
    expect(r.steps.gate?.status).toBe(1);
    expect(r.steps.gate?.stdout).toContain('::error title=iulint::iulint found problems at or above error');
  });

  it("a fork's pull request: no upload (its token cannot write), a note, and no failure for it", () => {
    const work = checkout(origin((p) => writeFileSync(join(p, 'notes.md'), 'nothing iulint reads\n')));
    const r = runAction(work, { fork: true });
    expect(r.steps.check?.outputs['exit-code']).toBe('0'); // the change brings in no finding
    expect(r.steps.decide?.outputs.upload).toBe('false');
    expect(r.steps.upload?.outcome).toBe('skipped');
    expect(r.summary).toContain('not uploaded to code scanning: this pull request comes from a fork');
    expect(r.failed).toBeUndefined();
  });

  it('a private repository without code scanning: the upload fails, the step notes it and passes', () => {
    const work = checkout(origin((p) => writeFileSync(join(p, 'notes.md'), 'nothing iulint reads\n')));
    const r = runAction(work, { uploadOutcome: 'failure' });
    expect(r.steps.upload?.outcome).toBe('failure');
    expect(r.summary).toContain('code scanning did not take the SARIF report');
    expect(r.failed).toBeUndefined();
  });

  it('iulint cannot run (a broken sfdx-project.json): the gate fails with exit code 2 and says where the reason is', () => {
    const work = checkout(origin((p) => writeFileSync(join(p, 'sfdx-project.json'), '{ "packageDirectories": ')));
    const r = runAction(work, {});
    expect(r.steps.check?.outputs['exit-code']).toBe('2');
    expect(r.steps.check?.stderr).toMatch(/^iulint: .*sfdx-project\.json is not valid JSON/m);
    expect(r.failed).toBe('gate');
    expect(r.steps.gate?.status).toBe(2);
  });
});
