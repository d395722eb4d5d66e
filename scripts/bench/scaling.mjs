// Check time against the number of files: generated projects with 1 % profiles of 100 KB.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateProject } from '@iulint/fixtures';
import { QUICK } from './context.mjs';
import { checkTime } from './measure.mjs';

export function scalingJob(ctx) {
  const rows = [];
  for (const n of QUICK ? [1000, 2000] : [1000, 5000, 10_000, 40_000]) {
    ctx.log(`scaling: ${n} files`);
    const dir = join(ctx.work, `scale-${n}`);
    const g = generateProject({ dir, files: n, profiles: Math.round(n / 100), profileBytes: 100 * 1024, seed: 11 });
    const c = checkTime(dir);
    rows.push({ files: g.files, mb: g.bytes / 1048576, ms: c.ms, cpu: c.cpu });
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
