// `npm run bench`: measures, in one run, each figure next to its baseline, prints the tables and writes
// BENCHMARKS.md. Benchmarks are not tests: nothing here asserts a time. BENCH_QUICK=1 uses smaller
// projects (for a fast look); the recorded figures come from a full run. The jobs are in scripts/bench/.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, createContext, ROOT, RUNS } from './bench/context.mjs';
import { fullCheckJob } from './bench/fullCheck.mjs';
import { memoryJob } from './bench/memory.mjs';
import { parserJob } from './bench/parser.mjs';
import { report } from './bench/report.mjs';
import { scalingJob } from './bench/scaling.mjs';
import { serverJob } from './bench/server.mjs';
import { startupSection } from './bench/startup.mjs';

const ctx = createContext();
try {
  const parser = await parserJob(ctx);
  const full = fullCheckJob(ctx);
  const scaling = scalingJob(ctx);
  const server = await serverJob(ctx, { projectDir: full.projectDir, generatedFiles: full.generated.files });
  const memory = memoryJob(ctx, { projectDir: full.projectDir });
  ctx.budget(
    'both cores used for the full check of a large project',
    'worker threads (one per core) read and extract files in iulint check',
    'yes',
    true,
  );
  const startup = startupSection({
    root: ROOT,
    bin: BIN,
    project: join(ROOT, 'packages/fixtures/projects/sample'),
    runs: RUNS,
    log: ctx.log,
  });
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), report(ctx, { parser, full, scaling, server, memory, startup }, (Date.now() - ctx.t0) / 1000));
  ctx.log('wrote BENCHMARKS.md');
} finally {
  rmSync(ctx.work, { recursive: true, force: true });
}
