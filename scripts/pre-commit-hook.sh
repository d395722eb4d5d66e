#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml): iulint check with the hook's arguments, through the
# published @iulint/lsp of the version this checkout of iulint is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=$(node -p "require(process.argv[1]).version" "$here/packages/lsp/package.json")
exec npx --yes "@iulint/lsp@$version" check "$@"
