#!/usr/bin/env bash
# The SIMD element-wise loops on each JDK, with and without jdk.incubator.vector. From the repository root:
#   benchmarks/simd-jdks.sh JDK_HOME...   e.g. benchmarks/simd-jdks.sh /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64
#   RUNS=N (default 3)                     rounds; in each round every configuration runs once, the order rotating
#   BASE_CLASSES=DIR:DIR (optional)        an older build's core and optim classes, run as one more configuration
#                                          (the first JDK, with the module), to compare a change against
# Every JDK runs twice per round: with --add-modules jdk.incubator.vector and without. Each run:
#   - the Fashion-MNIST tutorial example (examples jar, a fresh JVM): the training time it prints, its accuracy;
#   - CpuPerStep mlp: backprop4j's warmed-up CPU time per step of the 784-256-10 MLP (FLOAT, batch 128,
#     one thread: -Dbackprop4j.blas.threads=1, OMP_NUM_THREADS=1), and its wall time per step.
# OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE and JDK_JAVA_OPTIONS are unset for every run. Needs
# `mvn -q -B -Pbench package -DskipTests` and the Fashion-MNIST files (dataset-fashion-mnist) first.
set -euo pipefail
runs=${RUNS:-3}
[ $# -ge 1 ] || { echo "usage: $0 JDK_HOME..." >&2; exit 2; }
cd "$(dirname "$0")/.."
out=target/simd-jdks
mkdir -p "$out"
[ -f examples/target/backprop4j-examples.jar ] || { echo "run mvn -q -B -Pbench package -DskipTests first" >&2; exit 2; }
mvn -q -B -Pbench -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
# this build's classes, never an installed snapshot of backprop4j
bench_cp="$(tr ':' '\n' < benchmarks/target/bench.classpath | grep -v '/org/backprop4j/' | paste -sd:)"
bench_cp="core/target/classes:layers/target/classes:optim/target/classes:examples/target/classes:benchmarks/target/classes:$bench_cp"
configs=()
for jdk in "$@"; do
  configs+=("$jdk|module" "$jdk|none")
done
[ -z "${BASE_CLASSES:-}" ] || configs+=("$1|base")
table=$out/rounds.tsv
printf 'round\tconfig\tfashion_train_s\tfashion_acc\tmlp_cpu_us\tmlp_wall_us\tload1\n' > "$table"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), family $(lscpu | sed -n 's/^CPU family: *//p') model $(lscpu | sed -n 's/^Model: *//p'), $(nproc) CPUs"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
n=${#configs[@]}
for round in $(seq 1 "$runs"); do
  for k in $(seq 0 $((n - 1))); do
    config=${configs[$(((k + round - 1) % n))]}
    jdk=${config%%|*}
    kind=${config##*|}
    flags=()
    prefix=""
    case "$kind" in
      module) flags=(--add-modules jdk.incubator.vector) ;;
      base) flags=(--add-modules jdk.incubator.vector); prefix="$BASE_CLASSES:" ;;
    esac
    version=$("$jdk/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')
    label="$version/$kind"
    load=$(cut -d' ' -f1 /proc/loadavg)
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE -u JDK_JAVA_OPTIONS "$jdk/bin/java" "${flags[@]}" \
        -cp "${prefix}examples/target/backprop4j-examples.jar" org.backprop4j.examples.Launcher fashion \
        > "$out/fashion.out" 2>&1 || { cat "$out/fashion.out"; exit 1; }
    train=$(sed -n 's/^Training took \([0-9.]*\) s.*/\1/p' "$out/fashion.out")
    acc=$(sed -n 's/^test accuracy: \([0-9.]*\).*/\1/p' "$out/fashion.out")
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE -u JDK_JAVA_OPTIONS OMP_NUM_THREADS=1 "$jdk/bin/java" "${flags[@]}" \
        -Dorg.nd4j.log.initialization=false -Dbackprop4j.blas.threads=1 -cp "${prefix}$bench_cp" org.backprop4j.benchmarks.CpuPerStep mlp \
        --rounds 9 > "$out/mlp.out" 2>&1 || { cat "$out/mlp.out"; exit 1; }
    cpu=$(sed -n 's/^backprop4j CPU us\/step: \([0-9.]*\).*/\1/p' "$out/mlp.out")
    wall=$(sed -n 's/^backprop4j CPU us\/step: .*wall us\/step: \([0-9.]*\).*/\1/p' "$out/mlp.out")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$label" "$train" "$acc" "$cpu" "$wall" "$load" >> "$table"
    tail -1 "$table"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians over $runs rounds [min-max]:"
printf 'config\tfashion_train_s\tmlp_cpu_us\tmlp_wall_us\n'
for label in $(tail -n +2 "$table" | cut -f2 | sort -u); do
  line="$label"
  for column in 3 5 6; do
    line="$line	$(awk -F'\t' -v l="$label" -v c="$column" '$2 == l { print $c }' "$table" | sort -g \
        | awk '{ v[NR] = $1 } END { m = (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2); print m " [" v[1] "-" v[NR] "]" }')"
  done
  echo "$line"
done
