#!/usr/bin/env python3
"""An independent check of `pooltop sweep`: the same pool sizes measured with pgbench alone.

For pool size N, pgbench runs min(N, --workers) clients, each on its own connection (a pool of N
that serves that many workers keeps at most that many connections busy). Every size runs
--repeats times, the passes interleaved (up, then down, ...) as pooltop's are. pgbench's knee is
the smallest size whose median tps is within pgbench's own run-to-run spread (at least 3 %) of
the best median: sizes inside that spread cannot be told apart by pgbench either.

    scripts/pgbench-sweep.py --dsn "host=127.0.0.1 port=5432 dbname=bench user=bench" \
        --sql "SELECT count(*) FROM generate_series(1,20000);" --sizes 1,2,3,4,6,8,10,12 \
        --workers 32 --duration 4 --repeats 3

Prints one line per size and a final `knee N (best M)` line; --json prints one object instead.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


def parse_dsn(dsn):
    fields = dict(part.split("=", 1) for part in dsn.split() if "=" in part)
    args = []
    for key, flag in (("host", "-h"), ("port", "-p"), ("user", "-U")):
        if key in fields:
            args += [flag, fields[key]]
    if "password" in fields:
        os.environ.setdefault("PGPASSWORD", fields["password"])
    return args, fields.get("dbname", "postgres")


def run_pgbench(conn_args, dbname, script, clients, seconds):
    command = ["pgbench", "-n", "-c", str(clients), "-j", str(min(clients, 2)), "-T", str(seconds),
               "-f", script] + conn_args + [dbname]
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"pgbench-sweep: pgbench failed: {out.stderr.strip().splitlines()[-1:]}")
    tps = re.search(r"tps = ([0-9.]+)", out.stdout)
    latency = re.search(r"latency average = ([0-9.]+) ms", out.stdout)
    return float(tps.group(1)), float(latency.group(1)) if latency else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--sql", required=True)
    parser.add_argument("--sizes", required=True, help="comma-separated pool sizes")
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--duration", type=int, default=4, help="seconds a run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--settle", type=float, default=1.0, help="seconds of quiet before a run")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    sizes = [int(size) for size in options.sizes.split(",")]
    conn_args, dbname = parse_dsn(options.dsn)
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as handle:
        handle.write(options.sql.rstrip().rstrip(";") + ";\n")
        script = handle.name
    runs = {size: [] for size in sizes}
    latencies = {size: [] for size in sizes}
    try:
        for repeat in range(options.repeats):
            order = sizes if repeat % 2 == 0 else list(reversed(sizes))
            for size in order:
                time.sleep(options.settle)
                tps, latency = run_pgbench(conn_args, dbname, script, min(size, options.workers), options.duration)
                runs[size].append(tps)
                if latency is not None:
                    latencies[size].append(latency)
                print(f"pass {repeat + 1} size {size}: {tps:.1f} tps", file=sys.stderr)
    finally:
        os.unlink(script)

    medians = {size: statistics.median(values) for size, values in runs.items()}
    spreads = [(max(v) - min(v)) / 2 / statistics.median(v) for v in runs.values() if len(v) > 1]
    spread = max(statistics.mean(spreads) if spreads else 0.0, 0.03)
    best = max(sizes, key=lambda size: medians[size])
    knee = next(size for size in sizes if medians[size] >= medians[best] * (1 - spread))

    if options.json:
        print(json.dumps({"sizes": sizes, "tps": runs, "latency_ms": latencies, "median_tps": medians,
                          "spread": spread, "best": best, "knee": knee}))
        return
    for size in sizes:
        values = runs[size]
        latency = statistics.median(latencies[size]) if latencies[size] else float("nan")
        print(f"size {size:3d}  clients {min(size, options.workers):3d}  median {medians[size]:9.1f} tps  "
              f"range {min(values):.1f}-{max(values):.1f}  latency {latency:.2f} ms")
    print(f"spread ±{spread * 100:.1f} %  knee {knee} (best {best})")


if __name__ == "__main__":
    main()
