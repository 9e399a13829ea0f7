#!/usr/bin/env bash
# Public-services benchmark: acknowledged dossier submissions per second (each durable before its
# answer) and dossier status lookups per second through Sen's HTTP API, on SQLite and on PostgreSQL,
# beside two references measured on the same disk in the same run: the raw rate of durable one-row
# commits of each database (bench/sqlite_commit.c; pgbench with one INSERT per transaction) and
# Sen's GET /healthz. See bench/README.md.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/.." && pwd)

duration=10
connections=32
wrk_threads=2
pool_size=8
worker_threads=""   # default: the wrk connections
server_threads=2
warmup=2
backends_arg=sqlite,postgres
access_log=false
start_timeout=120
strict=false
keep=false
out="$repo/bench/results/services-latest.json"
sen_binary=${SEN_BINARY:-$repo/build/release/src/cli/sen}

procedure_code=1.001193
place_code=00004
citizen_username=001099012345
admin_username=quantri.quocgia

# Targets the ratios are judged against. On PostgreSQL submissions are judged against pgbench with
# --pool-size clients (8): several writers share the server there, one writes on SQLite.
declare -A target_submit_vs_commit=([sqlite]=0.50 [postgres]=0.80)
target_lookup_vs_healthz=0.50

usage() {
  cat <<EOF
Usage: bench/services_bench.sh [options]

Measures, per database backend, the raw rate of durable one-row commits, then Sen's GET /healthz,
POST /api/v1/dossiers with "submit": true (created and submitted in one durable transaction),
GET /api/v1/dossiers/{code}/status and GET /healthz again with wrk, prints rates, p99 latencies,
the CPU each took and the ratios submissions / raw commits and lookups / healthz (the mean of the
two), and writes JSON results.

Options:
  --duration SECONDS      measured run per target (default $duration)
  --connections N         wrk keep-alive connections (default $connections)
  --threads N             wrk threads (default $wrk_threads)
  --pool-size N           Sen's database connections (SEN_STORAGE_POOL_SIZE), pgbench clients and
                          sqlite_commit's second run's connections (default $pool_size)
  --worker-threads N      Sen's SEN_SERVER_WORKER_THREADS (default: --connections, so every request
                          in flight can wait on a worker for its group commit)
  --server-threads N      Sen's SEN_SERVER_THREADS, network threads (default $server_threads)
  --warmup SECONDS        unmeasured wrk run before each measured one (default $warmup; 0 skips it)
  --backends LIST         comma-separated: sqlite, postgres (default $backends_arg)
  --access-log            Sen writes its access log (default: off)
  --start-timeout SECONDS how long to wait for Sen to listen (default $start_timeout)
  --out FILE              JSON results (default bench/results/services-latest.json)
  --sen-binary PATH       Sen executable (default \$SEN_BINARY or build/release/src/cli/sen)
  --strict                exit 1 when a target is missed or a run saw errors
  --keep                  keep the temp dir (databases, logs, raw tool output) and print its path
  -h, --help              show this help

Exit status: 0 after a completed run (targets are reported, not enforced, unless --strict),
1 when --strict and a target was missed or a run had errors, 2 on a usage error or when a
component failed.
EOF
}

die() {
  echo "services_bench: $*" >&2
  exit 2
}

warn() {
  echo "services_bench: WARNING: $*" >&2
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
    --pool-size) need_value "$@"; pool_size=$2; shift 2 ;;
    --worker-threads) need_value "$@"; worker_threads=$2; shift 2 ;;
    --server-threads) need_value "$@"; server_threads=$2; shift 2 ;;
    --warmup) need_value "$@"; warmup=$2; shift 2 ;;
    --backends) need_value "$@"; backends_arg=$2; shift 2 ;;
    --start-timeout) need_value "$@"; start_timeout=$2; shift 2 ;;
    --out) need_value "$@"; out=$2; shift 2 ;;
    --sen-binary) need_value "$@"; sen_binary=$2; shift 2 ;;
    --access-log) access_log=true; shift ;;
    --strict) strict=true; shift ;;
    --keep) keep=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

worker_threads=${worker_threads:-$connections}
for pair in "duration:$duration" "connections:$connections" "threads:$wrk_threads" \
  "pool-size:$pool_size" "worker-threads:$worker_threads" "server-threads:$server_threads" \
  "start-timeout:$start_timeout"; do
  if ! is_uint "${pair#*:}" || ((10#${pair#*:} == 0)); then
    die "--${pair%%:*} must be a positive integer"
  fi
done
is_uint "$warmup" || die "--warmup must be a non-negative integer"
((connections >= wrk_threads)) || die "--connections must be at least --threads"
((pool_size <= 150)) || die "--pool-size must be at most 150 (the PostgreSQL cluster allows 200 connections)"

backends=()
IFS=, read -r -a requested <<<"$backends_arg"
for b in "${requested[@]}"; do
  case $b in
    sqlite | postgres)
      [[ " ${backends[*]} " == *" $b "* ]] || backends+=("$b")
      ;;
    *) die "--backends: unknown backend '$b' (sqlite, postgres)" ;;
  esac
