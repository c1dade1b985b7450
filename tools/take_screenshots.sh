#!/usr/bin/env bash
# Screenshots of the real NiFi 2.3.0 UI for README: the folder-to-text example flow on the canvas after a run, and
# InvokeTencentOCR's configuration dialog. Starts the rig NiFi (plain HTTP on a free loopback port) with the local
# emulator through dev.nifiocr.rig.ScreenshotRig, imports and runs the flow, shoots with headless Chromium (Debian's
# package: apt-get install -y chromium), stops everything it started. Writes docs/*.png.
# Run from the repository root: bash tools/take_screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
command -v chromium >/dev/null || { echo "needs Debian's chromium: apt-get update && apt-get install -y chromium" >&2; exit 1; }

work=$(mktemp -d)
trap 'touch "$work/stop"; [ -n "${rig:-}" ] && wait "$rig" 2>/dev/null; rm -rf "$work"' EXIT

echo "Building the bundle and the rig (offline)..."
./mvnw -B -o -q -pl nifi-ocr-integration-tests -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=runtime >/dev/null
java -cp "nifi-ocr-integration-tests/target/classes:$(cat "$work/classpath")" dev.nifiocr.rig.ScreenshotRig "$PWD" "$work/rig" \
  >"$work/rig.log" 2>&1 &
rig=$!
for _ in $(seq 1 360); do
  grep -q '^READY ' "$work/rig.log" && break
  kill -0 "$rig" 2>/dev/null || { cat "$work/rig.log" >&2; exit 1; }
  sleep 1
done
read -r _ base group invoke < <(grep '^READY ' "$work/rig.log")
echo "NiFi at $base; flow group $group"
sleep 20   # let the flow run over the samples, so the canvas shows counts

shoot() {  # shoot <file> <url> <width> <height>
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/chromium-$1" --hide-scrollbars \
    --window-size="$3,$4" --virtual-time-budget=20000 --screenshot="docs/$1" "$2" >/dev/null 2>&1
  echo "docs/$1: $(stat -c %s "docs/$1") bytes"
}
mkdir -p docs
shoot example-flow.png "$base/#/process-groups/$group" 1600 1000
shoot invoke-tencent-ocr-properties.png "$base/#/process-groups/$group/Processor/$invoke/edit" 1600 1000
