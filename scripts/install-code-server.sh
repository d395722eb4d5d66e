#!/usr/bin/env bash
# Installs code-server (the VS Code server build) from the npm registry into a cache folder,
# for the real-VS Code extension tests. Idempotent: does nothing when the version is there.
# Usage: scripts/install-code-server.sh [dest-dir]   (default: $IULINT_CODE_SERVER_DIR or ~/.cache/iulint/code-server-<ver>)
set -euo pipefail
VER=${IULINT_CODE_SERVER_VERSION:-4.100.3}   # VS Code 1.100.3, the newest code-server that runs on Node 20 (install-code-server-mcp.sh names 4.117.0)
DEST=$(realpath -m "${1:-${IULINT_CODE_SERVER_DIR:-$HOME/.cache/iulint/code-server-$VER}}")
ENTRY="$DEST/node_modules/code-server/out/node/entry.js"
if [ -f "$ENTRY" ] && [ -f "$DEST/.installed" ]; then echo "code-server $VER already in $DEST"; exit 0; fi
# Debian packages: gssapi headers for the kerberos native module, ripgrep to replace a GitHub download.
if ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libkrb5-dev ripgrep g++ make python3
fi
mkdir -p "$DEST"; cd "$DEST"; [ -f package.json ] || echo '{"name":"code-server-cache","private":true}' > package.json
# @vscode/ripgrep's postinstall downloads rg unless its cache holds the asset: seed it with Debian's rg.
export TMPDIR="$DEST/.tmp"; mkdir -p "$TMPDIR/rgsrc"; cp "$(command -v rg)" "$TMPDIR/rgsrc/rg"
for spec in 1.15.11:v13.0.0-10 1.15.14:v13.0.0-10 1.17.0:v15.0.1 1.17.1:v15.0.1; do
  d="$TMPDIR/vscode-ripgrep-cache-${spec%%:*}"; mkdir -p "$d"
  tar czf "$d/ripgrep-${spec#*:}-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rgsrc" rg
done
# node-pty's postinstall runs `npx node-gyp` (would prompt); as root the postinstall needs unsafe-perm;
# npm 11 skips dependency install scripts unless allowed, and code-server needs its postinstall.
npm_config_dangerously_allow_all_scripts=true npm_config_yes=true npm_config_unsafe_perm=true npm i --no-save --no-audit --no-fund "code-server@$VER" --unsafe-perm >"$DEST/install.log" 2>&1 \
  || { tail -40 "$DEST/install.log"; exit 1; }
touch "$DEST/.installed"
echo "code-server $VER installed in $DEST"
