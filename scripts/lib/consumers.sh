# shellcheck shell=bash
# scripts/lib/consumers.sh: PowerDNS 4.7 and Kamailio 5.6, the programs that read our tables,
# started from config/pdns/pdns.conf and config/kamailio/kamailio.cfg. Sourced after common.sh.
# This is the one way to start them: scripts/run --with-consumers calls these functions, and
# the tests call them through scripts/lib/consumer-ctl (same arguments, KEY=VALUE output).
#
# Database (required before a start):
#   consumers_db PG_PORT PG_DIR
#       host 127.0.0.1, database ngnpro; a role's password is the first line of
#       PG_DIR/ROLE.password, as scripts/lib/pg.sh keeps them.
#
# PowerDNS:
#   pdns_start RUN_DIR [DNS_PORT [API_PORT [DB_ROLE [DB_NAME]]]]
#       Renders RUN_DIR/pdns.conf from the template (DB coordinates, ports, socket-dir=RUN_DIR,
#       api-key from RUN_DIR/pdns-api.key, generated once), checks it with
#       `pdns_server --config=check`, starts `pdns_server --config-dir=RUN_DIR` in the
#       background and waits until a SOA query for a zone nobody serves is answered (REFUSED
#       or NXDOMAIN). DNS_PORT (UDP and TCP on 127.0.0.1) defaults to 15353, API_PORT (HTTP API
#       on 127.0.0.1) to 15380; "auto" picks a free port. DB_ROLE defaults to pdns, the
#       SELECT-only role; a bench may pass a writing one. DB_NAME defaults to ngnpro; a bench
#       passes another database of the same cluster holding PowerDNS's own schema in a schema
#       named pdns (the template's search_path), for PowerDNS's writes. Sets PDNS_PID, PDNS_DNS_PORT,
#       PDNS_API_PORT, PDNS_API_KEY_FILE, PDNS_LOG, PDNS_START_SECONDS.
#       No cache is on (see the template), so nothing needs reloading after a change.
#       pdnsutil and pdns_control use the same instance with --config-dir=RUN_DIR.
#   pdns_stop RUN_DIR
#
# Kamailio:
#   kamailio_start RUN_DIR [SIP_PORT [TEMPLATE [VOICEMAIL_URI]]]
#       Renders RUN_DIR/kamailio.cfg from TEMPLATE (default config/kamailio/kamailio.cfg),
#       whose ${DB_URL}, ${SIP_PORT}, ${RUN_DIR} and ${VOICEMAIL_URI} become the role kamailio's
#       URL, the UDP port on 127.0.0.1 (default 15060, or "auto"), RUN_DIR and the voicemail
#       server that '<voice-mailbox>' diversions go to (default $NGNPRO_VOICEMAIL_URI, else
#       sip:voicemail@127.0.0.1:5080; the callee's username replaces its user part). Starts `kamailio -DD -E` in
#       the background (its main PID stops its children) and waits until `kamcmd core.version`
#       answers on RUN_DIR/kamailio_ctl. Sets KAMAILIO_PID, KAMAILIO_SIP_PORT, KAMAILIO_CTL
#       (unix:RUN_DIR/kamailio_ctl), KAMAILIO_LOG, KAMAILIO_START_SECONDS.
#   kamailio_stop RUN_DIR
#   kamailio_reload_lines CTL
#       The [reload] lines of ngnpro.ini that point the server at the Kamailio on CTL
#       ("key = command"); Kamailio caches domains, trusted peers and addresses.
#
# Files in RUN_DIR (made 0700; RUN_DIR may be shared by both):
#   pdns.conf pdns.pid pdns.log pdns.controlsocket pdns-api.key
#   kamailio.cfg kamailio.pid kamailio.log kamailio_ctl
# A start first stops a process left in RUN_DIR by an earlier run that died (its PID file,
# checked to be that program). A start that fails stops what it started, prints the tail of
# the log and dies. A stop sends SIGTERM to the PID in the PID file, SIGKILL after 10 s.

