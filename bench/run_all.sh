#!/usr/bin/env bash
# Runs every benchmark in bench/, one after another, and writes docs/performance.md: the machine,
# the versions, what each benchmark printed (its figures, ratios and targets, met or not, and why
# not where it says), how long it took, and how to reproduce it.
#
#   bench/run_all.sh            # the benchmarks' own defaults (about an hour on 2 cores)
#   bench/run_all.sh --quick    # shorter runs and smaller data: a look, not a decision
#   bench/run_all.sh --out FILE # another report than docs/performance.md
#   bench/run_all.sh --report-only  # the report again from the last run's bench/results/ (after
#                                   # bench/why_not.tsv gained a reason), without measuring anew
#
# Needs a Release build (built here if missing) and what scripts/install_deps.sh installs.
set -uo pipefail
cd "$(dirname "$0")/.."
quick=false
report_only=false
out=docs/performance.md
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --out) out=$2; shift ;;
    --report-only) report_only=true ;;
    *) echo "usage: bench/run_all.sh [--quick] [--out FILE] [--report-only]" >&2; exit 2 ;;
  esac
  shift
done

if $report_only; then
  [ -f bench/results/run_all.meta ] || { echo "no earlier run in bench/results/" >&2; exit 2; }
  . bench/results/run_all.meta  # run_date, run_commit, quick of the last run
else
  run_date=$(date -u '+%d/%m/%Y %H:%M UTC')
  run_commit="$(git rev-parse --short HEAD)$(git diff --quiet || echo ' with local changes')"
fi
if [ ! -x build/release/src/cli/sen ]; then
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DSEN_BUILD_TESTS=OFF >/dev/null
fi
ninja -C build/release sen >/dev/null || { echo "the Release build failed" >&2; exit 2; }
[ -d bench/node_modules ] || npm --prefix bench ci --no-audit --no-fund >/dev/null
[ -f web/dist/index.html ] || scripts/build_web.sh >/dev/null
export SEN_BINARY=$PWD/build/release/src/cli/sen
mkdir -p bench/results

duration=10
lists_args=()
# The data brain's targets are set for the national history (10 million dossiers, about 13 minutes).
analytics_args=(--scale national)
import_args=()
if $quick; then
  analytics_args=(--scale small)
  duration=5
  lists_args=(--dossiers 100000 --requests 50)
  import_args=(--rows 20000)
fi
# name | command (run from the repository root)
benches=(
  "http|bench/http_bench.sh --duration $duration"
  "login|bench/login_bench.sh --duration $duration"
  "services|bench/services_bench.sh --duration $duration"
  "lists|node bench/lists_bench.mjs ${lists_args[*]}"
  "analytics|node bench/analytics_bench.mjs ${analytics_args[*]}"
  "assessment_import|node bench/assessment_import_bench.mjs ${import_args[*]}"
  "opendata|bench/opendata_bench.sh --duration $duration"
)

tmp=$(mktemp)
details=$(mktemp)
targets=$(mktemp)
trap 'rm -f "$tmp" "$details" "$targets"' EXIT
{
  echo "# Performance"
  echo
  echo "Produced by \`bench/run_all.sh$($quick && echo ' --quick')\` on $run_date; do not edit by hand."
  echo "Each benchmark measures its reference in the same run and judges the ratio, so the figures"
  echo "below depend on the machine but the ratios travel. What each measures, and why, is in"
  echo "[bench/README.md](../bench/README.md)."
  echo
  echo "## Machine and versions"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| CPU | $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//') |"
  echo "| memory | $(free -g | awk '/Mem:/{print $2}') GiB |"
  echo "| system | $(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r) |"
  echo "| disk of /tmp | $(df -T /tmp | awk 'NR==2{print $2}') |"
  echo "| Sen | $("$SEN_BINARY" version 2>/dev/null | head -1), commit $run_commit |"
  echo "| compiler | $(c++ --version | head -1) |"
  echo "| SQLite | $(sqlite3 --version | cut -d' ' -f1) |"
  echo "| PostgreSQL | $(psql --version | awk '{print $3}') |"
  echo "| nginx, wrk | $(nginx -v 2>&1 | sed 's/.*nginx\///'), $(wrk --version 2>&1 | head -1 | awk '{print $2}') |"
  echo "| Node.js, DuckDB | $(node --version), $(node -p "require('./bench/node_modules/@duckdb/node-api/package.json').version" 2>/dev/null) |"
  echo
  echo "## Summary"
  echo
  echo "| benchmark | command | took | result |"
  echo "|---|---|---|---|"
} > "$tmp"