done
((${#backends[@]} > 0)) || die "--backends is empty"
want_postgres=false
[[ " ${backends[*]} " == *" postgres "* ]] && want_postgres=true

command -v wrk >/dev/null || die "wrk not found (Debian: apt-get install wrk)"
command -v curl >/dev/null || die "curl not found"
command -v node >/dev/null || die "node not found (it prepares tokens, the procedure and the form)"
cc_bin=$(command -v cc || command -v gcc || true)
if [[ " ${backends[*]} " == *" sqlite "* ]]; then
  [[ -n $cc_bin ]] || die "no C compiler (cc) for bench/sqlite_commit.c"
  [[ -r /usr/include/sqlite3.h ]] || echo '#include <sqlite3.h>' | "$cc_bin" -E -x c - >/dev/null 2>&1 ||
    die "sqlite3.h not found (Debian: apt-get install libsqlite3-dev)"
fi
pg_bindir=""
if [[ $want_postgres == true ]]; then
  pg_bindir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n $pg_bindir && -x $pg_bindir/initdb && -x $pg_bindir/pg_ctl ]] ||
    die "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql), or pass --backends sqlite"
  for tool in psql pgbench; do
    command -v "$tool" >/dev/null || [[ -x $pg_bindir/$tool ]] || die "$tool not found"
  done
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    die "running as root needs a 'postgres' user to run the PostgreSQL server as"
  fi
fi
psql_bin=$(command -v psql || echo "$pg_bindir/psql")
pgbench_bin=$(command -v pgbench || echo "$pg_bindir/pgbench")
[[ -x $sen_binary ]] || die "Sen binary not found: $sen_binary (build it, or set SEN_BINARY / --sen-binary)"
for f in submit.lua status.lua sqlite_commit.c; do
  [[ -r $script_dir/$f ]] || die "missing $script_dir/$f"
done
forms_mjs="$repo/tests/support/forms.mjs"
[[ -r $forms_mjs ]] || die "missing $forms_mjs"

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

# Everything that writes to disk (the raw-commit databases, PostgreSQL's cluster, Sen's data dirs)
# lives in this one directory, so all of it is measured on the same disk.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sen-services-bench.XXXXXX")
sen_pid=""
sen_label=""
pg_data=""
pg_started=false

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Stops Sen with SIGTERM (it should exit 0 after finishing in-flight requests) and waits for it.
stop_sen() {
  [[ -n $sen_pid ]] || return 0
  if kill -0 "$sen_pid" 2>/dev/null; then
    kill -TERM "$sen_pid" 2>/dev/null || true
    for _ in $(seq 100); do
      kill -0 "$sen_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$sen_pid" 2>/dev/null; then
      echo "services_bench: Sen ($sen_label) did not stop within 10 s of SIGTERM; killing it" >&2
      kill -KILL "$sen_pid" 2>/dev/null || true
    fi
  fi
  local sen_status=0
  wait "$sen_pid" 2>/dev/null || sen_status=$?
  ((sen_status == 0)) || echo "services_bench: Sen ($sen_label) exited with status $sen_status after SIGTERM" >&2
  sen_pid=""
}

stop_postgres() {
  if [[ $pg_started == true ]]; then
    (cd "$tmp" && as_postgres "$pg_bindir/pg_ctl" -D "$pg_data" -m fast -w -t 60 stop >/dev/null 2>&1) ||
      echo "services_bench: pg_ctl stop failed (data in $pg_data)" >&2
    pg_started=false
  fi
}

# Stops what this script started, by pid (Sen) or pg_ctl (PostgreSQL), and removes the temp dir,
# however the script ends.
# shellcheck disable=SC2317  # reached through the EXIT trap, which shellcheck does not follow
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_sen
  stop_postgres
  if [[ $keep == true ]]; then
    echo "services_bench: kept $tmp" >&2
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
    echo "--- last lines of $1 ---" >&2
    tail -n "${2:-20}" "$1" >&2
  fi
}

port_in_use() {
  ss -Htln "sport = :$1" 2>/dev/null | grep -q .
}

# --- machine -----------------------------------------------------------------------------------
read -r disk_fs disk_type disk_size disk_mount < <(df -PT "$tmp" | awk 'NR == 2 { printf "%s %s %.0f %s\n", $1, $2, $3 * 1024, $7 }')
disk_rotational=$(lsblk -dno ROTA "$disk_fs" 2>/dev/null | tr -d ' ' || true)
case $disk_rotational in
  0) disk_rotational=false ;;
  1) disk_rotational=true ;;
  *) disk_rotational=null ;;
esac
cpus=$(nproc)

# --- the node helper: tokens, the form-only procedure, the form, dossier codes -------------------
# One small program with subcommands, so every API call the preparation makes is in one place and
# a failed call is reported with its request and response.
cat >"$tmp/helper.mjs" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [command, url, ...rest] = process.argv.slice(2);

// Fails with the exact request and response, for a bug report.
function fail(method, target, body, res, text, why) {
  console.error(`${why}\n  request:  ${method} ${url}${target}${body === undefined ? '' : `\n  body:     ${body}`}` +
    `\n  response: ${res ? `${res.status} ${res.headers.get('content-type') ?? ''}` : '(none)'}\n  ${text}`);
  process.exit(3);
}

async function call(method, target, { token, json, expect = [200] } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const body = json === undefined ? undefined : JSON.stringify(json);
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res, text;
  try {
    res = await fetch(url + target, { method, headers, body });
    text = await res.text();
  } catch (e) {
    fail(method, target, body, res, String(e), 'request failed');
  }
  if (!expect.includes(res.status)) fail(method, target, body, res, text, `expected HTTP ${expect.join(' or ')}`);
  try {
    return JSON.parse(text);
  } catch {
    return fail(method, target, body, res, text, 'response is not JSON');
  }
}

async function login(accounts, username) {
  const a = accounts.find((x) => x.username === username);
  if (!a) {
    console.error(`no demo account ${username}`);
    process.exit(3);
  }
  const r = await call('POST', '/api/v1/auth/login', { json: { username, password: a.password, token: true } });
  if (typeof r.token !== 'string' || !r.token) fail('POST', '/api/v1/auth/login', '{...}', null, JSON.stringify(r), 'no token in the answer');
  return r.token;
}

