// The entry of dist/worker.cjs: a worker thread of `iulint check` (see parallel.ts). It holds only what
// extraction needs (the core's readers, no CLI, no language server), so it starts fast.
import { parentPort } from 'node:worker_threads';
import { extractFiles } from './extractFiles.js';

if (!parentPort) {
  process.stderr.write('iulint: dist/worker.cjs is started by iulint check, not on its own\n');
  process.exitCode = 2;
} else {
  const port = parentPort;
  port.on('message', ({ paths, maxFileSize }: { paths: string[]; maxFileSize: number }) => {
    port.postMessage(extractFiles(paths, maxFileSize, true).results);
  });
  port.postMessage('ready');
}
