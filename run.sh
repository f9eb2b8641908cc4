#!/usr/bin/env bash
# Starts the whole notifier in the foreground; Ctrl-C stops all of it.
#
#   ./run.sh                   the Temporal dev server with its Web UI on http://localhost:8233 and
#                              H2 databases, all kept in .data/local across runs; pay-api :8081,
#                              account-api :8082. Without the Temporal CLI (it cannot be installed),
#                              an in-process Temporal instead — no Web UI, and it says so.
#   ./run.sh dev               MariaDB (scripts/mariadb.sh) instead of H2, and the dev server; the
#                              services export their traces to the trace UI (scripts/trace-ui.sh:
#                              Zipkin on http://localhost:9411/zipkin/, taking OTLP on :4318)
#   ./run.sh cluster           production's shape on one machine: a Temporal cluster (Temporal Server
#                              built from its Go module, PostgreSQL, 4 history shards, frontend,
#                              history, matching and worker as separate processes, mTLS; its Web UI
#                              on :8233; scripts/temporal-cluster.sh), two pay-api and two account-api
#                              instances on MariaDB behind an nginx load balancer on :8081 and :8082,
#                              pay-api reaching account-api through it under /account-api; the
#                              trace UI as in dev
#   ./run.sh reset             wipe what the default run keeps (.data/local)
#   ./run.sh reset cluster     wipe what the cluster keeps: its Temporal history and certificates
#                              (.data/cluster) and its MariaDB databases (bank1_cluster, bank1_pay_cluster)
#   ./run.sh stop <service>    from another terminal: stop account-api (or pay-api) of a running run;
#                              in the cluster: account-api-1, account-api-2, pay-api-1, pay-api-2,
#                              load-balancer or temporal (the whole Temporal cluster); in dev and
#                              the cluster also trace-ui (Zipkin and its relay)
#   ./run.sh start <service>   ... and start it again, with the run's settings; its log joins the run's
#   ./run.sh stop              stop everything a run started (also what a killed run left behind)
#
# NOTIFY_SKIP_BUILD=1 uses the jars as they are (the end-to-end test of this script does).
# Credentials: unless set, a signing secret made once for this checkout (.data/run/demo-secrets) and
# the README's demo keys (PAY_API_KEYS=demo:demo-client-key, ...); see demo_credentials below.
# The notifier's settings come from the environment, e.g. a seconds-scale schedule for a demo:
#   NOTIFY_RETRY_INTERVALS=5s,10s,20s NOTIFY_WINDOW=2m NOTIFY_RECONCILE_AFTER=30s ./run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/lib.sh"

RUN="$DATA/run"
LOCAL="$DATA/local"       # the default run's databases and Temporal history, kept across runs
EMBEDDED="$DATA/embedded" # the fallback's databases: fresh each run, as its Temporal keeps nothing
VERSION=0.1.0-SNAPSHOT
SERVICES=(temporal account-api pay-api)
CLUSTER_SERVICES=(trace-ui temporal account-api-1 account-api-2 pay-api-1 pay-api-2 load-balancer)
WEB_UI=http://localhost:8233
CLUSTER="$ROOT/scripts/temporal-cluster.sh"
# Dev and the cluster start it first, so that the services export their traces from their start.
TRACE_UI_SCRIPT="$ROOT/scripts/trace-ui.sh"
TRACE_UI="http://localhost:${TRACE_UI_PORT:-9411}/zipkin/"
LOAD_BALANCER="$RUN/load-balancer" # nginx's configuration, logs and temporary files

# The services of the run going (or of the mode named), in the order they start.
services_of() {
  case "${1:-$(cat "$RUN/mode" 2>/dev/null || echo local)}" in
    cluster) echo "${CLUSTER_SERVICES[@]}" ;;
    dev) echo trace-ui "${SERVICES[@]}" ;;
    *) echo "${SERVICES[@]}" ;;
  esac
}