if (command === 'prepare') {
  // prepare URL ACCOUNTS_JSON FORMS_MJS OUT_DIR PROCEDURE PLACE CITIZEN ADMIN
  const [accountsFile, formsMjs, outDir, procedure, place, citizenName, adminName] = rest;
  const { validForm } = await import(pathToFileURL(formsMjs).href);
  const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));
  const citizen = await login(accounts, citizenName);
  const admin = await login(accounts, adminName);
  // Form-only: no component required, so "submit": true needs no uploads.
  const p = await call('GET', `/api/v1/procedures/${procedure}`);
  if (!Array.isArray(p.components) || typeof p.form_schema !== 'object') {
    fail('GET', `/api/v1/procedures/${procedure}`, undefined, null, JSON.stringify(p).slice(0, 500), 'no components or form_schema');
  }
  for (const c of p.components) c.required = false;
  // What the GET adds for readers (the terms in force today, the upload limit) is not part of a
  // procedure's definition, and the PUT refuses it.
  delete p.terms_on;
  delete p.upload_limit_bytes;
  for (const c of p.channels) delete c.in_force;
  await call('PUT', `/api/v1/procedures/${procedure}`, { token: admin, json: p });
  const again = await call('GET', `/api/v1/procedures/${procedure}`);
  if (again.components.some((c) => c.required)) {
    fail('GET', `/api/v1/procedures/${procedure}`, undefined, null, JSON.stringify(again.components), 'components still required after the PUT');
  }
  const body = { procedure, place, form: validForm(again.form_schema), submit: true };
  writeFileSync(`${outDir}/submit-body.json`, JSON.stringify(body));
  writeFileSync(`${outDir}/citizen.token`, citizen);
  // One submission and one lookup by hand, so the wrk runs start from a request known to work.
  const d = await call('POST', '/api/v1/dossiers', { token: citizen, json: body, expect: [201] });
  if (typeof d.code !== 'string' || d.status !== 'submitted') {
    fail('POST', '/api/v1/dossiers', JSON.stringify(body), { status: 201, headers: new Map() }, JSON.stringify(d).slice(0, 800),
      'expected a submitted dossier with a code');
  }
  const s = await call('GET', `/api/v1/dossiers/${d.code}/status`, { token: citizen });
  if (s.code !== d.code || s.status !== 'submitted') {
    fail('GET', `/api/v1/dossiers/${d.code}/status`, undefined, null, JSON.stringify(s), 'unexpected status answer');
  }
  console.log(`form-only ${procedure} (version ${again.version}); test dossier ${d.code} is ${s.status}`);
} else if (command === 'codes') {
  // codes URL TOKEN OUT_FILE: the applicant's dossier codes (up to 200) and the total
  const [token, outFile] = rest;
  const r = await call('GET', '/api/v1/dossiers?limit=200', { token });
  if (!Array.isArray(r.items) || typeof r.total !== 'number') {
    fail('GET', '/api/v1/dossiers?limit=200', undefined, null, JSON.stringify(r).slice(0, 500), 'expected {items, total}');
  }
  writeFileSync(outFile, r.items.map((i) => i.code).join('\n') + '\n');
  console.log(`${r.items.length} ${r.total}`);
} else if (command === 'total') {
  const [token] = rest;
  const r = await call('GET', '/api/v1/dossiers?limit=1', { token });
  console.log(r.total);
} else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
EOF

# --- wrk -----------------------------------------------------------------------------------------
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

# Results, keyed "backend.measure".
declare -A rate p50 p99 total non2xx sock url errors label okflag tool

# --- CPU per operation ---------------------------------------------------------------------------
# Where a measured run's CPU went, from /proc: Sen's process, PostgreSQL's (the postmaster, its live
# children, and the children it reaped, which took their time with them), and the machine's busy
# time (user, nice, system, irq, softirq; steal, given to other guests, is not ours). What is left
# of the busy time is the load generator's (wrk, pgbench) and the kernel's work for nobody in
# particular. A ratio that misses its target says, with these, whether the cores were full.
clk_tck=$(getconf CLK_TCK)
declare -A cpu_sen cpu_pg cpu_other cpu_busy_pct
proc_ticks() {
  awk -v all="${2:-}" '{ print $14 + $15 + (all ? $16 + $17 : 0) }' "/proc/$1/stat" 2>/dev/null || echo 0
}
cpu_ticks() {
  local sen=0 pg=0 pm p
  [[ -n $sen_pid ]] && sen=$(proc_ticks "$sen_pid")
  if [[ $pg_started == true ]] && pm=$(head -n 1 "$pg_data/postmaster.pid" 2>/dev/null); then
    pg=$(proc_ticks "$pm" with-reaped)
    for p in $(pgrep -P "$pm"); do pg=$((pg + $(proc_ticks "$p"))); done
  fi
  echo "$sen $pg $(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat) $(date +%s%N)"
}
# cpu_record KEY "BEFORE" "AFTER" OPERATIONS
cpu_record() {
  local key=$1 ops=$4 s0 p0 b0 t0 s1 p1 b1 t1
  read -r s0 p0 b0 t0 <<<"$2"
  read -r s1 p1 b1 t1 <<<"$3"
  ((ops > 0)) || return 0
  read -r "cpu_sen[$key]" "cpu_pg[$key]" "cpu_other[$key]" "cpu_busy_pct[$key]" < <(awk \
    -v s=$((s1 - s0)) -v p=$((p1 - p0)) -v b=$((b1 - b0)) -v ns=$((t1 - t0)) -v n="$ops" -v hz="$clk_tck" -v cpus="$cpus" \
    'BEGIN { us = 1e6 / hz / n; o = b - s - p; if (o < 0) o = 0
             printf "%.0f %.0f %.0f %.0f\n", s * us, p * us, o * us, 100 * b / hz / (ns / 1e9) / cpus }')
}

