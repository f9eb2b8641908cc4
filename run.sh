#!/usr/bin/env bash
# Starts the whole notifier in the foreground; Ctrl-C stops all of it.
#
#   ./run.sh                   embedded defaults: H2 files under .data/embedded (fresh each run) and an
#                              in-process Temporal on 127.0.0.1:7233; pay-api :8081, account-api :8082
#   ./run.sh dev               the real stack: MariaDB (scripts/mariadb.sh) and the Temporal dev server
#                              with its Web UI on http://localhost:8233 (temporal-dev/dev-server.sh)
#   ./run.sh stop <service>    from another terminal: stop account-api (or pay-api) of a running run
#   ./run.sh start <service>   ... and start it again; its log joins the running one's
#
# NOTIFY_SKIP_BUILD=1 uses the jars as they are (the end-to-end test of this script does).
# The notifier's settings come from the environment, e.g. a seconds-scale schedule for a demo:
#   NOTIFY_RETRY_INTERVALS=5s,10s,20s NOTIFY_WINDOW=2m NOTIFY_RECONCILE_AFTER=30s ./run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

RUN="$DATA/run"
VERSION=0.1.0-SNAPSHOT
SERVICES=(temporal account-api pay-api)

jar_of() {
  case "$1" in
    temporal) echo "$ROOT/temporal-dev/target/temporal-dev-$VERSION-exec.jar" ;;
    *) echo "$ROOT/$1/target/$1-$VERSION-exec.jar" ;;
  esac
}

port_of() {
  case "$1" in
    temporal) echo 7233 ;;
    pay-api) echo 8081 ;;
    account-api) echo 8082 ;;
    *) die "unknown service '$1' (services: ${SERVICES[*]})" ;;
  esac
}

