#!/usr/bin/env bash
# The benchmark: builds the jars, starts a stack, warms it up, measures, prints a table and writes
# bench/results/<timestamp>-<stack>.json. Figures, not assertions; see bench/README.md.
#
#   bench/run.sh [default]          the default run's stack: the Temporal CLI's dev server (its history
#                                   in a file) and H2 files, as ./run.sh starts it
#   bench/run.sh mysql              MariaDB (scripts/mariadb.sh) and the dev server, as ./run.sh dev
#   bench/run.sh all                both, one after the other
#   bench/run.sh backlog [default|mysql]
#                                   the long one: the receiver down, BENCH_BACKLOG notifications
#                                   pending, memory, then the drain once it is back
#   bench/run.sh hanging [default|mysql]
#                                   a receiver that accepts connections and never answers:
#                                   BENCH_HANGING_RATE recharges/s for BENCH_HANGING_SECONDS (open
#                                   loop), the worker's workflow tasks and slots, reconcile signals
#   bench/run.sh cluster-crash      system-tests' ClusterIT with its crash test at BENCH_CRASH_RECHARGES
#                                   (10,000): kill -9, stop, restart, every cent counted; long
#   bench/run.sh cluster            production's shape as ./run.sh cluster starts it (a Temporal
#                                   Server cluster on PostgreSQL, two pay-api and two account-api on
#                                   MariaDB behind nginx): throughput, latency and CPU by process with
#                                   two pay-api instances and with one; then the default run and the
#                                   seed's design on the same load (BENCH_CLUSTER_BESIDE=0 skips them)
#
# Each stack's run measures the notifier (throughput, latency, history events, Temporal calls,
# pay-api's heap), account-api alone, Temporal's floor on the same server, and the seed's design
# (bench/seed-design: RocketMQ) on the same kind of database.
#
# Settings (environment), with their defaults:
#   BENCH_COUNT=3000 BENCH_CONCURRENCY=16 BENCH_SEQUENTIAL=200 BENCH_WARMUP=6000 BENCH_BACKLOG=100000
#   BENCH_BACKLOG_INTERVALS=30s BENCH_BACKLOG_WINDOW=1h (the backlog's schedule)
#   BENCH_TEMPORAL_PORT=7233 BENCH_PAY_PORT=8081 BENCH_ACCOUNT_PORT=8082
#   BENCH_SEED_PAY_PORT=8091 BENCH_SEED_ACCOUNT_PORT=8092 BENCH_SEED_NAMESRV_PORT=9876
#   BENCH_SEED_BROKER_PORT=10911 (the broker also takes the port 2 below and 1 above it)
#   BENCH_SEED=1 (0 skips the seed's design)  BENCH_SKIP_BUILD= (1 uses the jars as they are)
#   BENCH_JAVA_OPTS= (extra JVM options for the services)
#   BENCH_SQLITE_SYNCHRONOUS= (the dev server's history file: full, normal, ...; unset: as ./run.sh
#   syncs it, normal for the default stack, full for mysql)
#   BENCH_PAY_ARGS= (extra --name=value arguments for pay-api, at every start, e.g.
#   --notify.attempt-timeout=20s; not one that run.sh passes already)
#   BENCH_HANGING_RATE=20 BENCH_HANGING_SECONDS=30 BENCH_HANGING_WARMUP=1000
#   BENCH_HANGING_SIGNAL_AGES=1,15 BENCH_HANGING_RECEIVER_PORT=(BENCH_ACCOUNT_PORT + 2000)
#   BENCH_CLUSTER_BESIDE=1 (0: the cluster alone); the cluster's run: BENCH_COUNT=2000 BENCH_WARMUP=4000
#   BENCH_CRASH_RECHARGES=10000 (cluster-crash)
#   MARIADB_PORT=3306 DB_USER=notify DB_PASSWORD=notify (the mysql stack)
#   PAY_API_KEY, NOTIFY_SIGNING_SECRETS: for the secured API (bearer key; whsec_... to sign)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

VERSION=0.1.0-SNAPSHOT
BENCH="$ROOT/bench"
COUNT=${BENCH_COUNT:-3000}
CONCURRENCY=${BENCH_CONCURRENCY:-16}
SEQUENTIAL=${BENCH_SEQUENTIAL:-200}
WARMUP=${BENCH_WARMUP:-6000}
BACKLOG=${BENCH_BACKLOG:-100000}
BACKLOG_INTERVALS=${BENCH_BACKLOG_INTERVALS:-30s}
BACKLOG_WINDOW=${BENCH_BACKLOG_WINDOW:-1h}
TEMPORAL_PORT=${BENCH_TEMPORAL_PORT:-7233}
PAY_PORT=${BENCH_PAY_PORT:-8081}
ACCOUNT_PORT=${BENCH_ACCOUNT_PORT:-8082}
HANGING_RATE=${BENCH_HANGING_RATE:-20}
HANGING_SECONDS=${BENCH_HANGING_SECONDS:-30}
HANGING_WARMUP=${BENCH_HANGING_WARMUP:-1000}
HANGING_SIGNAL_AGES=${BENCH_HANGING_SIGNAL_AGES:-1,15}
HANGING_RECEIVER_PORT=${BENCH_HANGING_RECEIVER_PORT:-$((ACCOUNT_PORT + 2000))}
SEED_PAY_PORT=${BENCH_SEED_PAY_PORT:-8091}
SEED_ACCOUNT_PORT=${BENCH_SEED_ACCOUNT_PORT:-8092}
SEED_NAMESRV_PORT=${BENCH_SEED_NAMESRV_PORT:-9876}
SEED_BROKER_PORT=${BENCH_SEED_BROKER_PORT:-10911}
MARIADB_PORT=${MARIADB_PORT:-3306}
export DB_USER=${DB_USER:-notify} DB_PASSWORD=${DB_PASSWORD:-notify}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)

