// The entry of dist/iulint.cjs (the `iulint` command): hands over to the bundle of the command asked for,
// so `iulint check` never loads, nor even compiles, the language server and its library, and `iulint lsp`
// never the CLI's modules. The commands are short runs, the servers (`lsp`, `mcp`) long ones (`tuneForShortRun`).
// `iulint --version` loads nothing more.
import { tuneForShortRun } from './shortRun.js';
import { VERSION } from './version.js';

const command = process.argv[2];
if (command === '--version' || command === '-v') process.stdout.write(`${VERSION}\n`);
else if (command === 'lsp') require('./server.cjs');
else {
  if (command !== 'mcp') tuneForShortRun();
  require('./cli.cjs');
}
