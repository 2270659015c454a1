#!/usr/bin/env bash
# The tests that depend on the JDK's Vector API, run on another JDK than the one running Maven (e.g.
# Temurin 25 beside the JDK 17 build): Maven compiles with its own JDK (for Java 17), and surefire starts
# the test JVMs from JDK_HOME/bin/java, with jdk.incubator.vector (the default execution) and without it
# (core's and optim's "without-vector-module" executions). Covers the SIMD loops and their memory access
# (ByteBuffers on JDK 17-18, MemorySegments on 22+), the gates that hold them back until compiled, the
# warning when they are off, Adam's float loop,
# and the gradient checks and Keras references that train through them.
#   scripts/test-on-jdk.sh JDK_HOME      e.g. scripts/test-on-jdk.sh /usr/lib/jvm/temurin-25-jdk-amd64
set -euo pipefail
jdk=${1:?usage: $0 JDK_HOME}
cd "$(dirname "$0")/.."
"$jdk/bin/java" -version 2>&1 | head -1
tests='FastElementwiseTest,ElementwiseKernelsTest,SimdGateTest,BufferViewsTest,SimdNoticeTest,Adam*Test,KerasGoldenOptimizerTest,KerasParity*Test'
tests="$tests,LossGradientTest,*GradientCheckTest,KerasReferenceTrainingTest"
mvn -B -q -pl core,layers,optim,examples test -Djvm="$jdk/bin/java" -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false
echo "Vector API tests passed on $("$jdk/bin/java" -version 2>&1 | head -1)"