# The services' credentials for this run: a signing secret of its own, and keys named for the bench.
SECRET="whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
# (The driver reads balances with BENCH_ACCOUNT_READ_KEY: ACCOUNT_API_KEY is pay-api's own setting.)
export PAY_API_KEY=bench-client-key BENCH_ACCOUNT_READ_KEY=bench-client-key PAY_API_OPERATOR_KEY=bench-operator-key
export NOTIFY_SIGNING_SECRETS="$SECRET"

declare -A PIDS=()      # service name -> pid, for every process this script started
DATABASES=()            # MariaDB databases this script created, dropped at the end
TMP=""                  # H2 files and RocketMQ's store, removed at the end
STARTED_MARIADB=""
MARIADB_PID=""
CLUSTER_RUN_PID="" # ./run.sh cluster, while it runs

jvm_flags() {
  local flags=(-XX:+ExitOnOutOfMemoryError)
  # gRPC's Netty and protobuf use sun.misc.Unsafe and native code; JDK 24+ would warn at each start.
  if (($(java_major "$JAVA_HOME") >= 24)); then
    flags+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
  fi
  echo "${flags[@]}"
}

service_jvm_flags() { echo "$(jvm_flags)" ${BENCH_JAVA_OPTS:-}; } # the driver's own JVM gets none

jar() { echo "$ROOT/$1/target/$(basename "$1")-$VERSION-exec.jar"; }

# start NAME READY-CHECK COMMAND...: starts a service in its own session, logging to $LOGS/NAME.log,
# and waits until READY-CHECK (a shell command) succeeds.
start() {
  local name=$1 ready=$2
  shift 2
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  PIDS[$name]=$!
  for _ in $(seq 1 1200); do
    kill -0 "${PIDS[$name]}" 2>/dev/null || die "$name exited during its start; see $LOGS/$name.log"
    if eval "$ready" >/dev/null 2>&1; then return; fi
    sleep 0.1
  done
  die "$name was not ready within 120 s; see $LOGS/$name.log"
}

stop() {
  local name=$1 pid=${PIDS[$1]:-}
  [[ -n "$pid" ]] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "PIDS[$name]"
}

pids() { # name=pid,... of the running services, for the CPU time each spends
  local name list=()
  for name in "${!PIDS[@]}"; do list+=("$name=${PIDS[$name]}"); done
  [[ -n "$MARIADB_PID" ]] && list+=("mariadb=$MARIADB_PID")
  (IFS=,; echo "${list[*]}")
}

spring_ready() { echo "curl -fs http://127.0.0.1:$1/actuator/health/readiness"; }

mariadb_sql() {
  mariadb --protocol=tcp -h127.0.0.1 -P"$MARIADB_PORT" -u"$DB_USER" -p"$DB_PASSWORD" -e "$1"
}

# Throw-away databases of this run (their names are in DATABASES, so cleanup drops them).
database_name() { echo "$1_${STAMP,,}"; }

mariadb_url() {
  echo "jdbc:mysql://127.0.0.1:$MARIADB_PORT/$(database_name "$1")?createDatabaseIfNotExist=true&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
}

cleanup() {
  local name
  stop_cluster
  for name in "${!PIDS[@]}"; do stop "$name"; done
  for database in "${DATABASES[@]}"; do
    mariadb_sql "DROP DATABASE IF EXISTS \`$database\`" 2>/dev/null || true
  done
  DATABASES=()
  [[ -n "$STARTED_MARIADB" ]] && MARIADB_PORT=$MARIADB_PORT "$ROOT/scripts/mariadb.sh" stop >/dev/null 2>&1 || true
  STARTED_MARIADB="" MARIADB_PID=""
  [[ -n "$TMP" ]] && rm -rf "$TMP"
  TMP=""
}

check_ports_free() {
  local port
  for port in "$@"; do
    listening "$port" && die "port $port is taken; stop what listens there, or choose other ports (BENCH_*_PORT)"
  done
  return 0
}