jar_of() {
  case "$1" in
    temporal) echo "$ROOT/temporal-dev/target/temporal-dev-$VERSION-exec.jar" ;;
    *) echo "$ROOT/${1%-[0-9]}/target/${1%-[0-9]}-$VERSION-exec.jar" ;;
  esac
}

# The users' ports are the load balancer's in the cluster; each instance listens on one of its own.
port_of() {
  case "$1" in
    temporal) echo 7233 ;;
    pay-api) echo 8081 ;;
    account-api) echo 8082 ;;
    pay-api-1) echo 18081 ;;
    pay-api-2) echo 18181 ;;
    account-api-1) echo 18082 ;;
    account-api-2) echo 18182 ;;
    load-balancer) echo 8081 ;;
    trace-ui) echo "${TRACE_UI_PORT:-9411}" ;;
  esac
}

# Dies, before anything happens, unless $1 names one of the run's services.
require_service() {
  local services
  read -r -a services <<<"$(services_of)"
  [[ -n "${1:-}" ]] || die "which service? (${services[*]})"
  local name
  for name in "${services[@]}"; do [[ "$1" == "$name" ]] && return; done
  die "unknown service '$1' (services: ${services[*]})"
}

cluster_run() { [[ "$(cat "$RUN/mode" 2>/dev/null)" == cluster ]]; }

pid_of() { cat "$RUN/$1.pid" 2>/dev/null || true; }
running() {
  # The Temporal cluster is several processes, which its own script keeps track of.
  # return $?, not a bare return: run from the EXIT trap after Ctrl-C's `exit 130`, a bare return
  # gives the status from before the trap (130), and set -e ends the shutdown there.
  if [[ "$1" == temporal ]] && cluster_run; then "$CLUSTER" status >/dev/null 2>&1; return $?; fi
  if [[ "$1" == trace-ui ]]; then "$TRACE_UI_SCRIPT" status >/dev/null 2>&1; return $?; fi
  local pid
  pid=$(pid_of "$1")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

# The settings a run was started with (NOTIFY_RETRY_INTERVALS=5s ./run.sh, ...), kept so that a
# service started again from another terminal gets them too, not the defaults.
SETTINGS_PATTERN='^(NOTIFY_|PAY_|ACCOUNT_|TEMPORAL_|DB_|SPRING_|SERVER_|API_|CLUSTER_|MANAGEMENT_|TRACE_|JAVA_TOOL_OPTIONS)'
save_settings() {
  local name
  (umask 077 && : >"$RUN/settings") # it holds the run's keys and secrets
  while IFS= read -r name; do
    [[ "$name" =~ $SETTINGS_PATTERN ]] && declare -p "$name" | sed 's/^declare -x /export /;s/^declare -- /export /' >>"$RUN/settings"
  done < <(compgen -e)
  return 0
}

# The quickstart's credentials, each unless the environment sets it: the notifier's signing secret,
# made once for this checkout and kept in .data/run/demo-secrets, and the demo keys the README's curl
# lines carry. Set your own (all of them together, or the services will not know each other).
demo_credentials() {
  if [[ -z "${NOTIFY_SIGNING_SECRETS:-}" ]]; then
    if [[ ! -s "$RUN/demo-secrets" ]]; then
      (umask 077 && echo "whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >"$RUN/demo-secrets")
    fi
    NOTIFY_SIGNING_SECRETS=$(cat "$RUN/demo-secrets")
  fi
  export NOTIFY_SIGNING_SECRETS
  export PAY_API_KEYS="${PAY_API_KEYS:-demo:demo-client-key}"
  export PAY_API_OPERATOR_KEYS="${PAY_API_OPERATOR_KEYS:-ops:demo-operator-key}"
  export PAY_API_QUERY_KEYS="${PAY_API_QUERY_KEYS:-account-api:demo-query-key}"
  export PAY_API_QUERY_KEY="${PAY_API_QUERY_KEY:-demo-query-key}"
  export ACCOUNT_API_KEYS="${ACCOUNT_API_KEYS:-demo:demo-client-key}"
  export ACCOUNT_API_PAY_API_KEYS="${ACCOUNT_API_PAY_API_KEYS:-pay-api:demo-pay-api-key}"
  export ACCOUNT_API_OPERATOR_KEYS="${ACCOUNT_API_OPERATOR_KEYS:-ops:demo-operator-key}"
  export ACCOUNT_API_KEY="${ACCOUNT_API_KEY:-demo-pay-api-key}"
}

# Starts one service in the background, its output appended to .data/run/<service>.log.
start_service() {
  local name=$1 mode
  mode=$(cat "$RUN/mode")
  # shellcheck disable=SC1091
  [[ -f "$RUN/settings" ]] && source "$RUN/settings"
  running "$name" && die "$name is already running (pid $(pid_of "$name"))"
  if [[ "$name" == trace-ui ]]; then
    "$TRACE_UI_SCRIPT" up >>"$RUN/$name.log" 2>&1 || die "the trace UI did not start; see $RUN/$name.log"
    return
  fi
  if [[ "$mode" == cluster ]]; then
    case "$name" in
      temporal) "$CLUSTER" up >>"$RUN/$name.log" 2>&1 || die "the Temporal cluster did not start; see $RUN/$name.log" ;;
      load-balancer) start_load_balancer ;;
      *) start_java "$name" "$mode" ;;
    esac
    return
  fi
  if [[ "$name" == temporal && "$mode" != embedded ]]; then
    # The Temporal CLI's dev server, its history in a file: .data/local, or .data/temporal for dev.
    # The default run's file survives a killed process, not a power cut (DevServer.Durability);
    # dev's, beside MariaDB, keeps every commit.
    local db="$LOCAL/temporal.db" synchronous=normal
    [[ "$mode" == dev ]] && db="$DATA/temporal/dev.db" synchronous=full
    mkdir -p "$(dirname "$db")"
    (cd "$ROOT" && TEMPORAL_DB="$db" TEMPORAL_DB_SYNCHRONOUS=$synchronous exec setsid "$ROOT/temporal-dev/dev-server.sh" start >>"$RUN/$name.log" 2>&1) &
    echo $! >"$RUN/$name.pid"
    return
  fi
  start_java "$name" "$mode"
}

