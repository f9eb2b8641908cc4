#!/usr/bin/env bash
# tctl 1.18.4, Temporal's legacy command-line tool, which the operators' runbook also speaks (the
# README's tctl lines; system-tests' TctlIT runs each of them). tctl is end-of-support since
# 2025-09-30 and the Go module proxy here serves neither it nor tctl-kit, so it is built from a
# source tree with `go build`, or elsewhere with `go install`. The binary is kept in .tools/bin.
#
#   scripts/tctl.sh [ensure]   build it if missing; print its path
#   scripts/tctl.sh status     print its path and version, or say it is missing (exit 1)
#
# Where the source comes from, first found:
#   TCTL_SRC             a folder holding tctl-1.18.4/ and tctl-kit/ (as ../shared/tctl does), or
#                        the tctl-1.18.4 tree itself, whose go.mod must then find tctl-kit on its own
#   $ROOT/../shared/tctl, /work/shared/tctl
#   none: `go install github.com/temporalio/tctl/cmd/tctl@v1.18.4`, then again with GOPROXY=direct
# The source tree is only read (built in place; or, should go need to complete its go.sum, in a copy
# under .tools/src). From nothing, the build takes about 4.5 minutes on 2 cores, most of it fetching
# modules; a few seconds once Go's caches hold them. tctl 1.18.4 calls itself "tctl version 1.18.0".
# TCTL: where the binary is kept (built there if missing); the tests read `-Dtctl=…`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION=1.18.4
TCTL=${TCTL:-$TOOLS/bin/tctl}

present() { [[ -x "$TCTL" ]]; }

find_go() {
  if command -v go >/dev/null; then command -v go; return; fi
  [[ -x /usr/local/go/bin/go ]] && { echo /usr/local/go/bin/go; return; }
  die "tctl is missing ($TCTL), and building it needs Go (go 1.20 or newer): install it (https://go.dev/dl, or
       apt-get install golang) and run scripts/tctl.sh again."
}

# The folder holding tctl-1.18.4/ (and tctl-kit/ beside it), or a bare tctl tree; empty if none.
source_tree() {
  local candidate
  for candidate in ${TCTL_SRC:+"$TCTL_SRC"} "$ROOT/../shared/tctl" /work/shared/tctl; do
    if [[ -f "$candidate/tctl-$VERSION/go.mod" ]]; then
      (cd "$candidate" && pwd)
      return
    fi
    if [[ -f "$candidate/go.mod" ]] && grep -q '^module github.com/temporalio/tctl$' "$candidate/go.mod"; then
      (cd "$candidate" && pwd)
      return
    fi
    [[ "$candidate" != "${TCTL_SRC:-}" ]] ||
      die "TCTL_SRC=$TCTL_SRC holds neither tctl-$VERSION/ nor tctl's own go.mod"
  done
}

# Builds in the tree itself, which go only reads (its go.sum lists every module); if go wants to
# write go.sum there, builds a writable copy in .tools/src instead, so the tree stays as it is.
build_from() {
  local src=$1 go=$2 module work="$TOOLS/src/tctl"
  if [[ -d "$src/tctl-$VERSION" ]]; then module="$src/tctl-$VERSION"; else module="$src"; fi
  say "Building tctl $VERSION from $module into $TCTL (minutes the first time: go fetches its modules)" >&2
  mkdir -p "$(dirname "$TCTL")"
  # -buildvcs=false: nothing to stamp from a tree that is not a git checkout (or is this project's).
  if (cd "$module" && GOFLAGS="${GOFLAGS:-} -buildvcs=false" "$go" build -mod=readonly -o "$TCTL" ./cmd/tctl) >&2; then
    return
  fi
  say "Building from a copy in $work, where go may complete go.sum" >&2
  rm -rf "$work"
  mkdir -p "$work"
  cp -R "$module" "$work/tctl-$VERSION"
  # tctl's go.mod finds tctl-kit beside it (replace … => ../tctl-kit).
  if [[ -d "$(dirname "$module")/tctl-kit" ]]; then cp -R "$(dirname "$module")/tctl-kit" "$work/tctl-kit"; fi
  chmod -R u+w "$work"
  (cd "$work/tctl-$VERSION" && GOFLAGS="${GOFLAGS:-} -buildvcs=false" "$go" build -mod=mod -o "$TCTL" ./cmd/tctl) >&2 ||
    die "go build of tctl $VERSION failed, in $module and in a copy of it (see above)"
}

install_module() {
  local go=$1 gobin
  gobin=$(dirname "$TCTL")
  mkdir -p "$gobin"
  say "Installing tctl $VERSION with go install (no source tree found: TCTL_SRC, ../shared/tctl)" >&2
  if ! GOBIN="$gobin" "$go" install "github.com/temporalio/tctl/cmd/tctl@v$VERSION" >&2; then
    say "The module proxy refused it; trying again from GitHub itself (GOPROXY=direct)" >&2
    GOBIN="$gobin" GOPROXY=direct "$go" install \
      "github.com/temporalio/tctl/cmd/tctl@v$VERSION" >&2 ||
      die "could not install tctl $VERSION: neither the module proxy nor GitHub served it. Put its source
       (tctl-$VERSION/ and tctl-kit/) in a folder and point TCTL_SRC at it."
  fi
  [[ "$gobin/tctl" == "$TCTL" ]] || mv "$gobin/tctl" "$TCTL"
}

version() { "$TCTL" --version 2>/dev/null | tail -1; }

ensure() {
  if ! present; then
    local go src
    go=$(find_go)
    src=$(source_tree)
    if [[ -n "$src" ]]; then build_from "$src" "$go"; else install_module "$go"; fi
    present || die "tctl was built, but $TCTL is still missing"
    say "$(version)" >&2
  fi
  echo "$TCTL"
}

status() {
  if present; then
    echo "$(version) ($TCTL)"
  else
    echo "tctl is missing ($TCTL): run scripts/tctl.sh ensure"
    return 1
  fi
}

# One build at a time (test.sh starts it in the background; the end-to-end tests wait for it here).
locked_ensure() {
  mkdir -p "$TOOLS"
  exec 9>"$TOOLS/tctl-build.lock"
  flock 9
  ensure
}

case "${1:-ensure}" in
  ensure) locked_ensure ;;
  status) status ;;
  *) die "usage: scripts/tctl.sh [ensure|status]" ;;
esac
