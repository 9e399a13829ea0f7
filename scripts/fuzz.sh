#!/usr/bin/env bash
# Builds the libFuzzer targets with Debian's clang (build/fuzz, -DSEN_FUZZ=ON) and runs each for
# SECONDS (default 60) from its seeds: fuzz/seeds/<target>/ and, for pack files, the pack's own; as
# many at once as there are cores (SEN_FUZZ_JOBS), each on its own core for its whole time.
# New inputs go to build/fuzz/corpus/<target>/ (kept between runs); a crash fails the script with the
# input in build/fuzz/crashes/. `scripts/fuzz.sh 600 csv` runs one target longer.
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
# One target: its status file says 0 or the failure.
run_target() {
  local t=$1 binary corpus log
  binary=$(find $build/src -name "fuzz_$t" -type f -executable | head -1)
  [ -n "$binary" ] || { echo "no fuzz target $t" >&2; echo 2 >"$build/$t.status"; return; }
  corpus=$build/corpus/$t
  mkdir -p "$corpus"
  local seeds=()
  [ -d fuzz/seeds/$t ] && seeds+=(fuzz/seeds/$t)
  [ -n "${pack_seeds[$t]:-}" ] && seeds+=("${pack_seeds[$t]}")
  log=$build/$t.log
  # Leaks count as crashes; the corpus dir comes first, so new inputs are written there only.
  "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$t-" "$corpus" "${seeds[@]}" >"$log" 2>&1
  echo $? >"$build/$t.status"
}
jobs=${SEN_FUZZ_JOBS:-$(nproc)}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run_target "$t" &
done
wait
failed=()
for t in "${targets[@]}"; do
  if [ "$(cat "$build/$t.status" 2>/dev/null)" = 0 ]; then
    echo "fuzz_$t: ${seconds} s, $(grep -E '^stat::number_of_executed_units' "$build/$t.log" | awk '{print $2}') inputs"
  else
    echo "fuzz_$t FAILED; its log: $build/$t.log" >&2
    grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' "$build/$t.log" | head -20 >&2
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzers that found a crash: ${failed[*]}" >&2
  exit 1
fi
