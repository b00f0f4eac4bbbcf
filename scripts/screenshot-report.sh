#!/usr/bin/env bash
# Regenerates docs/report.png, the screenshot in the README: builds accord, writes the HTML
# report of the embedded default scenario, and photographs its top 1280x2000 pixels with
# headless Chromium (Debian: apt-get update && apt-get install -y chromium).
#
# Usage: scripts/screenshot-report.sh [OUT.png]     (default: docs/report.png)
# Set ACCORD_CHROMIUM to use another Chromium or Chrome binary.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/report.png}"

chrome="${ACCORD_CHROMIUM:-}"
if [ -z "$chrome" ]; then
    for name in chromium chromium-browser google-chrome; do
        if command -v "$name" >/dev/null 2>&1; then
            chrome="$(command -v "$name")"
            break
        fi
    done
fi
if [ -z "$chrome" ]; then
    echo "error: Chromium not found" >&2
    echo "   = hint: apt-get update && apt-get install -y chromium, or set ACCORD_CHROMIUM" >&2
    exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$root"
cargo run --release --quiet -p accord-cli --bin accord -- report -o "$tmp/report.html"

# No network (the report loads nothing anyway), a throwaway profile, scale factor 1.
"$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --force-device-scale-factor=1 \
    --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$tmp/profile" \
    --window-size=1280,2000 \
    --screenshot="$tmp/report.png" \
    "file://$tmp/report.html" >/dev/null 2>"$tmp/chromium.log" || {
    cat "$tmp/chromium.log" >&2
    exit 1
}
if [ ! -s "$tmp/report.png" ]; then
    echo "error: Chromium wrote no screenshot" >&2
    cat "$tmp/chromium.log" >&2
    exit 1
fi
mkdir -p "$(dirname "$out")"
mv "$tmp/report.png" "$out"
echo "wrote $out"
