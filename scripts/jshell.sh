#!/usr/bin/env bash
# JShell with backprop4j on the class path. From the root of a clone:
#   scripts/jshell.sh             an interactive session with backprop4j's packages and Nd4j imported
#   scripts/jshell.sh FILE.jsh    the same, running FILE first (end it with /exit to leave)
# It compiles the project (downloading ND4J on a first run) and asks Maven for the class path of
# the examples module: core, layers, optim, ND4J, and Logback with the examples' quiet logback.xml.
# JShell options can follow, e.g. scripts/jshell.sh --feedback concise.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# each module writes its own target/jshell.classpath; the examples module's holds everything
mvn -q -B compile dependency:build-classpath -pl examples -am -Dmdep.outputFile=target/jshell.classpath >&2
classpath="$(cat examples/target/jshell.classpath)"
for module in core layers optim examples; do
  case ":$classpath:" in
    *":$root/$module/target/classes:"*) ;;
    *) classpath="$classpath:$root/$module/target/classes" ;;
  esac
done
exec jshell --class-path "$classpath" -R-Dorg.nd4j.log.initialization=false \
    --startup DEFAULT --startup "$root/scripts/backprop4j.jsh" "$@"
