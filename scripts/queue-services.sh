#!/usr/bin/env bash
# Redis and PostgreSQL for n8n's queue mode, on loopback, with their data in a folder of the caller's.
#   scripts/queue-services.sh install      installs Debian's redis-server and postgresql when missing
#   scripts/queue-services.sh start DIR    starts both on free ports, data in DIR; writes DIR/services.env
#                                          (REDIS_PORT, REDIS_PID, PG_PORT, PG_PID, PG_USER, PG_DATABASE) and prints it
#   scripts/queue-services.sh stop DIR     stops what `start DIR` started, by the PIDs in DIR/services.env
# PostgreSQL refuses to run as root, so as root its cluster belongs to the `postgres` user (or `nobody`).
set -euo pipefail
log() { printf '[queue-services] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return; }; done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
  return 1
}

install_missing() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  pg_bindir >/dev/null || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} from Debian's packages (one time)"
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  # The packages start system-wide services on their default ports; this project runs its own.
  as_root service redis-server stop >/dev/null 2>&1 || true
  as_root service postgresql stop >/dev/null 2>&1 || true
}

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local deadline=$((SECONDS + $1)) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { log "$what did not come up"; return 1; }
    sleep 0.2
  done
}

start() {
  local dir=$1
  install_missing
  mkdir -p "$dir/redis" "$dir/pg"
  dir=$(cd "$dir" && pwd)
  chmod 755 "$dir"

  local redis_port; redis_port=$(free_port)
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$dir/redis" --save '' --appendonly no \
    --daemonize no --logfile "$dir/redis/redis.log" </dev/null >/dev/null 2>&1 &
  local redis_pid=$!
  # Written as soon as there is a PID, so that `stop` works after a failed start too.
  printf 'REDIS_PORT=%s\nREDIS_PID=%s\n' "$redis_port" "$redis_pid" >"$dir/services.env"
  wait_for 20 "redis-server on port $redis_port" redis-cli -h 127.0.0.1 -p "$redis_port" ping

  local bin; bin=$(pg_bindir)
  local run=() owner
  if [ "$(id -u)" = 0 ]; then
    owner=postgres; id -u postgres >/dev/null 2>&1 || owner=nobody
    chown "$owner" "$dir/pg"
    runuser -u "$owner" -- test -x "$dir/pg" ||
      { log "user $owner cannot reach $dir/pg: the folders above it must be searchable by others (chmod o+x)"; return 1; }
    run=(runuser -u "$owner" --)
  fi
  local pg_port; pg_port=$(free_port)
  "${run[@]}" "$bin/initdb" -D "$dir/pg/data" -U n8n --auth=trust --encoding=UTF8 --no-sync >"$dir/pg/initdb.log" 2>&1 ||
    { cat "$dir/pg/initdb.log" >&2; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2
  local pg_pid; pg_pid=$(head -1 "$dir/pg/data/postmaster.pid")
  printf 'PG_PORT=%s\nPG_PID=%s\nPG_USER=n8n\nPG_DATABASE=n8n\nPG_BINDIR=%s\n' "$pg_port" "$pg_pid" "$bin" >>"$dir/services.env"
  "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U n8n n8n

  cat "$dir/services.env"
}

stop_pid() { # stop_pid PID SIGNAL: the signal, then up to 20 s, then SIGKILL
  local pid=$1 signal=$2 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "-$signal" "$pid" 2>/dev/null || return 0
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  log "PID $pid ignored SIG$signal: killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

stop() {
  local dir=$1
  [ -f "$dir/services.env" ] || return 0
  local REDIS_PID="" PG_PID=""
  # shellcheck disable=SC1091
  . "$dir/services.env"
  stop_pid "$PG_PID" INT     # PostgreSQL's fast shutdown
  stop_pid "$REDIS_PID" TERM
}

case "${1:-}" in
  install) install_missing ;;
  start) start "${2:?usage: $0 start DIR}" ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) echo "usage: $0 install | start DIR | stop DIR" >&2; exit 2 ;;
esac
