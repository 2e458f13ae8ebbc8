#!/usr/bin/env bash
# Renders icons/tollgate.svg to PNGs at 16 to 512 px; packaging uses the 256 px one.
# Needs rsvg-convert (Debian package librsvg2-bin). The PNGs are committed, so the build does not
# need it; run this after changing the SVG.
set -euo pipefail

cd "$(dirname "$0")"
if ! command -v rsvg-convert >/dev/null; then
  echo "error: rsvg-convert not found; install it with: apt-get install librsvg2-bin" >&2
  exit 1
fi

for size in 16 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio \
    --output "tollgate-${size}.png" tollgate.svg
done
ls -l tollgate-*.png
