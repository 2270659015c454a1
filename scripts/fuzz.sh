#!/usr/bin/env bash
# Fuzzes the readers of untrusted bytes with Jazzer (coverage-guided, libFuzzer-based):
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# each TARGET (default: every *FuzzTest class in examples/src/test/java/org/backprop4j/fuzz) for
# SECONDS (default 45), one after another, starting from the committed seeds
# (examples/src/test/resources/org/backprop4j/fuzz/<Target>Inputs/<method>/) and the corpus earlier
# runs grew (target/fuzz/<Target>/corpus). A finding (any exception other than the reader's
# documented IOException, an input raising the peak memory by more than the harness's cap, a
# process over RSS_LIMIT_MB, an input slower than TIMEOUT seconds) stops the run: the input is saved
# as target/fuzz/<Target>/crash-<sha1> and the script exits with an error. Copy such a file into
# the target's seed directory so that every `mvn test` replays it. The last lines of each target's
# log (target/fuzz/<Target>/log.txt) give its executions ("Done N runs in S second(s)").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-45}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then # every fuzz test class: a new target needs no change here
  for source in examples/src/test/java/org/backprop4j/fuzz/*FuzzTest.java; do
    targets+=("$(basename "$source" .java)")
  done
fi
rss_limit_mb="${RSS_LIMIT_MB:-2560}"
timeout_seconds="${TIMEOUT:-60}"
mkdir -p target/fuzz
mvn -q -B test-compile dependency:build-classpath -pl examples -am -Dmdep.includeScope=test \
    -Dmdep.outputFile="$root/target/fuzz/classpath" >&2
classpath="$(cat target/fuzz/classpath):$root/examples/target/test-classes:$root/examples/target/classes"
status=0
for target in "${targets[@]}"; do
  class="org.backprop4j.fuzz.$target"
  seeds=("$root"/examples/src/test/resources/org/backprop4j/fuzz/"$target"Inputs/*)
  method="$(basename "${seeds[0]}")"
  work="$root/target/fuzz/$target"
  mkdir -p "$work/corpus"
  echo "== fuzzing $target.$method for $seconds s (RSS limit $rss_limit_mb MB, $timeout_seconds s per input)"
  if (cd "$work" && java -cp "$classpath" -Xmx1g -Xss4m -Dorg.bytedeco.javacpp.maxbytes=1g \
        -Dorg.nd4j.log.initialization=false --add-modules jdk.incubator.vector \
        com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
        --instrumentation_includes='org.backprop4j.**' \
        -max_total_time="$seconds" -rss_limit_mb="$rss_limit_mb" -timeout="$timeout_seconds" \
        -print_final_stats=1 "$work/corpus" "${seeds[0]}" > "$work/log.txt" 2>&1); then
    grep -E '^Done [0-9]+ runs' "$work/log.txt" || true
  else
    status=1
    echo "FINDING in $target (log: $work/log.txt):"
    grep -A12 -E '== Java Exception|ERROR: libFuzzer|==[0-9]+== ERROR' "$work/log.txt" | head -30 || tail -30 "$work/log.txt"
  fi
done
exit $status
