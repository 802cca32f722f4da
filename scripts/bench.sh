#!/usr/bin/env bash
# Every benchmark, one after the other (they would disturb each other in
# parallel). Each prints its figures as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
pnpm --filter @crm-cost/domain run --silent bench
pnpm --filter @crm-cost/store run --silent bench
pnpm --filter @crm-cost/worker run --silent bench
pnpm --filter @crm-cost/api run --silent bench
pnpm --filter @crm-cost/tui run --silent bench
