#!/usr/bin/env bash
# Placeholder: the workload helper replaces this with the reference benchmarks.
echo "bench: not yet implemented" >&2
exit 1