# The cluster's own databases on MariaDB, apart from ./run.sh dev's (bank1, bank1_pay): their
# notifications belong to another Temporal.
cluster_database_url() {
  local database=bank1_cluster
  [[ "$1" == pay-api-* ]] && database=bank1_pay_cluster
  echo "jdbc:mysql://127.0.0.1:${MARIADB_PORT:-3306}/$database?createDatabaseIfNotExist=true&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
}

# pay-api reaches account-api only through the load balancer, under a base path, as behind a
# gateway in production.
CLUSTER_ACCOUNT_API=http://127.0.0.1:8082/account-api

start_java() {
  local name=$1 mode=$2
  local args=(-XX:+ExitOnOutOfMemoryError)
  # gRPC's Netty and protobuf use sun.misc.Unsafe and native code; JDK 24+ would warn at each start.
  if (($(java_major "$JAVA_HOME") >= 24)); then
    args+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
  fi
  if [[ "$mode" == cluster && "$name" == pay-api-* ]]; then
    # The cluster's frontend requires a client certificate signed by the cluster's own CA: the
    # starter's spring.temporal.connection.mtls.* settings (in the environment, from
    # temporal-cluster.sh env) present it; the JVM's truststore is how the starter trusts the CA.
    local java_opts
    read -r -a java_opts <<<"${CLUSTER_JAVA_OPTS:-}"
    args+=("${java_opts[@]}")
  fi
  args+=(-jar "$(jar_of "$name")")
  case "$mode" in
    local) args+=("--notify.data-dir=$LOCAL") ;;
    embedded) args+=("--notify.data-dir=$EMBEDDED") ;;
    dev) args+=(--spring.profiles.active=mysql) ;;
    cluster)
      args+=(--spring.profiles.active=mysql "--server.port=$(port_of "$name")"
        "--spring.datasource.url=$(cluster_database_url "$name")")
      ;;
  esac
  if [[ "$name" == pay-api* && "$mode" != embedded ]]; then args+=("--notify.web-ui=$WEB_UI"); fi
  if [[ "$name" == pay-api-* ]]; then args+=("--notify.account-api=$CLUSTER_ACCOUNT_API"); fi
  (cd "$ROOT" && exec setsid java "${args[@]}" >>"$RUN/$name.log" 2>&1) &
  echo $! >"$RUN/$name.pid"
}

