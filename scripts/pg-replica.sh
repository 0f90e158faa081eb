#!/usr/bin/env bash
# A local PostgreSQL streaming replica of the server at 127.0.0.1:5432, for the read-replica tests:
#   bash scripts/pg-replica.sh start   # pg_basebackup into /tmp/seedbed-replica, serve on 127.0.0.1:5433
#   bash scripts/pg-replica.sh stop
# Needs root (it runs the server as the postgres user) and a primary that accepts replication
# connections from 127.0.0.1 (a trust line for `replication` is added to its pg_hba.conf if missing).
set -euo pipefail
DIR=${SEEDBED_REPLICA_DIR:-/tmp/seedbed-replica}
PORT=${SEEDBED_REPLICA_PORT:-5433}
VERSION=$(ls /etc/postgresql | sort -n | tail -n1)
BIN=/usr/lib/postgresql/$VERSION/bin
HBA=/etc/postgresql/$VERSION/main/pg_hba.conf

stop() {
  if [ -f "$DIR/postmaster.pid" ]; then su postgres -c "$BIN/pg_ctl -D $DIR -m fast -w stop" >/dev/null 2>&1 || true; fi
}

case "${1:-start}" in
  stop) stop; rm -rf "$DIR"; exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

stop
if ! grep -qE '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$HBA"; then
  echo 'host replication all 127.0.0.1/32 trust' >> "$HBA"
  psql -h 127.0.0.1 -U postgres -qAtc 'SELECT pg_reload_conf()' >/dev/null
fi
rm -rf "$DIR"
mkdir -p "$DIR" && chown postgres:postgres "$DIR" && chmod 700 "$DIR"
su postgres -c "pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D $DIR -R -X stream -c fast"
# Debian keeps the primary's configuration outside its data folder: the replica gets its own.
su postgres -c "printf \"port = $PORT\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '/tmp'\nhot_standby = on\nmax_connections = 200\nhot_standby_feedback = on\n\" > $DIR/postgresql.conf"
su postgres -c "printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > $DIR/pg_hba.conf"
su postgres -c "$BIN/pg_ctl -D $DIR -l $DIR/server.log -w start" >/dev/null
for _ in $(seq 1 30); do
  if [ "$(psql -h 127.0.0.1 -p "$PORT" -U postgres -qAtc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = "t" ]; then
    echo "replica of 127.0.0.1:5432 streaming on 127.0.0.1:$PORT"
    exit 0
  fi
  sleep 1
done
echo "the replica did not start: see $DIR/server.log" >&2
exit 1
