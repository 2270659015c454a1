#!/usr/bin/env bash
# Start-up of the XOR example in fresh JVMs. From the repository root:
#   benchmarks/startup.sh [runs]        (default 5 runs)
# For each run it prints the wall time of `java -cp ... org.backprop4j.examples.Xor` (everything:
# JVM, ND4J, training, predictions, exit) and, from a second fresh JVM, the phases StartUp measures:
# JVM start to main, ND4J initialisation, the example itself.
set -euo pipefail
runs=${1:-5}
cd "$(dirname "$0")/.."
mkdir -p target
# the examples' class path (core, layers, optim, ND4J, Logback); then StartUp's classes
mvn -q -B compile dependency:build-classpath -pl examples -am -Dmdep.outputFile="$PWD/target/examples.cp" >/dev/null
mvn -q -B -Pbench compile -pl benchmarks -am >/dev/null
cp="$(cat target/examples.cp):examples/target/classes:core/target/classes:layers/target/classes:optim/target/classes"
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  java --add-modules jdk.incubator.vector -Dorg.nd4j.log.initialization=false -cp "$cp" org.backprop4j.examples.Xor > target/xor-startup.out 2>&1
  end=$(date +%s%N)
  if grep -q "^Converged" target/xor-startup.out; then converged=converged; else converged="NOT converged"; fi
  phases=$(java --add-modules jdk.incubator.vector -Dorg.nd4j.log.initialization=false -cp "$cp:benchmarks/target/classes" \
      org.backprop4j.benchmarks.StartUp org.backprop4j.examples.Xor 2>/dev/null | tail -1)
  printf 'run %d: java ... Xor: %d ms wall, %s | %s\n' "$i" $(( (end - start) / 1000000 )) "$converged" "$phases"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
