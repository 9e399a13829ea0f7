#!/usr/bin/env bash
# HTTP benchmark: nginx serving a small static file, Sen's GET /healthz and Sen's
# GET /api/v1/places/{code}, measured with wrk in one run. See bench/README.md.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/.." && pwd)

duration=10
connections=64
wrk_threads=2
server_threads=2
warmup=2
start_timeout=120
access_log=true
strict=false
keep=false
out="$repo/bench/results/latest.json"
sen_binary=${SEN_BINARY:-$repo/build/release/src/cli/sen}

# Targets the ratios are judged against.
target_healthz_vs_nginx=0.90
target_places_vs_healthz=0.60

usage() {
  cat <<EOF
Usage: bench/http_bench.sh [options]

Benchmarks nginx (static file), Sen GET /healthz and Sen GET /api/v1/places/{code}
with wrk, prints requests/s, p99 latency and the ratios, and writes JSON results.

Options:
  --duration SECONDS      measured run per target (default $duration)
  --connections N         wrk keep-alive connections (default $connections)
  --threads N             wrk threads (default $wrk_threads)
  --server-threads N      nginx worker_processes and SEN_SERVER_THREADS (default $server_threads)
  --warmup SECONDS        unmeasured warm-up per target (default $warmup)
  --no-access-log         neither nginx nor Sen writes an access log (default: both do)
  --start-timeout SECONDS how long to wait for Sen to listen (default $start_timeout)
  --out FILE              JSON results (default bench/results/latest.json)
  --sen-binary PATH       Sen executable (default \$SEN_BINARY or build/release/src/cli/sen)
  --strict                exit 1 when a target is missed or wrk saw errors
  --keep                  keep the temp dir (configs, server and wrk logs) and print its path
  -h, --help              show this help

Exit status: 0 after a completed run (targets are reported, not enforced, unless --strict),
1 when --strict and a target was missed, 2 on a usage error or when a component failed.
EOF
}

die() {
  echo "http_bench: $*" >&2
  exit 2
}

need_value() {
  [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"
}

is_uint() {
  [[ $1 =~ ^[0-9]+$ ]]
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) need_value "$@"; duration=$2; shift 2 ;;
    --connections) need_value "$@"; connections=$2; shift 2 ;;
    --threads) need_value "$@"; wrk_threads=$2; shift 2 ;;
    --server-threads) need_value "$@"; server_threads=$2; shift 2 ;;
    --warmup) need_value "$@"; warmup=$2; shift 2 ;;
    --start-timeout) need_value "$@"; start_timeout=$2; shift 2 ;;
    --out) need_value "$@"; out=$2; shift 2 ;;
    --sen-binary) need_value "$@"; sen_binary=$2; shift 2 ;;
    --no-access-log) access_log=false; shift ;;
    --strict) strict=true; shift ;;
    --keep) keep=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

