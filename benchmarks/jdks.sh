#!/usr/bin/env bash
# The same build under several JDKs. From the repository root:
#   benchmarks/jdks.sh JDK_HOME...    e.g. benchmarks/jdks.sh /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64
#   RUNS=N (default 3)                 rounds; in each round every JDK runs once, in turn
# For each JDK, each round:
#   - the XOR example from the packaged jar in a fresh JVM, as a user runs it (JVM start, ND4J, JIT,
#     5000 epochs, the table): wall seconds, CPU seconds of the whole process (all threads), and the
#     training time the example prints;
#   - CpuPerStep: backprop4j's warmed-up CPU time per step (training thread only, one ND4J/BLAS
#     thread) on XOR, the MLP in FLOAT and the MLP in DOUBLE: the figure a busy machine disturbs least.
# Then the median over the rounds of each figure, per JDK.
set -euo pipefail
runs=${RUNS:-3}
[ $# -ge 1 ] || { echo "usage: $0 JDK_HOME..." >&2; exit 2; }
cd "$(dirname "$0")/.."
mkdir -p target/jdks
mvn -q -B -Pbench package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="$(cat benchmarks/target/bench.classpath):benchmarks/target/classes"
table=target/jdks/rounds.tsv
printf 'round\tjdk\texample_wall_s\texample_cpu_s\texample_trained_s\txor_cpu_us\tmlp_float_cpu_us\tmlp_double_cpu_us\n' > "$table"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$runs"); do
  for jdk in "$@"; do
    version=$("$jdk/bin/java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')
    /usr/bin/time -f '%e %U %S' -o target/jdks/time.txt \
        "$jdk/bin/java" -jar examples/target/backprop4j-examples.jar xor > target/jdks/xor.out 2>&1
    grep -q '^Converged' target/jdks/xor.out || { cat target/jdks/xor.out; exit 1; }
    read -r wall user sys < target/jdks/time.txt
    trained=$(sed -n 's/^Trained in \([0-9.]*\) s.*/\1/p' target/jdks/xor.out)
    steps=$(OMP_NUM_THREADS=1 "$jdk/bin/java" -Dorg.nd4j.log.initialization=false -cp "$cp" \
        org.backprop4j.benchmarks.CpuPerStep xor mlp mlp-double --rounds 9 2>/dev/null \
        | sed -n 's/^backprop4j CPU us\/step: \([0-9.]*\) .*/\1/p' | tr '\n' '\t')
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$version" "$wall" "$(echo "$user $sys" | awk '{print $1 + $2}')" \
        "$trained" "${steps%$'\t'}" >> "$table"
    tail -1 "$table"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians over $runs rounds:"
head -1 "$table" | cut -f2-
for jdk in $(tail -n +2 "$table" | cut -f2 | sort -u); do
  line="$jdk"
  for column in 3 4 5 6 7 8; do
    line="$line	$(awk -F'\t' -v j="$jdk" -v c="$column" '$2 == j { print $c }' "$table" | sort -g \
        | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')"
  done
  echo "$line"
done
