#!/usr/bin/env bash
# Builds Tollgate and starts the console on its own, to drive any runtime over its admin API.
# Connect from the console's Connections area, or at start:
#   TOLLGATE_URL=http://127.0.0.1:9090 TOLLGATE_TOKEN=... ./console.sh
# (--url and --token work too, but options are visible to other users in ps.)
set -euo pipefail

cd "$(dirname "$0")"
source scripts/jdk-env.sh
tollgate_use_jdk25

echo "Building the console ..."
# The demo module's class path file lists the console and its dependencies.
./mvnw -q -B -DskipTests -pl demo -am package

classpath="$(cat demo/target/runtime-classpath.txt)"
# That class path contains the logback.xml of both the runtime and the console; use the demo's config.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -Dlogback.configurationFile=demo/target/classes/demo-logback.xml \
  -cp "$classpath" dev.tollgate.console.app.ConsoleLauncher "$@"
