#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: `cluster.sh start DIR PORT` / `cluster.sh stop DIR`.
#
# Uses Debian's PostgreSQL server binaries (/usr/lib/postgresql/<major>/bin, package postgresql-15 or newer); run as
# root, the cluster runs as the `postgres` user (initdb refuses root). It listens on 127.0.0.1:PORT only, trusts
# nobody (scram-sha-256), and has one superuser role `connectors` with password `connectors` that the tests use to
# create a database per test class. Prints the connection URL on success.
set -euo pipefail

usage() { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$dir" && -x "$dir/initdb" ]] || { echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2; exit 1; }
  echo "$dir"
}

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cmd=${1:-}; dir=${2:-}
[[ -n "$cmd" && -n "$dir" ]] || usage
bin=$(pg_bin)

case "$cmd" in
  start)
    port=${3:-}; [[ -n "$port" ]] || usage
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    if [[ ! -f "$dir/PG_VERSION" ]]; then
      pwfile=$(mktemp); echo connectors > "$pwfile"; chmod 644 "$pwfile"
      as_postgres "$bin/initdb" -D "$dir" -U connectors --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
      rm -f "$pwfile"
      cat >> "$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 1000
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    fi
    as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
    echo "postgres://connectors:connectors@127.0.0.1:$port/postgres"
    ;;
  stop)
    [[ -f "$dir/postmaster.pid" ]] && as_postgres "$bin/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null || true
    ;;
  *) usage ;;
esac
