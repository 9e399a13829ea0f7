#!/usr/bin/env bash
# Builds the libFuzzer targets with Debian's clang (build/fuzz, -DSEN_FUZZ=ON) and runs each for
# SECONDS (default 60) from its seeds: fuzz/seeds/<target>/ and, for pack files, the pack's own.
# New inputs go to build/fuzz/corpus/<target>/ (kept between runs); a crash stops the run with the
# input in build/fuzz/crashes/ and this script failing. `scripts/fuzz.sh 600 csv` runs one target longer.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build=build/fuzz
if [ ! -f $build/build.ninja ]; then
  CC=clang CXX=clang++ cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE= -DSEN_FUZZ=ON -DSEN_BUILD_TESTS=OFF >/dev/null
fi
ninja -C $build fuzzers

# Pack files are the best seeds for the parsers that read them.
declare -A pack_seeds=(
  [calendar_file]=packs/vn/calendar
  [framework_file]=packs/vn/frameworks
  [procedure_file]=packs/vn/procedures
  [csv]=packs/vn/admin-units
)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(find $build/src -name 'fuzz_*' -type f -executable -printf '%f\n' | sed 's/^fuzz_//' | sort)
fi
mkdir -p $build/crashes
failed=()
for t in "${targets[@]}"; do
  binary=$(find $build/src -name "fuzz_$t" -type f -executable | head -1)
  [ -n "$binary" ] || { echo "no fuzz target $t" >&2; exit 2; }
  corpus=$build/corpus/$t
  mkdir -p "$corpus"
  seeds=()
  [ -d fuzz/seeds/$t ] && seeds+=(fuzz/seeds/$t)
  [ -n "${pack_seeds[$t]:-}" ] && seeds+=("${pack_seeds[$t]}")
  log=$build/$t.log
  echo "fuzz_$t: ${seconds} s from ${seeds[*]:-no seeds}"
  # Leaks count as crashes; the corpus dir comes first, so new inputs are written there only.
  if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$build/crashes/$t-" "$corpus" "${seeds[@]}" >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' "$log" | tail -2 | tr '\n' ' '
    echo
  else
    echo "fuzz_$t FAILED; its log: $log" >&2
    grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' "$log" | head -20 >&2
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzers that found a crash: ${failed[*]}" >&2
  exit 1
fi
