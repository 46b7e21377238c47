#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster in a temporary folder.
# The command sees CROSSROADS_TEST_POSTGRES, an administrator URL of the
# cluster; the tests create one database per test app in it, and
# CROSSROADS_TEST_POSTGRES_CONTROL, a script that stops (`stop`) and starts
# (`start`) the cluster under the running tests. The cluster and its folder
# are removed afterwards, whatever the command's outcome.
#
# PostgreSQL refuses to run as root: as root, the server runs as the
# `postgres` user.
set -euo pipefail

bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
[ -x "$bin/initdb" ] || { echo "with-postgres: initdb not found (install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir=$(mktemp -d /tmp/crossroads-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# A test cluster: durability settings off for speed (crash safety is tested on SQLite).
options="-h 127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
cat >"$dir/control.sh" <<EOF
#!/usr/bin/env bash
# stop | start: the throwaway cluster, as an outage would stop it (fast: clients are cut off).
set -euo pipefail
run() { if [ "\$(id -u)" = 0 ]; then runuser -u postgres -- "\$@"; else "\$@"; fi; }
case "\$1" in
  stop) run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ;;
  start) run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
EOF
chmod 755 "$dir/control.sh"
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

export CROSSROADS_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
export CROSSROADS_TEST_POSTGRES_CONTROL="$dir/control.sh"
"$@"
