#!/usr/bin/env bash
# "Does it work on a new user's machine?" in one command, before you push.
#
# Clones the committed HEAD into a temporary folder and runs the README's two set-up commands there,
# in both orders, with a local Maven repository that holds every third-party artifact you already
# have (hard links, so nothing is downloaded twice) but no org.backprop4j artifact, as on a machine
# that never ran `mvn install`. A module that needs an installed backprop4j snapshot fails here.
#
#   scripts/new-machine-check.sh            # from the repository root; uncommitted changes are not seen
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
# Maven's -q output still carries colour codes: strip them
own="$(cd "$repo" && mvn -q -B help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g')"
[ -n "$own" ] || own="$HOME/.m2/repository"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git clone -q "$repo" "$work/clone"
# shared/ sits beside the project (tests read ../shared/data)
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"
mkdir "$work/m2"
if [ -d "$own" ]; then
  cp -al "$own/." "$work/m2/" 2>/dev/null || cp -a "$own/." "$work/m2/"
fi
rm -rf "$work/m2/org/backprop4j"

cd "$work/clone"
m2=(-Dmaven.repo.local="$work/m2")
echo "== new machine: mvn -q compile exec:java -Dexec.args=xor"
mvn -q "${m2[@]}" compile exec:java -Dexec.args=xor | tail -2
echo "== new machine: mvn -B test"
mvn -B "${m2[@]}" test | grep -E 'Tests run:|BUILD' | tail -2
echo "== new machine, the other order (after a clean): mvn -B test, then the XOR command"
mvn -q "${m2[@]}" clean
mvn -B "${m2[@]}" test | grep -E 'BUILD' | tail -1
mvn -q "${m2[@]}" compile exec:java -Dexec.args=xor | tail -1
[ ! -d "$work/m2/org/backprop4j" ] || { echo "a README command installed org.backprop4j artifacts" >&2; exit 1; }
echo "works on a new machine: both README commands, in both orders, with no org.backprop4j artifact installed"
