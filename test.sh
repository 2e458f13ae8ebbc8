#!/usr/bin/env bash
# Builds Tollgate and runs every test, the JavaFX UI tests included.
#
# The UI tests need a display. Without DISPLAY they run under a virtual X server when xvfb-run is
# installed. With neither, they skip themselves and the rest of the suite still runs.
# Extra arguments go to Maven, e.g. ./test.sh -pl shared-model
set -euo pipefail

cd "$(dirname "$0")"
source scripts/jdk-env.sh
tollgate_use_jdk25

maven=(./mvnw -B verify "$@")

if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null; then
  # xvfb-run's default screen has 8-bit colour; the console's screenshots need 24 bits.
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "${maven[@]}"
fi
if [[ -z "${DISPLAY:-}" ]]; then
  echo "note: no DISPLAY and no xvfb-run; the JavaFX UI tests will be skipped." >&2
fi
exec "${maven[@]}"
