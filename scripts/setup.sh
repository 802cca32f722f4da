#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine with Node 20:
# pnpm at the pinned version, then the workspace's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  echo "setup: installing pnpm $want" >&2
  npm install -g "pnpm@$want" --no-fund --no-audit >&2
fi

# pnpm 12 reads no nodedir from .npmrc; without it node-gyp tries to download
# Node's headers to build better-sqlite3, and these machines have no internet.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi

pnpm install --frozen-lockfile
