#!/usr/bin/env bash
# Runs the whole test suite: ./test.sh [extra `dotnet test` arguments, e.g. --filter Foo]
#
# Tests need a real PostgreSQL and Redis. If GAMECLUSTER_TEST_POSTGRES (Npgsql connection string) and
# GAMECLUSTER_TEST_REDIS (127.0.0.1:PORT) point at reachable servers they are used as they are; otherwise
# this script installs what is missing (apt), starts throw-away instances on free loopback ports in a temp
# folder, and stops exactly those instances again on exit. Servers it did not start are never touched.
#
# GAMECLUSTER_TEST_DRY_RUN=1: only start the services, print the exported variables, run `select 1` and
# `ping` against them, then clean up (no dotnet). Used to check the bootstrap itself.
set -euo pipefail
cd "$(dirname "$0")"

log() { echo "test.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }
SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"
WORK="" STARTED_PG="" STARTED_REDIS="" CREATED_POLICY="" PGBIN="" PGDATA_DIR="" REDIS_PORT=""

cleanup() {
  set +e
  if [[ -n "$STARTED_REDIS" ]]; then
    log "stopping Redis on 127.0.0.1:$REDIS_PORT"
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill_pidfile "$WORK/redis/redis.pid" redis-server
  fi
  if [[ -n "$STARTED_PG" ]]; then
    log "stopping PostgreSQL"
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" stop -m fast -w >/dev/null 2>&1 || kill_pidfile "$PGDATA_DIR/postmaster.pid" postgres
  fi
  [[ -n "$CREATED_POLICY" ]] && $SUDO rm -f /usr/sbin/policy-rc.d
  [[ -n "$WORK" ]] && rm -rf "$WORK"
}
trap cleanup EXIT; trap 'exit 130' INT; trap 'exit 143' TERM

# Fallback stop: kills the pid in file $1, but only if that process is still named $2 (pid files can be stale).
kill_pidfile() {
  local pid; pid=$(head -n1 "$1" 2>/dev/null) || return 0
  [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$2"* ]] && kill "$pid" 2>/dev/null
}
# PostgreSQL refuses to run as root, so as root its tools run as the `postgres` OS user
# (from inside $WORK: the checkout's directory may not be readable by that user).
as_pg() { if [[ $EUID -eq 0 ]]; then (cd "$WORK" && runuser -u postgres -- "$@"); else "$@"; fi; }
# Succeeds if something accepts TCP connections on host $1, port $2.
tcp_open() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
# Prints a free loopback TCP port (nothing listening on it).
free_port() {
  local p i
  for i in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    tcp_open 127.0.0.1 "$p" || { echo "$p"; return 0; }
  done
  die "no free TCP port found"
}
# Retries command $2... every 0.5 s for 30 s; dies with "$1 not ready" if it never succeeds.
wait_for() {
  local what=$1 i; shift
  for i in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  die "$what not ready after 30s"
}
# Value of key $2 (case-insensitive, |-separated aliases, spaces ignored) in Npgsql connection string $1, else $3.
npgsql_field() {
  local part key parts
  IFS=';' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    key=$(echo "${part%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
    [[ "|$2|" == *"|$key|"* ]] && { echo "${part#*=}" | xargs; return 0; }
  done
  echo "$3"
}
find_pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }

# --- reuse servers given in the environment if they answer --------------------------------------
NEED_PG=1 NEED_REDIS=1
if [[ -n "${GAMECLUSTER_TEST_POSTGRES:-}" ]]; then
  h=$(npgsql_field "$GAMECLUSTER_TEST_POSTGRES" "host|server" 127.0.0.1)
  p=$(npgsql_field "$GAMECLUSTER_TEST_POSTGRES" port 5432)
  if tcp_open "$h" "$p"; then NEED_PG=0; log "using existing PostgreSQL at $h:$p"
  else log "GAMECLUSTER_TEST_POSTGRES ($h:$p) is not reachable; starting a private instance"; fi
fi
if [[ -n "${GAMECLUSTER_TEST_REDIS:-}" ]]; then
  if tcp_open "${GAMECLUSTER_TEST_REDIS%:*}" "${GAMECLUSTER_TEST_REDIS##*:}"; then
    NEED_REDIS=0; log "using existing Redis at $GAMECLUSTER_TEST_REDIS"
  else log "GAMECLUSTER_TEST_REDIS ($GAMECLUSTER_TEST_REDIS) is not reachable; starting a private instance"; fi
fi

# --- install what is missing ---------------------------------------------------------------------
pkgs=()
[[ $NEED_PG -eq 1 && ! -x "$(find_pgbin)/initdb" ]] && pkgs+=(postgresql)
[[ $NEED_REDIS -eq 1 ]] && ! command -v redis-server >/dev/null && pkgs+=(redis-server)
if (( ${#pkgs[@]} )); then
  log "installing ${pkgs[*]} with apt"
  # Keep apt from auto-starting the distro services (we run our own instances; removed again on exit).
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    CREATED_POLICY=1; printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
  fi
  $SUDO apt-get update >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}" >&2
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gamecluster-test.XXXXXX")

# --- PostgreSQL ----------------------------------------------------------------------------------
if [[ $NEED_PG -eq 1 ]]; then
  PGBIN=$(find_pgbin); [[ -x "$PGBIN/initdb" ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  PGDATA_DIR="$WORK/pgdata"
  mkdir -p "$WORK/pgsock"
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql postgres
    chown -R postgres: "$WORK"
  fi
  PG_PORT=$(free_port)
  log "starting PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
  as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
  cat >>"$PGDATA_DIR/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK/pgsock'
max_connections = 300
fsync = off
synchronous_commit = off
EOF
  STARTED_PG=1  # set before starting, so that a half-started server is cleaned up too
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/postgres.log" -w -t 60 start >/dev/null \
    || { cat "$WORK/postgres.log" >&2; die "PostgreSQL did not start"; }
  wait_for "PostgreSQL on 127.0.0.1:$PG_PORT" "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"
  "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres gamecluster_test
  export GAMECLUSTER_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=gamecluster_test;Pooling=true;Maximum Pool Size=100"
fi

# --- Redis ---------------------------------------------------------------------------------------
if [[ $NEED_REDIS -eq 1 ]]; then
  mkdir -p "$WORK/redis"
  REDIS_PORT=$(free_port)
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  STARTED_REDIS=1
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize yes \
    --dir "$WORK/redis" --pidfile "$WORK/redis/redis.pid" --logfile "$WORK/redis/redis.log" >/dev/null
  wait_for "Redis on 127.0.0.1:$REDIS_PORT" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping
  export GAMECLUSTER_TEST_REDIS="127.0.0.1:$REDIS_PORT"
fi
# Tests that restart Redis themselves need the server binary.
if [[ -z "${GAMECLUSTER_TEST_REDIS_SERVER:-}" ]] && command -v redis-server >/dev/null; then
  export GAMECLUSTER_TEST_REDIS_SERVER="$(command -v redis-server)"
fi

if [[ "${GAMECLUSTER_TEST_DRY_RUN:-}" == 1 ]]; then
  printf '%s\n' "GAMECLUSTER_TEST_POSTGRES=$GAMECLUSTER_TEST_POSTGRES" "GAMECLUSTER_TEST_REDIS=$GAMECLUSTER_TEST_REDIS" \
    "GAMECLUSTER_TEST_REDIS_SERVER=${GAMECLUSTER_TEST_REDIS_SERVER:-}"
  pg=$GAMECLUSTER_TEST_POSTGRES
  "${PGBIN:+$PGBIN/}psql" -X -At -c 'select 1' -h "$(npgsql_field "$pg" "host|server" 127.0.0.1)" \
    -p "$(npgsql_field "$pg" port 5432)" -U "$(npgsql_field "$pg" "username|userid|user" postgres)" \
    -d "$(npgsql_field "$pg" "database|db" postgres)"
  redis-cli -h "${GAMECLUSTER_TEST_REDIS%:*}" -p "${GAMECLUSTER_TEST_REDIS##*:}" ping
  exit 0
fi

# --- tests ---------------------------------------------------------------------------------------
RESULTS="$WORK/results"
# LogFilePrefix rather than LogFileName: with LogFileName every test project overwrites the same .trx.
rc=0
dotnet test orleans.sln -c Release --nologo --logger "console;verbosity=normal" \
  --logger "trx;LogFilePrefix=results" --results-directory "$RESULTS" "$@" || rc=$?

# Sums attribute $1 of the <Counters .../> element over all .trx files.
counter() {
  awk -v a="$1" 'match($0, /<Counters [^>]*/) { c = substr($0, RSTART, RLENGTH)
    if (match(c, " " a "=\"[0-9]+\"")) { v = substr(c, RSTART, RLENGTH); gsub(/[^0-9]/, "", v); s += v } }
    END { print s + 0 }' "$RESULTS"/*.trx
}
if compgen -G "$RESULTS/*.trx" >/dev/null; then
  failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
  # Skipped tests are results with outcome NotExecuted (the notExecuted counter stays 0 for them).
  skipped=$(awk '{ n += gsub(/<UnitTestResult [^>]*outcome="NotExecuted"/, "") } END { print n + 0 }' "$RESULTS"/*.trx)
  if (( failed > 0 )); then
    # Repeated here, at the end, so that a log that keeps only its tail still names what failed and why.
    echo "failed tests:"
    awk '/<UnitTestResult / && /outcome="Failed"/ { if (match($0, /testName="[^"]*"/)) { print "  " substr($0, RSTART + 10, RLENGTH - 11) }; grab = 1 }
      grab && /<Message>/ { inmsg = 1; lines = 0; sub(/.*<Message>/, "") }
      inmsg { done = sub(/<\/Message>.*/, ""); gsub(/&lt;/, "<"); gsub(/&gt;/, ">"); gsub(/&quot;/, "\""); gsub(/&apos;/, "\047"); gsub(/&amp;/, "\\&")
              if (lines++ < 12) print "    " $0; if (done) { inmsg = 0; grab = 0 } }' "$RESULTS"/*.trx
  fi
  summary="tests: $(counter passed) passed, $failed failed"
  (( skipped > 0 )) && summary+=", $skipped skipped"
  echo "$summary"
fi
exit "$rc"
