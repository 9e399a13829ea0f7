#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster on 127.0.0.1 for the test suite.
#   postgres.sh start STATE_DIR   writes STATE_DIR/url (postgresql://...) once the server accepts connections
#   postgres.sh stop STATE_DIR
# Without PostgreSQL binaries the start step succeeds without a url (tests then skip), unless
# SEN_REQUIRE_POSTGRES=1, as in CI, where that is a failure.
set -euo pipefail
action=$1
state=$2
mkdir -p "$state"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  if [ -f "$state/datadir" ]; then
    local data
    data=$(cat "$state/datadir")
    as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$data"
  fi
  rm -f "$state/url" "$state/datadir"
}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ "$action" = stop ]; then
  [ -n "$bindir" ] && stop
  exit 0
fi

unavailable() {
  echo "PostgreSQL unavailable: $1" >&2
  if [ "${SEN_REQUIRE_POSTGRES:-}" = 1 ]; then exit 1; fi
  exit 0
}

[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || unavailable "no initdb under /usr/lib/postgresql"
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then unavailable "no postgres user to run the server as"; fi
stop
data=$(mktemp -d /tmp/sen-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$data"
echo "$data" >"$state/datadir"
as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 ||
  unavailable "initdb failed (see $state/initdb.log)"

for attempt in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 30000))
  if as_owner "$bindir/pg_ctl" -D "$data" -w -t 30 -l "$data/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c max_connections=200" start >/dev/null; then
    echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$state/url"
    echo "PostgreSQL test server on port $port (data in $data)"
    exit 0
  fi
done
unavailable "could not start the server (see $data/server.log)"
