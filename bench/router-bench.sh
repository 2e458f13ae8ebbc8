#!/usr/bin/env bash
# Runs the route-matching JMH benchmark (RouterBenchmark) from the test classes.
#
# Usage: bench/router-bench.sh [JMH options]
#   Without options it runs 2 forks x 3 warm-up x 5 measured iterations of 1 s each. It adds
#   -prof gc for the bytes allocated per match and CpuTimeProfiler for the CPU time per match.
#   A busy machine distorts CPU time less than wall-clock time.
#   Options replace these defaults, for example: -f 1 -wi 1 -i 2 -p routeCount=10000
# Environment:
#   JAVA_HOME  the JDK to build and run with; defaults to /usr/lib/jvm/temurin-25-jdk-amd64 when present
#   MVN_FLAGS  extra Maven flags, for example -o to build offline
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT

# shellcheck disable=SC2086 # MVN_FLAGS holds several flags on purpose
./mvnw -B -q ${MVN_FLAGS:-} -pl gateway-runtime -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"

classpath="gateway-runtime/target/test-classes:gateway-runtime/target/classes:$(cat "$classpath_file")"
rm -f "$classpath_file"
trap - EXIT

if [[ $# -eq 0 ]]; then
    set -- -f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc -prof dev.tollgate.runtime.routing.bench.CpuTimeProfiler
fi
exec "$java" -cp "$classpath" org.openjdk.jmh.Main "$@" 'dev.tollgate.runtime.routing.bench.RouterBenchmark'
