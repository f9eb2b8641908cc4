#!/usr/bin/env bash
# Chromium and its ChromeDriver for the browser tests (system-tests' WebUiIT drives the Temporal Web
# UI through Selenium): Debian's packages chromium and chromium-driver, so that the tests use
# /usr/bin/chromium and /usr/bin/chromedriver of one version and download nothing when they run.
#
#   scripts/chromium.sh [ensure]   install both with apt-get if either is missing; print the versions
#   scripts/chromium.sh status     print the versions, or say what is missing (exit 1)
#
# CHROMIUM and CHROMEDRIVER name other binaries; the tests read the same variables.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

present() { [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; }

versions() {
  # Chromium reads no profile and starts no browser for --version.
  echo "Chromium: $("$CHROMIUM" --version 2>/dev/null) ($CHROMIUM)"
  echo "ChromeDriver: $("$CHROMEDRIVER" --version 2>/dev/null | cut -d' ' -f1-2) ($CHROMEDRIVER)"
}

install() {
  ((EUID == 0)) || die "Chromium or ChromeDriver is missing ($CHROMIUM, $CHROMEDRIVER), and installing them needs root. Run:
       sudo apt-get update && sudo apt-get install -y chromium chromium-driver
       then run scripts/chromium.sh again."
  command -v apt-get >/dev/null || die "Chromium is missing and there is no apt-get: install chromium and its chromedriver by hand
       (or point CHROMIUM and CHROMEDRIVER at them)."
  local packages=(chromium chromium-driver)
  # The lists may be missing or stale (a package version no longer on the mirror): refresh once.
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  fi
  present || die "apt-get installed ${packages[*]}, but $CHROMIUM or $CHROMEDRIVER is still missing"
}

ensure() {
  if present; then
    versions
  else
    say "Installing Chromium and ChromeDriver (Debian's chromium, chromium-driver)" >&2
    install
    versions
  fi
}

status() {
  if present; then
    versions
  else
    echo "Chromium or ChromeDriver is missing ($CHROMIUM, $CHROMEDRIVER): run scripts/chromium.sh ensure"
    return 1
  fi
}

case "${1:-ensure}" in
  ensure | status) "${1:-ensure}" ;;
  *) die "usage: scripts/chromium.sh [ensure|status]" ;;
esac
