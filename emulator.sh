#!/usr/bin/env bash
# The local Tencent OCR emulator on its own (reads text for real; see docs/emulator.md): builds nifi-ocr-emulator
# when its jar is missing or older than its sources, then runs it on loopback and prints endpoint, Secret ID/Key and
# public keys. Usage: ./emulator.sh [PORT] [--examples]   PORT defaults to 9443; --examples answers every Action
# with Tencent's documented example instead of reading the image.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/jdk.sh
jar=nifi-ocr-emulator/target/nifi-ocr-emulator.jar
if [[ ! -f $jar || -n $(find nifi-ocr-emulator/pom.xml nifi-ocr-emulator/src/main -newer "$jar" -print -quit) ]]; then
  echo "Building nifi-ocr-emulator (JAVA_HOME=$JAVA_HOME)..." >&2
  ./mvnw -B -q -ntp -pl nifi-ocr-emulator package -DskipTests
fi
exec java -jar "$jar" "$@"
