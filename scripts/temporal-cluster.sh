#!/usr/bin/env bash
# A self-hosted Temporal cluster on this machine, for `./run.sh cluster`: Temporal Server itself
# (built from its Go module, not the CLI's dev server) with its frontend, history, matching and
# worker services as four processes, 4 history shards, persistence and visibility on a PostgreSQL
# of its own (Debian's packages), mutual TLS on the frontend, and the Web UI server.
#
#   scripts/temporal-cluster.sh build            build the server, its sql tool and the Web UI server
#                                                into .tools (once); print their paths
#   scripts/temporal-cluster.sh install          install PostgreSQL (Debian's) if missing; `up` does too
#   scripts/temporal-cluster.sh up               install/start PostgreSQL, make the certificates, set
#                                                up the schema, start the four services and the Web UI
#                                                in the background, register the namespace and the
#                                                search attributes; parts already running stay as they are
#   scripts/temporal-cluster.sh down             stop the Web UI, the four services and PostgreSQL
#   scripts/temporal-cluster.sh kill SERVICE     SIGKILL one of frontend|history|matching|worker|ui
#   scripts/temporal-cluster.sh start SERVICE    start it again and wait until it serves
#   scripts/temporal-cluster.sh restart SERVICE  stop it gracefully, then start it
#   scripts/temporal-cluster.sh status           one line per process; exit 1 if any is stopped
#   scripts/temporal-cluster.sh env              `export` lines for a shell: the Temporal CLI's, tctl's
#                                                and the services' (Spring) address and TLS settings,
#                                                and CLUSTER_JAVA_OPTS, the JVM's truststore
#
# Ports, all on 127.0.0.1: frontend gRPC 7233 (mTLS: clients need the client certificate), HTTP
# 7243; history 7234, matching 7235, worker 7239; membership 6933/6934/6935/6939; Prometheus
# metrics 9091 (frontend), 9092 (history), 9093 (matching), 9094 (worker); PostgreSQL 5433
# (CLUSTER_PG_PORT); Web UI http://localhost:8233 (CLUSTER_UI_PORT). The services talk to one
# another over mTLS too (internode, with the server certificate); no authorizer: any client with a
# certificate from the CA may do anything.
# Files, under .data/cluster: config/ (the services' and the Web UI's YAML, written at each `up`),
# tls/ (ca.pem, server.pem, client.pem, their keys *-key.pem in PKCS#8, and truststore.p12, password
# changeit), postgres/ (PostgreSQL's data, or under /var/lib/postgresql when the postgres user
# cannot reach the checkout), and a log and a pid file per process.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVER_VERSION=1.32.2
UI_VERSION=2.58.1         # the version scripts/temporal-ui/go.mod requires
GO_TOOLCHAIN=go1.27.3     # the ui-server asks for Go >= 1.26.10; GOTOOLCHAIN fetches it from the proxy
SERVER_DIR="$TOOLS/temporal-server-$SERVER_VERSION"
UI_DIR="$TOOLS/temporal-ui-server-$UI_VERSION"
SERVER="$SERVER_DIR/bin/server"
SQL_TOOL="$SERVER_DIR/bin/sql"
UI_SERVER="$UI_DIR/bin/server"
SCHEMA="$SERVER_DIR/schema/postgresql/v12"

CLUSTER="$DATA/cluster"
CONF="$CLUSTER/config"
TLS="$CLUSTER/tls"
PG_PORT="${CLUSTER_PG_PORT:-5433}"
UI_PORT="${CLUSTER_UI_PORT:-8233}"
# Temporal's own development configurations use this role; PostgreSQL listens on loopback only.
PG_USER=temporal
PG_PASSWORD=temporal
TRUSTSTORE_PASSWORD=changeit # the JDK's own default: the truststore holds only the public CA certificate
ADDRESS=127.0.0.1:7233
SERVER_NAME=localhost # the frontend's certificate names localhost and 127.0.0.1
JAR="$ROOT/temporal-dev/target/temporal-dev-0.1.0-SNAPSHOT-exec.jar"

SERVICES=(frontend history matching worker)
declare -A GRPC_PORT=([frontend]=7233 [history]=7234 [matching]=7235 [worker]=7239)
declare -A MEMBERSHIP_PORT=([frontend]=6933 [history]=6934 [matching]=6935 [worker]=6939)
declare -A METRICS_PORT=([frontend]=9091 [history]=9092 [matching]=9093 [worker]=9094)
HTTP_PORT=7243
STOP_SECONDS=30 # TERM, then KILL after this long

rel() { echo "${1#"$ROOT"/}"; } # a path as the user sees it from the checkout

