#!/usr/bin/env bash
# Runs the example order service against the local stack (addresses from .stack/env): api, relay and workers
# processes, a scripted scenario, then stop. Flags: --serve (keep running), --load N (orders per second).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -f "$ROOT/.stack/env" ]; then set -a; . "$ROOT/.stack/env"; set +a; fi
exec node --import tsx "$ROOT/examples/order-service/src/main.ts" "$@"