# The driver (the bench module): one step per call, each adding its section to $RESULTS.
driver() {
  local step=$1
  shift
  # shellcheck disable=SC2046
  java $(jvm_flags) -jar "$(jar bench)" "$step" --results="$RESULTS" "$@"
}

common_args() {
  echo --count="$COUNT" --concurrency="$CONCURRENCY" --sequential="$SEQUENTIAL" --warmup="$WARMUP"
}

# The dev server as ./run.sh starts it (temporal-dev's DevServer writes the command line), with its
# history in a file of this run's own, synced as ./run.sh syncs it for the stack (the default run's
# survives a killed process, ./run.sh dev's a power cut); its Web UI on a free port.
start_temporal() { # STACK
  local cli command=() synchronous=full
  [[ $1 == default ]] && synchronous=normal
  cli=$("$ROOT/temporal-dev/dev-server.sh" install)
  mapfile -t command < <(java -jar "$(jar temporal-dev)" dev-server-command --cli "$cli" \
    --port "$TEMPORAL_PORT" --ui-port "$((TEMPORAL_PORT + 1000))" --db "$TMP/temporal.db" \
    --synchronous "$synchronous")
  if [[ -n "${BENCH_SQLITE_SYNCHRONOUS:-}" ]]; then
    # Another durability of the history file than the stack's, to measure what it costs: every
    # --sqlite-pragma synchronous=... replaced, nothing else.
    command=("${command[@]/#synchronous=*/synchronous=$BENCH_SQLITE_SYNCHRONOUS}")
  fi
  start temporal "'$cli' operator cluster health --address 127.0.0.1:$TEMPORAL_PORT" "${command[@]}"
}

database_args() { # STACK SERVICE(pay|account)
  if [[ $1 == default ]]; then
    echo "--notify.data-dir=$TMP/h2"
  else
    local name=bench_pay
    [[ $2 == account ]] && name=bench_account
    echo "--spring.profiles.active=mysql --spring.datasource.url=$(mariadb_url "$name")"
  fi
}

start_account_api() { # STACK
  ACCOUNT_ARGS=${ACCOUNT_ARGS:-$(database_args "$1" account)} # the same database when restarted
  # shellcheck disable=SC2046,SC2086
  start account-api "$(spring_ready "$ACCOUNT_PORT")" java $(service_jvm_flags) -jar "$(jar account-api)" \
    --server.port="$ACCOUNT_PORT" --pay-api.url="http://127.0.0.1:$PAY_PORT" --pay-api.key=bench-query-key \
    --notify.signing.secrets="$SECRET" --account-api.security.client-keys=bench:bench-client-key \
    --account-api.security.pay-api-keys=pay-api:bench-pay-api-key \
    --account-api.security.operator-keys=ops:bench-operator-key $ACCOUNT_ARGS
}

start_pay_api() { # STACK [extra arguments...]; then BENCH_PAY_ARGS, word by word
  local stack=$1
  shift
  PAY_ARGS=${PAY_ARGS:-$(database_args "$stack" pay)}
  # shellcheck disable=SC2046,SC2086
  start pay-api "$(spring_ready "$PAY_PORT")" java $(service_jvm_flags) -jar "$(jar pay-api)" \
    --server.port="$PAY_PORT" --spring.temporal.connection.target="127.0.0.1:$TEMPORAL_PORT" \
    --notify.account-api="${RECEIVER:-http://127.0.0.1:$ACCOUNT_PORT}" --notify.signing.secrets="$SECRET" \
    --pay-api.security.client-keys=bench:bench-client-key --pay-api.security.query-keys=account-api:bench-query-key \
    --pay-api.security.operator-keys=ops:bench-operator-key \
    --account-check.url="http://127.0.0.1:$ACCOUNT_PORT" --notify.account-api-key=bench-pay-api-key \
    $PAY_ARGS "$@" ${BENCH_PAY_ARGS:-}
}

start_seed() { # STACK
  local databases
  if [[ $1 == default ]]; then
    databases="--pay-db=jdbc:h2:file:$TMP/seed/bank1_pay --account-db=jdbc:h2:file:$TMP/seed/bank1"
  else
    databases="--pay-db=$(mariadb_url bench_seed_pay) --account-db=$(mariadb_url bench_seed_account) --db-user=$DB_USER --db-password=$DB_PASSWORD"
  fi
  # shellcheck disable=SC2046,SC2086
  start seed "curl -fs http://127.0.0.1:$SEED_ACCOUNT_PORT/api/accounts/1" \
    java $(service_jvm_flags) -jar "$(jar bench/seed-design)" \
    --pay-port="$SEED_PAY_PORT" --account-port="$SEED_ACCOUNT_PORT" \
    --namesrv-port="$SEED_NAMESRV_PORT" --broker-port="$SEED_BROKER_PORT" --store-dir="$TMP/seed/rocketmq" \
    $databases
}

