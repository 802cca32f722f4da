#!/usr/bin/env bash
# Runs lint, typecheck and every test of every package. The store's tests
# need PostgreSQL and the TUI's smoke test tmux: services.sh sees to both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export TURBO_TELEMETRY_DISABLED=1

pnpm exec turbo run lint typecheck test --concurrency=2 --continue "$@"
