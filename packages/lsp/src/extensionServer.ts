// The entry of the VS Code extension's one server file (vscode-extension/dist/server.js): `lsp --stdio`
// (the language server, as dist/server.cjs) and `mcp` (the MCP server, as dist/cli.cjs runs it).
if (process.argv[2] === 'lsp') void import('./serverMain.js');
else void import('./main.js');