prepare_stack() { # STACK [RUN NAME]: what the stack needs besides its processes
  TMP=$(mktemp -d -t notifier-bench-XXXXXX)
  ACCOUNT_ARGS="" PAY_ARGS=""
  RESULTS="$BENCH/results/$STAMP-${2:-$1}.json"
  LOGS="$BENCH/results/$STAMP-${2:-$1}-logs"
  mkdir -p "$LOGS"
  local ports=("$TEMPORAL_PORT" "$((TEMPORAL_PORT + 1000))" "$PAY_PORT" "$ACCOUNT_PORT" "$((ACCOUNT_PORT + 1000))")
  [[ ${BENCH_SEED:-1} == 1 ]] && ports+=("$SEED_PAY_PORT" "$SEED_ACCOUNT_PORT" "$SEED_NAMESRV_PORT"
    "$((SEED_BROKER_PORT - 2))" "$SEED_BROKER_PORT" "$((SEED_BROKER_PORT + 1))")
  check_ports_free "${ports[@]}"
  if [[ $1 == mysql ]]; then
    if ! MARIADB_PORT=$MARIADB_PORT "$ROOT/scripts/mariadb.sh" status >/dev/null 2>&1; then
      STARTED_MARIADB=1
    fi
    MARIADB_PORT=$MARIADB_PORT "$ROOT/scripts/mariadb.sh" ensure
    # Its CPU time counts too, when it is the server that scripts/mariadb.sh runs (shared or not).
    MARIADB_PID=$(cat "${MARIADB_DIR:-$DATA/mariadb}/mysqld.pid" 2>/dev/null || true)
    [[ -n "$MARIADB_PID" && "$(cat "/proc/$MARIADB_PID/comm" 2>/dev/null)" == mariadbd ]] || MARIADB_PID=""
    local name
    for name in bench_pay bench_account bench_seed_pay bench_seed_account; do
      DATABASES+=("$(database_name "$name")")
    done
  fi
}

describe() {
  local history="history in a file"
  [[ -n "${BENCH_SQLITE_SYNCHRONOUS:-}" ]] && history+=", synchronous=$BENCH_SQLITE_SYNCHRONOUS"
  case $1 in
    default) echo "Temporal CLI dev server ($history) + H2 files" ;;
    mysql) echo "Temporal CLI dev server ($history) + MariaDB on :$MARIADB_PORT" ;;
  esac
}

begin() { # STACK [extra --name=value...]
  local stack=$1
  shift
  local commit
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
  git -C "$ROOT" diff --quiet HEAD 2>/dev/null || commit="$commit+changes"
  # shellcheck disable=SC2046
  driver begin --stack="$stack" --description="$(describe "$stack")" --commit="$commit" \
    $(common_args) --temporal-port="$TEMPORAL_PORT" --pay-port="$PAY_PORT" --account-port="$ACCOUNT_PORT" \
    --pay-args="${BENCH_PAY_ARGS:-}" --sqlite-synchronous="${BENCH_SQLITE_SYNCHRONOUS:-as ./run.sh syncs the stack}" "$@"
}

measure_stack() { # STACK
  local stack=$1
  say "Stack $stack: $(describe "$stack")"
  prepare_stack "$stack"
  begin "$stack"
  start_temporal "$stack"
  start_account_api "$stack"
  start_pay_api "$stack"
  local services=(--pay-api="http://127.0.0.1:$PAY_PORT" --account-api="http://127.0.0.1:$ACCOUNT_PORT"
    --temporal="127.0.0.1:$TEMPORAL_PORT")
  say "The notifier (logs in $LOGS)"
  # shellcheck disable=SC2046
  driver notifier "${services[@]}" $(common_args) --pay-api-pid="${PIDS[pay-api]}" --pids="$(pids)"
  say "Temporal's floor on the same server"
  # shellcheck disable=SC2046
  driver floor "${services[@]}" $(common_args) --pids="$(pids)"
  say "Failed attempts: notifications sent to a closed port, pay-api on a seconds-scale schedule"
  stop pay-api
  # account-api stays up for the account check; only the notifications go nowhere.
  RECEIVER="http://127.0.0.1:$((ACCOUNT_PORT + 1000))" start_pay_api "$stack" \
    --notify.retry.intervals=1s --notify.window=1m
  driver failures "${services[@]}"
  stop pay-api
  stop account-api
  stop temporal
  if [[ ${BENCH_SEED:-1} == 1 ]]; then
    say "The seed's design: RocketMQ (in-process namesrv and broker) and the same kind of database"
    start_seed "$stack"
    # shellcheck disable=SC2046
    driver seed --pay-api="http://127.0.0.1:$SEED_PAY_PORT" --account-api="http://127.0.0.1:$SEED_ACCOUNT_PORT" \
      $(common_args) --pids="$(pids)"
    stop seed
  fi
  cleanup
  driver report
  say "Figures in ${RESULTS#"$ROOT"/}"
}

