#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running Sen with demo data on SQLite:
# installs dependencies, builds the server (Release) and the web UI, then runs `sen demo`.
# Extra arguments go to `sen demo`, e.g. --listen 0.0.0.0:8080 or --data-dir /var/lib/sen-demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DSEN_BUILD_TESTS=OFF >/dev/null
ninja -C build/release sen
scripts/build_web.sh
# The default address comes from the environment so that a --listen argument can override it.
export SEN_SERVER_LISTEN=${SEN_SERVER_LISTEN:-127.0.0.1:8080}
# A small national history (about 50,000 dossiers over 24 months) so the dashboards have figures.
exec build/release/src/cli/sen demo --scale small "$@"