# ---------------------------------------------------------------------------------------------
# build: Temporal Server, its sql tool and the Web UI server, from their Go modules.
# GOPATH, GOMODCACHE and GOCACHE stay Go's defaults (~/go, ~/.cache/go-build): every checkout on
# the machine (main, worktrees, CI's fresh clone) then shares one download of the modules and one
# compile cache, and a rebuild in another checkout takes seconds instead of minutes. .tools holds
# only what `up` runs: the binaries, and the schema files copied out of the module, so that a
# cleaned module cache does not break `up`.

go_cmd() {
  command -v go 2>/dev/null && return
  [[ -x /usr/local/go/bin/go ]] && { echo /usr/local/go/bin/go; return; }
  die "Go is missing (no go on PATH, nor /usr/local/go/bin/go): install Go 1.21 or newer; it fetches $GO_TOOLCHAIN itself."
}

built() { [[ -x "$SERVER" && -x "$SQL_TOOL" && -d "$SCHEMA/temporal/versioned" && -x "$UI_SERVER" ]]; }

build() {
  local go log
  go=$(go_cmd)
  mkdir -p "$TOOLS"
  log="$TOOLS/temporal-cluster-build.log"
  if [[ ! -x "$SERVER" || ! -x "$SQL_TOOL" || ! -d "$SCHEMA/temporal/versioned" ]]; then
    say "Building Temporal Server $SERVER_VERSION and its sql tool with Go $GO_TOOLCHAIN (minutes the first time; log $(rel "$log"))" >&2
    mkdir -p "$SERVER_DIR/bin"
    GOTOOLCHAIN=$GO_TOOLCHAIN GOBIN="$SERVER_DIR/bin" "$go" install \
      "go.temporal.io/server/cmd/server@v$SERVER_VERSION" \
      "go.temporal.io/server/cmd/tools/sql@v$SERVER_VERSION" >"$log" 2>&1 ||
      die "could not build Temporal Server $SERVER_VERSION; the end of $(rel "$log") says:
$(tail -n 15 "$log")"
    local module
    module="$(GOTOOLCHAIN=$GO_TOOLCHAIN "$go" env GOMODCACHE)/go.temporal.io/server@v$SERVER_VERSION"
    [[ -d "$module/schema/postgresql/v12" ]] || die "the module cache has no $module/schema/postgresql/v12"
    rm -rf "$SERVER_DIR/schema"
    mkdir -p "$SERVER_DIR/schema"
    cp -R "$module/schema/postgresql" "$SERVER_DIR/schema/"
    chmod -R u+w "$SERVER_DIR/schema" # the module cache's files are read-only
  fi
  if [[ ! -x "$UI_SERVER" ]]; then
    say "Building the Web UI server $UI_VERSION with Go $GO_TOOLCHAIN (log $(rel "$log"))" >&2
    mkdir -p "$UI_DIR/bin"
    # From our own module (scripts/temporal-ui): it replaces a go.temporal.io/api version that the
    # module proxy does not serve.
    (cd "$ROOT/scripts/temporal-ui" &&
      GOTOOLCHAIN=$GO_TOOLCHAIN GOBIN="$UI_DIR/bin" "$go" install github.com/temporalio/ui-server/v2/cmd/server) \
      >>"$log" 2>&1 || die "could not build the Web UI server $UI_VERSION; the end of $(rel "$log") says:
$(tail -n 15 "$log")"
  fi
  printf '%s\n' "$SERVER" "$SQL_TOOL" "$UI_SERVER"
}

ensure_built() { built || build >/dev/null; }

# ---------------------------------------------------------------------------------------------
# PostgreSQL: Debian's binaries, our own instance on 127.0.0.1:$PG_PORT, run as the postgres user
# (it refuses to run as root) when we are root.

# The postgres user must be able to reach its data directory. Under a checkout it cannot traverse
# (a home directory of mode 0700, say) the data goes under /var/lib/postgresql instead, named after
# the checkout, rather than loosening the permissions of the user's own directories.
pg_data_dir() {
  if ((EUID == 0)) && ! runuser -u postgres -- test -x "$CLUSTER" 2>/dev/null; then
    echo "/var/lib/postgresql/temporal-cluster-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
  else
    echo "$CLUSTER/postgres"
  fi
}

AS_POSTGRES=()
((EUID == 0)) && AS_POSTGRES=(runuser -u postgres --)
as_postgres() { (cd / && "${AS_POSTGRES[@]}" "$@"); } # from /: initdb fails in a directory it cannot read