for pair in "duration:$duration" "connections:$connections" "threads:$wrk_threads" \
  "server-threads:$server_threads" "start-timeout:$start_timeout"; do
  if ! is_uint "${pair#*:}" || ((10#${pair#*:} == 0)); then
    die "--${pair%%:*} must be a positive integer"
  fi
done
is_uint "$warmup" || die "--warmup must be a non-negative integer"
# wrk gives each thread at least one connection.
((connections >= wrk_threads)) || die "--connections must be at least --threads"

command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install wrk)"
command -v curl >/dev/null || die "curl not found"
nginx_bin=$(command -v nginx || true)
[[ -z $nginx_bin && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
[[ -n $nginx_bin ]] || die "nginx not found (Debian: apt-get install nginx-light or nginx)"
[[ -x $sen_binary ]] || die "Sen binary not found: $sen_binary (build it, or set SEN_BINARY / --sen-binary)"
units_csv="$repo/packs/vn/admin-units/units-2025.csv"
[[ -r $units_csv ]] || die "missing $units_csv"
[[ -r $script_dir/places.lua ]] || die "missing $script_dir/places.lua"

# The build type is read from the CMake cache above the binary, so a sanitizer or debug build
# is visible in the output instead of silently producing slow numbers.
build_type=unknown
dir=$(dirname "$sen_binary")
while [[ $dir != / && $dir != . ]]; do
  if [[ -f $dir/CMakeCache.txt ]]; then
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$dir/CMakeCache.txt")
    build_type=${build_type:-unset}
    break
  fi
  dir=$(dirname "$dir")
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sen-http-bench.XXXXXX")
nginx_pid=""
sen_pid=""

# Stops what this script started, by pid, and removes the temp dir, however the script ends.
# shellcheck disable=SC2317  # reached through the EXIT trap, which shellcheck does not follow
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n $sen_pid ]] && kill -0 "$sen_pid" 2>/dev/null; then
    kill -TERM "$sen_pid" 2>/dev/null || true
    # Sen finishes in-flight requests on SIGTERM; give it a while before forcing it.
    for _ in $(seq 100); do
      kill -0 "$sen_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$sen_pid" 2>/dev/null; then
      echo "http_bench: Sen did not stop within 10 s of SIGTERM; killing it" >&2
      kill -KILL "$sen_pid" 2>/dev/null || true
    fi
    local sen_status=0
    wait "$sen_pid" 2>/dev/null || sen_status=$?
    # A clean exit after SIGTERM is part of what Sen promises; say so when it did not happen.
    ((sen_status == 0)) || echo "http_bench: Sen exited with status $sen_status after SIGTERM" >&2
  fi
  if [[ -n $nginx_pid ]] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill -TERM "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  if [[ $keep == true ]]; then
    echo "http_bench: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints the last lines of a log when a component fails, since the temp dir is removed on exit.
show_log() {
  if [[ -s $1 ]]; then
    echo "--- last lines of $(basename "$1") ---" >&2
    tail -n 20 "$1" >&2
  fi
}

http_ok() {
  curl -fsS -o /dev/null --max-time 5 "$1" 2>/dev/null
}

# --- nginx -------------------------------------------------------------------------------
nginx_dir="$tmp/nginx"
mkdir -p "$nginx_dir/www" "$nginx_dir/temp"
# The same 15-byte body Sen's /healthz returns, at the same path.
printf '{"status":"ok"}' >"$nginx_dir/www/healthz"

if [[ $access_log == true ]]; then
  # Close to Sen's access-log line (JSON, one write per request, request id included).
  nginx_access_log="access_log $nginx_dir/access.log sen_like;"
else
  nginx_access_log="access_log off;"
fi
# As root, nginx would switch its workers to "nobody", which cannot read the 0700 temp dir.
nginx_user=""
[[ $(id -u) -eq 0 ]] && nginx_user="user root;"

write_nginx_conf() {
  cat >"$nginx_dir/nginx.conf" <<EOF
$nginx_user
worker_processes $server_threads;
daemon off;
master_process on;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events {
  worker_connections 4096;
}
http {
  client_body_temp_path $nginx_dir/temp/body;
  proxy_temp_path $nginx_dir/temp/proxy;
  fastcgi_temp_path $nginx_dir/temp/fastcgi;
  uwsgi_temp_path $nginx_dir/temp/uwsgi;
  scgi_temp_path $nginx_dir/temp/scgi;
  log_format sen_like escape=json '{"time":"\$time_iso8601","request_id":"\$request_id",'
    '"remote":"\$remote_addr","method":"\$request_method","path":"\$uri",'
    '"status":\$status,"bytes":\$body_bytes_sent,"request_time":\$request_time}';
  $nginx_access_log
  # nginx closes a keep-alive connection after 1000 requests by default; Sen does not,
  # so without this wrk would spend part of the nginx run reconnecting.
  keepalive_requests 100000000;
  keepalive_timeout 75s;
  sendfile on;
  tcp_nopush on;
  server {
    listen 127.0.0.1:$1;
    root $nginx_dir/www;
    location = /healthz {
      default_type application/json;
    }
  }
}
EOF
}

port_in_use() {
  ss -Htln "sport = :$1" 2>/dev/null | grep -q .
}

# Another process may take the port between the check and nginx binding it, so retry a few times.
nginx_url=""
for _ in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  port_in_use "$port" && continue
  write_nginx_conf "$port"
  # -e: nginx opens its error log before reading the config; keep even that out of /var/log.
  "$nginx_bin" -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log" \
    >"$nginx_dir/stdout.log" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 50); do
    kill -0 "$nginx_pid" 2>/dev/null || break
    if http_ok "http://127.0.0.1:$port/healthz"; then
      nginx_url="http://127.0.0.1:$port"
      break
    fi
    sleep 0.1
  done
  [[ -n $nginx_url ]] && break
  kill -TERM "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
  grep -q "Address already in use" "$nginx_dir/error.log" "$nginx_dir/stdout.log" 2>/dev/null || break
done
if [[ -z $nginx_url ]]; then
  show_log "$nginx_dir/error.log"
  show_log "$nginx_dir/stdout.log"
  die "nginx failed to start"
fi

# --- Sen ---------------------------------------------------------------------------------
sen_dir="$tmp/sen"
mkdir -p "$sen_dir/data"
# All of wrk's connections come from 127.0.0.1: one client, as far as the per-client cap can tell.
SEN_SERVER_THREADS=$server_threads SEN_LOG_ACCESS=$access_log SEN_SERVER_MAX_CONNECTIONS_PER_CLIENT=$connections \
  "$sen_binary" demo --data-dir "$sen_dir/data" --listen 127.0.0.1:0 \
  --pack-dir "$repo/packs/vn" --web-dir "$repo/web/dist" \
  >"$sen_dir/stdout.log" 2>"$sen_dir/stderr.log" &
sen_pid=$!

sen_url=""
deadline=$((SECONDS + start_timeout))
while ((SECONDS < deadline)); do
  sen_url=$(grep -m1 -o 'Sen listening on http://[^[:space:]]*' "$sen_dir/stdout.log" 2>/dev/null || true)
  sen_url=${sen_url#Sen listening on }
  [[ -n $sen_url ]] && break
  if ! kill -0 "$sen_pid" 2>/dev/null; then
    wait "$sen_pid" 2>/dev/null && rc=0 || rc=$?
    sen_pid=""
    show_log "$sen_dir/stderr.log"
    die "Sen exited with status $rc before listening"
  fi
  sleep 0.2
done
if [[ -z $sen_url ]]; then
  show_log "$sen_dir/stderr.log"
  die "Sen did not print its URL within ${start_timeout}s"
fi
sen_url=${sen_url%/}
first_code=$(awk -F, 'NR == 2 { print $1; exit }' "$units_csv")
http_ok "$sen_url/healthz" || die "Sen GET /healthz did not answer 2xx"
http_ok "$sen_url/api/v1/places/$first_code" || die "Sen GET /api/v1/places/$first_code did not answer 2xx"

# --- wrk ---------------------------------------------------------------------------------
# Prints: requests/s, p50 ms, p99 ms, total requests, non-2xx/3xx, and socket errors
# (connect, read, write, timeout). wrk prints latencies as e.g. 812.00us, 3.21ms, 1.02s, 2.00m.
parse_wrk() {
  awk '
    function ms(v,   n, u) {
      n = v + 0
      u = v
      sub(/^[0-9.]+/, "", u)
      if (u == "us") return n / 1000
      if (u == "ms") return n
      if (u == "s") return n * 1000
      if (u == "m") return n * 60000
      if (u == "h") return n * 3600000
      return -1
    }
    BEGIN { rps = -1; p50 = -1; p99 = -1; total = 0; bad = 0; c = 0; r = 0; w = 0; t = 0 }
    /^Requests\/sec:/ { rps = $2 }
    /^[ \t]*50%[ \t]/ { p50 = ms($2) }
    /^[ \t]*99%[ \t]/ { p99 = ms($2) }
    / requests in / { total = $1 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ {
      line = $0
      gsub(/,/, "", line)
      n = split(line, f, " ")
      for (i = 1; i < n; i++) {
        if (f[i] == "connect") c = f[i + 1]
        if (f[i] == "read") r = f[i + 1]
        if (f[i] == "write") w = f[i + 1]
        if (f[i] == "timeout") t = f[i + 1]
      }
    }
    END { printf "%s %.3f %.3f %s %s %s %s %s %s\n", rps, p50, p99, total, bad, c, r, w, t }
  ' "$1"
}

declare -A rps p50 p99 total non2xx sock_connect sock_read sock_write sock_timeout url errors

# run_target NAME URL [LUA_SCRIPT [SCRIPT_ARGS...]]: warms up, measures, records the parsed numbers.
run_target() {
  local name=$1 target_url=$2
  shift 2
  url[$name]=$target_url
  # wrk wants its options, then the URL, then "--" and the script's own arguments.
  local script_opts=() script_args=()
  if [[ $# -gt 0 ]]; then
    script_opts=(-s "$1")
    shift
    script_args=(-- "$@")
  fi
  local log="$tmp/wrk-$name.txt"
  echo "[$name] warm-up ${warmup}s, then ${duration}s: $target_url ${script_opts[*]}" >&2
  if ((warmup > 0)); then
    wrk -t"$wrk_threads" -c"$connections" -d"${warmup}s" "${script_opts[@]}" "$target_url" "${script_args[@]}" \
      >"$tmp/wrk-$name-warmup.txt" 2>&1 || {
      show_log "$tmp/wrk-$name-warmup.txt"
      die "wrk warm-up failed for $name"
    }
  fi
  wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency "${script_opts[@]}" "$target_url" "${script_args[@]}" \
    >"$log" 2>&1 || {
    show_log "$log"
    die "wrk failed for $name"
  }
  local parsed
  read -r -a parsed <<<"$(parse_wrk "$log")"
  if [[ ${parsed[0]} == -1 || ${parsed[2]} == -1.000 ]]; then
    show_log "$log"
    die "could not parse wrk output for $name"
  fi
  rps[$name]=${parsed[0]}
  p50[$name]=${parsed[1]}
  p99[$name]=${parsed[2]}
  total[$name]=${parsed[3]}
  non2xx[$name]=${parsed[4]}
  sock_connect[$name]=${parsed[5]}
  sock_read[$name]=${parsed[6]}
  sock_write[$name]=${parsed[7]}
  sock_timeout[$name]=${parsed[8]}
  local e=""
  ((parsed[4] > 0)) && e+="non-2xx ${parsed[4]}; "
  ((parsed[5] + parsed[6] + parsed[7] + parsed[8] > 0)) &&
    e+="socket: connect ${parsed[5]} read ${parsed[6]} write ${parsed[7]} timeout ${parsed[8]}; "
  errors[$name]=${e%; }
}

run_target nginx "$nginx_url/healthz"
run_target healthz "$sen_url/healthz"
# The CSV is passed as an absolute path so places.lua does not depend on wrk's working directory.
run_target places "$sen_url" "$script_dir/places.lua" "$units_csv"
url[places]="$sen_url/api/v1/places/{code}"

# --- report ------------------------------------------------------------------------------
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else printf "0.000" }'
}
verdict() {
  awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "PASS" : "FAIL") }'
}

healthz_vs_nginx=$(ratio "${rps[healthz]}" "${rps[nginx]}")
places_vs_healthz=$(ratio "${rps[places]}" "${rps[healthz]}")
verdict_hn=$(verdict "$healthz_vs_nginx" "$target_healthz_vs_nginx")
verdict_ph=$(verdict "$places_vs_healthz" "$target_places_vs_healthz")

names=(nginx healthz places)
declare -A label=([nginx]="nginx static file" [healthz]="Sen /healthz" [places]="Sen /api/v1/places/{code}")

any_errors=false
for n in "${names[@]}"; do
  [[ -n ${errors[$n]} ]] && any_errors=true
done

echo
echo "wrk -t$wrk_threads -c$connections -d${duration}s --latency (warm-up ${warmup}s each);" \
  "server threads $server_threads; access log: $([[ $access_log == true ]] && echo "on (both)" || echo "off (both)")"
echo "Sen: $sen_binary (build type: $build_type)"
[[ $build_type == Release ]] ||
  echo "WARNING: Sen is not a Release build; its numbers say little about real performance."
echo
printf '%-28s %12s %10s  %s\n' "target" "requests/s" "p99 ms" "errors"
for n in "${names[@]}"; do
  printf '%-28s %12.1f %10.2f  %s\n' "${label[$n]}" "${rps[$n]}" "${p99[$n]}" "${errors[$n]:-none}"
done
echo
printf '%-28s %12s %10s  %s\n' "ratio" "value" "target" "result"
printf '%-28s %12s %10s  %s\n' "healthz / nginx" "$healthz_vs_nginx" ">= $target_healthz_vs_nginx" "$verdict_hn"
printf '%-28s %12s %10s  %s\n' "places / healthz" "$places_vs_healthz" ">= $target_places_vs_healthz" "$verdict_ph"
echo
# The lines bench/run_all.sh gathers into docs/performance.md's table of targets.
echo "target: /healthz / nginx static file = $healthz_vs_nginx (>= $target_healthz_vs_nginx) $([[ $verdict_hn == PASS ]] && echo met || echo not met)"
echo "target: place look-up / healthz = $places_vs_healthz (>= $target_places_vs_healthz) $([[ $verdict_ph == PASS ]] && echo met || echo not met)"
if [[ $any_errors == true ]]; then
  echo
  echo "WARNING: wrk saw non-2xx responses or socket errors (see the errors column); the numbers are suspect."
fi

json_str() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

target_json() {
  local n=$1
  printf '    %s: {"url": %s, "requests_per_sec": %s, "latency_p50_ms": %s, "latency_p99_ms": %s, ' \
    "$(json_str "$n")" "$(json_str "${url[$n]}")" "${rps[$n]}" "${p50[$n]}" "${p99[$n]}"
  printf '"requests": %s, "non_2xx_3xx": %s, "socket_errors": {"connect": %s, "read": %s, "write": %s, "timeout": %s}, "ok": %s}' \
    "${total[$n]}" "${non2xx[$n]}" "${sock_connect[$n]}" "${sock_read[$n]}" "${sock_write[$n]}" \
    "${sock_timeout[$n]}" "$([[ -z ${errors[$n]} ]] && echo true || echo false)"
}

commit=$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)
dirty=false
[[ -n $(git -C "$repo" status --porcelain 2>/dev/null) ]] && dirty=true

