#!/usr/bin/env bash
# Prometheus and its promtool, for the alert rules shipped in docs/ops/alerts.yml: ./test.sh checks
# them and runs their unit tests (docs/ops/alerts.test.yml) with promtool, and system-tests' AlertsIT
# starts a Prometheus of its own that scrapes the services and evaluates them. Debian's package
# prometheus (2.42 on bookworm), which ships both binaries. Only installed: Debian's service is kept
# from starting (policy-rc.d) and stopped if it started anyway, so nothing is left on port 9090.
#
#   scripts/prometheus.sh [ensure]   install it with apt-get if missing; print prometheus's path
#   scripts/prometheus.sh install    the same
#   scripts/prometheus.sh status     print both paths and the version, or say it is missing (exit 1)
#
# PROMETHEUS and PROMTOOL name other binaries; the tests read -Dprometheus=….
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
PROMTOOL=${PROMTOOL:-/usr/bin/promtool}

present() { [[ -x "$PROMETHEUS" && -x "$PROMTOOL" ]]; }

version() { "$PROMETHEUS" --version 2>&1 | head -1; }

# Debian's prometheus service, if its postinst started it after all (an init system that ignores
# policy-rc.d): only the daemon the package runs as its user, never a Prometheus of a test.
stop_debians_service() {
  if command -v service >/dev/null; then service prometheus stop >/dev/null 2>&1 || true; fi
  local pid
  for pid in $(pgrep -u prometheus -x prometheus 2>/dev/null || true); do
    kill "$pid" 2>/dev/null || true
  done
}

install() {
  ((EUID == 0)) || die "Prometheus is missing ($PROMETHEUS, $PROMTOOL), and installing it needs root. Run:
       sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus
       then run scripts/prometheus.sh again."
  command -v apt-get >/dev/null || die "Prometheus is missing and there is no apt-get: install prometheus (with promtool) by hand
       (or point PROMETHEUS and PROMTOOL at them)."
  say "Installing Prometheus (Debian's prometheus, with promtool)" >&2
  # Debian starts a package's service when it installs it; CI must leave port 9090 free.
  local policy=/usr/sbin/policy-rc.d placed=""
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && placed=1
  fi
  local status=0
  # The lists may be missing or stale (a version no longer on the mirror): refresh once.
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null || status=$?
  fi
  [[ -n "$placed" ]] && rm -f "$policy"
  stop_debians_service
  ((status == 0)) || die "apt-get could not install prometheus"
  present || die "apt-get installed prometheus, but $PROMETHEUS or $PROMTOOL is still missing"
}

# One install at a time: test.sh and the end-to-end tests may ask together, and apt-get takes its
# own lock by failing, not by waiting.
ensure() {
  mkdir -p "$TOOLS"
  exec 9>"$TOOLS/prometheus-install.lock"
  flock 9
  present || install
  echo "$PROMETHEUS"
}

status() {
  if present; then
    echo "$(version) ($PROMETHEUS, $PROMTOOL)"
  else
    echo "Prometheus is missing ($PROMETHEUS, $PROMTOOL): run scripts/prometheus.sh ensure"
    return 1
  fi
}

case "${1:-ensure}" in
  ensure | install) ensure ;;
  status) status ;;
  *) die "usage: scripts/prometheus.sh [ensure|install|status]" ;;
esac
