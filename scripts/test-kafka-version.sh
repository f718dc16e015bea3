#!/usr/bin/env bash
# The kill -9, fencing, takeover and outage suites of the relay and the consumer kill -9 suite against another
# Kafka release than the one CI runs (3.9.1), on a private stack of its own (own state directory and free
# ports, no registry: these suites run the relay in header mode), stopped and removed when the run ends.
#
#   scripts/test-kafka-version.sh [VERSION] [vitest arguments...]     (./dev test:kafka4: VERSION 4.4.0)
#
# CHAOS_PROFILE=full in the environment runs the full profiles. The outage test starts its own private stack,
# with the same STACK_KAFKA_VERSION.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VERSION="${1:-4.4.0}"
[ $# -gt 0 ] && shift
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "usage: $0 [VERSION like 4.4.0] [vitest arguments...]" >&2; exit 2; }

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
STATE="$(mktemp -d "${TMPDIR:-/tmp}/commercebridge-kafka-$VERSION-XXXXXX")"
export STACK_STATE_DIR="$STATE" STACK_KAFKA_VERSION="$VERSION" STACK_SKIP_REGISTRY=1 STACK_BROKERS=1
export STACK_KAFKA_PORT="$(free_port)" STACK_KAFKA_CONTROLLER_PORT="$(free_port)" STACK_KAFKA_SECURE_PORT="$(free_port)"
export STACK_PG_PORT="$(free_port)" STACK_REGISTRY_PORT="$(free_port)"
# Not the shared stack's addresses: stack.sh would adopt DATABASE_URL as an outside Postgres.
unset DATABASE_URL KAFKA_BROKERS SCHEMA_REGISTRY_URL
cleanup() { bash scripts/stack.sh down >/dev/null 2>&1 || true; rm -rf "$STATE"; }
trap cleanup EXIT
bash scripts/stack.sh up
set -a; . "$STATE/env"; set +a
echo "==> Kafka $VERSION on $KAFKA_BROKERS (state $STATE)" >&2
# The global setup does not ask for a registry (STACK_SKIP_REGISTRY=1): none of these tests uses one.
pnpm exec vitest run --project e2e \
  test/relay-chaos/kill9.e2e.test.ts test/relay-chaos/fencing.e2e.test.ts \
  test/relay-chaos/takeover.e2e.test.ts test/relay-chaos/outage.e2e.test.ts \
  packages/consumers/test/chaos.e2e.test.ts "$@"
