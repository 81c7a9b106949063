# shellcheck shell=bash
# The benchmarks' ngnpro: a config for a private PostgreSQL already brought up (scripts/lib/pg.sh),
# the server started in the background and stopped by PID on exit. Sourced by bench/run,
# bench/run_sip and bench/hostile after scripts/lib/*.sh.
#
#   bench_server_start WORKDIR PORT    writes WORKDIR/ngnpro.ini, starts the server, waits for /health
#   soap FILE                          POSTs FILE to the server; prints the HTTP status
#   rss_kib VmRSS|VmHWM                the server's memory from /proc

SERVER_PID=
BENCH_PORT_IN_USE=

# shellcheck disable=SC2317  # run from the exit trap
stop_server() { [[ -z $SERVER_PID ]] || stop_pid "$SERVER_PID" ngnpro; SERVER_PID=; }

rss_kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$SERVER_PID/status"; }

soap() {
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/xml; charset=UTF-8' -H 'SOAPAction: ""' \
       --data-binary "@$1" "http://127.0.0.1:$BENCH_PORT_IN_USE/ngnpro/"
}

bench_server_start() {
  local work=$1 port=$2
  mkdir -p "$work"
  cat >"$work/ngnpro.ini" <<INI
[server]
listen = 127.0.0.1:$port
io_threads = 2
workers = 8
wsdl_dir = $NGNPRO_BUILD_DIR/wsdl
[limits]
max_connections_per_address = 1024
[database]
dsn = $(pg_dsn "$NGNPRO_DB_OWNER")
pool_size = 8
[admin]
username = admin
password = admin-secret
[log]
level = warn
INI
  add_cleanup stop_server
  "$NGNPRO_BUILD_DIR/ngnpro" --config "$work/ngnpro.ini" >"$work/server.log" 2>&1 &
  SERVER_PID=$!
  BENCH_PORT_IN_USE=$port
  local _
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 0.1; done
  die "the server did not answer /health on port $port (see $work/server.log)"
}
