#!/usr/bin/env bash
# Builds the distributable packages; run by `./mvnw -Ppackage -DskipTests package`, which first
# builds the runtime's shaded jar and copies the console's jars to target/console-input.
#
# Output in packaging/target:
#   tollgate-runtime-VERSION-linux-x64.tar.gz   jlink runtime image + tollgate.jar + launcher +
#                                               systemd unit, unpacked to /opt/tollgate
#   tollgate-console/                           jpackage app-image of the console
#   tollgate-console_VERSION_amd64.deb          jpackage .deb of the console, when dpkg-deb and
#                                               fakeroot are installed
set -euo pipefail

: "${VERSION:?VERSION must be set to the project version}"
: "${JAVA_HOME:?JAVA_HOME must point at the JDK 25 that builds the packages}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="$here/target"
runtime_jar="$root/gateway-runtime/target/tollgate.jar"
console_input="$target/console-input"
# jpackage wants a numeric version: 0.1.0-SNAPSHOT becomes 0.1.0.
numeric_version="${VERSION%%-*}"

if [[ ! -f "$runtime_jar" ]]; then
  echo "error: $runtime_jar is missing; build with ./mvnw -Ppackage -DskipTests package" >&2
  exit 1
fi

build_runtime_archive() {
  local image="$target/runtime-image/tollgate"
  rm -rf "$target/runtime-image"
  mkdir -p "$image/bin" "$image/lib" "$image/systemd"

  # jdeps finds the modules the shaded jar links against. Some are reached only by reflection or
  # service loading, so they are added by hand: JMX for JVM metrics, DNS naming for the Redis
  # client, elliptic-curve TLS, and the Unsafe in jdk.unsupported that Caffeine and Netty use.
  local modules
  modules="$("$JAVA_HOME/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps "$runtime_jar")"
  modules="$modules,java.management,jdk.management,java.naming,jdk.naming.dns,jdk.crypto.ec,jdk.unsupported,jdk.zipfs"
  echo "jlink modules: $modules"

  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress zip-6 --output "$image/runtime"

  cp "$runtime_jar" "$image/lib/tollgate.jar"
  install -m 755 "$here/runtime/tollgate" "$image/bin/tollgate"
  install -m 644 "$here/runtime/tollgate.service" "$image/systemd/tollgate.service"
  install -m 644 "$here/runtime/tollgate.sysusers.conf" "$image/systemd/tollgate.sysusers.conf"

  "$image/bin/tollgate" --help > /dev/null
  tar -C "$target/runtime-image" -czf "$target/tollgate-runtime-$VERSION-linux-x64.tar.gz" tollgate
  echo "built $target/tollgate-runtime-$VERSION-linux-x64.tar.gz"
}

# JDK modules of the console's Java runtime. The console runs from the class path, so jdeps cannot
# follow the module descriptors of the JavaFX, Jackson and OkHttp jars. This list is what those
# jars use: AWT and Swing interop (java.desktop), logging and JMX for Logback, XML for Logback's
# config and the WebView, the Unsafe in jdk.unsupported, and TLS with elliptic curves.
CONSOLE_MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.sql,java.xml,jdk.xml.dom,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.zipfs

build_console() {
  local main_jar
  main_jar="$(cd "$console_input" && ls console-app-*.jar)"
  local common=(
    --input "$console_input"
    --main-jar "$main_jar"
    --main-class dev.tollgate.console.app.ConsoleLauncher
    --name tollgate-console
    --app-version "$numeric_version"
    --vendor Tollgate
    --description "Desktop console for Tollgate API gateways"
    --icon "$root/icons/tollgate-256.png"
    --java-options "--enable-native-access=ALL-UNNAMED"
    --add-modules "$CONSOLE_MODULES"
    --jlink-options "--strip-debug --no-man-pages --no-header-files --compress zip-6"
  )

  rm -rf "$target/tollgate-console"
  "$JAVA_HOME/bin/jpackage" --type app-image --dest "$target" "${common[@]}"
  echo "built $target/tollgate-console"

  if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    rm -f "$target"/tollgate-console_*.deb
    "$JAVA_HOME/bin/jpackage" --type deb --dest "$target" "${common[@]}" \
      --linux-shortcut --linux-menu-group Network --linux-app-category net
    echo "built $(ls "$target"/tollgate-console_*.deb)"
  else
    echo "note: dpkg-deb or fakeroot not found; skipped the console .deb (apt-get install fakeroot)" >&2
  fi
}

build_runtime_archive
build_console