# wrk_run KEY URL [LUA_SCRIPT [SCRIPT_ARGS...]]: warms up, measures, records the parsed numbers.
wrk_run() {
  local key=$1 target_url=$2
  shift 2
  url[$key]=$target_url
  local script_opts=() script_args=()
  if [[ $# -gt 0 ]]; then
    script_opts=(-s "$1")
    shift
    script_args=(-- "$@")
  fi
  local log="$tmp/wrk-$key.txt"
  echo "[$key] warm-up ${warmup}s, then ${duration}s: wrk -t$wrk_threads -c$connections $target_url ${script_opts[*]}" >&2
  if ((warmup > 0)); then
    wrk -t"$wrk_threads" -c"$connections" -d"${warmup}s" "${script_opts[@]}" "$target_url" "${script_args[@]}" \
      >"$tmp/wrk-$key-warmup.txt" 2>&1 || {
      show_log "$tmp/wrk-$key-warmup.txt"
      die "wrk warm-up failed for $key"
    }
  fi
  before_measure
  local cpu_before
  cpu_before=$(cpu_ticks)
  wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency "${script_opts[@]}" "$target_url" "${script_args[@]}" \
    >"$log" 2>&1 || {
    show_log "$log"
    die "wrk failed for $key"
  }
  local cpu_after
  cpu_after=$(cpu_ticks)
  local parsed
  read -r -a parsed <<<"$(parse_wrk "$log")"
  cpu_record "$key" "$cpu_before" "$cpu_after" "${parsed[3]}"
  if [[ ${parsed[0]} == -1 || ${parsed[2]} == -1.000 ]]; then
    show_log "$log"
    die "could not parse wrk output for $key"
  fi
  rate[$key]=${parsed[0]}
  p50[$key]=${parsed[1]}
  p99[$key]=${parsed[2]}
  total[$key]=${parsed[3]}
  non2xx[$key]=${parsed[4]}
  sock[$key]="{\"connect\": ${parsed[5]}, \"read\": ${parsed[6]}, \"write\": ${parsed[7]}, \"timeout\": ${parsed[8]}}"
  tool[$key]="wrk -t$wrk_threads -c$connections -d${duration}s${script_opts[1]:+ -s $(basename "${script_opts[1]}")}"
  local e=""
  # A server that stalls shows up as no answers at all (wrk counts its 2 s timeouts only now and then).
  ((parsed[3] == 0)) && e+="no answer within the run; "
  ((parsed[4] > 0)) && e+="non-2xx ${parsed[4]}; "
  ((parsed[5] + parsed[6] + parsed[7] + parsed[8] > 0)) &&
    e+="socket: connect ${parsed[5]} read ${parsed[6]} write ${parsed[7]} timeout ${parsed[8]}; "
  errors[$key]=${e%; }
  if [[ -n ${errors[$key]} ]]; then okflag[$key]=false; else okflag[$key]=true; fi
  # Requests wrk completed in the warm-up too (for the count of acknowledged submissions).
  local warm_total=0 warm_bad=0
  if ((warmup > 0)); then
    read -r -a parsed <<<"$(parse_wrk "$tmp/wrk-$key-warmup.txt")"
    warm_total=${parsed[3]}
    warm_bad=${parsed[4]}
  fi
  ok_with_warmup[$key]=$((total[$key] - non2xx[$key] + warm_total - warm_bad))
}
declare -A ok_with_warmup

# --- raw commits: SQLite -------------------------------------------------------------------------
sqlite_commit_bin="$tmp/sqlite_commit"

# sqlite_raw THREADS: one run of sqlite_commit on a fresh database file.
sqlite_raw() {
  local n=$1 key="sqlite.raw_commit_$1"
  local db="$tmp/sqlite-raw-$n/raw.db" log="$tmp/sqlite-raw-$n.txt"
  mkdir -p "$(dirname "$db")"
  echo "[$key] ${duration}s: sqlite_commit --threads $n (WAL, synchronous=FULL)" >&2
  "$sqlite_commit_bin" --db "$db" --duration "$duration" --threads "$n" >"$log" 2>&1 || {
    show_log "$log"
    die "sqlite_commit failed"
  }
  local line
  line=$(grep -m1 '^threads=' "$log") || {
    show_log "$log"
    die "could not parse sqlite_commit output"
  }
  local k v commits=0 busy=0 errs=0
  for kv in $line; do
    k=${kv%%=*}
    v=${kv#*=}
    case $k in
      commits_per_sec) rate[$key]=$v ;;
      p50_ms) p50[$key]=$v ;;
      p99_ms) p99[$key]=$v ;;
      commits) commits=$v ;;
      busy) busy=$v ;;
      errors) errs=$v ;;
      sqlite) sqlite_version=$v ;;
    esac
  done
  total[$key]=$commits
  non2xx[$key]=0
  sock[$key]="{\"busy\": $busy, \"other\": $errs}"
  url[$key]="file $db"
  tool[$key]="sqlite_commit --threads $n"
  label[$key]="raw commits, sqlite_commit, $n conn"
  # A busy timeout is SQLite's single writer lock making one connection wait longer than the busy
  # timeout (5 s, Sen's default) while others commit: worth showing, but the commits counted are real.
  errors[$key]=""
  ((errs > 0)) && errors[$key]="failed $errs; "
  ((busy > 0)) && errors[$key]+="(note: $busy waits for the write lock timed out after 5 s)"
  errors[$key]=${errors[$key]%; }
  if ((errs > 0)); then okflag[$key]=false; else okflag[$key]=true; fi
  rm -rf "$(dirname "$db")"
}
sqlite_version=""

# --- raw commits: PostgreSQL ---------------------------------------------------------------------
pg_base=""

# A cluster of its own, not tests/support/postgres.sh: that one runs with fsync=off, right for
# tests and wrong here, where every commit must reach the disk. Its data directory is in the temp
# dir, on the same disk as everything else; settings are PostgreSQL's defaults otherwise
# (fsync, synchronous_commit and full_page_writes on).
start_postgres() {
  local pg_dir="$tmp/pg"
  mkdir -p "$pg_dir"
  if [[ $(id -u) -eq 0 ]]; then
    chmod 711 "$tmp"   # the postgres user must reach its directory inside the 0700 temp dir
    chown postgres "$pg_dir"
  fi
  pg_data="$pg_dir/data"
  (cd "$pg_dir" && as_postgres "$pg_bindir/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8) \
    >"$tmp/pg-initdb.log" 2>&1 || {
    show_log "$tmp/pg-initdb.log"
    die "initdb failed"
  }
  local port
  for _ in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 30000))
    port_in_use "$port" && continue
    if (cd "$pg_dir" && as_postgres "$pg_bindir/pg_ctl" -D "$pg_data" -w -t 60 -l "$pg_dir/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_data -c max_connections=200 -c fsync=on -c synchronous_commit=on" \
      start) >"$tmp/pg-start.log" 2>&1; then
      pg_started=true
      pg_base="postgresql://postgres@127.0.0.1:$port"
      break
    fi
  done
  if [[ $pg_started != true ]]; then
    show_log "$pg_dir/server.log"
    die "could not start PostgreSQL"
  fi
  pg_version=$("$psql_bin" "$pg_base/postgres" -qAtX -c "SHOW server_version")
  local fsync sync
  fsync=$("$psql_bin" "$pg_base/postgres" -qAtX -c "SHOW fsync")
  sync=$("$psql_bin" "$pg_base/postgres" -qAtX -c "SHOW synchronous_commit")
  [[ $fsync == on && $sync == on ]] || die "PostgreSQL runs with fsync=$fsync synchronous_commit=$sync; both must be on"
  echo "PostgreSQL $pg_version on 127.0.0.1:$port (data in $pg_data, fsync=on, synchronous_commit=on)" >&2
}
pg_version=""