measure_backlog() { # STACK
  local stack=$1 receiver_back
  say "Backlog on stack $stack: $BACKLOG notifications pending while account-api is down"
  BENCH_SEED=0 prepare_stack "$stack"
  RESULTS="$BENCH/results/$STAMP-$stack-backlog.json"
  begin "$stack" --backlog="$BACKLOG"
  start_temporal "$stack"
  start_account_api "$stack"
  # A seconds-scale schedule by default, so that the attempts go on during the run: every 30 s within
  # an hour. The account, checked while account-api is up (backlog-before), is taken as known all along.
  start_pay_api "$stack" --notify.retry.intervals="$BACKLOG_INTERVALS" --notify.window="$BACKLOG_WINDOW" \
    --account-check.cache-for=24h
  local services=(--pay-api="http://127.0.0.1:$PAY_PORT" --account-api="http://127.0.0.1:$ACCOUNT_PORT")
  driver backlog-before "${services[@]}"
  stop account-api
  driver backlog-fill --pay-api="http://127.0.0.1:$PAY_PORT" --temporal="127.0.0.1:$TEMPORAL_PORT" \
    --count="$BACKLOG" --concurrency="$CONCURRENCY" \
    --pay-api-pid="${PIDS[pay-api]}" --temporal-pid="${PIDS[temporal]}"
  say "account-api is back: the drain"
  receiver_back=$(date +%s%3N)
  start_account_api "$stack"
  driver backlog-drain "${services[@]}" --receiver-started-at="$receiver_back" \
    --pay-api-pid="${PIDS[pay-api]}" --temporal-pid="${PIDS[temporal]}"
  cleanup
  driver report
  say "Figures in ${RESULTS#"$ROOT"/}"
}

# The receiver that never answers: pay-api's notifications go to the driver's black hole (its account
# check still to account-api), recharges come open-loop, the worker's figures from its metrics.
measure_hanging() { # STACK
  local stack=$1
  [[ $stack == default || $stack == mysql ]] || die "usage: bench/run.sh hanging [default|mysql]"
  say "Hanging receiver on stack $stack: $HANGING_RATE recharges/s for $HANGING_SECONDS s, notifications to a receiver that never answers"
  BENCH_SEED=0 prepare_stack "$stack" "hanging-$stack"
  check_ports_free "$HANGING_RECEIVER_PORT"
  begin "$stack" --rate="$HANGING_RATE" --seconds="$HANGING_SECONDS" --hanging-warmup="$HANGING_WARMUP" \
    --signal-ages="$HANGING_SIGNAL_AGES" --receiver-port="$HANGING_RECEIVER_PORT"
  start_temporal "$stack"
  start_account_api "$stack"
  # The schedule-to-start latencies as a histogram too, for percentiles: a Spring Boot setting of
  # pay-api's metrics, nothing of the notifier's.
  RECEIVER="http://127.0.0.1:$HANGING_RECEIVER_PORT" start_pay_api "$stack" \
    "--management.metrics.distribution.percentiles-histogram.temporal_workflow_task_schedule_to_start_latency=true"
  say "Load on the stack (logs in $LOGS); uptime before: $(uptime)"
  driver hanging --pay-api="http://127.0.0.1:$PAY_PORT" --account-api="http://127.0.0.1:$ACCOUNT_PORT" \
    --temporal="127.0.0.1:$TEMPORAL_PORT" --receiver-port="$HANGING_RECEIVER_PORT" \
    --rate="$HANGING_RATE" --seconds="$HANGING_SECONDS" --warmup="$HANGING_WARMUP" \
    --concurrency="$CONCURRENCY" --signal-ages="$HANGING_SIGNAL_AGES" --pids="$(pids)"
  say "uptime after: $(uptime)"
  cleanup
  driver report
  say "Figures in ${RESULTS#"$ROOT"/}"
}

# ------------------------------------------------------------------------------------------------
# The cluster: started by ./run.sh cluster itself, so that what is measured is what users run.

# Every port the cluster takes: the frontend, the Web UI, the load balancer, the four instances,
# PostgreSQL (the Temporal services' other ports are their own business: the script checks them).
CLUSTER_PORTS=(7233 8233 8081 8082 18081 18181 18082 18182 5433)

# The cluster's runs start from nothing, on a MariaDB of their own: run.sh cluster names its
# databases bank1_cluster and bank1_pay_cluster on whatever server answers on MARIADB_PORT, and
# every checkout's cluster shares them on the usual 3306, while each keeps its own Temporal: one
# checkout's relay and sweeper then start the other's notifications again (their runs are not in
# its Temporal), and a crash test's leftovers become the next run's backlog.
CLUSTER_MARIADB_PORT=${BENCH_CLUSTER_MARIADB_PORT:-3316}

