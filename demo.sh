#!/usr/bin/env bash
# The demo: builds the bundle, starts a real NiFi 2.3.0 with it and the local Tencent OCR emulator (which reads the
# images for real), OCRs samples/, writes the text to target/demo/ and prints it. With TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY set it calls
# Tencent Cloud instead (costs quota). Options: --once (exit after the results), -Dnifi.demo.port=PORT via DEMO_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")"
source .ci/jdk.sh
echo "Building (JAVA_HOME=$JAVA_HOME)..."
./mvnw -B -q -ntp install -DskipTests
classpath=$(./mvnw -B -q -ntp -pl nifi-ocr-integration-tests dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
exec java --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${DEMO_JAVA_OPTS:-} -Dnifi.ocr.repository="$PWD" -cp "nifi-ocr-integration-tests/target/classes:$classpath" dev.nifiocr.demo.Demo "$@"
