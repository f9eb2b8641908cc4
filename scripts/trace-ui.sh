#!/usr/bin/env bash
# The trace UI of ./run.sh dev and ./run.sh cluster: Zipkin, whose server's executable jar from
# Maven Central (io.zipkin:zipkin-server, exec) carries its UI, and the relay that takes the
# services' OTLP over HTTP and hands the spans to it (trace-ui/, OtlpZipkinRelay): the services
# export OTLP as to any collector. Why Zipkin and a relay: docs/deployment.md, Tracing.
#
#   scripts/trace-ui.sh [ensure]   download Zipkin into .tools once (with Maven); print its path
#   scripts/trace-ui.sh install    the same
#   scripts/trace-ui.sh up         start Zipkin and the relay in the background and wait until both
#                                  serve; parts already running stay as they are
#   scripts/trace-ui.sh down       stop both (the spans go with them: Zipkin keeps them in memory)
#   scripts/trace-ui.sh status     one line per process; exit 1 if either is stopped
#   scripts/trace-ui.sh env        the `export` line that points the services at the relay
#
# Ports, on 127.0.0.1: Zipkin's UI and API 9411 (TRACE_UI_PORT; the UI at
# http://localhost:9411/zipkin/), the relay's OTLP/HTTP 4318 (TRACE_OTLP_PORT, /v1/traces).
# Files: .data/trace-ui/{zipkin,relay}.{log,pid}. The relay's jar is built by Maven with the rest
# (mvn package; ./run.sh builds it), TRACE_RELAY_JAR names another.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ZIPKIN_VERSION=3.6.1
ZIPKIN_DIR="$TOOLS/zipkin-$ZIPKIN_VERSION"
ZIPKIN_JAR="$ZIPKIN_DIR/zipkin-server-$ZIPKIN_VERSION-exec.jar"
RELAY_JAR="${TRACE_RELAY_JAR:-$ROOT/trace-ui/target/trace-ui-0.1.0-SNAPSHOT-exec.jar}"
UI_PORT="${TRACE_UI_PORT:-9411}"
OTLP_PORT="${TRACE_OTLP_PORT:-4318}"
HERE="$DATA/trace-ui"
STOP_SECONDS=15
# A dev tool's memory: Zipkin keeps at most this many spans (about 15 a recharge), oldest dropped.
MAX_SPANS=200000

rel() { echo "${1#"$ROOT"/}"; }

installed() { [[ -s "$ZIPKIN_JAR" ]]; }

install() {
  setup_build
  mkdir -p "$ZIPKIN_DIR"
  say "Downloading Zipkin $ZIPKIN_VERSION (io.zipkin:zipkin-server, its executable jar, with Maven)" >&2
  local log="$ZIPKIN_DIR/install.log"
  mvn -B dependency:copy -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" \
    -DoutputDirectory="$ZIPKIN_DIR" >"$log" 2>&1 ||
    die "Maven could not fetch io.zipkin:zipkin-server:$ZIPKIN_VERSION:exec; the end of $(rel "$log") says:
$(tail -n 15 "$log")"
  # The UI is a jar inside the jar (zipkin-lens); without it Zipkin would serve its API alone.
  "$JAVA_HOME/bin/jar" tf "$ZIPKIN_JAR" | grep -q "BOOT-INF/lib/zipkin-lens-" ||
    die "$(rel "$ZIPKIN_JAR") has no zipkin-lens: it is not the Zipkin with its UI"
}

# One download at a time: test.sh and the end-to-end tests may ask together.
ensure() {
  mkdir -p "$TOOLS"
  exec 9>"$TOOLS/trace-ui-install.lock"
  flock 9
  installed || install
  echo "$ZIPKIN_JAR"
}