# A MariaDB of the bench's own on CLUSTER_MARIADB_PORT (started unless it answers; stopped at the
# end if started here) with the cluster's databases dropped, and the cluster's Temporal data
# (.data/cluster: PostgreSQL's files, configuration, certificates) removed: run.sh cluster makes
# them anew. Only while nothing of the cluster runs (its ports are checked free first).
fresh_cluster() {
  export MARIADB_PORT=$CLUSTER_MARIADB_PORT MARIADB_DIR="$DATA/mariadb-cluster-bench"
  if ! "$ROOT/scripts/mariadb.sh" status >/dev/null 2>&1; then STARTED_MARIADB=1; fi
  "$ROOT/scripts/mariadb.sh" ensure
  mariadb_sql "DROP DATABASE IF EXISTS bank1_cluster; DROP DATABASE IF EXISTS bank1_pay_cluster"
  "$ROOT/scripts/temporal-cluster.sh" status >/dev/null 2>&1 && die "a Temporal cluster of this checkout runs: ./run.sh stop"
  rm -rf "$DATA/cluster"
  say "A fresh cluster: MariaDB on :$MARIADB_PORT (${MARIADB_DIR#"$ROOT"/}), its databases and .data/cluster made anew"
}

# ./run.sh cluster in the background, its output in $LOGS/run.sh.log, until it says Ready. The
# services get this run's keys and signing secret (run.sh passes its environment on); the bench's
# own client variables are left out, or Spring would read PAY_API_KEY as account-api's pay-api.key.
# env --default-signal=INT: a background job of a script ignores SIGINT, and run.sh could not trap
# it; with it, SIGINT is the Ctrl-C that stops the whole cluster.
start_cluster() {
  local log="$LOGS/run.sh.log"
  say "./run.sh cluster (its output in ${log#"$ROOT"/}; the first start builds Temporal Server from Go, minutes)"
  setsid env --default-signal=INT -u PAY_API_KEY -u PAY_API_OPERATOR_KEY -u BENCH_ACCOUNT_READ_KEY \
    NOTIFY_SKIP_BUILD=1 NOTIFY_SIGNING_SECRETS="$SECRET" \
    PAY_API_KEYS=bench:bench-client-key PAY_API_OPERATOR_KEYS=ops:bench-operator-key \
    PAY_API_QUERY_KEYS=account-api:bench-query-key PAY_API_QUERY_KEY=bench-query-key \
    ACCOUNT_API_KEYS=bench:bench-client-key ACCOUNT_API_PAY_API_KEYS=pay-api:bench-pay-api-key \
    ACCOUNT_API_OPERATOR_KEYS=ops:bench-operator-key ACCOUNT_API_KEY=bench-pay-api-key \
    "$ROOT/run.sh" cluster >"$log" 2>&1 </dev/null &
  CLUSTER_RUN_PID=$!
  local i
  for ((i = 0; i < 1800; i++)); do # 30 minutes: the first build of Temporal Server included
    grep -q "Ready:" "$log" && return
    kill -0 "$CLUSTER_RUN_PID" 2>/dev/null || { CLUSTER_RUN_PID=""; die "./run.sh cluster ended before it was ready; see $log"; }
    sleep 1
  done
  die "./run.sh cluster was not ready within 30 minutes; see $log"
}

# run.sh's children that follow its services' logs: tail -F | sed, one pair per service.
log_followers() {
  ps -o pid=,comm= --ppid "$CLUSTER_RUN_PID" | awk '$2 == "tail" || $2 == "sed" { print $1 }' || true
}

# Ctrl-C to ./run.sh cluster, which stops everything it started (MariaDB stays, as it says); then
# ./run.sh stop for whatever a failed shutdown left.
stop_cluster() {
  [[ -n "$CLUSTER_RUN_PID" ]] || return 0
  kill -INT "$CLUSTER_RUN_PID" 2>/dev/null || true
  local i
  for ((i = 0; i < 180; i++)); do kill -0 "$CLUSTER_RUN_PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$CLUSTER_RUN_PID" 2>/dev/null; then
    kill -9 "$CLUSTER_RUN_PID" 2>/dev/null || true
  fi
  wait "$CLUSTER_RUN_PID" 2>/dev/null || true
  CLUSTER_RUN_PID=""
  "$ROOT/run.sh" stop >/dev/null 2>&1 || true
  stop_orphaned_followers
}

