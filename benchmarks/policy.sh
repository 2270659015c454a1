#!/usr/bin/env bash
# The thread policy (docs/threads.md, "Two cores inside one call") against its two fixed alternatives,
# on an otherwise idle machine and with one core taken by a busy loop (another program on a shared
# 2-core machine). From the repository root: benchmarks/policy.sh [WORKLOADS...] (default: mlp deep wide mlp-b32)
#   -Dbackprop4j.blas.threads=auto   measured per shape (the default)
#   -Dbackprop4j.blas.threads=1      one core, nothing split
#   -Dbackprop4j.blas.threads=split  every large product and update split in two
# Prints backprop4j's time per step for each (median [IQR] of 5 rounds), backprop4j only.
set -euo pipefail
cd "$(dirname "$0")/.."
workloads="${*:-mlp deep wide mlp-b32}"
mvn -q -B -Pbench compile -pl benchmarks -am
busy_pid=""
trap '[ -n "$busy_pid" ] && kill "$busy_pid" 2>/dev/null || true' EXIT
for condition in idle busy; do
  if [ "$condition" = busy ]; then
    taskset -c 1 sh -c 'while :; do :; done' & busy_pid=$!
  fi
  for mode in auto 1 split; do
    echo "== $condition machine, backprop4j.blas.threads=$mode (load average $(cut -d' ' -f1 /proc/loadavg))"
    mvn -q -B -Pbench exec:java -pl benchmarks -Dbackprop4j.blas.threads="$mode" \
        -Dexec.args="$workloads --no-dl4j --rounds 5 --warmup-ms 2000" 2>&1 | grep -E '^(== |backprop4j (us|ms)/step)'
  done
  if [ -n "$busy_pid" ]; then kill "$busy_pid"; busy_pid=""; fi
done
