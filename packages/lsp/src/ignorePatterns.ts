import { isInside, relativePath } from '@iulint/core';
import type { Io } from './io.js';

/**
 * An `--ignore-pattern` as read from the current folder `cwd`, rewritten relative to the project root,
 * where the matcher reads patterns: `profiles/` given in `<root>/force-app` is `/force-app/**\/profiles/`
 * and `/main/x.xml` is `/force-app/main/x.xml`; given above the root (`<root>` is `cwd/proj`),
 * `proj/scripts/` is `/scripts/`. A pattern without a slash inside matches at any depth below `cwd`, as
 * in a `.gitignore` there. Undefined for a pattern that can match nothing in the project.
 */
export function rebasePattern(pattern: string, root: string, cwd: string): string | undefined {
  const negated = pattern.startsWith('!');
  const body = negated ? pattern.slice(1) : pattern;
  const bang = negated ? '!' : '';
  const anchored = body.startsWith('/') || body.replace(/\/$/, '').includes('/');
  const rest = body.replace(/^\//, '');
  if (isInside(root, cwd)) {
    const below = relativePath(root, cwd);
    if (below === '.' || below === '') return pattern;
    return anchored ? `${bang}/${below}/${rest}` : `${bang}/${below}/**/${rest}`;
  }
  if (!isInside(cwd, root)) return pattern;
  const above = relativePath(cwd, root);
  if (!anchored) return pattern;
  if (rest === above || rest === `${above}/`) return `${bang}/**`;
  return rest.startsWith(`${above}/`) ? `${bang}/${rest.slice(above.length + 1)}` : undefined;
}

export function rebasePatterns(patterns: readonly string[], root: string, cwd: string, io: Io): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    const rebased = rebasePattern(p, root, cwd);
    if (rebased === undefined)
      io.stderr(`iulint: --ignore-pattern ${p} names nothing inside the project ${relativePath(cwd, root)}; skipped\n`);
    else out.push(rebased);
  }
  return out;
}
