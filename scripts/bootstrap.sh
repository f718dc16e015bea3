#!/usr/bin/env bash
# Installs what a fresh machine lacks, and nothing that is already there:
# system packages (Postgres, kcat, Java, Maven, Python pip, Chromium), pnpm at the pinned version,
# the workspace's node_modules, and the Python client used as an independent Kafka reader in tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"

log() { printf '[bootstrap] %s\n' "$*" >&2; }
die() { printf '[bootstrap] error: %s\n' "$*" >&2; exit 1; }

command -v node >/dev/null || die "Node.js 20 or newer is required (https://nodejs.org)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || die "Node.js 20 or newer is required (found $(node -v))"

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${DATABASE_URL:-}" ] || missing+=(postgresql)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v kcat >/dev/null || missing+=(kcat)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v curl >/dev/null || missing+=(curl)
# The console's browser test drives Debian's Chromium (playwright-core downloads no browser).
[ -x /usr/bin/chromium ] || missing+=(chromium)
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    die "missing system packages: ${missing[*]}; install them (apt-get install ${missing[*]}) and run again"
  fi
  log "installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v pnpm >/dev/null || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  log "installing pnpm $PNPM_VERSION"
  npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || die "could not install pnpm $PNPM_VERSION with npm install -g"
fi

pnpm install --frozen-lockfile --reporter=silent

if ! python3 -c 'import confluent_kafka.schema_registry.protobuf, grpc_tools' >/dev/null 2>&1; then
  log "installing the Python Kafka client used by the tests (test/support/requirements.txt)"
  python3 -m pip install -q -r test/support/requirements.txt 2>/dev/null \
    || python3 -m pip install -q --break-system-packages -r test/support/requirements.txt
fi