# run.sh's log followers that outlived it (seen after every run.sh cluster, Ctrl-C'd or killed: a
# tail -F | sed pair per service, orphans of this checkout's .data/run): each tail by its pid, and
# its sed ends with it. Left alone they would hold whatever file descriptors run.sh had, a lock
# taken with flock among them.
stop_orphaned_followers() {
  local proc pid
  for proc in /proc/[0-9]*; do
    pid=${proc#/proc/}
    [[ "$(cat "$proc/comm" 2>/dev/null)" == tail ]] || continue
    [[ "$(awk '{ print $4 }' "$proc/stat" 2>/dev/null)" == 1 ]] || continue
    tr '\0' ' ' <"$proc/cmdline" 2>/dev/null | grep -qF -- "$DATA/run/" || continue
    kill "$pid" 2>/dev/null || true
  done
}

# MariaDB's pid, to count its CPU: from scripts/mariadb.sh's pid file when it started the server,
# else the mariadbd that listens on the port (another checkout's, shared).
mariadb_pid() {
  local pid
  pid=$(cat "${MARIADB_DIR:-$DATA/mariadb}/mysqld.pid" 2>/dev/null || true)
  if [[ -z "$pid" || "$(cat "/proc/$pid/comm" 2>/dev/null)" != mariadbd ]]; then
    pid=$(ss -Hltnp "sport = :$MARIADB_PORT" 2>/dev/null | sed -n 's/.*"mariadbd",pid=\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$pid"
}

# The cluster's processes for the driver: --pids (one process each; several joined by +) and
# --trees (a process and its descendants: PostgreSQL's postmaster and its backends, nginx's master
# and worker). Temporal's come from scripts/temporal-cluster.sh status, the services' from run.sh's
# pid files; run.sh's log followers (tail | sed, one pair per service) are counted too.
cluster_processes() {
  local line name pid pids=() trees=()
  while read -r line; do
    [[ "$line" =~ ^([a-z]+):\ running\ \(([0-9]+)\)$ ]] || continue
    name=${BASH_REMATCH[1]} pid=${BASH_REMATCH[2]}
    if [[ "$name" == postgres ]]; then trees+=("postgres=$pid"); else pids+=("temporal-$name=$pid"); fi
  done < <("$ROOT/scripts/temporal-cluster.sh" status 2>/dev/null || true)
  for name in pay-api-1 pay-api-2 account-api-1 account-api-2; do
    pid=$(cat "$DATA/run/$name.pid" 2>/dev/null || true)
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && pids+=("$name=$pid")
  done
  pid=$(cat "$DATA/run/load-balancer.pid" 2>/dev/null || true)
  [[ -n "$pid" ]] && trees+=("load-balancer=$pid")
  pid=$(mariadb_pid)
  [[ -n "$pid" ]] && pids+=("mariadb=$pid")
  pid=$(log_followers | paste -sd+)
  [[ -n "$pid" ]] && pids+=("run.sh-logs=$pid")
  echo "--pids=$(IFS=,; echo "${pids[*]}") --trees=$(IFS=,; echo "${trees[*]}")"
}

measure_cluster() {
  # A lighter load than the other stacks' by default, so that the whole run, the cluster's start
  # and the default run beside it included, takes about 10 minutes.
  COUNT=${BENCH_COUNT:-2000} WARMUP=${BENCH_WARMUP:-4000}
  say "Cluster: ./run.sh cluster, then the same with pay-api-2 stopped ($WARMUP recharges to warm up, $COUNT measured)"
  RESULTS="$BENCH/results/$STAMP-cluster.json"
  LOGS="$BENCH/results/$STAMP-cluster-logs"
  mkdir -p "$LOGS"
  check_ports_free "${CLUSTER_PORTS[@]}"
  fresh_cluster
  local beside=""
  [[ ${BENCH_CLUSTER_BESIDE:-1} == 1 ]] && beside="; then the default run (dev server + H2 files)$([[ ${BENCH_SEED:-1} == 1 ]] && echo " and the seed's design") on the same load"
  # shellcheck disable=SC2046
  driver begin --stack=cluster $(common_args) \
    --description="Temporal Server $(sed -n 's/^SERVER_VERSION=//p' "$ROOT/scripts/temporal-cluster.sh") cluster (frontend, history, matching, worker; PostgreSQL; mTLS) + pay-api ×2, account-api ×2 on MariaDB behind nginx, as ./run.sh cluster starts them$beside" \
    --commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo "+changes")"
  start_cluster
  local through=(--pay-api=http://127.0.0.1:8081 --account-api=http://127.0.0.1:8082)
  say "Two pay-api instances behind the load balancer (logs in $LOGS)"
  # shellcheck disable=SC2046
  driver cluster --phase=two_pay_api "${through[@]}" $(common_args) \
    --instances=http://127.0.0.1:18081,http://127.0.0.1:18181 $(cluster_processes)
  say "One: ./run.sh stop pay-api-2"
  "$ROOT/run.sh" stop pay-api-2
  # Warm already: pay-api-1 took half of every recharge so far.
  # shellcheck disable=SC2046
  driver cluster --phase=one_pay_api "${through[@]}" --count="$COUNT" --concurrency="$CONCURRENCY" \
    --sequential="$SEQUENTIAL" --warmup=0 --instances=http://127.0.0.1:18081 $(cluster_processes)
  say "Stopping the cluster (Ctrl-C to ./run.sh cluster)"
  stop_cluster
  if [[ ${BENCH_CLUSTER_BESIDE:-1} == 1 ]]; then
    measure_beside
  fi
  cleanup
  driver report
  say "Figures in ${RESULTS#"$ROOT"/}"
}

# The default run and the seed's design after the cluster, into the same results file: the
# notifier's scenarios 1-3 (and what the same step measures besides), no floor, no failed attempts.
measure_beside() {
  say "Beside it: the default run's stack (dev server + H2 files), as bench/run.sh default measures it"
  prepare_stack default cluster
  start_temporal default
  start_account_api default
  start_pay_api default
  # shellcheck disable=SC2046
  driver notifier --pay-api="http://127.0.0.1:$PAY_PORT" --account-api="http://127.0.0.1:$ACCOUNT_PORT" \
    --temporal="127.0.0.1:$TEMPORAL_PORT" $(common_args) --pay-api-pid="${PIDS[pay-api]}" --pids="$(pids)"
  stop pay-api
  stop account-api
  stop temporal
  if [[ ${BENCH_SEED:-1} == 1 ]]; then
    say "The seed's design: RocketMQ (in-process namesrv and broker) and H2 files"
    start_seed default
    # shellcheck disable=SC2046
    driver seed --pay-api="http://127.0.0.1:$SEED_PAY_PORT" --account-api="http://127.0.0.1:$SEED_ACCOUNT_PORT" \
      $(common_args) --pids="$(pids)"
    stop seed
  fi
}

# ClusterIT as test.sh runs it, its crash test at BENCH_CRASH_RECHARGES recharges (its own default is
# 200): the cluster started by ./run.sh cluster, four clients recharging through the load balancer
# while pay-api-1 is killed with -9, account-api-2 stopped, Temporal's history killed with -9 and
# matching restarted; then every acknowledged recharge answered again by its key, settled once, and
# the balances counted to the cent. The other tests of the class run too (they are short).
measure_cluster_crash() {
  local recharges=${BENCH_CRASH_RECHARGES:-10000} log="$BENCH/results/$STAMP-cluster-crash.log"
  RESULTS="$BENCH/results/$STAMP-cluster-crash.json"
  mkdir -p "$BENCH/results"
  check_ports_free "${CLUSTER_PORTS[@]}"
  fresh_cluster # ClusterIT's ./run.sh cluster finds MARIADB_PORT and MARIADB_DIR in its environment
  local cli tctl started ended status=0 load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  cli=$("$ROOT/temporal-dev/dev-server.sh" install)
  tctl=$("$ROOT/scripts/tctl.sh" ensure)
  "$ROOT/scripts/chromium.sh" ensure >/dev/null # ClusterIT's Web UI test
  "$ROOT/scripts/nginx.sh" ensure >/dev/null
  say "ClusterIT, its crash test at $recharges recharges (output in ${log#"$ROOT"/})"
  started=$(date +%s)
  mvn -B -f "$ROOT/pom.xml" verify -pl system-tests -am -Dspotless.check.skip=true \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ClusterIT \
    -Dnotify.cluster.crash-recharges="$recharges" -Dtemporal.cli="$cli" -Dtctl="$tctl" \
    -Dmariadb.url="jdbc:mysql://127.0.0.1:$MARIADB_PORT" >"$log" 2>&1 || status=$?
  ended=$(date +%s)
  local line
  line=$(grep -ho "cluster crash test: .*" "$log" "$ROOT"/system-tests/target/failsafe-reports/*ClusterIT*-output.txt 2>/dev/null | tail -n 1 || true)
  say "${line:-no line from the crash test: see $log}"
  # Figures, not verdicts: the file says how the run ended, with the test's own line.
  printf '{\n  "run": {"stack": "cluster-crash", "commit": "%s", "started_at": "%s", "nproc": %s, "load_average_at_start": "%s"},\n  "cluster_crash": {"recharges": %s, "maven_exit_code": %s, "maven_seconds": %s, "line": "%s"}\n}\n' \
    "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")" "$(date -u -d "@$started" +%FT%TZ)" "$(nproc)" \
    "$load" "$recharges" "$status" "$((ended - started))" "${line//\"/\\\"}" >"$RESULTS"
  ((status == 0)) || say "mvn verify ended with $status: see $log and system-tests/target/failsafe-reports"
  stop_orphaned_followers
  cleanup
  say "Figures in ${RESULTS#"$ROOT"/}"
  return "$status"
}

main() {
  local what=${1:-default}
  case $what in
    default | mysql | all | backlog | hanging | cluster | cluster-crash) ;;
    *) die "usage: bench/run.sh [default|mysql|all|backlog [default|mysql]|hanging [default|mysql]|cluster|cluster-crash]" ;;
  esac
  setup_build
  command -v curl >/dev/null || die "curl is needed (apt-get install curl)"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
    say "Building (mvn package, tests skipped)"
    mvn -B -q -f "$ROOT/pom.xml" package -DskipTests -Dspotless.check.skip=true \
      -pl pay-api,account-api,temporal-dev,bench,bench/seed-design -am
  fi
  case $what in
    default | mysql) measure_stack "$what" ;;
    all) measure_stack default && measure_stack mysql ;;
    backlog) measure_backlog "${2:-default}" ;;
    hanging) measure_hanging "${2:-default}" ;;
    cluster) measure_cluster ;;
    cluster-crash) measure_cluster_crash ;;
  esac
}

main "$@"
