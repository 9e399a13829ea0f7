#!/usr/bin/env bash
# The long versions of issue 15's robustness tests, which CI runs bounded in time: the kill test
# (tests/api/crash.test.mjs: SIGKILL under a load of dossiers, DX self-assessments and statistics
# imports, then every acknowledged change checked, on SQLite and PostgreSQL) with many more kills,
# then every libFuzzer target for longer (scripts/fuzz.sh). Not part of bench/run_all.sh: hours, not
# minutes, at the defaults.
#
#   bench/soak.sh                                # 30 kills per database, 10 minutes per fuzz target
#   bench/soak.sh --kills 100 --fuzz-seconds 3600
#
# Exit status 0 when both passed. Uses the Release build (built if missing), the PostgreSQL binaries
# and the test tools scripts/install_deps.sh installs, and Debian's clang for the fuzzers.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=30
fuzz_seconds=600
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills=$2; shift ;;
    --fuzz-seconds) fuzz_seconds=$2; shift ;;
    *) echo "usage: bench/soak.sh [--kills N] [--fuzz-seconds S]" >&2; exit 2 ;;
  esac
  shift
done
[[ $kills =~ ^[1-9][0-9]*$ ]] || { echo "--kills must be a positive whole number" >&2; exit 2; }
[[ $fuzz_seconds =~ ^[1-9][0-9]*$ ]] || { echo "--fuzz-seconds must be a positive whole number" >&2; exit 2; }

if [ ! -x build/release/src/cli/sen ]; then
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DSEN_BUILD_TESTS=OFF >/dev/null
fi
ninja -C build/release sen >/dev/null
[ -d tests/support/node_modules ] || npm --prefix tests/support ci --no-audit --no-fund >/dev/null
[ -f web/dist/index.html ] || scripts/build_web.sh >/dev/null

state=$(mktemp -d)
trap 'tests/support/postgres.sh stop "$state"; rm -rf "$state"' EXIT
SEN_REQUIRE_POSTGRES=1 tests/support/postgres.sh start "$state"

echo "== kill test: $kills kills on SQLite, then on PostgreSQL"
start=$(date +%s)
SEN_CRASH_ROUNDS=$kills SEN_TEST_PG_URL_FILE=$state/url SEN_REQUIRE_POSTGRES=1 \
  SEN_BINARY=$PWD/build/release/src/cli/sen SEN_SOURCE_DIR=$PWD \
  node --test --test-concurrency=1 tests/api/crash.test.mjs
echo "kill test passed in $(( $(date +%s) - start )) s"

echo "== every fuzz target for $fuzz_seconds s"
scripts/fuzz.sh "$fuzz_seconds"
