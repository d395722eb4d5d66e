// The entry of dist/iulint.cjs (the `iulint` command): hands over to the bundle of the command asked for,
// so `iulint check` never loads, nor even compiles, the language server and its library, and `iulint lsp`
// never the CLI's modules. The commands are short runs, the server a long one (`tierUpLater`).
import { tierUpLater } from './tiering.js';

if (process.argv[2] === 'lsp') require('./server.cjs');
else {
  tierUpLater();
  require('./cli.cjs');
}
