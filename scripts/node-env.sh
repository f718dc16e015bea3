# Sourced (not run) by ./dev, .ci/run and scripts/bootstrap.sh. The project needs Node.js 24: on a machine whose
# `node` is older, bootstrap installs Node 24 and pnpm into .stack/node24 (from the npm registry); this puts its
# bin directory first on PATH, so pnpm, vitest and every process they spawn (process.execPath, `node`, npx) run
# on Node 24. The directory is prepended even before bootstrap created it, so a shell that sourced this file
# early picks it up as soon as it exists.
NODE_ENV_BIN="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.stack/node24/bin"
case ":$PATH:" in
  *":$NODE_ENV_BIN:"*) ;;
  *) export PATH="$NODE_ENV_BIN:$PATH" ;;
esac
hash -r
