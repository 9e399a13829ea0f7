#!/usr/bin/env bash
# Runs every test: unit tests (AddressSanitizer + UBSan build), the storage suite on SQLite and on a
# throwaway PostgreSQL cluster, the data-driven API tests, and the browser tests in Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_deps.sh
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSEN_SANITIZE=ON >/dev/null
ninja -C build/test
scripts/build_web.sh
for dir in tests/e2e tests/support; do
  if [ ! -d $dir/node_modules ] || [ $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm --prefix $dir ci --no-audit --no-fund
  fi
done
# Sanitizer settings for every test process, the sen servers the API and browser tests start included.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
ctest --test-dir build/test -j "$(nproc)" --output-on-failure "$@"