pid_of() { # the pid of a process of ours, by its jar on its command line
  local pid jar=$ZIPKIN_JAR
  [[ "$1" == relay ]] && jar=$RELAY_JAR
  pid=$(cat "$HERE/$1.pid" 2>/dev/null) || return 1
  [[ -n "$pid" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$jar" && echo "$pid"
}

running() { pid_of "$1" >/dev/null; }

serves() {
  case "$1" in
    zipkin) curl -fsS -o /dev/null "http://127.0.0.1:$UI_PORT/health" 2>/dev/null ;;
    relay) listening "$OTLP_PORT" ;;
  esac
}

start_process() {
  local name=$1 port=$UI_PORT command
  [[ "$name" == relay ]] && port=$OTLP_PORT
  listening "$port" && die "something else listens on 127.0.0.1:$port, which the trace UI's $name needs"
  local jvm=(-XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)
  # Zipkin's Netty and the relay's protobuf use sun.misc.Unsafe; JDK 24+ would warn at each start.
  if (($(java_major "$JAVA_HOME") >= 24)); then jvm+=(--sun-misc-unsafe-memory-access=allow); fi
  if [[ "$name" == zipkin ]]; then
    # Armeria's port list replaces Zipkin's own whole: every field of it, to listen on loopback only.
    command=("$JAVA_HOME/bin/java" -Xmx512m "${jvm[@]}"
      -jar "$ZIPKIN_JAR" "--armeria.ports[0].ip=127.0.0.1" "--armeria.ports[0].port=$UI_PORT"
      "--armeria.ports[0].protocols[0]=http")
  else
    [[ -f "$RELAY_JAR" ]] || die "$(rel "$RELAY_JAR") is missing: build it (mvn package -pl trace-ui -am; ./run.sh does)"
    command=("$JAVA_HOME/bin/java" -Xmx64m "${jvm[@]}" -jar "$RELAY_JAR"
      "127.0.0.1:$OTLP_PORT" "http://127.0.0.1:$UI_PORT")
  fi
  echo "=== $(date -u +%FT%TZ) starting $name" >>"$HERE/$name.log"
  (cd "$HERE" && MEM_MAX_SPANS=$MAX_SPANS exec setsid nohup "${command[@]}" </dev/null >>"$HERE/$name.log" 2>&1) &
  echo $! >"$HERE/$name.pid"
}

await() {
  local name=$1 i
  for ((i = 0; i < 240; i++)); do
    serves "$name" && return 0
    running "$name" || die "the trace UI's $name exited at once; the end of $(rel "$HERE/$name.log") says:
$(tail -n 15 "$HERE/$name.log")"
    sleep 0.5
  done
  die "the trace UI's $name did not come up within 120 s; see $(rel "$HERE/$name.log")"
}

stop_process() { # TERM, then KILL after STOP_SECONDS
  local name=$1 pid i
  pid=$(pid_of "$name") || { rm -f "$HERE/$name.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_SECONDS * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$HERE/$name.pid"; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$HERE/$name.pid"
}

up() {
  ensure >/dev/null
  find_jdk
  mkdir -p "$HERE"
  local name started=()
  for name in zipkin relay; do
    running "$name" && continue
    start_process "$name"
    started+=("$name")
  done
  for name in "${started[@]}"; do await "$name"; done
  say "Trace UI up: Zipkin http://localhost:$UI_PORT/zipkin/, taking OTLP at http://127.0.0.1:$OTLP_PORT/v1/traces"
}

down() {
  local name
  for name in relay zipkin; do
    running "$name" && { stop_process "$name"; echo "$name: stopped"; }
  done
  return 0
}

status() {
  local name pid stopped=0
  for name in zipkin relay; do
    if pid=$(pid_of "$name"); then echo "$name: running ($pid)"; else echo "$name: stopped"; stopped=1; fi
  done
  return "$stopped"
}

case "${1:-ensure}" in
  ensure | install) ensure ;;
  up) up ;;
  down) down ;;
  status) status ;;
  env) echo "export MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT=http://127.0.0.1:$OTLP_PORT/v1/traces" ;;
  *) die "usage: scripts/trace-ui.sh [ensure|install|up|down|status|env]" ;;
esac