# Each measured run on PostgreSQL starts right after a checkpoint: the first change of a page after
# one writes the whole page to the WAL, so a checkpoint falling inside one run and not another
# decided the ratio (Sen's submissions measured 2,800 or 4,500 a second from one run to the next).
before_measure() {
  if [[ $pg_started == true ]]; then
    "$psql_bin" "$pg_base/postgres" -qX -v ON_ERROR_STOP=1 -c "CHECKPOINT" >/dev/null || die "CHECKPOINT failed"
  fi
}

# postgres_raw CLIENTS: one pgbench run on a fresh table.
postgres_raw() {
  local c=$1 key="postgres.raw_commit_$1"
  local jobs=$((c < 2 ? c : 2))
  "$psql_bin" "$pg_base/postgres" -qX -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
    -c "DROP DATABASE IF EXISTS bench_raw" -c "CREATE DATABASE bench_raw" >/dev/null
  "$psql_bin" "$pg_base/bench_raw" -qX -v ON_ERROR_STOP=1 -c "CREATE TABLE t (id bigserial PRIMARY KEY, v text)" >/dev/null
  echo "INSERT INTO t (v) VALUES ('x');" >"$tmp/insert.sql"
  rm -rf "$tmp/pgbench-log"
  mkdir -p "$tmp/pgbench-log"
  echo "[$key] ${duration}s: pgbench -n -c $c -j $jobs -T $duration -f insert.sql (one INSERT per transaction)" >&2
  local log="$tmp/pgbench-$c.txt"
  before_measure
  local cpu_before pg_late fields
  cpu_before=$(cpu_ticks)
  "$pgbench_bin" -n -c "$c" -j "$jobs" -T "$duration" -f "$tmp/insert.sql" -l --log-prefix="$tmp/pgbench-log/tx" \
    "$pg_base/bench_raw" >"$log" 2>&1 || {
    show_log "$log"
    die "pgbench failed"
  }
  local cpu_after
  cpu_after=$(cpu_ticks)
  # pgbench's backends end with it; PostgreSQL's time is read again once the postmaster has reaped them.
  sleep 1
  read -r _ pg_late _ <<<"$(cpu_ticks)"
  read -r -a fields <<<"$cpu_after"
  cpu_after="${fields[0]} $pg_late ${fields[2]} ${fields[3]}"
  local tps processed failed
  tps=$(awk '/^tps = / { print $3; exit }' "$log")
  processed=$(awk -F': ' '/^number of transactions actually processed/ { split($2, a, "/"); print a[1] + 0; exit }' "$log")
  failed=$(awk -F': ' '/^number of failed transactions/ { print $2 + 0; exit }' "$log")
  [[ -n $tps ]] || {
    show_log "$log"
    die "could not parse pgbench output"
  }
  rate[$key]=$tps
  total[$key]=${processed:-0}
  cpu_record "$key" "$cpu_before" "$cpu_after" "${total[$key]}"
  # Per-transaction log lines: client_id transaction_no time_us script_no time_epoch time_us...
  read -r "p50[$key]" "p99[$key]" < <(cat "$tmp/pgbench-log"/tx.* | awk '{ print $3 }' | sort -n |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print -1, -1 } else {
      i50 = int((NR - 1) * 0.50) + 1; i99 = int((NR - 1) * 0.99) + 1
      printf "%.3f %.3f\n", v[i50] / 1000, v[i99] / 1000 } }')
  rm -rf "$tmp/pgbench-log"
  non2xx[$key]=0
  sock[$key]="{\"failed\": ${failed:-0}}"
  url[$key]="$pg_base/bench_raw"
  tool[$key]="pgbench -n -c $c -j $jobs -T $duration"
  label[$key]="raw commits, pgbench, $c conn"
  errors[$key]=""
  ((${failed:-0} > 0)) && errors[$key]="failed $failed"
  if [[ -n ${errors[$key]} ]]; then okflag[$key]=false; else okflag[$key]=true; fi
  # The actual rows are a check that pgbench did insert.
  local rows
  rows=$("$psql_bin" "$pg_base/bench_raw" -qAtX -c "SELECT count(*) FROM t")
  ((rows >= total[$key])) || warn "pgbench reported ${total[$key]} transactions but the table has $rows rows"
}

# --- Sen -----------------------------------------------------------------------------------------
sen_url=""

