#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the archive tests, on 127.0.0.1 only, in a temp folder.
#   source scripts/postgres-test-cluster.sh start   → exports NIANBAO_TEST_PG (a connection string)
#   scripts/postgres-test-cluster.sh stop DIR       → stops it and removes the folder
# Needs Debian's `postgresql` package (test.sh installs it). As root the server runs as `postgres`.
set -euo pipefail

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin dir port
  bin=$(pg_bin)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "postgres-test-cluster: PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
  dir=$(mktemp -d /tmp/nianbao-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  # The first free port from 55432 on (loopback only).
  for port in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  export NIANBAO_TEST_PG_DIR="$dir"
  export NIANBAO_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "postgres-test-cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2
}

stop() {
  local dir=${1:-${NIANBAO_TEST_PG_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: source $0 start | $0 stop [DIR]" >&2; return 2 2>/dev/null || exit 2 ;;
esac
