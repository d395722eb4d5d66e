// The entry of dist/worker.cjs: a worker thread of `iulint check`, or a child process reading one large
// file alone (see parallel.ts). It holds only what extraction needs (the core's readers, no CLI, no
// language server), so it starts fast.
import { parentPort, workerData } from 'node:worker_threads';
import { extractFile, extractFiles } from './extractFiles.js';
import { type Job, type WorkerData, work } from './sharedWork.js';
import { keepYoungGenerationSmall, tuneForShortRun } from './shortRun.js';

if (parentPort) {
  if ((workerData as WorkerData | undefined)?.shortRun) keepYoungGenerationSmall();
  const port = parentPort;
  port.on('message', (job: Job) => {
    const options = { maxFileSize: job.maxFileSize, copied: true, root: job.root };
    work(
      job,
      (path) => extractFile(path, options),
      (batch) => port.postMessage(batch),
    );
  });
} else if (process.send) {
  // A child process: one file, whatever its size, then exit once the answer is sent.
  tuneForShortRun();
  process.once('message', ({ paths, maxFileSize, root }: { paths: string[]; maxFileSize: number; root?: string }) => {
    const results = extractFiles(paths, { maxFileSize, copied: true, alone: Number.POSITIVE_INFINITY, root });
    process.send?.(results, undefined, undefined, () => process.exit(0));
  });
} else {
  process.stderr.write('iulint: dist/worker.cjs is started by iulint check, not on its own\n');
  process.exitCode = 2;
}