# start_sen BACKEND: a fresh `sen demo` on SQLite (data dir in the temp dir) or on a fresh
# database of the PostgreSQL cluster.
start_sen() {
  local backend=$1
  local sen_dir="$tmp/sen-$backend"
  mkdir -p "$sen_dir/data"
  local db_args=()
  if [[ $backend == postgres ]]; then
    "$psql_bin" "$pg_base/postgres" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE sen_bench" >/dev/null
    db_args=(--database-url "$pg_base/sen_bench")
  fi
  sen_label=$backend
  # SEN_STORAGE_DATABASE_URL from the caller's environment must not turn the SQLite run into a
  # PostgreSQL one; other SEN_* variables still reach Sen.
  # The write limit is raised to its maximum (1,000,000 per minute per account and per client),
  # far above what one account submits here, so no submission is refused with 429.
  # wrk's connections all come from 127.0.0.1, so the per-client connection cap is raised above them.
  env -u SEN_STORAGE_DATABASE_URL \
    SEN_SERVER_THREADS="$server_threads" SEN_SERVER_WORKER_THREADS="$worker_threads" \
    SEN_STORAGE_POOL_SIZE="$pool_size" SEN_LOG_ACCESS="$access_log" \
    SEN_AUTH_WRITES_PER_MINUTE_PER_ACCOUNT=1000000 \
    SEN_SERVER_MAX_CONNECTIONS_PER_CLIENT=$((connections + 64)) \
    "$sen_binary" demo --data-dir "$sen_dir/data" --listen 127.0.0.1:0 \
    --pack-dir "$repo/packs/vn" --web-dir "$repo/web/dist" "${db_args[@]}" \
    >"$sen_dir/stdout.log" 2>"$sen_dir/stderr.log" &
  sen_pid=$!
  sen_url=""
  local deadline=$((SECONDS + start_timeout)) rc
  while ((SECONDS < deadline)); do
    sen_url=$(grep -m1 -o 'Sen listening on http://[^[:space:]]*' "$sen_dir/stdout.log" 2>/dev/null || true)
    sen_url=${sen_url#Sen listening on }
    [[ -n $sen_url ]] && break
    if ! kill -0 "$sen_pid" 2>/dev/null; then
      wait "$sen_pid" 2>/dev/null && rc=0 || rc=$?
      sen_pid=""
      show_log "$sen_dir/stderr.log"
      show_log "$sen_dir/stdout.log"
      die "Sen ($backend) exited with status $rc before listening"
    fi
    sleep 0.2
  done
  if [[ -z $sen_url ]]; then
    show_log "$sen_dir/stderr.log"
    die "Sen ($backend) did not print its URL within ${start_timeout}s"
  fi
  sen_url=${sen_url%/}
  [[ -r $sen_dir/data/demo-accounts.json ]] || die "Sen ($backend) wrote no $sen_dir/data/demo-accounts.json"
}

# Shows what one request answers now, when a wrk run saw non-2xx answers.
show_answer() {
  echo "--- $1 $2 answers now: ---" >&2
  curl -sS -X "$1" -H "Authorization: Bearer $citizen_token" --max-time 10 -w '\nHTTP %{http_code}\n' "$2" >&2 || true
}

citizen_token=""
declare -A created acked

bench_backend() {
  local backend=$1
  if [[ $backend == sqlite ]]; then
    sqlite_raw 1
    if ((pool_size > 1)); then sqlite_raw "$pool_size"; fi
  else
    # Started only now, so it does not idle beside the SQLite runs.
    start_postgres
    postgres_raw 1
    if ((pool_size > 1)); then postgres_raw "$pool_size"; fi
  fi

  start_sen "$backend"
  local sen_dir="$tmp/sen-$backend"
  echo "[$backend] Sen at $sen_url; preparing the form-only procedure $procedure_code and tokens" >&2
  node "$tmp/helper.mjs" prepare "$sen_url" "$sen_dir/data/demo-accounts.json" "$forms_mjs" "$sen_dir" \
    "$procedure_code" "$place_code" "$citizen_username" "$admin_username" >&2 || {
    show_log "$sen_dir/stderr.log"
    die "preparation failed on $backend (request and response above)"
  }
  citizen_token=$(cat "$sen_dir/citizen.token")

  wrk_run "$backend.healthz" "$sen_url/healthz"
  label[$backend.healthz]="Sen GET /healthz"

  local before after
  before=$(node "$tmp/helper.mjs" total "$sen_url" "$citizen_token") || die "cannot count dossiers"
  wrk_run "$backend.submit" "$sen_url" "$script_dir/submit.lua" "$sen_dir/submit-body.json" "$citizen_token"
  url[$backend.submit]="POST $sen_url/api/v1/dossiers"
  label[$backend.submit]="Sen POST /api/v1/dossiers (submit)"
  if ((non2xx[$backend.submit] > 0)); then
    warn "$backend submissions: ${non2xx[$backend.submit]} non-2xx answers (a 429 means the write limit did not take):"
    grep -h '^submit.lua: status' "$tmp/wrk-$backend.submit.txt" >&2 || true
    show_log "$sen_dir/stderr.log" 10
  fi
  # Every acknowledged submission must be there; a few more may be, answered after wrk stopped.
  local listed
  listed=$(node "$tmp/helper.mjs" codes "$sen_url" "$citizen_token" "$sen_dir/codes.txt") || die "cannot list dossiers"
  after=${listed#* }
  created[$backend]=$((after - before))
  acked[$backend]=${ok_with_warmup[$backend.submit]}
  if ((created[$backend] < acked[$backend])); then
    warn "$backend: ${acked[$backend]} submissions acknowledged (warm-up and run) but only ${created[$backend]} new dossiers listed"
    errors[$backend.submit]="${errors[$backend.submit]:+${errors[$backend.submit]}; }${acked[$backend]} acknowledged, ${created[$backend]} listed"
    okflag[$backend.submit]=false
  fi

  wrk_run "$backend.lookup" "$sen_url" "$script_dir/status.lua" "$sen_dir/codes.txt" "$citizen_token"
  url[$backend.lookup]="GET $sen_url/api/v1/dossiers/{code}/status (${listed%% *} codes)"
  label[$backend.lookup]="Sen GET /api/v1/dossiers/{code}/status"
  if ((non2xx[$backend.lookup] > 0)); then
    warn "$backend lookups: ${non2xx[$backend.lookup]} non-2xx answers"
    show_answer GET "$sen_url/api/v1/dossiers/$(head -n 1 "$sen_dir/codes.txt")/status"
    show_log "$sen_dir/stderr.log" 10
  fi
  # /healthz again, right after the lookups: this machine's speed drifts from one run to the next
  # (one /healthz run measured 53,700 a second where the others of the day gave 26,000 to 34,000), so
  # the lookups are judged against the mean of the runs before and after them.
  wrk_run "$backend.healthz_after" "$sen_url/healthz"
  label[$backend.healthz_after]="Sen GET /healthz (again, after)"
  stop_sen
  # Stopped with its backend's runs, so the other backend's runs neither pay for its checkpoints nor
  # have its background work counted, whichever order --backends gives.
  [[ $backend == postgres ]] && stop_postgres
  return 0
}

# --- run -----------------------------------------------------------------------------------------
if [[ " ${backends[*]} " == *" sqlite "* ]]; then
  "$cc_bin" -O2 -Wall -o "$sqlite_commit_bin" "$script_dir/sqlite_commit.c" -lsqlite3 -lpthread \
    >"$tmp/cc.log" 2>&1 || {
    show_log "$tmp/cc.log"
    die "cannot compile bench/sqlite_commit.c"
  }
fi
for backend in "${backends[@]}"; do
  bench_backend "$backend"
done

# --- report --------------------------------------------------------------------------------------
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else printf "0.000" }'
}
verdict() {
  awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "PASS" : "FAIL") }'
}
# The line bench/run_all.sh gathers into docs/performance.md's table of targets.
target_line() {
  echo "target: $1 = $2 ($3) $([[ $4 == PASS ]] && echo met || echo not met)"
}
gt() {
  awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'
}

