import { spawnSync } from 'node:child_process';
import { SaxesParser } from 'saxes';

/** The real editors' tests must run in CI; by hand they are skipped, saying why. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

export function findExecutable(name: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : undefined;
}

/** Returns whether to skip; prints the reason when it does. In CI it never skips. */
export function skipUnless(available: boolean, what: string, hint: string): boolean {
  if (available || IN_CI) return false;
  console.warn(`SKIPPED: ${what} (${hint}). CI installs it and runs this test; there a missing editor fails the run.`);
  return true;
}

/**
 * Why the text is not well-formed XML, by saxes (an independent parser, namespace-aware as a deploy
 * judges the file), or undefined when it is. Every lsp test judges files with this one function.
 */
export function xmlProblem(text: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true });
  let problem: string | undefined;
  parser.on('error', (e) => {
    problem ??= e.message;
  });
  parser.write(text).close();
  return problem;
}
