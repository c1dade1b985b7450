# Sourced by .ci/run and demo.sh: use JAVA_HOME if it is a JDK >= 21, else the newest JDK >= 21 installed.
java_major() {  # feature version of the JDK at $1 (17, 21, 25...), or 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1 | grep -E '^[0-9]+$' || echo 0
}
pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; then
    return 0
  fi
  local best="" bestv=0 d v
  for d in /usr/lib/jvm/*/ /opt/java/*/ /opt/*jdk*/; do
    d=${d%/}; [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d"); if [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  if [ "$bestv" -lt 21 ]; then
    echo "no JDK >= 21 found (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm, /opt)" >&2; exit 1
  fi
  export JAVA_HOME=$best
}
pick_jdk
export PATH="$JAVA_HOME/bin:$PATH"
