#!/bin/sh
# Measures `pooltop bench --json` across a server restart (issue 17): a throwaway cluster of its own
# (initdb as the postgres user when run as root), the bench against it over TCP, and at second
# RESTART_AT of the measurement `pg_ctl restart -m MODE` (fast or immediate), or with MODE=stop a
# stop for STOP_SECONDS then a start on the same port and data folder. Prints the bench's JSON, then
# when the server accepted connections again, as seconds into the measurement.
# Usage: scripts/restart-bench.sh [POOLTOP] [MODE]   (defaults: .build/debug/pooltop, fast)
set -eu
POOLTOP=${1:-.build/debug/pooltop}
MODE=${2:-fast}
DURATION=${DURATION:-16}
RESTART_AT=${RESTART_AT:-5}
STOP_SECONDS=${STOP_SECONDS:-15}
PORT=${PORT:-$((20000 + $$ % 20000))}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=$(mktemp -d /tmp/restart-bench-XXXXXX)
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
cleanup() { as_postgres "$BIN/pg_ctl -D $DIR/data -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT INT TERM
as_postgres "$BIN/initdb -D $DIR/data -U postgres -A trust" >/dev/null
as_postgres "$BIN/pg_ctl -D $DIR/data -l $DIR/log -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1' -w start" >/dev/null
URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
"$POOLTOP" bench --url "$URL" --workers 32 --pool-size 5 --max-overflow 10 --query "SELECT pg_sleep(0.005)" \
    --duration "${DURATION}s" --warmup 1s --json > "$DIR/bench.json" &
BENCH=$!
# The measurement starts after the warm-up (1 s) and the first connect.
sleep $((1 + RESTART_AT))
START=$(date +%s.%N)
case "$MODE" in
    stop) as_postgres "$BIN/pg_ctl -D $DIR/data -m fast -w stop" >/dev/null; sleep "$STOP_SECONDS"
          as_postgres "$BIN/pg_ctl -D $DIR/data -l $DIR/log -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1' start" >/dev/null ;;
    *) as_postgres "$BIN/pg_ctl -D $DIR/data -l $DIR/log -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1' -m $MODE restart" >/dev/null ;;
esac
until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; do sleep 0.02; done
READY=$(date +%s.%N)
wait $BENCH
cat "$DIR/bench.json"; echo
echo "restart issued at +${RESTART_AT}s; accepting again $(echo "$READY - $START" | bc) s later"
