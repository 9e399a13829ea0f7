#!/usr/bin/env bash
# Open data: CKAN package_search and datastore_search (pages of 1,000 rows) against Sen's own
# GET /healthz, measured with wrk in one run on the small demo history. See bench/README.md.
#
#   bench/opendata_bench.sh [--duration SECONDS] [--connections N] [--data-dir DIR] [--strict]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
duration=10
connections=32
data_dir=""
strict=false
sen=${SEN_BINARY:-$repo/build/release/src/cli/sen}
# Targets, as ratios of /healthz's requests per second in the same run.
target_search=0.30
target_datastore=0.20
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    --strict) strict=true; shift ;;
    -h|--help) sed -n 2,6p "$0"; exit 0 ;;
    *) echo "opendata_bench: unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "opendata_bench: wrk not found (apt-get install wrk)" >&2; exit 2; }
tmp=$(mktemp -d)
[[ -n $data_dir ]] || data_dir=$tmp/data
cleanup() { [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
SEN_LOG_ACCESS=false SEN_SERVER_THREADS=2 "$sen" demo --scale small --data-dir "$data_dir" --listen 127.0.0.1:0 \
  --pack-dir "$repo/packs/vn" --web-dir "$repo/web/dist" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 1 600); do
  url=$(grep -o 'listening on http://[^ ]*' "$tmp/out" | head -1 | sed 's/listening on //') || true
  [[ -n ${url:-} ]] && break
  sleep 0.2
done
[[ -n ${url:-} ]] || { echo "opendata_bench: sen did not start" >&2; cat "$tmp/err" >&2; exit 2; }
resource=ty-le-dung-han-theo-xa-quy-csv
total=$(curl -s "$url/api/3/action/datastore_search?resource_id=$resource&limit=0" | sed 's/.*"total":\([0-9]*\).*/\1/')

# run NAME URL [LUA_SCRIPT SCRIPT_ARGS...]: requests per second and p99 latency.
run() {
  local name=$1 target=$2; shift 2
  local script=()
  if [[ $# -gt 0 ]]; then
    script=(-s "$1"); shift
  fi
  wrk -t2 -c"$connections" -d2s "${script[@]}" "$target" -- "$@" >/dev/null
  wrk -t2 -c"$connections" -d"${duration}s" --latency "${script[@]}" "$target" -- "$@" >"$tmp/$name.txt"
  if grep -q "Non-2xx" "$tmp/$name.txt"; then echo "opendata_bench: $name answered errors" >&2; cat "$tmp/$name.txt" >&2; exit 2; fi
  rps[$name]=$(awk '/Requests\/sec/ {print $2}' "$tmp/$name.txt")
  p99[$name]=$(awk '$1 == "99%" {print $2}' "$tmp/$name.txt")
}
declare -A rps p99
run healthz "$url/healthz"
run package_search "$url/api/3/action/package_search?q=ty+le&rows=10&facet.field=%5B%22organization%22%2C%22groups%22%5D"
run datastore_search "$url" "$repo/bench/datastore.lua" "$resource" "$total"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
search_ratio=$(ratio "${rps[package_search]}" "${rps[healthz]}")
store_ratio=$(ratio "${rps[datastore_search]}" "${rps[healthz]}")
printf '%-18s %12s %10s\n' target 'requests/s' p99
for n in healthz package_search datastore_search; do printf '%-18s %12s %10s\n' "$n" "${rps[$n]}" "${p99[$n]}"; done
echo "datastore_search: pages of 1,000 rows over $total rows of $resource"
# The lines bench/run_all.sh gathers into docs/performance.md's table of targets.
judge() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t) ? "met" : "not met" }'; }
echo "target: package_search / healthz = $search_ratio (>= $target_search) $(judge "$search_ratio" "$target_search")"
echo "target: datastore_search / healthz = $store_ratio (>= $target_datastore) $(judge "$store_ratio" "$target_datastore")"
[[ $strict == false || $met == yes ]]
