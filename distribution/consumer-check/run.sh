#!/usr/bin/env bash
# Builds a project that depends on nothing but org.backprop4j:backprop4j, as a user's project would,
# in a temporary folder outside the repository, and checks that:
#   1. its class path holds ND4J's natives for this machine's platform and for no other platform;
#   2. the same project with its versions from backprop4j-bom resolves the same class path;
#   3. it trains XOR (the predictions round to 0 1 1 0).
# From the repository root:
#   distribution/consumer-check/run.sh              first installs the repository (mvn install -DskipTests)
#   distribution/consumer-check/run.sh --installed  uses what `mvn install` already put in the local repository
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
fixture="$repo/distribution/consumer-check"
fail() { echo "consumer check FAILED: $*" >&2; exit 1; }

# the classifier ND4J's POMs choose for this machine
sep=':'
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64)  platform=linux-x86_64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  Darwin-x86_64) platform=macosx-x86_64 ;;
  Darwin-arm64)  platform=macosx-arm64 ;;
  MINGW*-x86_64 | MSYS*-x86_64 | CYGWIN*-x86_64) platform=windows-x86_64; sep=';' ;;
  *) fail "no ND4J natives are known for $(uname -s)-$(uname -m)" ;;
esac

# one version everywhere: the parent, the BOM, the two consumer POMs
version=$(grep -A1 '<artifactId>backprop4j-parent</artifactId>' "$repo/pom.xml" | sed -n 's/.*<version>\(.*\)<\/version>.*/\1/p' | head -1)
for pom in distribution/bom/pom.xml distribution/consumer-check/pom.xml distribution/consumer-check/pom-bom.xml; do
  grep -q "<version>$version</version>" "$repo/$pom" || fail "$pom does not use version $version (the parent's)"
done

if [ "${1:-}" != "--installed" ]; then
  echo "== mvn install -DskipTests (the repository, so that the consumer can resolve backprop4j $version)"
  (cd "$repo" && mvn -B -q install -DskipTests)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R "$fixture/pom.xml" "$fixture/pom-bom.xml" "$fixture/src" "$work/"
cd "$work"
dependency=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
echo "== a project depending only on org.backprop4j:backprop4j:$version: compile, class path"
mvn -B -q compile "$dependency:build-classpath" -Dmdep.outputFile=classpath.txt
mvn -B -q -f pom-bom.xml "$dependency:build-classpath" -Dmdep.outputFile=classpath-bom.txt

tr "$sep" '\n' < classpath.txt | sort > jars.txt
tr "$sep" '\n' < classpath-bom.txt | sort > jars-bom.txt
cmp -s jars.txt jars-bom.txt || fail "with the BOM the class path differs: $(diff jars.txt jars-bom.txt | tr '\n' ' ')"
for artifact in backprop4j backprop4j-core backprop4j-layers backprop4j-optim; do
  grep -q "[/\\]$artifact-$version.jar$" jars.txt || fail "$artifact-$version.jar is not on the class path"
done
if grep -E -q '[/\\](nd4j-native|openblas|javacpp|mkl)-platform-[^/\\]*\.jar$' jars.txt; then
  fail "a -platform artifact (every platform's natives) is on the class path"
fi
natives=$(grep -E -- '-(linux|macosx|windows|android|ios)-[a-z0-9_]+(-[a-z0-9]+)?\.jar$' jars.txt | sed 's#.*[/\\]##')
foreign=$(echo "$natives" | grep -v -- "-$platform" || true)
[ -z "$foreign" ] || fail "natives of other platforms on the class path: $(echo $foreign)"
for artifact in nd4j-native nd4j-native-preset openblas javacpp; do
  echo "$natives" | grep -E -q "^$artifact-[0-9][^/]*-$platform\.jar$" || fail "no $artifact natives for $platform"
done
size=$(tr '\n' '\0' < jars.txt | xargs -0 du -ck | tail -1 | cut -f1)
echo "class path: $(wc -l < jars.txt) jars, $((size / 1024)) MB; natives, all $platform: $(echo $natives)"

echo "== java -cp ... org.example.Xor"
status=0
java -cp "target/classes$sep$(cat classpath.txt)" org.example.Xor > xor.out 2> xor.err || status=$?
sed 's/^/  stdout: /' xor.out
sed 's/^/  stderr: /' xor.err
[ "$status" -eq 0 ] || fail "XOR did not train (exit status $status)"
grep -q '^predictions round to 0 1 1 0$' xor.out || fail "unexpected output"
echo "consumer check passed"
