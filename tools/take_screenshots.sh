#!/usr/bin/env bash
# Screenshots of the real NiFi 2.3.0 UI for README: the folder-to-text example flow on the canvas after a run,
# InvokeTencentOCR's configuration dialog, its OCR Action list opened, and the client service with static keys. Starts the rig NiFi (plain HTTP on a free loopback port) with the local
# emulator through dev.nifiocr.rig.ScreenshotRig, imports and runs the flow, shoots with headless Chromium (Debian's
# package: apt-get install -y chromium) driven by playwright-core (tools/screenshots.mjs, installed from npm into a
# temporary folder), stops everything it started. Writes docs/*.png.
# Run from the repository root: bash tools/take_screenshots.sh
# With --measure it takes no screenshot: tools/measure_select.mjs measures the property select for the OCR Action labels
# and writes tools/reference/nifi-select.json instead.
set -euo pipefail
measure=false; [ "${1:-}" = "--measure" ] && measure=true
cd "$(dirname "$0")/.."
source .ci/jdk.sh
command -v chromium >/dev/null || { echo "needs Debian's chromium: apt-get update && apt-get install -y chromium" >&2; exit 1; }

work=$(mktemp -d)
trap 'touch "$work/rig/stop"; [ -n "${rig:-}" ] && wait "$rig" 2>/dev/null; rm -rf "$work"' EXIT

echo "Building the bundle and the rig (offline)..."
./mvnw -B -o -q -pl nifi-ocr-integration-tests -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=runtime >/dev/null
mkdir -p "$work/rig"
touch "$work/rig.log"
java -cp "nifi-ocr-integration-tests/target/classes:$(cat "$work/classpath")" dev.nifiocr.rig.ScreenshotRig "$PWD" "$work/rig" \
  >"$work/rig.log" 2>&1 &
rig=$!
for _ in $(seq 1 360); do
  grep -q '^READY ' "$work/rig.log" && break
  kill -0 "$rig" 2>/dev/null || { cat "$work/rig.log" >&2; exit 1; }
  sleep 1
done
read -r _ base group invoke service < <(grep '^READY ' "$work/rig.log")
echo "NiFi at $base; flow group $group"
sleep 20   # let the flow run over the samples, so the canvas shows counts

echo "Installing playwright-core (npm) to drive Chromium..."
npm install --prefix "$work/node" --no-audit --no-fund --silent playwright-core@1 >/dev/null
cp tools/screenshots.mjs tools/measure_select.mjs "$work/node/"
if $measure; then
  node "$work/node/measure_select.mjs" "$base" "$group" "$invoke" "$PWD/tools/reference/nifi-select.json"
  exit 0
fi
mkdir -p docs
node "$work/node/screenshots.mjs" "$base" "$group" "$invoke" "$PWD/docs" "$service"
ls -l docs/*.png
