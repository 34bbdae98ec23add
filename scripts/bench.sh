#!/usr/bin/env bash
# `make bench`: the reference workloads W1–W4 (docs/ARCHITECTURE.md) with pooltop, pgbench and the Python peers,
# all against ONE embedded PostgreSQL cluster in the same run, then one table with ratios to pgbench, the
# 10,000-worker run (RSS, fairness) and the pool micro-benchmark when it is built.
#
# Environment: BENCH_SECONDS (default 10) per run, BENCH_ROUNDS (default 3) paired rounds of W1 and W2,
# BENCH_SETTLE (default 3) seconds of quiet before each run, BENCH_OUT (default .bench) for the raw results,
# SCRATCH (default .build) for the release build, SWIFT (default swift, the Makefile passes its own), POOLTOP_BIN to use a built binary, PEERS (default ../shared/bench/peers.py), BENCH_DSN to use a
# running server instead of the embedded one (it must have the role and database `bench`).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${BENCH_SECONDS:-10}
OUT=${BENCH_OUT:-.bench}
SCRATCH=${SCRATCH:-.build}
# The Makefile exports the Swift it found (PATH or /opt/swift).
SWIFT=${SWIFT:-swift}
PEERS=${PEERS:-../shared/bench/peers.py}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
export PATH="$PATH:$PGBIN"
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt

say() { printf '== %s\n' "$*" >&2; }

if [ -n "${POOLTOP_BIN:-}" ]; then
    BIN=$POOLTOP_BIN
else
    say "building pooltop (release)"
    "$SWIFT" build -c release --scratch-path "$SCRATCH" --product pooltop >&2
    BIN="$("$SWIFT" build -c release --scratch-path "$SCRATCH" --show-bin-path)/pooltop"
fi

SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM

if [ -n "${BENCH_DSN:-}" ]; then
    DSN="$BENCH_DSN"
else
    say "starting one embedded cluster for the whole run"
    "$BIN" serve-embedded > "$OUT/server.out" 2> "$OUT/server.err" &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        grep -q '^conninfo=' "$OUT/server.out" 2>/dev/null && break
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.err" >&2; echo "bench: the embedded server did not start" >&2; exit 1; }
        sleep 0.1
    done
    ADMIN=$(sed -n 's/^conninfo=//p' "$OUT/server.out" | head -n1)
    [ -n "$ADMIN" ] || { echo "bench: no conninfo from pooltop serve-embedded" >&2; exit 1; }
    PORT=$(printf '%s\n' "$ADMIN" | tr ' ' '\n' | sed -n 's/^port=//p' | head -n1)
    say "creating role and database bench (port ${PORT:-default})"
    psql "$ADMIN" -qAt -v ON_ERROR_STOP=1 -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench') THEN CREATE ROLE bench LOGIN SUPERUSER PASSWORD 'bench'; END IF; END\$\$" >&2
    psql "$ADMIN" -qAt -c "CREATE DATABASE bench OWNER bench" >/dev/null 2>&1 || true
    DSN="host=127.0.0.1${PORT:+ port=$PORT} dbname=bench user=bench password=bench"
fi
# Parsed by libpq for pooltop, pgbench and psycopg alike; the password is a throwaway for the throwaway cluster.
export PGPASSWORD=bench
# peers.py builds its SQLAlchemy URL without a port; libpq then takes it from PGPORT.
PORT=${PORT:-$(printf '%s\n' "$DSN" | tr ' ' '\n' | sed -n 's/^port=//p' | head -n1)}
[ -n "$PORT" ] && export PGPORT="$PORT"

pooltop_bench() { # name, then pooltop bench flags
    local name=$1; shift
    say "pooltop $name: $*"
    if "$BIN" bench --url "$DSN" --duration "${SECONDS_PER_RUN}s" --json "$@" > "$OUT/pooltop-$name.json" 2> "$OUT/pooltop-$name.err"; then
        :
    else
        echo "bench: pooltop $name failed: $(tail -n1 "$OUT/pooltop-$name.err")" >&2
        rm -f "$OUT/pooltop-$name.json"
    fi
}

