// The entry of dist/server.cjs: `iulint lsp --stdio`, started by bin.ts.
import { stdioConnection } from './server/transport.js';
import { startServer } from './server.js';

if (process.argv.slice(3).includes('--stdio')) startServer(stdioConnection());
else {
  process.stderr.write('iulint: iulint lsp supports only --stdio\n');
  process.exitCode = 2;
}
