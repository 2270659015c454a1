#!/usr/bin/env bash
# The threading study of docs/performance.md: backprop4j's MLP (784-256-10) and wide layer (784-1024-10),
# FLOAT, batch 128, under each thread setting of OpenBLAS and libnd4j's OpenMP, on an otherwise idle
# machine and with one core taken by a busy loop. Each setting is a fresh JVM (the OpenMP variables are
# read when the native libraries load). Usage, from the repository root: benchmarks/threads.sh [ROUNDS]
# (default 7). The busy loop is pinned to core 1 with taskset. Takes about 15 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-7}"
mvn -q -Pbench compile -pl benchmarks -am
run() { # label, environment assignments..., -- , SideBySide arguments...
  local label="$1"; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
  echo "== $label (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  env "${envs[@]}" mvn -q -Pbench compile exec:java -pl benchmarks -am \
      -Dexec.args="mlp wide --no-dl4j --rounds $rounds --round-ms 400 --warmup-ms 2000 $*" 2>/dev/null \
    | grep -E '^(==|backprop4j|ND4J:)'
}
study() { # suffix
  run "defaults$1" X=1 --
  run "1 BLAS thread$1" X=1 -- --blas-threads 1
  run "OMP_WAIT_POLICY=PASSIVE$1" OMP_WAIT_POLICY=PASSIVE --
  run "OMP_NUM_THREADS=1$1" OMP_NUM_THREADS=1 --
  run "1 BLAS thread, OMP_NUM_THREADS=1$1" OMP_NUM_THREADS=1 -- --blas-threads 1
  run "1 BLAS thread, OMP_WAIT_POLICY=PASSIVE$1" OMP_WAIT_POLICY=PASSIVE -- --blas-threads 1
}
study ""
taskset -c 1 sh -c 'while :; do :; done' &
busy=$!
trap 'kill $busy' EXIT
study ", one core busy"