# nginx in front of both instances of each service: :8081 pay-api, :8082 account-api (also under
# /account-api/, the path pay-api is given). A refused connection (an instance stopped or killed)
# passes the request on to the other instance; a request that was sent and lost is the client's to
# retry: recharges carry an Idempotency-Key, and a notification is idempotent by its txNo.
start_load_balancer() {
  mkdir -p "$LOAD_BALANCER"
  chmod 755 "$LOAD_BALANCER"
  cat >"$LOAD_BALANCER/nginx.conf" <<EOF
daemon off;
worker_processes 1;
error_log $LOAD_BALANCER/error.log warn;
pid $LOAD_BALANCER/nginx.pid;
events { worker_connections 1024; }
http {
  access_log $LOAD_BALANCER/access.log;
  client_body_temp_path $LOAD_BALANCER/body;
  proxy_temp_path $LOAD_BALANCER/proxy;
  fastcgi_temp_path $LOAD_BALANCER/fastcgi;
  uwsgi_temp_path $LOAD_BALANCER/uwsgi;
  scgi_temp_path $LOAD_BALANCER/scgi;
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host \$http_host;
  proxy_connect_timeout 1s;
  upstream pay_api {
    server 127.0.0.1:$(port_of pay-api-1) max_fails=1 fail_timeout=2s;
    server 127.0.0.1:$(port_of pay-api-2) max_fails=1 fail_timeout=2s;
    keepalive 16;
  }
  upstream account_api {
    server 127.0.0.1:$(port_of account-api-1) max_fails=1 fail_timeout=2s;
    server 127.0.0.1:$(port_of account-api-2) max_fails=1 fail_timeout=2s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:8081;
    location / { proxy_pass http://pay_api; }
  }
  server {
    listen 127.0.0.1:8082;
    location /account-api/ { proxy_pass http://account_api/; }
    location / { proxy_pass http://account_api; }
  }
}
EOF
  (cd "$ROOT" && exec setsid "${NGINX:-/usr/sbin/nginx}" -p "$LOAD_BALANCER" -c "$LOAD_BALANCER/nginx.conf" >>"$RUN/load-balancer.log" 2>&1) &
  echo $! >"$RUN/load-balancer.pid"
}

stop_service() {
  local name=$1 pid
  # return $? (see running): a bare return here ended the shutdown before the log followers were
  # stopped, and every ./run.sh cluster left them running.
  if [[ "$name" == temporal ]] && cluster_run; then "$CLUSTER" down; return $?; fi
  if [[ "$name" == trace-ui ]]; then "$TRACE_UI_SCRIPT" down >/dev/null; return $?; fi
  pid=$(pid_of "$name")
  running "$name" || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN/$name.pid"
}

# How long a service may take to become ready. A Spring Boot service takes 10 s on a quiet machine,
# but 65-78 s for a pay-api started again while the cluster's crash test saturated both cores.
START_TIMEOUT=${START_TIMEOUT:-180}

await_port() { # waits until the service listens (temporal) or reports ready (the Spring Boot ones)
  local name=$1 port deadline=$((SECONDS + START_TIMEOUT))
  port=$(port_of "$name")
  while ((SECONDS < deadline)); do
    running "$name" || die "$name exited during start; see $RUN/$name.log"
    if [[ "$name" == trace-ui ]]; then
      return # trace-ui.sh up returns once Zipkin and the relay serve
    elif [[ "$name" == temporal ]] && cluster_run; then
      return # temporal-cluster.sh up returns once the cluster serves, its Web UI included
    elif [[ "$name" == load-balancer ]]; then
      listening 8081 && listening 8082 && return
    elif [[ "$name" == temporal ]]; then
      # The dev server's Web UI comes up a moment after its gRPC port.
      listening "$port" && { [[ "$(cat "$RUN/mode")" == embedded ]] || listening 8233; } && return
    else
      curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && return
    fi
    sleep 0.1
  done
  die "$name did not become ready on port $port within $START_TIMEOUT s; see $RUN/$name.log"
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
      sed -u "s/^/$(printf '\033[%sm' "$colour")$(printf '%-14s' "$name")$(printf '\033[0m') /" &
  done
}

# Stops every service of the run, and the dev server or the cluster if the run started it.
stop_all() {
  local services
  read -r -a services <<<"$(services_of)"
  for ((i = ${#services[@]} - 1; i >= 0; i--)); do stop_service "${services[i]}"; done
  rm -f "$RUN/mode" "$RUN/run.pid" "$RUN/settings"
}

# The default run on the dev server, or, when the Temporal CLI cannot be installed, on the
# in-process test server, said loudly: no Web UI, no visibility queries, nothing kept.
choose_mode() {
  if "$ROOT/temporal-dev/dev-server.sh" install >"$RUN/cli-install.log" 2>&1; then
    echo local
  else
    {
      say "The Temporal CLI could not be installed (see $RUN/cli-install.log):"
      say "falling back to the in-process Temporal test server: no Web UI, no 'temporal workflow list',"
      say "nothing kept across runs. Install the CLI (temporal-dev/dev-server.sh install) for the real one."
    } >&2
    echo embedded
  fi
}

reset() {
  if [[ -f "$RUN/run.pid" ]] && kill -0 "$(cat "$RUN/run.pid")" 2>/dev/null; then
    die "a run is going: stop it first (Ctrl-C, or ./run.sh stop)"
  fi
  handle_leftovers
  if [[ "${1:-}" == cluster ]]; then
    "$CLUSTER" status >/dev/null 2>&1 && die "the Temporal cluster runs: ./run.sh stop"
    rm -rf "$DATA/cluster"
    # The databases live in the MariaDB of ./run.sh dev, which may serve other checkouts' runs too:
    # dropping them is what keeps one cluster's unsettled notifications from the next one's sweeper.
    if "$ROOT/scripts/mariadb.sh" status >/dev/null 2>&1; then
      mariadb --protocol=tcp -h127.0.0.1 -P"${MARIADB_PORT:-3306}" -u"${DB_USER:-notify}" \
        -p"${DB_PASSWORD:-notify}" -e "DROP DATABASE IF EXISTS bank1_cluster; DROP DATABASE IF EXISTS bank1_pay_cluster"
      say "dropped bank1_cluster and bank1_pay_cluster"
    fi
    say "wiped $DATA/cluster: the next ./run.sh cluster starts a new cluster with new certificates"
    return
  fi
  rm -rf "$LOCAL" "$EMBEDDED"
  say "wiped $LOCAL: the next ./run.sh starts with empty databases and no Temporal history"
}

shutdown() {
  trap - INT TERM EXIT
  echo
  say "Stopping"
  stop_all
  kill $(jobs -p) 2>/dev/null || true
}

# Services of an earlier run whose ./run.sh was killed (kill -9, a closed terminal) still hold the
# quickstart's ports: offer to stop them rather than refuse to start.
handle_leftovers() {
  local name left=() services
  read -r -a services <<<"$(services_of)"
  for name in "${services[@]}"; do running "$name" && left+=("$name (pid $(pid_of "$name"))"); done
  ((${#left[@]} > 0)) || return 0
  local owner
  owner=$(cat "$RUN/run.pid" 2>/dev/null || true)
  if [[ -n "$owner" ]] && kill -0 "$owner" 2>/dev/null; then
    die "a run is already going (./run.sh, pid $owner): Ctrl-C it, or ./run.sh stop"
  fi
  say "An earlier run left these running: ${left[*]}"
  if [[ -t 0 ]]; then
    local answer
    read -r -p "Stop them and start afresh? [Y/n] " answer
    [[ -z "$answer" || "$answer" =~ ^[Yy] ]] || die "left them running; ./run.sh stop stops them"
    stop_all
  else
    die "stop them with ./run.sh stop, then start again"
  fi
}

banner() {
  local stop_start="  ./run.sh stop account-api      ./run.sh start account-api"
  if [[ "$(cat "$RUN/mode")" == cluster ]]; then
    stop_start="  ./run.sh stop account-api-1    ./run.sh start account-api-1   (account-api-2 goes on serving)
  # the temporal CLI and tctl reach the cluster over mTLS with the run's certificates:
  eval \"\$(scripts/temporal-cluster.sh env)\""
  fi
  cat <<EOF

$(say "Ready: pay-api http://127.0.0.1:8081 · account-api http://127.0.0.1:8082 · Temporal 127.0.0.1:7233$1")

  # recharge account 1 (张三) as the demo client; the notification credits it within a second
  curl -s -XPOST localhost:8081/api/recharges -H 'Authorization: Bearer demo-client-key' \\
       -H 'Content-Type: application/json' -d '{"accountNo":"1","amount":"100.00"}'
  curl -s localhost:8082/api/accounts/1 -H 'Authorization: Bearer demo-client-key'
  # the notification's story, and the query (check) interface
  curl -s localhost:8081/api/recharges/<txNo>/notification -H 'Authorization: Bearer demo-client-key'
  curl -s localhost:8081/api/recharges/<txNo> -H 'Authorization: Bearer demo-client-key'
  # only the notifier's signature credits: a notification from anyone else is refused (401)
  curl -s -XPOST localhost:8082/api/notifications -H 'Content-Type: application/json' \\
       -d '{"txNo":"<txNo>","accountNo":"1","amount":"100.00","result":"success"}'
  # an operator reconciles: account-api asks pay-api, finds it settled, credits nothing twice
  curl -s -XPOST localhost:8082/api/reconciliations/<txNo> -H 'Authorization: Bearer demo-operator-key'
  # the receiver goes away and comes back (from another terminal)
$stop_start
$2
Ctrl-C stops everything; ./run.sh reset wipes what the run keeps.
EOF
}

run() {
  local mode=$1 services ui="" story=""
  read -r -a services <<<"$(services_of "$mode")"
  setup_build
  mkdir -p "$RUN"
  handle_leftovers
  if [[ "$mode" == local ]]; then mode=$(choose_mode); fi
  if [[ "$mode" == cluster ]] && listening 8082; then die "port 8082 (account-api's load balancer) is taken: stop what listens there first"; fi
  if [[ "$mode" == dev ]] && listening 7233; then
    say "Temporal already serves on 127.0.0.1:7233: using it"
    services=(trace-ui account-api pay-api)
  fi
  for name in "${services[@]}"; do check_port_free "$name"; done
  if [[ "$mode" != embedded && " ${services[*]} " == *" temporal "* ]] && listening 8233; then
    die "port 8233 (the Temporal Web UI) is taken: another run, or something else, is listening there"
  fi
  if [[ " ${services[*]} " == *" trace-ui "* ]] && listening "${TRACE_OTLP_PORT:-4318}"; then
    die "port ${TRACE_OTLP_PORT:-4318} (the trace UI's OTLP) is taken: another run, or a collector, is listening there"
  fi

  if [[ -z "${NOTIFY_SKIP_BUILD:-}" ]]; then
    say "Building (mvn package, tests skipped; ./test.sh runs them)"
    mvn -B -q -f "$ROOT/pom.xml" package -DskipTests -Dspotless.check.skip=true
  fi
  if [[ "$mode" == cluster ]]; then
    say "The Temporal cluster's programs (built from their Go modules the first time, minutes; cached in .tools)"
    "$CLUSTER" build
  fi
  for name in account-api pay-api temporal; do
    [[ -f "$(jar_of "$name")" ]] || die "$(jar_of "$name") is missing: run ./run.sh without NOTIFY_SKIP_BUILD"
  done
  local traces=""
  if [[ " ${services[*]} " == *" trace-ui "* ]]; then
    "$TRACE_UI_SCRIPT" ensure >/dev/null
    # The services export to the trace UI's relay, unless told to export elsewhere.
    if [[ -z "${MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT:-}" ]]; then
      eval "$("$TRACE_UI_SCRIPT" env)"
      traces=" · traces $TRACE_UI"
    else
      say "Traces go to $MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT (MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT), not to the trace UI"
    fi
  fi

  echo "$mode" >"$RUN/mode"
  echo $$ >"$RUN/run.pid"
  demo_credentials
  if [[ "$mode" == cluster ]]; then
    "$ROOT/scripts/mariadb.sh" ensure
    "$ROOT/scripts/nginx.sh" ensure >/dev/null
    # The services' connection to the cluster (target, client certificate, truststore), kept with
    # the run's settings so that ./run.sh start pay-api-1 gets it too.
    eval "$("$CLUSTER" env)"
  fi
  save_settings
  trap shutdown EXIT
  trap 'exit 130' INT TERM
  for name in "${services[@]}"; do : >"$RUN/$name.log"; done
  case "$mode" in
    dev) "$ROOT/scripts/mariadb.sh" ensure ;;
    local) mkdir -p "$LOCAL" ;;
    embedded) rm -rf "$EMBEDDED" ;; # its Temporal keeps nothing, so neither do its databases
  esac
  if [[ "$mode" != embedded ]]; then
    ui=" · Web UI $WEB_UI"
    story="
  # each notification's story in the Web UI (pay-api logs the link of each): find it by TxNo
  $WEB_UI/namespaces/default/workflows?query=TxNo%3D%22<txNo>%22
"
  fi
  if [[ -n "$traces" ]]; then
    ui+="$traces"
    story+="  # each recharge's trace in Zipkin: Run Query, then Show on the root pay-api: http post /api/recharges
  $TRACE_UI?annotationQuery=txNo%3D<txNo>
"
  fi
  follow_logs "${services[@]}"
  for name in "${services[@]}"; do
    start_service "$name"
    await_port "$name"
  done
  banner "$ui" "$story"
  # Runs until Ctrl-C, or until every service has ended; stopping one alone is part of the demo.
  while for name in "${services[@]}"; do running "$name" && break; false; done; do sleep 1; done
  say "every service has stopped; logs in $RUN"
}

case "${1:-}" in
  "") run local ;;
  dev) run dev ;;
  cluster) run cluster ;;
  reset)
    mkdir -p "$RUN"
    [[ -z "${2:-}" || "$2" == cluster ]] || die "usage: ./run.sh reset [cluster]"
    reset "${2:-}"
    ;;
  stop)
    if [[ -z "${2:-}" ]]; then
      stop_all
      say "stopped everything of the run"
    else
      require_service "$2"
      running "$2" || die "$2 is not running"
      stop_service "$2"
      say "$2 stopped"
    fi
    ;;
  start)
    require_service "${2:-}"
    [[ -f "$RUN/mode" ]] || die "no run is going: start one with ./run.sh"
    find_jdk
    start_service "$2"
    await_port "$2"
    say "$2 started"
    ;;
  *) die "usage: ./run.sh [dev|cluster] | ./run.sh stop [<service>] | ./run.sh start <service>" ;;
esac
