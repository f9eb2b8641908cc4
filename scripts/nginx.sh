#!/usr/bin/env bash
# nginx, the reverse proxy the end-to-end tests put in front of account-api as a gateway (with a
# base path, and routes that answer 404 or 503 for a moment, as during a deploy): Debian's nginx.
# The tests start their own nginx, with a configuration of their own on free ports; this only
# installs it, without starting Debian's service.
#
#   scripts/nginx.sh [ensure]   install it with apt-get if missing; print its version
#   scripts/nginx.sh status     print its version, or say it is missing (exit 1)
#
# NGINX names another binary; the tests read the same variable.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NGINX=${NGINX:-/usr/sbin/nginx}

present() { [[ -x "$NGINX" ]]; }

version() { echo "nginx: $("$NGINX" -v 2>&1 | sed 's/^nginx version: //') ($NGINX)"; }

install() {
  ((EUID == 0)) || die "nginx is missing ($NGINX), and installing it needs root. Run:
       sudo apt-get update && sudo apt-get install -y nginx
       then run scripts/nginx.sh again."
  command -v apt-get >/dev/null || die "nginx is missing and there is no apt-get: install it by hand (or point NGINX at it)."
  # Debian starts a package's service when it installs it; nothing here wants port 80 taken.
  local policy=/usr/sbin/policy-rc.d placed=""
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && placed=1
  fi
  local status=0
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null || status=$?
  fi
  [[ -n "$placed" ]] && rm -f "$policy"
  ((status == 0)) || die "apt-get could not install nginx"
  present || die "apt-get installed nginx, but $NGINX is still missing"
}

ensure() {
  if ! present; then
    say "Installing nginx (Debian's nginx)" >&2
    install
  fi
  version
}

status() {
  if present; then
    version
  else
    echo "nginx is missing ($NGINX): run scripts/nginx.sh ensure"
    return 1
  fi
}

case "${1:-ensure}" in
  ensure | status) "${1:-ensure}" ;;
  *) die "usage: scripts/nginx.sh [ensure|status]" ;;
esac