pgbench_run() { # name, SQL
    local name=$1 sql=$2 script
    script=$(mktemp)
    printf '%s\n' "$sql" > "$script"
    say "pgbench $name: 15 clients, 2 threads, $sql"
    local host port
    host=$(printf '%s\n' "$DSN" | tr ' ' '\n' | sed -n 's/^host=//p' | head -n1)
    port=$(printf '%s\n' "$DSN" | tr ' ' '\n' | sed -n 's/^port=//p' | head -n1)
    if pgbench -n -c 15 -j 2 -T "$SECONDS_PER_RUN" -f "$script" -h "${host:-127.0.0.1}" ${port:+-p "$port"} -U bench bench \
        > "$OUT/pgbench-$name.txt" 2>&1; then :; else echo "bench: pgbench $name failed" >&2; fi
    rm -f "$script"
}

peer_run() { # peer, name, query
    local peer=$1 name=$2 query=$3
    say "peers.py $peer $name"
    python3 "$PEERS" "$peer" --dsn "$DSN" --workers 32 --pool-size 5 --max-overflow 10 --duration "$SECONDS_PER_RUN" \
        --query "$query" > "$OUT/$peer-$name.json" 2> "$OUT/$peer-$name.err" || rm -f "$OUT/$peer-$name.json"
}

# A run that starts right after another one is up to 15% slower on a small shared machine, whichever tool
# ran before (measured with the same pooltop binary three times in a row after pgbench): every run waits
# BENCH_SETTLE seconds first. W1 and W2 compare pooltop with pgbench, so they run as BENCH_ROUNDS pairs in
# alternating order (pgbench first, then pooltop first, ...) and each tool's median run is the one reported.
SETTLE=${BENCH_SETTLE:-3}
ROUNDS=${BENCH_ROUNDS:-3}
settle() { sleep "$SETTLE"; }

paired() { # name, pgbench SQL, pooltop query
    local name=$1 sql=$2 query=$3 round
    for round in $(seq 1 "$ROUNDS"); do
        if [ $((round % 2)) -eq 1 ]; then
            settle; pgbench_run "$name-$round" "$sql"
            settle; pooltop_bench "$name-$round" --workers 32 --pool-size 5 --max-overflow 10 --query "$query"
        else
            settle; pooltop_bench "$name-$round" --workers 32 --pool-size 5 --max-overflow 10 --query "$query"
            settle; pgbench_run "$name-$round" "$sql"
        fi
    done
}

paired w1 'SELECT 1;' "SELECT 1"
paired w2 'SELECT pg_sleep(0.01);' "SELECT pg_sleep(0.01)"
settle
pooltop_bench w3-1 --workers 1 --pool-size 5 --max-overflow 10 --query none
settle; pooltop_bench w3-64 --workers 64 --pool-size 5 --max-overflow 10 --query none
settle; pooltop_bench w4 --workers 32 --no-pool --query "SELECT 1"

# A peer runs when peers.py is there and its Python packages import; otherwise one line says which is missing.
peer_ready() { # description, Python modules
    local what=$1 modules=$2
    if [ ! -f "$PEERS" ]; then
        say "$PEERS not found (set PEERS=path/to/peers.py): skipping $what"; return 1
    fi
    python3 -c "import $modules" 2>/dev/null && return 0
    say "$modules not importable (pip install sqlalchemy psycopg2-binary \"psycopg[binary]\" psycopg_pool): skipping $what"
    return 1
}
if peer_ready "SQLAlchemy's QueuePool" "sqlalchemy, psycopg2"; then
    settle; peer_run sqlalchemy w1 "SELECT 1"; settle; peer_run sqlalchemy w2 "SELECT pg_sleep(0.01)"
fi
if peer_ready psycopg_pool psycopg_pool; then
    settle; peer_run psycopg_pool w1 "SELECT 1"; settle; peer_run psycopg_pool w2 "SELECT pg_sleep(0.01)"
fi
if [ -f "$PEERS" ] && python3 -c 'import psycopg2' 2>/dev/null; then
    settle; peer_run nopool w4 "SELECT 1"
fi