for entry in "${benches[@]}"; do
  name=${entry%%|*}
  command=${entry#*|}
  command=${command% }  # a benchmark run without arguments
  echo "== $name: $command" >&2
  log=bench/results/$name.txt
  if $report_only; then
    read -r status took < "bench/results/$name.status" || { echo "no result of $name in bench/results/" >&2; exit 2; }
  else
    start=$(date +%s)
    bash -c "$command" >"$log" 2>&1
    status=$?
    took=$(( $(date +%s) - start ))
    echo "$status $took" > "bench/results/$name.status"
  fi
  # Progress bars redraw with carriage returns; keep what a reader needs.
  text=$(sed 's/.*\r//' "$log" | grep -v -E '^\s*$' | grep -v -E '^(\[|npm |Installing)' )
  # Each benchmark prints one "target: WHAT = VALUE (OP LIMIT) met|not met" line per target.
  missed=$(grep -c -E '^target: .* not met$' <<<"$text")
  met=$(grep -c -E '^target: .*\) met$' <<<"$text")
  while IFS= read -r line; do
    [[ $line =~ ^target:\ (.*)\ =\ (.*)\ \((.*)\)\ (met|not\ met)$ ]] || continue
    what=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]} limit=${BASH_REMATCH[3]} verdict=${BASH_REMATCH[4]}
    why=""
    if [[ $verdict == "not met" ]]; then
      why=$(awk -F '\t' -v w="$what" '$1 == w { print $2 }' bench/why_not.tsv)
      why=${why:-**no explanation yet: investigate**}
    fi
    echo "| $name | $what | $value | $limit | $verdict | $why |" >> "$targets"
  done < <(grep -E '^target: ' <<<"$text")
  result="exit $status; targets met $met, missed $missed"
  [ $status -ne 0 ] && result="**failed** (exit $status)"
  echo "| [$name](#$name) | \`$command\` | $((took / 60)) min $((took % 60)) s | $result |" >> "$tmp"
  {
    echo
    echo "## $name"
    echo
    echo "\`$command\` ($((took / 60)) min $((took % 60)) s, exit $status):"
    echo
    echo '```'
    tail -n 60 <<<"$text"
    echo '```'
  } >> "$details"
done
{
  echo
  echo "## Targets"
  echo
  echo "Every target every benchmark judged in this run; where one is not met, the reason is kept in"
  echo "[bench/why_not.tsv](../bench/why_not.tsv), written after looking into it."
  echo
  echo "| benchmark | what | value | target | result | why not |"
  echo "|---|---|---|---|---|---|"
  cat "$targets"
} >> "$tmp"
cat "$details" >> "$tmp"
rm -f "$details" "$targets"
{
  echo
  echo "## Reproduce"
  echo
  echo '```sh'
  echo "scripts/install_deps.sh"
  echo "bench/run_all.sh$($quick && echo ' --quick')   # on an otherwise idle machine; rewrites this file"
  echo '```'
} >> "$tmp"
mv "$tmp" "$out"
$report_only || printf 'run_date=%q\nrun_commit=%q\nquick=%q\n' "$run_date" "$run_commit" "$quick" > bench/results/run_all.meta
trap - EXIT
echo "wrote $out" >&2
