#!/usr/bin/env bash
# MariaDB for `./run.sh dev` and the database tests: a server on 127.0.0.1:$MARIADB_PORT (3306)
# with the databases bank1 and bank1_pay and a user $DB_USER/$DB_PASSWORD (notify/notify) that may
# do anything, since the tests create a database of their own per Spring context.
#
#   scripts/mariadb.sh [ensure]   install MariaDB if missing, start it unless a server already
#                                 answers on the port, create the databases and the user (idempotent)
#   scripts/mariadb.sh stop       stop the server this script started
#   scripts/mariadb.sh status     say whether a server answers on the port
#
# The server this script starts keeps its files under .data/mariadb (MARIADB_DIR overrides) and runs
# as the calling user, so it needs neither systemd nor the system's /var/lib/mysql.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${MARIADB_PORT:-3306}
DB_USER=${DB_USER:-notify}
DB_PASSWORD=${DB_PASSWORD:-notify}
DIR=${MARIADB_DIR:-$DATA/mariadb}
SOCKET=$DIR/mysqld.sock
PID_FILE=$DIR/mysqld.pid
LOG=$DIR/mysqld.err
ME=$(id -un)

mariadbd_path() { command -v mariadbd || { [[ -x /usr/sbin/mariadbd ]] && echo /usr/sbin/mariadbd; }; }

# mariadb-admin ping exits 0 whenever a server responds, even when it refuses the login.
answers() {
  mariadb-admin --no-defaults --protocol=tcp -h127.0.0.1 -P"$PORT" --connect-timeout=2 ping >/dev/null 2>&1
}

install() {
  ((EUID == 0)) || die "MariaDB is not installed, and installing it needs root. Run:
       sudo apt-get update && sudo apt-get install -y mariadb-server
       then run scripts/mariadb.sh again."
  command -v apt-get >/dev/null || die "MariaDB is not installed and there is no apt-get: install mariadb-server by hand."
  apt-get update -qq
  # Debian's package may try to start its own server (it can't without an init system); ours is below.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
  mariadbd_path >/dev/null || die "apt-get installed mariadb-server, but there is still no mariadbd"
}

start() {
  mkdir -p "$DIR"
  if [[ ! -d "$DIR/data/mysql" ]]; then
    # root@localhost (and the calling user) log in through the socket, without a password.
    mariadb-install-db --no-defaults --user="$ME" --datadir="$DIR/data" --skip-test-db \
      --auth-root-authentication-method=socket --auth-root-socket-user="$ME" >"$DIR/install.log" 2>&1 ||
      die "mariadb-install-db failed; see $DIR/install.log"
  fi
  # --no-defaults: /etc/mysql's settings are for the system's server; utf8mb4 and UTC are set here.
  # setsid: the server outlives this script and the terminal it was started from.
  setsid "$(mariadbd_path)" --no-defaults --user="$ME" --datadir="$DIR/data" --socket="$SOCKET" \
    --port="$PORT" --bind-address=127.0.0.1 --pid-file="$PID_FILE" --log-error="$LOG" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --default-time-zone=+00:00 </dev/null >/dev/null 2>&1 &
  local pid=$! i
  for ((i = 0; i < 60; i++)); do
    answers && return 0
    kill -0 "$pid" 2>/dev/null || die "mariadbd exited at once; the end of $LOG says:
$(tail -n 15 "$LOG" 2>/dev/null)"
    sleep 0.5
  done
  die "mariadbd did not answer on 127.0.0.1:$PORT within 30 s; see $LOG"
}

# Runs SQL as an administrator of the server on $PORT: the calling user over our own server's
# socket, else root over the system's socket (Debian's root logs in that way), else the user
# itself, which may already create databases. Each must prove it reached the server on $PORT.
admin_sql() {
  local login
  for login in "--socket=$SOCKET -u$ME" "-uroot" "--protocol=tcp -h127.0.0.1 -P$PORT -u$DB_USER -p$DB_PASSWORD"; do
    # shellcheck disable=SC2086 # the logins are word lists on purpose
    if [[ $(mariadb $login -N -e 'SELECT @@port' 2>/dev/null) == "$PORT" ]]; then
      mariadb $login -e "$1" && return 0
    fi
  done
  return 1
}

quote() { local s=${1//\\/\\\\}; echo "'${s//\'/\'\'}'"; }

provision() {
  local sql="CREATE DATABASE IF NOT EXISTS bank1 CHARACTER SET utf8mb4;
    CREATE DATABASE IF NOT EXISTS bank1_pay CHARACTER SET utf8mb4;" host
  for host in 127.0.0.1 localhost; do
    sql+="CREATE USER IF NOT EXISTS $(quote "$DB_USER")@'$host' IDENTIFIED BY $(quote "$DB_PASSWORD");
      ALTER USER $(quote "$DB_USER")@'$host' IDENTIFIED BY $(quote "$DB_PASSWORD");
      GRANT ALL PRIVILEGES ON *.* TO $(quote "$DB_USER")@'$host';"
  done
  admin_sql "$sql" 2>/dev/null ||
    admin_sql "CREATE DATABASE IF NOT EXISTS bank1 CHARACTER SET utf8mb4;
      CREATE DATABASE IF NOT EXISTS bank1_pay CHARACTER SET utf8mb4;" ||
    die "a server answers on 127.0.0.1:$PORT, but neither root (by socket) nor $DB_USER/$DB_PASSWORD
       can log in to it to create the databases bank1, bank1_pay and the user $DB_USER.
       Stop that server, or create them there, or point MARIADB_PORT at another port."
}

ensure() {
  local did=""
  # A server that already answers (the system's, a container's, ours from before) will do as it is.
  if answers; then
    did="already running on 127.0.0.1:$PORT"
  else
    if ! mariadbd_path >/dev/null; then install; did="installed, "; fi
    start
    did+="started on 127.0.0.1:$PORT (data in ${DIR#"$ROOT"/}, log ${LOG#"$ROOT"/})"
  fi
  provision
  echo "MariaDB: $did; databases bank1, bank1_pay and user $DB_USER ready"
}

stop() {
  local pid
  pid=$(cat "$PID_FILE" 2>/dev/null) || true
  # The pid must still be a mariadbd: after a reboot the file may name some other process.
  if [[ -z "$pid" || "$(cat "/proc/$pid/comm" 2>/dev/null)" != mariadbd ]]; then
    echo "MariaDB: no server started by this script is running"
    return 0
  fi
  kill "$pid"
  local i
  for ((i = 0; i < 120; i++)); do
    kill -0 "$pid" 2>/dev/null || { echo "MariaDB: stopped (pid $pid)"; return 0; }
    sleep 0.5
  done
  die "mariadbd (pid $pid) did not stop within 60 s; see $LOG"
}

status() {
  if answers; then
    echo "MariaDB: answers on 127.0.0.1:$PORT"
  else
    echo "MariaDB: nothing answers on 127.0.0.1:$PORT (start it: scripts/mariadb.sh ensure)"
    return 1
  fi
}

case "${1:-ensure}" in
  ensure | stop | status) "${1:-ensure}" ;;
  *) die "usage: scripts/mariadb.sh [ensure|stop|status]" ;;
esac