# The newest installed PostgreSQL, or the one that made the data directory.
pg_bin() {
  local version
  version=$(cat "$PG_DATA/PG_VERSION" 2>/dev/null) || true
  if [[ -n "$version" && -x "/usr/lib/postgresql/$version/bin/postgres" ]]; then
    echo "/usr/lib/postgresql/$version/bin"
    return
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$bin" && -x "$bin/postgres" ]] && echo "$bin"
}

pg_install() {
  ((EUID == 0)) || die "PostgreSQL is not installed, and installing it needs root. Run:
       sudo apt-get update && sudo apt-get install -y postgresql
       then run scripts/temporal-cluster.sh up again."
  command -v apt-get >/dev/null || die "PostgreSQL is not installed and there is no apt-get: install PostgreSQL 12 or newer by hand."
  say "Installing PostgreSQL (Debian's postgresql)"
  # Debian starts a package's service when it installs it; ours runs on its own port instead.
  local policy=/usr/sbin/policy-rc.d placed=""
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && placed=1
  fi
  local status=0
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || status=$?
  fi
  [[ -n "$placed" ]] && rm -f "$policy"
  ((status == 0)) || die "apt-get could not install postgresql"
  [[ -n "$(pg_bin)" ]] || die "apt-get installed postgresql, but there is no /usr/lib/postgresql/*/bin/postgres"
}

pg_pid() { # the postmaster's pid, if it runs
  local pid
  pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null) || return 1
  [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]] && echo "$pid"
}

# SQL as the superuser, through the socket in the data directory (peer authentication).
pg_sql() {
  local database=$1
  shift
  as_postgres "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DATA" -p "$PG_PORT" -U postgres -d "$database" "$@"
}

