# Sourced by the root scripts: points JAVA_HOME at a JDK 25 or stops with a message saying how to
# get one. An existing JAVA_HOME wins when it already is a JDK 25 or newer.

TOLLGATE_DEFAULT_JDK=${TOLLGATE_DEFAULT_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}

# Prints the feature release (17, 25, ...) of the java launcher given as $1, or nothing.
tollgate_java_feature_version() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

tollgate_use_jdk25() {
  local version=""
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    version="$(tollgate_java_feature_version "$JAVA_HOME/bin/java")"
  fi
  if [[ -n "$version" && "$version" -ge 25 ]]; then
    return 0
  fi
  if [[ -x "$TOLLGATE_DEFAULT_JDK/bin/java" ]]; then
    export JAVA_HOME="$TOLLGATE_DEFAULT_JDK"
    return 0
  fi
  if [[ -z "${JAVA_HOME:-}" ]] && command -v java >/dev/null; then
    version="$(tollgate_java_feature_version "$(command -v java)")"
    if [[ -n "$version" && "$version" -ge 25 ]]; then
      return 0
    fi
  fi
  local found="no JDK"
  if [[ -n "$version" ]]; then
    found="Java $version"
  fi
  echo "error: Tollgate needs JDK 25, found $found." >&2
  echo "Install a JDK 25 (for example Temurin 25 at $TOLLGATE_DEFAULT_JDK)" >&2
  echo "or set JAVA_HOME to one, then run this command again." >&2
  return 1
}