# Each worker gets a turn every 10000 / 1500 ≈ 6.7 s: 40 s gives each about six queries, enough for Jain's index.
TEN_K_SECONDS=${BENCH_10K_SECONDS:-40}
settle
say "pooltop 10k: 10,000 workers on 15 connections, pg_sleep(0.01), ${TEN_K_SECONDS}s"
"$BIN" bench --url "$DSN" --duration "${TEN_K_SECONDS}s" --json --workers 10000 --pool-size 15 --max-overflow 0 \
    --query "SELECT pg_sleep(0.01)" > "$OUT/pooltop-10k.json" 2> "$OUT/pooltop-10k.err" || rm -f "$OUT/pooltop-10k.json"

MICRO=""
MICRO_BIN=""
say "building PoolMicroBenchmark"
if "$SWIFT" build -c release --scratch-path "$SCRATCH" --product PoolMicroBenchmark >&2; then
    MICRO_BIN="$("$SWIFT" build -c release --scratch-path "$SCRATCH" --show-bin-path)/PoolMicroBenchmark"
fi
if [ -n "$MICRO_BIN" ] && [ -x "$MICRO_BIN" ]; then
    say "running PoolMicroBenchmark"
    "$MICRO_BIN" > "$OUT/micro.txt" 2> "$OUT/micro.err" && MICRO="$OUT/micro.txt" || echo "bench: PoolMicroBenchmark failed" >&2
fi

python3 - "$OUT" "$MICRO" <<'PY' | tee "$OUT/results.md"
import json, os, re, sys
out, micro = sys.argv[1], sys.argv[2]