pg_start() {
  [[ -n "$(pg_bin)" ]] || pg_install
  local bin log="$CLUSTER/postgres.log"
  bin=$(pg_bin)
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    # The socket lives in the data directory; a Unix socket's path has a limit of 107 bytes.
    ((${#PG_DATA} < 90)) || die "the path of PostgreSQL's data directory is too long for its socket: $PG_DATA"
    mkdir -p "$PG_DATA"
    ((EUID == 0)) && chown postgres: "$PG_DATA"
    chmod 0700 "$PG_DATA"
    # The superuser logs in by the socket only (peer); Temporal's role by password over TCP.
    as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres -E UTF8 --no-locale \
      --auth-local=peer --auth-host=scram-sha-256 >"$CLUSTER/postgres-initdb.log" 2>&1 ||
      die "initdb failed; see $(rel "$CLUSTER/postgres-initdb.log")"
  fi
  if listening "$PG_PORT"; then
    die "something else listens on 127.0.0.1:$PG_PORT, not this cluster's PostgreSQL: stop it or set CLUSTER_PG_PORT"
  fi
  # setsid: it outlives this script and the terminal. The settings are flags, not an edited
  # postgresql.conf, so a new CLUSTER_PG_PORT applies at the next start.
  (cd / && exec setsid nohup "${AS_POSTGRES[@]}" "$bin/postgres" -D "$PG_DATA" -p "$PG_PORT" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories="$PG_DATA" -c max_connections=200 \
    </dev/null >>"$log" 2>&1) &
  local i
  for ((i = 0; i < 60; i++)); do
    if [[ -n "$(pg_pid)" ]] && "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then return 0; fi
    sleep 0.5
  done
  die "PostgreSQL did not answer on 127.0.0.1:$PG_PORT within 30 s; see $(rel "$log")"
}

pg_stop() {
  local pid i
  pid=$(pg_pid) || return 0
  kill -INT "$pid" # fast shutdown: ends the (Temporal's) sessions instead of waiting for them
  for ((i = 0; i < STOP_SECONDS * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# The role and the two databases, and their schema: set up when new, updated to the schema files of
# this server version each time (a no-op when they already match).
pg_provision() {
  local exists
  exists=$(pg_sql postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")
  if [[ "$exists" != 1 ]]; then
    pg_sql postgres -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" ||
      die "could not create PostgreSQL's role $PG_USER; see $(rel "$CLUSTER/postgres.log")"
  fi
  local log="$CLUSTER/schema.log" database dir
  : >"$log"
  for database in temporal temporal_visibility; do
    dir=temporal
    [[ "$database" == temporal_visibility ]] && dir=visibility
    local tool=("$SQL_TOOL" --plugin postgres12 --endpoint 127.0.0.1 --port "$PG_PORT"
      --user "$PG_USER" --password "$PG_PASSWORD" --database "$database")
    exists=$(pg_sql postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")
    if [[ "$exists" != 1 ]]; then
      "${tool[@]}" create-database >>"$log" 2>&1 || die "could not create the database $database; see $(rel "$log")"
    fi
    exists=$(pg_sql "$database" -tAc "SELECT to_regclass('public.schema_version') IS NOT NULL")
    if [[ "$exists" != t ]]; then
      "${tool[@]}" setup-schema -v 0.0 >>"$log" 2>&1 || die "could not set up the schema of $database; see $(rel "$log")"
    fi
    "${tool[@]}" update-schema -d "$SCHEMA/$dir/versioned" >>"$log" 2>&1 ||
      die "could not update the schema of $database; see $(rel "$log")"
  done
}

# ---------------------------------------------------------------------------------------------
# Certificates, made once with openssl and made again when missing or within a day of expiring:
# a CA, the frontend's server certificate (also the services' own between themselves), a client
# certificate for the CLI, the Web UI, the system worker and the notifier's services, and a PKCS12
# truststore with the CA for the JVM (the Spring Boot starter's mtls settings take no CA file).
# RSA keys in PKCS#8 PEM ("BEGIN PRIVATE KEY"): the only form the Java SDK's Netty reads without
# Bouncy Castle, and Go and the CLI read it too, so client-key.pem serves everyone.

fresh() { [[ -s "$1" ]] && openssl x509 -checkend 86400 -noout -in "$1" >/dev/null 2>&1; }
signed_by_ca() { openssl verify -CAfile "$TLS/ca.pem" "$1" >/dev/null 2>&1; }

new_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

# leaf NAME SUBJECT EXTENSIONS: NAME.pem and NAME-key.pem, signed by the CA, valid 825 days.
leaf() {
  local name=$1 subject=$2 extensions=$3 csr ext
  csr=$(mktemp) ext=$(mktemp)
  new_key "$TLS/$name-key.pem"
  printf '%s\n' "$extensions" >"$ext"
  openssl req -new -key "$TLS/$name-key.pem" -subj "$subject" -out "$csr" 2>/dev/null &&
    openssl x509 -req -in "$csr" -CA "$TLS/ca.pem" -CAkey "$TLS/ca-key.pem" -CAcreateserial \
      -days 825 -sha256 -extfile "$ext" -out "$TLS/$name.pem" 2>/dev/null ||
    die "openssl could not make the certificate $TLS/$name.pem"
  rm -f "$csr" "$ext"
}

NEW_CA=""
make_certs() {
  command -v openssl >/dev/null || die "openssl is missing: apt-get install openssl"
  mkdir -p "$TLS"
  chmod 0700 "$TLS"
  local made=""
  if ! fresh "$TLS/ca.pem" || [[ ! -s "$TLS/ca-key.pem" ]]; then
    new_key "$TLS/ca-key.pem"
    openssl req -x509 -new -key "$TLS/ca-key.pem" -sha256 -days 3650 \
      -subj "/O=notifier/CN=notifier Temporal cluster CA" -out "$TLS/ca.pem" 2>/dev/null ||
      die "openssl could not make the CA certificate $TLS/ca.pem"
    made+=" CA"
    NEW_CA=1
  fi
  if ! fresh "$TLS/server.pem" || ! signed_by_ca "$TLS/server.pem" || [[ ! -s "$TLS/server-key.pem" ]]; then
    # clientAuth too: the services present it to one another (internode mTLS).
    leaf server "/O=notifier/CN=localhost" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:localhost,IP:127.0.0.1"
    made+=" server"
  fi
  if ! fresh "$TLS/client.pem" || ! signed_by_ca "$TLS/client.pem" || [[ ! -s "$TLS/client-key.pem" ]]; then
    leaf client "/O=notifier/CN=notifier-client" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
    made+=" client"
  fi
  if [[ -n "$NEW_CA" || ! -s "$TLS/truststore.p12" || "$TLS/ca.pem" -nt "$TLS/truststore.p12" ]]; then
    find_jdk
    rm -f "$TLS/truststore.p12"
    "$JAVA_HOME/bin/keytool" -importcert -noprompt -alias notifier-temporal-cluster-ca -file "$TLS/ca.pem" \
      -keystore "$TLS/truststore.p12" -storetype PKCS12 -storepass "$TRUSTSTORE_PASSWORD" >/dev/null 2>&1 ||
      die "keytool could not make $TLS/truststore.p12"
    made+=" truststore"
  fi
  chmod 0600 "$TLS"/*-key.pem
  chmod 0644 "$TLS"/ca.pem "$TLS"/server.pem "$TLS"/client.pem "$TLS/truststore.p12"
  [[ -z "$made" ]] || say "TLS: made${made} in $(rel "$TLS")"
}

# ---------------------------------------------------------------------------------------------
# The server's configuration, written at each `up`: one file per service, alike but for the port
# of its Prometheus metrics (every process would bind the same one otherwise).

tls_client() { # a client block's lines, indented by $1
  printf '%sserverName: %s\n%srootCaFiles: ["%s"]\n' "$1" "$SERVER_NAME" "$1" "$TLS/ca.pem"
}

tls_server() {
  printf '%scertFile: "%s"\n%skeyFile: "%s"\n%srequireClientAuth: true\n%sclientCaFiles: ["%s"]\n' \
    "$1" "$TLS/server.pem" "$1" "$TLS/server-key.pem" "$1" "$1" "$TLS/ca.pem"
}

datastore() { # name database maxConns
  cat <<YAML
    $1:
      sql:
        pluginName: postgres12
        databaseName: $2
        connectAddr: "127.0.0.1:$PG_PORT"
        connectProtocol: tcp
        user: $PG_USER
        password: $PG_PASSWORD
        maxConns: $3
        maxIdleConns: $3
        maxConnLifetime: 1h
YAML
}

write_server_config() {
  local service=$1 other
  {
    cat <<YAML
# Written by scripts/temporal-cluster.sh at each \`up\`: edits here are lost.
log:
  stdout: true
  level: info

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
$(datastore postgres-default temporal 20)
$(datastore postgres-visibility temporal_visibility 10)

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "127.0.0.1:${METRICS_PORT[$service]}"
  tls:
    # Clients of the frontend need a certificate from our CA; so do the services between
    # themselves (internode), with the server certificate.
    frontend:
      server:
$(tls_server "        ")
      client:
$(tls_client "        ")
    internode:
      server:
$(tls_server "        ")
      client:
$(tls_client "        ")
    # The worker service (Temporal's own system workflows: batch operations, schedules, ...)
    # calls the frontend like any client.
    systemWorker:
      certFile: "$TLS/client.pem"
      keyFile: "$TLS/client-key.pem"
      client:
$(tls_client "        ")

services:
YAML
    for other in "${SERVICES[@]}"; do
      cat <<YAML
  $other:
    rpc:
      grpcPort: ${GRPC_PORT[$other]}
      membershipPort: ${MEMBERSHIP_PORT[$other]}
      bindOnIP: 127.0.0.1
YAML
      [[ "$other" == frontend ]] && echo "      httpPort: $HTTP_PORT"
    done
    cat <<YAML

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "$ADDRESS"

dcRedirectionPolicy:
  policy: noop

archival:
  history:
    state: disabled
  visibility:
    state: disabled

namespaceDefaults:
  archival:
    history:
      state: disabled
    visibility:
      state: disabled

dynamicConfigClient:
  filepath: "$CONF/dynamicconfig.yaml"
  pollInterval: 10s
YAML
  } >"$CONF/$service.yaml"
}

# The notifier's dynamic settings, the same the dev server gets (temporal-dev's DevServer), and
# the batcher the operators' batch signals (`temporal workflow signal --query`) go through, which
# is on by default: written down so that it stays on.
write_dynamic_config() {
  local setting
  {
    echo "# Written by scripts/temporal-cluster.sh at each \`up\` from temporal-dev's DevServer.DYNAMIC_CONFIG."
    for setting in "${DYNAMIC_CONFIG[@]}" frontend.enableBatcher=true worker.enableNamespaceBatcher=true; do
      printf '%s:\n  - value: %s\n' "${setting%%=*}" "${setting#*=}"
    done
  } >"$CONF/dynamicconfig.yaml"
}

write_ui_config() {
  mkdir -p "$CONF/ui"
  cat >"$CONF/ui/cluster.yaml" <<YAML
# Written by scripts/temporal-cluster.sh at each \`up\`: edits here are lost.
temporalGrpcAddress: $ADDRESS
host: 127.0.0.1
port: $UI_PORT
enableUi: true
defaultNamespace: default
disableNewsFetch: true
notifyOnNewVersion: false
tls:
  caFile: "$TLS/ca.pem"
  certFile: "$TLS/client.pem"
  keyFile: "$TLS/client-key.pem"
  serverName: $SERVER_NAME
  enableHostVerification: true
YAML
}

# The notifier's settings from temporal-dev, the one place they are written: search attributes,
# retention and dynamic settings. Its jar is built if missing, as dev-server.sh does.
load_notifier_settings() {
  find_jdk
  if [[ ! -f "$JAR" ]]; then
    say "Building temporal-dev (its jar holds the notifier's Temporal settings)" >&2
    find_maven
    mvn -B -q -f "$ROOT/pom.xml" package -pl temporal-dev -am -DskipTests -Dspotless.check.skip=true >&2 ||
      die "could not build temporal-dev (mvn package -pl temporal-dev -am)"
  fi
  mapfile -t SEARCH_ATTRIBUTES < <(java -jar "$JAR" search-attributes)
  mapfile -t DYNAMIC_CONFIG < <(java -jar "$JAR" dynamic-config)
  RETENTION=$(java -jar "$JAR" retention)
  ((${#SEARCH_ATTRIBUTES[@]} > 0)) && [[ -n "$RETENTION" ]] ||
    die "$JAR does not print the notifier's settings (search-attributes, retention): rebuild it (mvn package -pl temporal-dev -am)"
}

# ---------------------------------------------------------------------------------------------
# The processes: each with its pid file and log in .data/cluster. A pid counts only while its
# process is still the one started, by its command line: after a reboot the file may name another.

log_of() { echo "$CLUSTER/$1.log"; }

pid_of() {
  local pid
  pid=$(cat "$CLUSTER/$1.pid" 2>/dev/null) || return 1
  [[ -n "$pid" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$CONF" && echo "$pid"
}

running() { pid_of "$1" >/dev/null; }

port_of() {
  case "$1" in
    ui) echo "$UI_PORT" ;;
    *) echo "${GRPC_PORT[$1]}" ;;
  esac
}

start_process() {
  local name=$1 port
  port=$(port_of "$name")
  listening "$port" && die "something else listens on 127.0.0.1:$port, which the $name needs (the Temporal dev server? temporal-dev/dev-server.sh down)"
  local command=("$SERVER" --config-file "$CONF/$name.yaml" --allow-no-auth start --service "$name")
  [[ "$name" == ui ]] && command=("$UI_SERVER" --root "$CONF" --config ui --env cluster start)
  echo "=== $(date -u +%FT%TZ) starting $name" >>"$(log_of "$name")"
  (cd "$CLUSTER" && exec setsid nohup "${command[@]}" </dev/null >>"$(log_of "$name")" 2>&1) &
  echo $! >"$CLUSTER/$name.pid"
}

stop_process() { # TERM, then KILL after STOP_SECONDS
  local name=$1 pid i
  pid=$(pid_of "$name") || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_SECONDS * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$CLUSTER/$name.pid"; return 0; }
    sleep 0.5
  done
  say "$name (pid $pid) did not stop within $STOP_SECONDS s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$CLUSTER/$name.pid"
}

# The Temporal CLI (the one dev-server.sh installs), over mTLS with the client certificate.
CLI=""
find_cli() { CLI=$("$ROOT/temporal-dev/dev-server.sh" install) || die "the Temporal CLI could not be installed"; }
cli() {
  "$CLI" --address "$ADDRESS" --tls-ca-path "$TLS/ca.pem" --tls-cert-path "$TLS/client.pem" \
    --tls-key-path "$TLS/client-key.pem" --tls-server-name "$SERVER_NAME" "$@"
}

# Whether the service serves: the frontend answers its health check over TLS; the Web UI its index
# page; each other service has joined the cluster's membership since it was started (its row in
# the cluster_membership table, by role and membership port, the way the services find each other;
# the CLI does not show the rings).
declare -A ROLE=([frontend]=1 [history]=2 [matching]=3 [worker]=4)
serves() {
  case "$1" in
    frontend) cli operator cluster health 2>/dev/null | grep -q SERVING ;;
    ui) curl -fsS -o /dev/null "http://127.0.0.1:$UI_PORT/" 2>/dev/null ;;
    *)
      local since
      since=$(stat -c %Y "$CLUSTER/$1.pid") || return 1
      [[ $(pg_sql temporal -tAc "SELECT count(*) FROM cluster_membership WHERE role = ${ROLE[$1]}
        AND rpc_port = ${MEMBERSHIP_PORT[$1]} AND session_start >= to_timestamp($since - 1) AT TIME ZONE 'UTC'" \
        2>/dev/null) -gt 0 ]]
      ;;
  esac
}

await() { # name seconds
  local name=$1 seconds=$2 i pid
  for ((i = 0; i < seconds * 2; i++)); do
    serves "$name" && return 0
    pid=$(pid_of "$name") || die "the $name exited at once; the end of $(rel "$(log_of "$name")") says:
$(tail -n 15 "$(log_of "$name")")"
    sleep 0.5
  done
  die "the $name did not come up within $seconds s; see $(rel "$(log_of "$name")")"
}

# A service that is not running: started, and awaited (the frontend answers only when history and
# matching are there, so the four start together and are awaited in order).
start_services() {
  local name started=()
  for name in "$@"; do
    running "$name" && continue
    start_process "$name"
    started+=("$name")
    # The first service to start on a new database writes the cluster's metadata record; two
    # writing it at once fail ("failed to initialize current cluster metadata"): one first, alone.
    if ((${#started[@]} == 1 && $# > 1)); then
      await "$name" 120
      started=()
    fi
  done
  for name in "${started[@]}"; do
    if [[ "$name" == frontend ]]; then await frontend 120; else await "$name" 60; fi
  done
}

# ---------------------------------------------------------------------------------------------
# The namespace and its search attributes, through the frontend like any client: created when
# missing, retention set each time.

register() {
  local created="" i out
  if cli operator namespace describe --namespace default >/dev/null 2>&1; then
    cli operator namespace update --namespace default --retention "$RETENTION" >/dev/null ||
      die "could not set the retention of the namespace default; see $(rel "$(log_of frontend)")"
  else
    cli operator namespace create --namespace default --retention "$RETENTION" >/dev/null ||
      die "could not create the namespace default; see $(rel "$(log_of frontend)")"
    created=1
  fi
  local attribute name existing
  existing=$(cli operator search-attribute list --namespace default 2>/dev/null) || existing=""
  for attribute in "${SEARCH_ATTRIBUTES[@]}"; do
    name=${attribute%%=*}
    grep -qw -- "$name" <<<"$existing" && continue
    # Each service learns of a new namespace within its registry's refresh (10 s): until the
    # frontend has, it refuses the search attribute.
    for ((i = 0; ; i++)); do
      out=$(cli operator search-attribute create --namespace default --name "$name" --type "${attribute#*=}" 2>&1) && break
      ((i < 60)) || die "could not create the search attribute $name: $out"
      sleep 0.5
    done
    created=1
  done
  if [[ -n "$created" ]]; then
    # Usable once the frontend answers a query on them; history and matching refresh on the same
    # 10 s schedule, so wait that long too.
    for ((i = 0; ; i++)); do
      cli workflow list --namespace default --limit 1 --query "${SEARCH_ATTRIBUTES[0]%%=*}=\"probe\"" >/dev/null 2>&1 && break
      ((i < 60)) || die "the frontend does not take the search attribute ${SEARCH_ATTRIBUTES[0]%%=*} in a query; see $(rel "$(log_of frontend)")"
      sleep 0.5
    done
    sleep 10
  fi
  say "Namespace default: retention $RETENTION, search attributes ${SEARCH_ATTRIBUTES[*]%%=*}"
}

# ---------------------------------------------------------------------------------------------

PG_DATA=""
prepare() { # everything but the processes
  mkdir -p "$CLUSTER" "$CONF"
  PG_DATA=$(pg_data_dir)
}

up() {
  local name
  prepare
  ensure_built
  load_notifier_settings
  find_cli
  if [[ -z "$(pg_pid)" ]]; then
    pg_start
    say "PostgreSQL on 127.0.0.1:$PG_PORT (data $(rel "$PG_DATA"), log $(rel "$CLUSTER/postgres.log"))"
  fi
  pg_provision
  make_certs
  if [[ -n "$NEW_CA" ]]; then
    # Processes still running trust the old CA only: they start again with the new one.
    for name in ui worker frontend matching history; do
      running "$name" && { say "Stopping the $name: the certificates are new"; stop_process "$name"; }
    done
  fi
  write_dynamic_config
  for name in "${SERVICES[@]}"; do write_server_config "$name"; done
  write_ui_config
  start_services "${SERVICES[@]}"
  register
  start_services ui
  say "Temporal cluster up: frontend $ADDRESS (mTLS), Web UI http://localhost:$UI_PORT"
  echo "    logs: $(rel "$CLUSTER")/{frontend,history,matching,worker,ui,postgres}.log"
  echo "    shell: eval \"\$(scripts/temporal-cluster.sh env)\", then e.g. temporal workflow list"
}

down() {
  prepare
  local name
  for name in ui worker frontend matching history; do
    running "$name" && { stop_process "$name"; echo "$name: stopped"; }
  done
  if [[ -n "$(pg_pid)" ]]; then pg_stop && echo "postgres: stopped"; fi
  say "Temporal cluster down"
}

require_process() {
  case "${1:-}" in
    frontend | history | matching | worker | ui) ;;
    *) die "which process? one of frontend, history, matching, worker, ui" ;;
  esac
}

require_postgres() {
  [[ -n "$(pg_pid)" ]] || die "the cluster is down (PostgreSQL is not running): scripts/temporal-cluster.sh up"
}

start_one() {
  local name=$1
  prepare
  require_postgres
  if running "$name"; then say "$name already running (pid $(pid_of "$name"))"; return; fi
  local config="$CONF/$name.yaml"
  [[ "$name" == ui ]] && config="$CONF/ui/cluster.yaml"
  [[ -f "$config" ]] || die "no configuration for the $name yet: scripts/temporal-cluster.sh up"
  find_cli
  start_services "$name"
  say "$name up (pid $(pid_of "$name"), log $(rel "$(log_of "$name")"))"
}

status() {
  prepare
  local name pid stopped=0
  if pid=$(pg_pid); then echo "postgres: running ($pid)"; else echo "postgres: stopped"; stopped=1; fi
  for name in "${SERVICES[@]}" ui; do
    if pid=$(pid_of "$name"); then echo "$name: running ($pid)"; else echo "$name: stopped"; stopped=1; fi
  done
  return "$stopped"
}

print_env() {
  local name value
  local settings=(
    TEMPORAL_ADDRESS="$ADDRESS"
    # the Temporal CLI
    TEMPORAL_TLS_SERVER_CA_CERT_PATH="$TLS/ca.pem"
    TEMPORAL_TLS_CLIENT_CERT_PATH="$TLS/client.pem"
    TEMPORAL_TLS_CLIENT_KEY_PATH="$TLS/client-key.pem"
    TEMPORAL_TLS_SERVER_NAME="$SERVER_NAME"
    # tctl
    TEMPORAL_CLI_ADDRESS="$ADDRESS"
    TEMPORAL_CLI_TLS_CA="$TLS/ca.pem"
    TEMPORAL_CLI_TLS_CERT="$TLS/client.pem"
    TEMPORAL_CLI_TLS_KEY="$TLS/client-key.pem"
    TEMPORAL_CLI_TLS_SERVER_NAME="$SERVER_NAME"
    # the notifier's services (Temporal's Spring Boot starter)
    SPRING_TEMPORAL_CONNECTION_TARGET="$ADDRESS"
    SPRING_TEMPORAL_CONNECTION_MTLS_KEY_FILE="$TLS/client-key.pem"
    SPRING_TEMPORAL_CONNECTION_MTLS_CERT_CHAIN_FILE="$TLS/client.pem"
    SPRING_TEMPORAL_CONNECTION_MTLS_SERVER_NAME="$SERVER_NAME"
    CLUSTER_JAVA_OPTS="-Djavax.net.ssl.trustStore=$TLS/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=$TRUSTSTORE_PASSWORD"
  )
  for name in "${settings[@]}"; do
    value=${name#*=}
    # Single quotes unless the value needs none (a path with a quote in it gets '\'').
    [[ "$value" =~ ^[A-Za-z0-9_./:=@+-]*$ ]] || value="'${value//\'/\'\\\'\'}'"
    echo "export ${name%%=*}=$value"
  done
}

# One build at a time: test.sh starts it in the background while the unit tests run, and the
# end-to-end tests' own `build` waits here for it rather than building beside it.
locked_build() {
  mkdir -p "$TOOLS"
  exec 9>"$TOOLS/temporal-cluster-build.lock"
  flock 9
  build
}

case "${1:-}" in
  build) locked_build ;;
  install) [[ -n "$(pg_bin)" ]] || pg_install ;;
  up) up ;;
  down) down ;;
  status) status ;;
  env) print_env ;;
  kill)
    require_process "${2:-}"
    prepare
    pid=$(pid_of "$2") || die "the $2 is not running"
    kill -KILL "$pid"
    # The signal is sent at once, the process goes a moment later (a Go server's threads and
    # memory): a `start` right after found its port still taken and refused (seen under the crash
    # test's load). Return once it is gone, or a zombie, and its port is free.
    for ((i = 0; i < 100; i++)); do
      state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || echo gone)
      [[ "$state" == gone || "$state" == Z ]] && ! listening "$(port_of "$2")" && break
      sleep 0.1
    done
    say "$2 killed (pid $pid)"
    ;;
  start)
    require_process "${2:-}"
    start_one "$2"
    ;;
  restart)
    require_process "${2:-}"
    prepare
    require_postgres
    stop_process "$2"
    start_one "$2"
    ;;
  *) die "usage: scripts/temporal-cluster.sh build|install|up|down|status|env | kill|start|restart frontend|history|matching|worker|ui" ;;
esac
