#!/usr/bin/env bash
# Builds Tollgate and starts the demo: a gateway runtime, sample upstream services, a traffic
# generator and the console, already connected, all in one JVM. Closing the console stops it all.
# Arguments go to the demo, e.g. ./demo.sh --help
set -euo pipefail

cd "$(dirname "$0")"
source scripts/jdk-env.sh
tollgate_use_jdk25

echo "Building the demo; the first run downloads Maven and the dependencies ..."
./mvnw -q -B -DskipTests -pl demo -am package

classpath="demo/target/classes:$(cat demo/target/runtime-classpath.txt)"
# JavaFX loads its native libraries through restricted JNI calls; allowing them keeps JDK 25 from
# printing a warning for each.
# The runtime's and the console's jars each bring a logback.xml; the demo uses its own.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -Dlogback.configurationFile=demo/target/classes/demo-logback.xml \
  -cp "$classpath" dev.tollgate.demo.Demo "$@"
