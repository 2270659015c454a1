#!/usr/bin/env bash
# Which OpenBLAS kernels are fastest on this CPU: the MLP step (784-256-10 FLOAT, SGD, batch 128) with one
# BLAS thread (-Dbackprop4j.blas.threads=1), backprop4j alone, as the CPU time of the training thread
# (CpuPerStep: robust against other programs on a shared machine), each core type in its own JVM with
# OPENBLAS_CORETYPE set before start, the types alternating round by round (who goes first rotates).
# "default" is no OPENBLAS_CORETYPE at all: what backprop4j's per-CPU table (OpenBlasCoreTypes) sets.
# With --openblas VERSION (e.g. 0.3.19-1.5.7, ND4J's own), the run swaps that org.bytedeco:openblas and
# its JavaCPP into the class path (both must be in ~/.m2). From the repository root:
#   benchmarks/coretypes.sh [--rounds N] [--openblas VERSION] [--workload mlp] [TYPES...]
#   (default types: default Cooperlake SkylakeX Zen Haswell; never name a type this CPU cannot run)
# Prints each run's CPU us/step (median of 7 rounds inside the JVM) and the load average, then
# per type the median and range over the rounds. The environment's OPENBLAS_L2_SIZE is unset too.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3; openblas=""; workload=mlp; types=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --openblas) openblas="$2"; shift 2 ;;
    --workload) workload="$2"; shift 2 ;;
    *) types+=("$1"); shift ;;
  esac
done
[ ${#types[@]} -eq 0 ] && types=(default Cooperlake SkylakeX Zen Haswell)
# the benchmarks module's class path (the other modules as their target/classes; test-compile: layers'
# tests use core's test classes)
mvn -q -B -Pbench test-compile dependency:build-classpath -pl benchmarks -am -Dmdep.outputFile=target/classpath.txt >/dev/null
cpfile=benchmarks/target/classpath.txt
cp="$(cat "$cpfile"):benchmarks/target/classes"
if [ -n "$openblas" ]; then
  current=$(tr ':' '\n' < "$cpfile" | sed -n 's#.*/org/bytedeco/openblas/\([^/]*\)/.*#\1#p' | head -1)
  javacpp_now=$(tr ':' '\n' < "$cpfile" | sed -n 's#.*/org/bytedeco/javacpp/\([^/]*\)/.*#\1#p' | head -1)
  javacpp_new=${openblas##*-}
  cp=$(echo "$cp" | sed "s#openblas/$current/openblas-$current#openblas/$openblas/openblas-$openblas#g; s#javacpp/$javacpp_now/javacpp-$javacpp_now#javacpp/$javacpp_new/javacpp-$javacpp_new#g")
fi
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2), model $(grep -m1 '^model' /proc/cpuinfo | cut -d: -f2); openblas ${openblas:-as built}"
declare -A results
for ((r = 0; r < rounds; r++)); do
  n=${#types[@]}
  for ((k = 0; k < n; k++)); do
    t=${types[$(((k + r) % n))]}
    settings=(-u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
    [ "$t" != default ] && settings+=("OPENBLAS_CORETYPE=$t")
    line=$(env "${settings[@]}" java --add-modules jdk.incubator.vector -Dorg.nd4j.log.initialization=false -Dbackprop4j.blas.threads=1 \
        -Dlogback.configurationFile=benchmarks/src/main/resources/logback.xml -cp "$cp" \
        org.backprop4j.benchmarks.CpuPerStep "$workload" --rounds 7 --round-ms 300 --warmup-ms 2000 2>&1 |
        grep -E '^(kernels:|backprop4j CPU)' | tr '\n' ' ')
    value=$(echo "$line" | sed -n 's#.*backprop4j CPU us/step: \([0-9.]*\).*#\1#p')
    core=$(echo "$line" | sed -n 's#.*; core \([A-Za-z0-9]*\);.*#\1#p')
    echo "round $((r + 1)) $t (kernels $core): $value  load $(cut -d' ' -f1 /proc/loadavg)"
    results[$t]="${results[$t]:-} $value"
  done
done
for t in "${types[@]}"; do
  echo "$t: $(echo ${results[$t]} | tr ' ' '\n' | sort -g | awk '{a[NR]=$1} END {printf "median %s  [min %s, max %s] of %d", a[int((NR+1)/2)], a[1], a[NR], NR}')"
done