CONSUMERS_PG_PORT='' CONSUMERS_PG_DIR=''
KAMAILIO_DEFAULT_VOICEMAIL_URI=sip:voicemail@127.0.0.1:5080
CONSUMERS_START_TIMEOUT=${NGNPRO_CONSUMERS_START_TIMEOUT:-10}   # seconds until it answers
CONSUMERS_STOP_TIMEOUT=10                                         # seconds of SIGTERM before SIGKILL
PDNS_SERVER=/usr/sbin/pdns_server
KAMAILIO_BIN=/usr/sbin/kamailio
KAMCMD_BIN=/usr/sbin/kamcmd
# The zone of the readiness query: reserved (RFC 2606), so no provisioned zone can answer it.
_CONSUMERS_PROBE_ZONE=ngnpro-readiness.invalid

consumers_db() {
  local port=$1 dir=$2
  [[ $port =~ ^[0-9]+$ ]] || die "consumers: database port must be a number (got '$port')"
  [[ -d $dir ]] || die "consumers: $dir (the directory of the role password files) does not exist"
  CONSUMERS_PG_PORT=$port
  CONSUMERS_PG_DIR=$(cd -- "$dir" && pwd -P)
}

# _consumers_password ROLE: the role's password, from CONSUMERS_PG_DIR/ROLE.password.
_consumers_password() {
  local role=$1 file pw
  [[ -n $CONSUMERS_PG_DIR ]] || die "consumers: call consumers_db PG_PORT PG_DIR first"
  [[ $role =~ ^[a-z_][a-z0-9_]*$ ]] || die "consumers: bad role name '$role'"
  file=$CONSUMERS_PG_DIR/$role.password
  [[ -r $file ]] || die "consumers: $file is missing: the database has no password for role $role (scripts/lib/pg.sh)"
  pw=$(head -n 1 -- "$file" | tr -d '\r\n')
  # it goes into a config file and a URL unquoted
  [[ $pw =~ ^[A-Za-z0-9._-]{8,}$ ]] || die "consumers: $file must hold 8+ characters of [A-Za-z0-9._-]"
  printf '%s\n' "$pw"
}