def load(name):
    path = os.path.join(out, name + ".json")
    try:
        with open(path) as f:
            return json.loads(f.read().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return None

def pgbench(name):
    try:
        text = open(os.path.join(out, "pgbench-%s.txt" % name)).read()
    except OSError:
        return None
    m = re.search(r"tps = ([0-9.]+) \((?:without initial connection time|excluding connections establishing)\)", text) \
        or re.search(r"tps = ([0-9.]+)", text)
    return float(m.group(1)) if m else None

def median_runs(name):
    """The paired rounds of `name`: (pgbench tps per round, pooltop JSON per round), each in round order."""
    pg, pt, round = [], [], 1
    while os.path.exists(os.path.join(out, "pgbench-%s-%d.txt" % (name, round))) or os.path.exists(os.path.join(out, "pooltop-%s-%d.json" % (name, round))):
        pg.append(pgbench("%s-%d" % (name, round)))
        pt.append(load("pooltop-%s-%d" % (name, round)))
        round += 1
    return pg, pt

def median_of(values, key=lambda v: v):
    present = sorted((v for v in values if v is not None), key=key)
    return present[(len(present) - 1) // 2] if present else None

paired = {}
for name in ("w1", "w2"):
    pg, pt = median_runs(name)
    paired[name] = (pg, pt, median_of(pg), median_of(pt, key=lambda r: r["qps"]))

def num(v, digits=1):
    return "-" if v is None else f"{v:,.{digits}f}"

rows = []
def row(workload, tool, r, base):
    qps = r.get("qps") if r else None
    ratio = f"{qps / base:.2f}x" if qps and base else "-"
    rows.append([workload, tool, num(qps), ratio,
                 num(r.get("wait_p50_ms") if r else None, 3), num(r.get("wait_p99_ms") if r else None, 3),
                 num(r.get("fairness") if r else None, 4), str(r.get("errors", "-")) if r else "-"])

pg1, pg2 = paired["w1"][2], paired["w2"][2]
median = {"pooltop-w1": paired["w1"][3], "pooltop-w2": paired["w2"][3]}
plain_load = load
def load(name):
    return median[name] if name in median else plain_load(name)
rows.append(["W1 SELECT 1, 32 workers, 5+10", "pgbench 15c/2j", num(pg1), "1.00x" if pg1 else "-", "-", "-", "-", "-"])
row("", "pooltop", load("pooltop-w1"), pg1)
row("", "sqlalchemy QueuePool", load("sqlalchemy-w1"), pg1)
row("", "psycopg_pool", load("psycopg_pool-w1"), pg1)
rows.append(["W2 pg_sleep(0.01), 32 workers, 5+10", "pgbench 15c/2j", num(pg2), "1.00x" if pg2 else "-", "-", "-", "-", "-"])
row("", "pooltop", load("pooltop-w2"), pg2)
row("", "sqlalchemy QueuePool", load("sqlalchemy-w2"), pg2)
row("", "psycopg_pool", load("psycopg_pool-w2"), pg2)
row("W3 check-out+check-in, 1 task", "pooltop", load("pooltop-w3-1"), None)
row("W3 check-out+check-in, 64 tasks", "pooltop", load("pooltop-w3-64"), None)
row("W4 no pool (connect per query)", "pooltop --no-pool", load("pooltop-w4"), None)
row("", "peers.py nopool", load("nopool-w4"), None)

headers = ["workload", "tool", "qps", "vs pgbench", "wait p50 ms", "wait p99 ms", "fairness", "errors"]
widths = [max(len(str(x[i])) for x in rows + [headers]) for i in range(len(headers))]
def line(cells):
    return "| " + " | ".join(str(c).ljust(widths[i]) if i < 2 else str(c).rjust(widths[i]) for i, c in enumerate(cells)) + " |"
print(line(headers))
print("|" + "|".join(("-" * (w + 2)) for w in widths) + "|")
for r in rows:
    print(line(r))
print()

for name, label in (("w1", "W1"), ("w2", "W2")):
    pg, pt, _, _ = paired[name]
    if pg:
        cells = []
        for i, (a, b) in enumerate(zip(pg, pt), 1):
            ratio = f"{b['qps'] / a:.2f}x" if a and b else "-"
            cells.append(f"{num(b['qps'] if b else None, 0)} vs {num(a, 0)} ({ratio})")
        print(f"{label} rounds, pooltop vs pgbench (the table shows each tool's median): " + "; ".join(cells))
print()

checks = []
w1, w2 = load("pooltop-w1"), load("pooltop-w2")
if w1 and pg1:
    checks.append(("W1 qps >= 0.8 x pgbench", w1["qps"] / pg1 >= 0.8, f"{w1['qps'] / pg1:.2f}x"))
if w2 and pg2:
    checks.append(("W2 qps >= 0.97 x pgbench", w2["qps"] / pg2 >= 0.97, f"{w2['qps'] / pg2:.2f}x"))
if w2:
    checks.append(("W2 fairness >= 0.99", w2["fairness"] >= 0.99, f"{w2['fairness']:.4f}"))
    checks.append(("W2 wait p99 <= 2 x p50", w2["wait_p99_ms"] <= 2 * w2["wait_p50_ms"],
                   f"p50 {w2['wait_p50_ms']:.3f} ms, p99 {w2['wait_p99_ms']:.3f} ms"))
w4 = load("pooltop-w4")
if w1 and w4 and w4["qps"]:
    print(f"What the pool saves (W1 vs W4): {w1['qps'] / w4['qps']:.1f}x the throughput; "
          f"W4 opened {w4.get('connections_opened', '-')} connections, W1 {w1.get('connections_opened', '-')}.")
tenk = load("pooltop-10k")
if tenk:
    rss = tenk.get("peak_rss_mib") or tenk.get("rss_mib")
    print(f"10,000 workers on 15 connections, pg_sleep(0.01), {tenk['seconds']} s: {num(tenk['qps'])} q/s "
          f"(ceiling 1,500), fairness {tenk['fairness']:.4f}, wait p50 {tenk['wait_p50_ms']:.0f} ms / p99 "
          f"{tenk['wait_p99_ms']:.0f} ms, peak resident {num(rss)} MiB, errors {tenk['errors']}, timeouts {tenk['timeouts']}")
    if rss is not None:
        checks.append(("10k workers under 200 MiB resident", rss < 200, f"{rss:.1f} MiB"))
else:
    print("10,000-worker run: no result (see the .err file)")
print()
for name, ok, detail in checks:
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")
if micro:
    print()
    print("Pool micro-benchmark:")
    print(open(micro).read().rstrip())
PY