mkdir -p "$(dirname "$out")"
{
  echo "{"
  echo "  \"time\": $(json_str "$(date -u +%Y-%m-%dT%H:%M:%SZ)"),"
  echo "  \"git_commit\": $(json_str "$commit"), \"git_dirty\": $dirty,"
  echo "  \"host\": {\"cpus\": $(nproc), \"kernel\": $(json_str "$(uname -sr)")},"
  echo "  \"sen_binary\": $(json_str "$sen_binary"), \"sen_build_type\": $(json_str "$build_type"),"
  echo "  \"nginx_version\": $(json_str "$("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //')"),"
  echo "  \"wrk\": {\"threads\": $wrk_threads, \"connections\": $connections, \"duration_s\": $duration, \"warmup_s\": $warmup},"
  echo "  \"server_threads\": $server_threads, \"access_log\": $access_log,"
  echo "  \"targets\": {"
  target_json nginx
  echo ","
  target_json healthz
  echo ","
  target_json places
  echo
  echo "  },"
  echo "  \"ratios\": {"
  echo "    \"healthz_vs_nginx\": {\"value\": $healthz_vs_nginx, \"target\": $target_healthz_vs_nginx, \"pass\": $([[ $verdict_hn == PASS ]] && echo true || echo false)},"
  echo "    \"places_vs_healthz\": {\"value\": $places_vs_healthz, \"target\": $target_places_vs_healthz, \"pass\": $([[ $verdict_ph == PASS ]] && echo true || echo false)}"
  echo "  },"
  echo "  \"clean\": $([[ $any_errors == true ]] && echo false || echo true)"
  echo "}"
} >"$out.tmp"
mv "$out.tmp" "$out"
echo
echo "results written to $out"

if [[ $strict == true ]] && [[ $verdict_hn == FAIL || $verdict_ph == FAIL || $any_errors == true ]]; then
  exit 1
fi
exit 0