# _consumers_port VALUE DEFAULT NAME: VALUE, DEFAULT when empty, a free port when "auto".
_consumers_port() {
  local v=${1:-$2}
  if [[ $v == auto ]]; then
    # free for TCP and UDP at once (PowerDNS binds both); the port may still be taken before
    # the program binds it, which its start then reports
    v=$(python3 -c '
import socket
for _ in range(100):
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.bind(("127.0.0.1", 0))
    port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        t.close()
        u.close()
    print(port)
    break
') || die "consumers: python3 could not find a free port for $3"
  fi
  if [[ ! $v =~ ^[0-9]+$ ]] || ((v < 1 || v > 65535)); then
    die "consumers: $3 must be a port number or auto (got '$v')"
  fi
  printf '%s\n' "$v"
}

_consumers_run_dir() {
  mkdir -p -- "$1"
  chmod 0700 -- "$1"
  (cd -- "$1" && pwd -P)
}

# _consumers_spawn LOG CMD...: CMD in the background, stdin /dev/null, output to LOG (new);
# sets _CONSUMERS_PID (exec: the subshell's PID is CMD's).
_consumers_spawn() {
  local logf=$1
  shift
  : >"$logf"
  (
    # no descriptor of ours beyond 0-2: not the cluster lock of scripts/lib/pg.sh, nor a pipe
    # whose reader waits for EOF (the caller's stdout, when it captures consumer-ctl's output)
    local fd
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      if ((fd > 2)); then exec {fd}>&-; fi
    done
    exec "$@"
  ) </dev/null >>"$logf" 2>&1 &
  _CONSUMERS_PID=$!
}

# _consumers_is PID BINARY: PID is alive and runs BINARY.
_consumers_is() {
  local exe
  pid_alive "$1" || return 1
  exe=$(readlink "/proc/$1/exe" 2>/dev/null) || return 1
  [[ ${exe% (deleted)} == "$2" ]]
}

# _consumers_children PID: the PIDs whose parent is PID (Kamailio's workers).
_consumers_children() {
  local stat f ppid
  for f in /proc/[0-9]*/stat; do
    { read -r stat <"$f"; } 2>/dev/null || continue
    stat=${stat##*) }
    read -r _ ppid _ <<<"$stat"
    if [[ $ppid == "$1" ]]; then
      f=${f#/proc/}
      printf '%s\n' "${f%/stat}"
    fi
  done
}

# _consumers_stop NAME BINARY PIDFILE: stop the process of PIDFILE if it runs BINARY, then any
# of its children that outlived it (only after a SIGKILL); remove PIDFILE.
_consumers_stop() {
  local name=$1 binary=$2 pidfile=$3 pid t0 c
  local -a children=()
  [[ -f $pidfile ]] || return 0
  pid=$(head -n 1 -- "$pidfile" 2>/dev/null || true)
  if _consumers_is "$pid" "$binary"; then
    t0=$(now_us)
    mapfile -t children < <(_consumers_children "$pid")
    stop_pid "$pid" "$name" "$CONSUMERS_STOP_TIMEOUT"
    for c in "${children[@]}"; do
      if _consumers_is "$c" "$binary"; then
        warn "$name: worker $c outlived its main process; sending SIGKILL"
        kill -KILL "$c" 2>/dev/null || true
      fi
    done
    log "$name: stopped pid $pid ($(elapsed "$t0"))"
  fi
  rm -f -- "$pidfile"
}

# _consumers_failed NAME LOG PIDFILE BINARY MESSAGE: a start went wrong: stop, show, die.
_consumers_failed() {
  local name=$1 logf=$2 pidfile=$3 binary=$4 message=$5
  _consumers_stop "$name" "$binary" "$pidfile"
  if [[ -s $logf ]]; then
    printf -- '----- last lines of %s -----\n' "$logf" >&2
    tail -n 25 -- "$logf" >&2 || true
    printf -- '----- end of %s -----\n' "$logf" >&2
  fi
  die "$name: $message (log: $logf)"
}

# ---- PowerDNS ------------------------------------------------------------------------------

# _pdns_render TEMPLATE OUT KEY=VALUE...: the template with each KEY's value replaced; every KEY
# must be set exactly once in the template, so the template and this list stay in step.
_pdns_render() {
  local template=$1 out=$2
  shift 2
  ( umask 077
    i=0
    for kv in "$@"; do
      i=$((i + 1))
      export "PDNS_KEY_$i=${kv%%=*}" "PDNS_VAL_$i=${kv#*=}"
    done
    awk -v n="$#" '
      BEGIN { for (i = 1; i <= n; i++) { k = ENVIRON["PDNS_KEY_" i]; want[k] = i; seen[k] = 0 } }
      /^[[:space:]]*[^#[:space:]][^=]*=/ {
        k = $0; sub(/=.*/, "", k); gsub(/^[[:space:]]+|[[:space:]]+$/, "", k)
        if (k in want) { seen[k]++; print k "=" ENVIRON["PDNS_VAL_" want[k]]; next }
      }
      { print }
      END {
        bad = 0
        for (k in seen) if (seen[k] != 1) {
          printf "%s: key %s is set %d times (must be once)\n", FILENAME, k, seen[k] > "/dev/stderr"
          bad = 1
        }
        exit bad
      }' "$template" >"$out.tmp"
  ) || { rm -f -- "$out.tmp"; return 1; }
  mv -f -- "$out.tmp" "$out"
}

pdns_start() {
  local dir dns_port api_port role=${4:-pdns} dbname=${5:-ngnpro}
  local template=$NGNPRO_SOURCE_DIR/config/pdns/pdns.conf
  local t0 pw key status out pidfile logf
  [[ -x $PDNS_SERVER ]] || die "pdns: $PDNS_SERVER not found (Debian packages pdns-server, pdns-backend-pgsql)"
  command -v dig >/dev/null || die "pdns: dig not found (Debian package bind9-dnsutils)"
  dir=$(_consumers_run_dir "$1")
  dns_port=$(_consumers_port "${2:-}" 15353 "the PowerDNS port")
  api_port=$(_consumers_port "${3:-}" 15380 "the PowerDNS API port")
  [[ $dbname =~ ^[a-z_][a-z0-9_]*$ ]] || die "pdns: bad database name '$dbname'"
  pw=$(_consumers_password "$role")
  pidfile=$dir/pdns.pid
  logf=$dir/pdns.log
  _consumers_stop pdns "$PDNS_SERVER" "$pidfile"   # left by an earlier run that died
  key=$(secret_file "$dir/pdns-api.key")
  local -a set=(
    "gpgsql-host=127.0.0.1" "gpgsql-port=$CONSUMERS_PG_PORT" "gpgsql-dbname=$dbname"
    "gpgsql-user=$role" "gpgsql-password=$pw"
    "local-address=127.0.0.1" "local-port=$dns_port" "socket-dir=$dir"
    "webserver-port=$api_port" "api-key=$key")
  _pdns_render "$template" "$dir/pdns.conf" "${set[@]}" || die "pdns: could not render $template"
  if ! out=$("$PDNS_SERVER" --config-dir="$dir" --config=check 2>&1); then
    printf '%s\n' "$out" >&2
    die "pdns: $dir/pdns.conf does not pass pdns_server --config=check"
  fi

  t0=$(now_us)
  _consumers_spawn "$logf" "$PDNS_SERVER" --config-dir="$dir"
  printf '%s\n' "$_CONSUMERS_PID" >"$pidfile"
  while :; do
    pid_alive "$_CONSUMERS_PID" ||
      _consumers_failed pdns "$logf" "$pidfile" "$PDNS_SERVER" "pdns_server exited while starting (port $dns_port or $api_port taken? database unreachable?)"
    # dig exits 9 while nothing listens yet
    status=$(dig @127.0.0.1 -p "$dns_port" +norecurse +time=1 +tries=1 +noall +comments \
             "$_CONSUMERS_PROBE_ZONE" SOA 2>/dev/null | sed -n 's/.*status: \([A-Z]*\).*/\1/p') || true
    [[ $status == REFUSED || $status == NXDOMAIN ]] && break
    (($(now_us) - t0 < CONSUMERS_START_TIMEOUT * 1000000)) ||
      _consumers_failed pdns "$logf" "$pidfile" "$PDNS_SERVER" "no DNS answer on 127.0.0.1:$dns_port within ${CONSUMERS_START_TIMEOUT}s"
    sleep 0.05
  done
  # shellcheck disable=SC2034  # for the caller
  PDNS_PID=$_CONSUMERS_PID PDNS_DNS_PORT=$dns_port PDNS_API_PORT=$api_port
  # shellcheck disable=SC2034
  PDNS_API_KEY_FILE=$dir/pdns-api.key PDNS_LOG=$logf PDNS_START_SECONDS=$(elapsed "$t0")
  PDNS_START_SECONDS=${PDNS_START_SECONDS%s}
  log "pdns: pid $PDNS_PID, DNS on 127.0.0.1:$dns_port (udp+tcp), API on http://127.0.0.1:$api_port as role $role on database $dbname (${PDNS_START_SECONDS}s)"
}

pdns_stop() {
  _consumers_stop pdns "$PDNS_SERVER" "$1/pdns.pid"
}

# ---- Kamailio ------------------------------------------------------------------------------

# _kamailio_render TEMPLATE OUT NAME=VALUE...: ${NAME} replaced (upper-case names only: $ru,
# $avp(x), $var(x) are Kamailio's own and stay); a ${UPPER} left over is an error.
_kamailio_render() {
  local template=$1 out=$2 text kv name value
  shift 2
  text=$(<"$template") || return 1
  for kv in "$@"; do
    name=${kv%%=*} value=${kv#*=}
    text=${text//"\${$name}"/"$value"}   # quoted: no pattern, and & stays & (bash 5.2)
  done
  if [[ $text =~ \$\{[A-Z][A-Z0-9_]*\} ]]; then
    printf '%s: placeholder without a value: %s\n' "$template" "${BASH_REMATCH[0]}" >&2
    return 1
  fi
  ( umask 077; printf '%s\n' "$text" >"$out.tmp" ) && mv -f -- "$out.tmp" "$out"
}

kamailio_start() {
  local dir port template=${3:-$NGNPRO_SOURCE_DIR/config/kamailio/kamailio.cfg}
  local voicemail=${4:-${NGNPRO_VOICEMAIL_URI:-$KAMAILIO_DEFAULT_VOICEMAIL_URI}}
  local t0 pw pidfile logf ctl_path
  local b
  for b in "$KAMAILIO_BIN" "$KAMCMD_BIN"; do
    [[ -x $b ]] || die "kamailio: $b not found (Debian packages kamailio, kamailio-postgres-modules)"
  done
  [[ -r $template ]] || die "kamailio: template $template not found"
  # it goes into a quoted #!define of the cfg: no quote, space or backslash can get there
  [[ $voicemail =~ ^sips?:[A-Za-z0-9._~+-]+@[A-Za-z0-9.-]+(:[0-9]{1,5})?$ ]] ||
    die "kamailio: the voicemail URI must be sip:user@host[:port] (got '$voicemail')"
  dir=$(_consumers_run_dir "$1")
  port=$(_consumers_port "${2:-}" 15060 "the Kamailio SIP port")
  pw=$(_consumers_password kamailio)
  pidfile=$dir/kamailio.pid
  logf=$dir/kamailio.log
  ctl_path=$dir/kamailio_ctl
  ((${#ctl_path} <= 107)) || die "kamailio: $ctl_path is longer than a unix socket path may be (107 bytes)"
  _consumers_stop kamailio "$KAMAILIO_BIN" "$pidfile"   # left by an earlier run that died
  rm -f -- "$ctl_path"
  _kamailio_render "$template" "$dir/kamailio.cfg" \
    "DB_URL=postgres://kamailio:$pw@127.0.0.1:$CONSUMERS_PG_PORT/ngnpro" \
    "SIP_PORT=$port" "RUN_DIR=$dir" "VOICEMAIL_URI=$voicemail" || die "kamailio: could not render $template"

  t0=$(now_us)
  # -DD: no daemon, so $! is the main process; -E: log to stderr (the log file)
  _consumers_spawn "$logf" "$KAMAILIO_BIN" -f "$dir/kamailio.cfg" -DD -E -m 64 -M 8
  printf '%s\n' "$_CONSUMERS_PID" >"$pidfile"
  while :; do
    pid_alive "$_CONSUMERS_PID" ||
      _consumers_failed kamailio "$logf" "$pidfile" "$KAMAILIO_BIN" "kamailio exited while starting (port $port taken? database unreachable, a table or its version row missing?)"
    if [[ -S $ctl_path ]] && timeout 5 "$KAMCMD_BIN" -s "unix:$ctl_path" core.version >/dev/null 2>&1; then
      break
    fi
    (($(now_us) - t0 < CONSUMERS_START_TIMEOUT * 1000000)) ||
      _consumers_failed kamailio "$logf" "$pidfile" "$KAMAILIO_BIN" "kamcmd core.version did not answer within ${CONSUMERS_START_TIMEOUT}s"
    sleep 0.05
  done
  # shellcheck disable=SC2034  # for the caller
  KAMAILIO_PID=$_CONSUMERS_PID KAMAILIO_SIP_PORT=$port KAMAILIO_CTL=unix:$ctl_path
  # shellcheck disable=SC2034
  KAMAILIO_LOG=$logf KAMAILIO_START_SECONDS=$(elapsed "$t0")
  KAMAILIO_START_SECONDS=${KAMAILIO_START_SECONDS%s}
  log "kamailio: pid $KAMAILIO_PID, SIP on udp 127.0.0.1:$port, ctl $KAMAILIO_CTL (${KAMAILIO_START_SECONDS}s)"
}

kamailio_stop() {
  _consumers_stop kamailio "$KAMAILIO_BIN" "$1/kamailio.pid"
}

# The server runs each command with /bin/sh -c, hence the quoting.
kamailio_reload_lines() {
  local ctl q
  q=$(sh_quote "$1")
  ctl="$KAMCMD_BIN -s $q"
  printf 'kamailio_domain = %s domain.reload\n' "$ctl"
  printf 'kamailio_trusted = %s permissions.trustedReload\n' "$ctl"
  printf 'kamailio_address = %s permissions.addressReload\n' "$ctl"
}
