// The entry of dist/iulint.cjs (the `iulint` command): hands over to the bundle of the command asked for,
// so `iulint check` never loads, nor even compiles, the language server and its library, and `iulint lsp`
// never the CLI's modules.

require(process.argv[2] === 'lsp' ? './server.cjs' : './cli.cjs');