declare -A raw_key submit_ratio lookup_ratio submit_verdict lookup_verdict healthz_mean
any_fail=false
any_errors=false
for backend in "${backends[@]}"; do
  # The reference is the better of the one-connection and the pool-sized run.
  raw_key[$backend]=$backend.raw_commit_1
  if ((pool_size > 1)) && gt "${rate[$backend.raw_commit_$pool_size]}" "${rate[$backend.raw_commit_1]}"; then
    raw_key[$backend]=$backend.raw_commit_$pool_size
  fi
  submit_ratio[$backend]=$(ratio "${rate[$backend.submit]}" "${rate[${raw_key[$backend]}]}")
  healthz_mean[$backend]=$(awk -v a="${rate[$backend.healthz]}" -v b="${rate[$backend.healthz_after]}" 'BEGIN { printf "%.1f", (a + b) / 2 }')
  lookup_ratio[$backend]=$(ratio "${rate[$backend.lookup]}" "${healthz_mean[$backend]}")
  submit_verdict[$backend]=$(verdict "${submit_ratio[$backend]}" "${target_submit_vs_commit[$backend]}")
  lookup_verdict[$backend]=$(verdict "${lookup_ratio[$backend]}" "$target_lookup_vs_healthz")
  [[ ${submit_verdict[$backend]} == FAIL || ${lookup_verdict[$backend]} == FAIL ]] && any_fail=true
done

keys_of() {
  local backend=$1
  echo "$backend.raw_commit_1"
  if ((pool_size > 1)); then echo "$backend.raw_commit_$pool_size"; fi
  echo "$backend.healthz" "$backend.submit" "$backend.lookup" "$backend.healthz_after"
}

echo
echo "wrk -t$wrk_threads -c$connections -d${duration}s --latency (warm-up ${warmup}s each); Sen: network threads" \
  "$server_threads, worker threads $worker_threads, database pool $pool_size; access log $([[ $access_log == true ]] && echo on || echo off)"
echo "Sen: $sen_binary (build type: $build_type)"
[[ $build_type == Release ]] ||
  echo "WARNING: Sen is not a Release build; its numbers say little about real performance."
echo "disk: $disk_fs ($disk_type, mounted on $disk_mount) for $tmp; $cpus CPUs"
echo
printf '%-9s %-40s %12s %10s  %s\n' "backend" "measure" "per second" "p99 ms" "errors"
for backend in "${backends[@]}"; do
  for key in $(keys_of "$backend"); do
    [[ ${okflag[$key]} == true ]] || any_errors=true
    printf '%-9s %-40s %12.1f %10.2f  %s\n' "$backend" "${label[$key]}" "${rate[$key]}" "${p99[$key]}" "${errors[$key]:-none}"
  done
done
echo
echo "CPU per operation in microseconds (the machine has $cpus cores); other = the load generator and the kernel:"
printf '%-9s %-40s %8s %8s %8s %8s  %s\n' "backend" "measure" "Sen" "Postgres" "other" "total" "cores busy"
for backend in "${backends[@]}"; do
  for key in $(keys_of "$backend"); do
    [[ -n ${cpu_sen[$key]:-} ]] || continue
    printf '%-9s %-40s %8s %8s %8s %8s  %s %%\n' "$backend" "${label[$key]}" "${cpu_sen[$key]}" \
      "$([[ $backend == postgres ]] && echo "${cpu_pg[$key]}" || echo -)" "${cpu_other[$key]}" \
      $((cpu_sen[$key] + cpu_pg[$key] + cpu_other[$key])) "${cpu_busy_pct[$key]}"
  done
done
echo
printf '%-9s %-40s %12s %10s  %s\n' "backend" "ratio" "value" "target" "result"
for backend in "${backends[@]}"; do
  printf '%-9s %-40s %12s %10s  %s\n' "$backend" "submissions / raw commits (${raw_key[$backend]#*.})" \
    "${submit_ratio[$backend]}" ">= ${target_submit_vs_commit[$backend]}" "${submit_verdict[$backend]}"
  if [[ ${raw_key[$backend]} != "$backend.raw_commit_1" ]]; then
    printf '%-9s %-40s %12s %10s  %s\n' "$backend" "submissions / raw commits (raw_commit_1)" \
      "$(ratio "${rate[$backend.submit]}" "${rate[$backend.raw_commit_1]}")" "" "(for comparison)"
  fi
  # The most the ratio could be on these cores: every core busy at this CPU per submission.
  if [[ -n ${cpu_sen[$backend.submit]:-} ]]; then
    cpu_per_submission=$((cpu_sen[$backend.submit] + cpu_pg[$backend.submit] + cpu_other[$backend.submit]))
    printf '%-9s %-40s %12s %10s  %s\n' "$backend" "  the same with every core busy" \
      "$(ratio "$((cpus * 1000000 / cpu_per_submission))" "${rate[${raw_key[$backend]}]}")" "" \
      "(CPU ceiling: $cpus cores / $cpu_per_submission µs per submission)"
  fi
  printf '%-9s %-40s %12s %10s  %s\n' "$backend" "lookups / healthz (mean of two runs)" \
    "${lookup_ratio[$backend]}" ">= $target_lookup_vs_healthz" "${lookup_verdict[$backend]}"
