#!/usr/bin/env bash
# Pictures: what a reader downloads and what making the copies costs, side by side in one run.
#   1. The demo home page in headless Chromium at 360 and 1366 px (scrolled to the end, so every
#      lazy picture loads): bytes of pictures fetched, against the originals those pictures are
#      copies of (what the page cost before copies existed).
#   2. `nashra media regenerate` on the demo's 8 photos (1280–1600 px), a few rounds: seconds per
#      picture (one libvips process per copy: 9 or 11 each).
# libvips does the work in its own processes, so the debug binary `scripts/test` builds is used.
#
# Usage: bench/pictures.sh [rounds=3]   Writes bench/results/pictures.md
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
export PATH="/opt/swift/usr/bin:$PATH"
swift build --product nashra 2>&1 | tail -1
command -v vips > /dev/null || { echo "libvips-tools is missing: apt-get install libvips-tools" >&2; exit 1; }
python3 bench/pictures.py .build/debug/nashra "$rounds" | tee bench/results/pictures.md
