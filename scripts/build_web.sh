#!/usr/bin/env bash
# Builds the web UI into web/dist from the committed lockfile (no install scripts, no downloads
# beyond the npm registry).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  npm --prefix web ci --no-audit --no-fund
fi
npm --prefix web run build --silent
