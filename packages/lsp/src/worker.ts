// The entry of dist/worker.cjs: a worker thread of `iulint check`, or a child process reading one large
// file alone (see parallel.ts). It holds only what extraction needs (the core's readers, no CLI, no
// language server), so it starts fast.
import { parentPort } from 'node:worker_threads';
import { extractFiles } from './extractFiles.js';
import { tierUpLater } from './tiering.js';

interface Request {
  paths: string[];
  maxFileSize: number;
  root?: string;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', ({ paths, maxFileSize, root }: Request) => {
    port.postMessage(extractFiles(paths, { maxFileSize, copied: true, root }).results);
  });
  port.postMessage('ready');
} else if (process.send) {
  // A child process: one file, whatever its size, then exit once the answer is sent.
  tierUpLater();
  process.once('message', ({ paths, maxFileSize, root }: Request) => {
    const { results } = extractFiles(paths, { maxFileSize, copied: true, alone: Number.POSITIVE_INFINITY, root });
    process.send?.(results, undefined, undefined, () => process.exit(0));
  });
} else {
  process.stderr.write('iulint: dist/worker.cjs is started by iulint check, not on its own\n');
  process.exitCode = 2;
}
