#!/usr/bin/env bash
# backprop4j against PyTorch on ONE core, as CPU time per training step (robust against other programs on a
# shared machine, where wall-clock figures swing by factors): backprop4j's CpuPerStep with
# -Dbackprop4j.blas.threads=1 and PyTorch's pytorch_cpu_per_step.py with one intra-op and one OpenBLAS
# thread (Debian's python3-torch on libopenblas0-pthread), each in a fresh process, alternating round by
# round. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for both. From the repository root:
#   benchmarks/cpu-per-step.sh [--rounds N] [--python PYTHON] [WORKLOADS...]   (default: xor mlp deep, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3; python=/usr/bin/python3; workloads=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --python) python="$2"; shift 2 ;;
    *) workloads+=("$1"); shift ;;
  esac
done
[ ${#workloads[@]} -eq 0 ] && workloads=(xor mlp deep)
mvn -q -B -Pbench test-compile dependency:build-classpath -pl benchmarks -am -Dmdep.outputFile=target/classpath.txt >/dev/null
cp="$(cat benchmarks/target/classpath.txt):benchmarks/target/classes"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2), model $(grep -m1 '^model' /proc/cpuinfo | cut -d: -f2)"
for ((r = 1; r <= rounds; r++)); do
  run_java() {
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java --add-modules jdk.incubator.vector \
        -Dorg.nd4j.log.initialization=false -Dbackprop4j.blas.threads=1 \
        -Dlogback.configurationFile=benchmarks/src/main/resources/logback.xml -cp "$cp" \
        org.backprop4j.benchmarks.CpuPerStep "${workloads[@]}" --rounds 7 --warmup-ms 2000 2>&1 |
        grep -E '^(kernels|backprop4j CPU|.*: loss)' | sed "s/^/round $r backprop4j: /"
  }
  run_python() {
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
        "$python" benchmarks/src/main/python/pytorch_cpu_per_step.py "${workloads[@]}" 2>&1 | sed "s/^/round $r /"
  }
  if (( r % 2 )); then run_java; run_python; else run_python; run_java; fi
  echo "round $r load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
