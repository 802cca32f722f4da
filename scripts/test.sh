#!/usr/bin/env bash
# Runs lint, typecheck and every test of every package. The store's tests
# need PostgreSQL: start this machine's server if it is down, and point
# DATABASE_URL at it unless the caller chose another.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | head -1)
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    echo "test: starting PostgreSQL $version" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
fi
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
export TURBO_TELEMETRY_DISABLED=1

pnpm exec turbo run lint typecheck test --concurrency=2 "$@"