pid_of() { cat "$RUN/$1.pid" 2>/dev/null || true; }
running() { local pid; pid=$(pid_of "$1"); [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

# Starts one service in the background, its output appended to .data/run/<service>.log.
start_service() {
  local name=$1 mode
  mode=$(cat "$RUN/mode")
  running "$name" && die "$name is already running (pid $(pid_of "$name"))"
  local args=(-XX:+ExitOnOutOfMemoryError)
  # gRPC's Netty and protobuf use sun.misc.Unsafe and native code; JDK 24+ would warn at each start.
  if (($(java_major "$JAVA_HOME") >= 24)); then
    args+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
  fi
  args+=(-jar "$(jar_of "$name")")
  if [[ "$name" != temporal ]]; then
    args+=("--notify.data-dir=$DATA/embedded")
    [[ "$mode" == dev ]] && args+=(--spring.profiles.active=mysql)
  fi
  (cd "$ROOT" && exec setsid java "${args[@]}" >>"$RUN/$name.log" 2>&1) &
  echo $! >"$RUN/$name.pid"
}

stop_service() {
  local name=$1 pid
  pid=$(pid_of "$name")
  running "$name" || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN/$name.pid"
}

await_port() { # waits until the service listens (temporal) or reports ready (the Spring Boot ones)
  local name=$1 port
  port=$(port_of "$name")
  for _ in $(seq 1 600); do
    running "$name" || die "$name exited during start; see $RUN/$name.log"
    if [[ "$name" == temporal ]]; then
      listening "$port" && return
    else
      curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && return
    fi
    sleep 0.1
  done
  die "$name did not become ready on port $port within 60 s; see $RUN/$name.log"
}

check_port_free() {
  local port
  port=$(port_of "$1")
  if listening "$port"; then
    die "port $port ($1) is taken: another run, or something else, is listening there (stop it first)"
  fi
}

# Shows every service's log as it grows, each line prefixed with its service's name.
follow_logs() {
  local colour=31 name
  for name in "$@"; do
    colour=$((colour + 1))
    tail -n +1 -F "$RUN/$name.log" 2>/dev/null |
      sed -u "s/^/$(printf '\033[%sm' "$colour")$(printf '%-12s' "$name")$(printf '\033[0m') /" &
  done
}

shutdown() {
  trap - INT TERM EXIT
  echo
  say "Stopping"
  for name in pay-api account-api temporal; do stop_service "$name"; done
  if [[ -f "$RUN/started-dev-server" ]]; then "$ROOT/temporal-dev/dev-server.sh" down; fi
  rm -f "$RUN/mode" "$RUN/started-dev-server"
  kill $(jobs -p) 2>/dev/null || true
}

banner() {
  cat <<EOF

$(say "Ready: pay-api http://127.0.0.1:8081 · account-api http://127.0.0.1:8082 · Temporal 127.0.0.1:7233$1")

  # recharge account 1 (张三); the notification credits it within a second
  curl -s -XPOST localhost:8081/api/recharges -H 'Content-Type: application/json' -d '{"accountNo":"1","amount":"100.00"}'
  curl -s localhost:8082/api/accounts/1
  # the notification's story, and the query (check) interface
  curl -s localhost:8081/api/recharges/<txNo>/notification
  curl -s localhost:8081/api/recharges/<txNo>
  # a duplicate notification is acknowledged, not credited twice
  curl -s -XPOST localhost:8082/api/notifications -H 'Content-Type: application/json' \\
       -d '{"txNo":"<txNo>","accountNo":"1","amount":"100.00","result":"success"}'
  # the receiver goes away and comes back (from another terminal)
  ./run.sh stop account-api      ./run.sh start account-api

Ctrl-C stops everything.
EOF
}

run() {
  local mode=$1 services=("${SERVICES[@]}") ui=""
  setup_build
  mkdir -p "$RUN"
  [[ -f "$RUN/mode" ]] && running pay-api && die "a run is already going (./run.sh stop pay-api ... or Ctrl-C it)"
  if [[ "$mode" == dev ]]; then services=(account-api pay-api); fi
  for name in "${services[@]}"; do check_port_free "$name"; done

  if [[ -z "${NOTIFY_SKIP_BUILD:-}" ]]; then
    say "Building (mvn package, tests skipped; ./test.sh runs them)"
    mvn -B -q -f "$ROOT/pom.xml" package -DskipTests -Dspotless.check.skip=true
  fi
  for name in "${services[@]}"; do
    [[ -f "$(jar_of "$name")" ]] || die "$(jar_of "$name") is missing: run ./run.sh without NOTIFY_SKIP_BUILD"
  done

  echo "$mode" >"$RUN/mode"
  trap shutdown EXIT
  trap 'exit 130' INT TERM
  for name in "${SERVICES[@]}"; do : >"$RUN/$name.log"; done
  if [[ "$mode" == dev ]]; then
    "$ROOT/scripts/mariadb.sh" ensure
    if ! listening 7233; then
      "$ROOT/temporal-dev/dev-server.sh" up
      touch "$RUN/started-dev-server"
    fi
    ui=" · Web UI http://localhost:8233"
  else
    rm -rf "$DATA/embedded" # the embedded Temporal keeps nothing, so neither do its databases
  fi
  follow_logs "${services[@]}"
  for name in "${services[@]}"; do
    start_service "$name"
    await_port "$name"
  done
  banner "$ui"
  # Runs until Ctrl-C, or until every service has ended; stopping one alone is part of the demo.
  while for name in "${services[@]}"; do running "$name" && break; false; done; do sleep 1; done
  say "every service has stopped; logs in $RUN"
}

case "${1:-}" in
  "") run embedded ;;
  dev) run dev ;;
  stop) stop_service "$(port_of "${2:?which service}" >/dev/null && echo "$2")" && say "$2 stopped" ;;
  start)
    [[ -f "$RUN/mode" ]] || die "no run is going: start one with ./run.sh"
    find_jdk
    start_service "$(port_of "${2:?which service}" >/dev/null && echo "$2")"
    await_port "$2"
    say "$2 started"
    ;;
  *) die "usage: ./run.sh [dev] | ./run.sh stop|start <service>" ;;
esac
