#!/usr/bin/env bash
# Login throughput: wrk POSTs the demo citizen's login to a Release `sen demo` with the rate limits
# raised out of the way, so what is measured is Argon2id verification plus opening a session.
# Usage: bench/login_bench.sh [--duration S] [--connections N]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=10
connections=16
while [ $# -gt 0 ]; do
  case $1 in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
sen=${SEN_BINARY:-build/release/src/cli/sen}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
SEN_LOG_ACCESS=false SEN_AUTH_LOGIN_ATTEMPTS_PER_MINUTE_PER_CLIENT=100000 \
  SEN_AUTH_LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT=100000 \
  "$sen" demo --data-dir "$tmp/data" --listen 127.0.0.1:0 --pack-dir packs/vn --web-dir web/dist >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 1 600); do grep -q 'listening on' "$tmp/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$tmp/out" | head -1)
[ -n "$url" ] || { cat "$tmp/err" >&2; exit 2; }
read -r username password < <(node -e '
  const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).find((x) => x.role === "citizen");
  console.log(a.username, a.password);' "$tmp/data/demo-accounts.json")
wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/login.lua "$url" -- "$username" "$password" | tee "$tmp/wrk"
rps=$(awk '/Requests\/sec/{print $2}' "$tmp/wrk")
p99=$(awk '$1=="99%"{print $2}' "$tmp/wrk")
echo "logins/s: $rps   p99: $p99   (${connections} connections, 2 cores, Argon2id ops=2 mem=64 MiB)"