done
for backend in "${backends[@]}"; do
  echo "$backend: ${acked[$backend]} submissions acknowledged (warm-up and run), ${created[$backend]} new dossiers listed"
done
echo
for backend in "${backends[@]}"; do
  target_line "$backend: submissions / raw commits (${raw_key[$backend]#*.})" "${submit_ratio[$backend]}" \
    ">= ${target_submit_vs_commit[$backend]}" "${submit_verdict[$backend]}"
  target_line "$backend: status lookups / healthz" "${lookup_ratio[$backend]}" ">= $target_lookup_vs_healthz" \
    "${lookup_verdict[$backend]}"
done
if [[ $any_errors == true ]]; then
  echo
  echo "WARNING: some runs saw errors (see the errors column); their numbers are suspect."
fi

json_str() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
json_bool() {
  if [[ $1 == true || $1 == PASS ]]; then echo true; else echo false; fi
}

measure_json() {
  local key=$1 indent=$2
  printf '%s{"tool": %s, "target": %s, "per_sec": %s, "latency_p50_ms": %s, "latency_p99_ms": %s, ' \
    "$indent" "$(json_str "${tool[$key]}")" "$(json_str "${url[$key]}")" "${rate[$key]}" "${p50[$key]}" "${p99[$key]}"
  printf '"count": %s, "non_2xx_3xx": %s, "errors": %s, "error_text": %s, "ok": %s, ' \
    "${total[$key]}" "${non2xx[$key]}" "${sock[$key]}" "$(json_str "${errors[$key]}")" "${okflag[$key]}"
  printf '"cpu_us_per_op": {"sen": %s, "postgres": %s, "other": %s}, "cores_busy_pct": %s}' \
    "${cpu_sen[$key]:-null}" "${cpu_pg[$key]:-null}" "${cpu_other[$key]:-null}" "${cpu_busy_pct[$key]:-null}"
}

backend_json() {
  local backend=$1
  echo "    \"$backend\": {"
  if [[ $backend == sqlite ]]; then
    echo "      \"sqlite_version\": $(json_str "$sqlite_version"),"
  else
    echo "      \"postgres_version\": $(json_str "$pg_version"),"
  fi
  echo "      \"raw_commit_runs\": ["
  measure_json "$backend.raw_commit_1" "        "
  if ((pool_size > 1)); then
    echo ","
    measure_json "$backend.raw_commit_$pool_size" "        "
  fi
  echo
  echo "      ],"
  echo "      \"raw_commit\": $(measure_json "${raw_key[$backend]}" ""),"
  echo "      \"healthz\": $(measure_json "$backend.healthz" ""),"
  echo "      \"healthz_after\": $(measure_json "$backend.healthz_after" ""),"
  echo "      \"submissions\": $(measure_json "$backend.submit" ""),"
  echo "      \"lookups\": $(measure_json "$backend.lookup" ""),"
  echo "      \"submissions_acknowledged\": ${acked[$backend]}, \"dossiers_created\": ${created[$backend]},"
  echo "      \"ratios\": {"
  echo "        \"submissions_vs_raw_commit\": {\"value\": ${submit_ratio[$backend]}, \"target\": ${target_submit_vs_commit[$backend]}, \"pass\": $(json_bool "${submit_verdict[$backend]}")},"
  echo "        \"lookups_vs_healthz\": {\"value\": ${lookup_ratio[$backend]}, \"target\": $target_lookup_vs_healthz, \"pass\": $(json_bool "${lookup_verdict[$backend]}")}"
  echo "      }"
  printf '    }'
}

commit=$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)
dirty=false
[[ -n $(git -C "$repo" status --porcelain 2>/dev/null) ]] && dirty=true

mkdir -p "$(dirname "$out")"
{
  echo "{"
  echo "  \"time\": $(json_str "$(date -u +%Y-%m-%dT%H:%M:%SZ)"),"
  echo "  \"git_commit\": $(json_str "$commit"), \"git_dirty\": $dirty,"
  echo "  \"host\": {\"cpus\": $cpus, \"kernel\": $(json_str "$(uname -sr)"),"
  echo "    \"disk\": {\"temp_dir\": $(json_str "$tmp"), \"filesystem\": $(json_str "$disk_fs"), \"type\": $(json_str "$disk_type"), \"size_bytes\": $disk_size, \"mount\": $(json_str "$disk_mount"), \"rotational\": $disk_rotational}},"
  echo "  \"sen_binary\": $(json_str "$sen_binary"), \"sen_build_type\": $(json_str "$build_type"),"
  echo "  \"sen\": {\"server_threads\": $server_threads, \"worker_threads\": $worker_threads, \"pool_size\": $pool_size, \"access_log\": $access_log},"
  echo "  \"wrk\": {\"threads\": $wrk_threads, \"connections\": $connections, \"duration_s\": $duration, \"warmup_s\": $warmup},"
  echo "  \"procedure\": $(json_str "$procedure_code"), \"place\": $(json_str "$place_code"),"
  echo "  \"backends\": {"
  first=true
  for backend in "${backends[@]}"; do
    [[ $first == true ]] || echo ","
    first=false
    backend_json "$backend"
  done
  echo
  echo "  },"
  echo "  \"pass\": $([[ $any_fail == true ]] && echo false || echo true),"
  echo "  \"clean\": $([[ $any_errors == true ]] && echo false || echo true)"
  echo "}"
} >"$out.tmp"
mv "$out.tmp" "$out"
echo
echo "results written to $out"

if [[ $strict == true ]] && [[ $any_fail == true || $any_errors == true ]]; then
  exit 1
fi
exit 0
