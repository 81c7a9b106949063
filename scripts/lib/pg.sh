# shellcheck shell=bash
# scripts/lib/pg.sh: a private PostgreSQL 15 cluster inside the build tree, loopback only.
# Sourced after common.sh. Follows research/consumers/RECIPE.md §2 (initdb + pg_ctl as the
# postgres user, no systemd, no change to the machine's own clusters).
#
# Layout, MODE = dev (scripts/run) or test (scripts/test):
#   $NGNPRO_BUILD_DIR/MODE/pg/      PG_DIR, owned by postgres, 0700
#     data/                         PGDATA (initdb -U postgres, local trust, host scram-sha-256)
#     run/                          unix socket directory, 0700 (only root and postgres get in)
#     postgres.log                  server log (pg_ctl -l)
#     ngnpro.password               password of role ngnpro: generated once, 0600
#     <role>.password               the same for every create_consumer_role NAME
#     .lock, .lock.owner            flock held by the script using the cluster, and its pid
# When the postgres user cannot enter the build tree (a clone under /root, which is 0700) or
# the socket path would exceed the 107-byte limit, data/, run/ and postgres.log go to
# /var/lib/postgresql/ngnpro/<hash of PG_DIR>/ (PG_HOME) instead, with a symlink PG_DIR/cluster
# pointing there; passwords stay in PG_DIR.
#
# Ports: dev 127.0.0.1:15432, test 127.0.0.1:15433; NGNPRO_PG_PORT overrides either.
# NGNPRO_PG_BIN overrides the binaries (default /usr/lib/postgresql/15/bin).
#
# Main entry:  pg_up MODE DEFAULT_PORT [fresh]   select, lock, (wipe), initdb, start, roles, db
#              (or in steps: pg_select MODE DEFAULT_PORT; pg_lock; pg_bring_up [fresh])
# Then:        pg_dsn ROLE, pg_superuser_dsn, pg_psql_super DB [psql args], pg_psql_as ROLE [args]
# Teardown:    pg_stop (pg_up registers it with add_cleanup: it runs at exit whatever happens)
#
# Consumer roles (Kamailio, PowerDNS, ...): add the name to NGNPRO_CONSUMER_ROLES below, or call
# create_consumer_role NAME after pg_up. Each gets LOGIN and a generated password in
# PG_DIR/NAME.password. Roles are created before migrations run, so a migration may GRANT to
# them (and, marked `-- ngnpro:superuser`, ALTER ROLE them; see migrate.sh).

NGNPRO_DB=ngnpro
NGNPRO_DB_OWNER=ngnpro
# The roles of the programs that read our tables (SELECT only, their own schema).
NGNPRO_CONSUMER_ROLES=(kamailio pdns)

PG_MODE='' PG_DIR='' PG_HOME='' PG_DATA='' PG_SOCKDIR='' PG_LOG='' PG_PORT='' PG_BIN='' PG_MAJOR=''
PG_PID=''      # postmaster pid of the cluster this script started
PG_LOCK_FD=''  # fd holding the cluster lock

# pg_as CMD ARGS...: run a command as the cluster owner (postgres when we are root, else us),
# from / so that an unreadable working directory (/root) does not matter.
pg_as() {
  if ((EUID == 0)); then
    # shellcheck disable=SC2016  # $@ is expanded by the inner sh, on purpose
    su -s /bin/sh -c 'cd / && exec "$@"' -- postgres sh "$@"
  else
    (cd / && exec "$@")
  fi
}

_pg_find_bin() {
  local cands
  if [[ -n ${NGNPRO_PG_BIN:-} ]]; then
    PG_BIN=$NGNPRO_PG_BIN
  elif [[ -x /usr/lib/postgresql/15/bin/postgres ]]; then
    PG_BIN=/usr/lib/postgresql/15/bin
  else
    cands=(/usr/lib/postgresql/*/bin/postgres)
    [[ -x ${cands[-1]} ]] || die "postgres: no server binaries in /usr/lib/postgresql (package postgresql); set NGNPRO_PG_BIN"
    PG_BIN=${cands[-1]%/postgres}
    warn "postgres: PostgreSQL 15 not found, using $PG_BIN"
  fi
  local b
  for b in postgres initdb pg_ctl psql; do
    [[ -x $PG_BIN/$b ]] || die "postgres: $PG_BIN/$b not found"
  done
  local v
  v=$("$PG_BIN/pg_ctl" --version)   # "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
  v=${v#*) }
  PG_MAJOR=${v%%.*}
}

# pg_select MODE DEFAULT_PORT: set the PG_* paths for MODE's cluster and create PG_DIR.
pg_select() {
  local mode=$1 default_port=$2 hash
  PG_MODE=$mode
  PG_PORT=${NGNPRO_PG_PORT:-$default_port}
  if [[ ! $PG_PORT =~ ^[0-9]+$ ]] || ((PG_PORT < 1024 || PG_PORT > 65535)); then
    die "NGNPRO_PG_PORT must be a port number 1024..65535 (got '$PG_PORT')"
  fi
  _pg_find_bin
  PG_DIR=$NGNPRO_BUILD_DIR/$mode/pg
  mkdir -p -- "$PG_DIR"
  PG_HOME=$PG_DIR
  chmod 0700 -- "$PG_DIR"
  if ((EUID == 0)); then
    getent passwd postgres >/dev/null || die "postgres: no 'postgres' user (is the postgresql package installed?)"
    chown postgres:postgres -- "$PG_DIR"
    if ! pg_as test -x "$PG_DIR" -a -w "$PG_DIR"; then
      chown root:root -- "$PG_DIR"
      PG_HOME=
    fi
  fi
  # unix socket paths are limited to 107 bytes
  if [[ -n $PG_HOME ]] && ((${#PG_HOME} + ${#PG_PORT} + 14 > 107)); then
    PG_HOME=
  fi
  if [[ -z $PG_HOME ]]; then
    hash=$(printf '%s' "$PG_DIR" | sha256sum | cut -c1-12)
    if ((EUID == 0)); then
      install -d -o postgres -g postgres -m 0755 /var/lib/postgresql/ngnpro
      PG_HOME=/var/lib/postgresql/ngnpro/$hash
      install -d -o postgres -g postgres -m 0700 "$PG_HOME"
    else
      PG_HOME=/tmp/ngnpro-pg-$UID-$hash
      install -d -m 0700 "$PG_HOME"
    fi
    ln -sfn -- "$PG_HOME" "$PG_DIR/cluster"
    log "postgres: cluster files in $PG_HOME (postgres cannot use $PG_DIR: unreachable or too long a path)"
  else
    rm -f -- "$PG_DIR/cluster"
  fi
  PG_DATA=$PG_HOME/data
  PG_SOCKDIR=$PG_HOME/run
  PG_LOG=$PG_HOME/postgres.log
}

# pg_lock: one script per cluster. Released by the kernel when the script dies, even by SIGKILL.
# Long-lived children (postgres, the server, ctest) are started with {PG_LOCK_FD}>&- so they
# never hold it.
pg_lock() {
  local owner
  exec {PG_LOCK_FD}>>"$PG_DIR/.lock"
  if ! flock -n "$PG_LOCK_FD"; then
    owner=$(cat -- "$PG_DIR/.lock.owner" 2>/dev/null || true)
    die "the $PG_MODE cluster $PG_DIR is in use by another run (pid ${owner:-?}); stop that one first, or use another NGNPRO_BUILD_DIR"
  fi
  printf '%s\n' "$$" >"$PG_DIR/.lock.owner"
}

# pg_running_pid: print the postmaster pid when this cluster is running.
pg_running_pid() {
  local pid comm
  [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]] || return 1
  pid=$(head -n 1 -- "$PG_DATA/postmaster.pid" 2>/dev/null) || return 1
  pid_alive "$pid" || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  [[ $comm == postgres* ]] || return 1
  printf '%s\n' "$pid"
}

# pg_init: initdb once (idempotent). Config appended to postgresql.conf: loopback only, socket
# in run/, and for the test cluster no fsync (its data is thrown away every run).
pg_init() {
  local t0 v sock
  if [[ -f $PG_DATA/PG_VERSION ]]; then
    v=$(<"$PG_DATA/PG_VERSION")
    [[ $v == "$PG_MAJOR" ]] ||
      die "postgres: $PG_DATA is a PostgreSQL $v cluster but $PG_BIN is $PG_MAJOR; remove $PG_HOME to start over"
    return 0
  fi
  t0=$(now_us)
  rm -rf -- "$PG_DATA" "$PG_SOCKDIR"   # leftovers of an interrupted initdb
  if ((EUID == 0)); then
    install -d -o postgres -g postgres -m 0700 "$PG_DATA" "$PG_SOCKDIR"
  else
    install -d -m 0700 "$PG_DATA" "$PG_SOCKDIR"
  fi
  local -a opts=(-D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256
                 -E UTF8 --locale=C.UTF-8)
  [[ $PG_MODE == test ]] && opts+=(--no-sync)
  # a subshell, so that a trap firing meanwhile does not inherit the redirection
  if ! (pg_as "$PG_BIN/initdb" "${opts[@]}") >"$PG_HOME/initdb.log" 2>&1; then
    cat -- "$PG_HOME/initdb.log" >&2
    die "postgres: initdb failed"
  fi
  sock=${PG_SOCKDIR//\'/\'\'}
  {
    printf '\n# ---- added by scripts/lib/pg.sh: ngnpro private %s cluster ----\n' "$PG_MODE"
    printf "listen_addresses = '127.0.0.1'\n"
    printf 'port = %s\n' "$PG_PORT"
    printf "unix_socket_directories = '%s'\n" "$sock"
    printf 'unix_socket_permissions = 0700\n'
    printf "log_line_prefix = '%%m [%%p] %%q%%u@%%d '\n"
    if [[ $PG_MODE == test ]]; then
      printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n'
    fi
  } >>"$PG_DATA/postgresql.conf"
  log "postgres: initdb $PG_DATA ($(elapsed "$t0"))"
}

# pg_wipe: stop the cluster if it runs and delete its data (the test cluster starts clean).
pg_wipe() {
  pg_stop
  rm -rf -- "$PG_DATA" "$PG_SOCKDIR"
}

# pg_start: start with pg_ctl -w and record the postmaster pid. A cluster still running from
# an earlier run that died (we hold the lock, so nobody else uses it) is restarted cleanly.
pg_start() {
  local t0 pid
  if pid=$(pg_running_pid); then
    log "postgres: cluster already running (pid $pid, left by an earlier run); restarting it"
    pg_stop
  fi
  if (: <"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
    die "postgres: 127.0.0.1:$PG_PORT is already taken by another program; set NGNPRO_PG_PORT to a free port"
  fi
  t0=$(now_us)
  if ((EUID == 0)) && [[ -e $PG_LOG ]]; then chown postgres:postgres -- "$PG_LOG"; fi
  if ! pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s \
       -o "-p $PG_PORT -k $(sh_quote "$PG_SOCKDIR") -c listen_addresses=127.0.0.1" start {PG_LOCK_FD}>&-; then
    tail -n 20 -- "$PG_LOG" >&2 || true
    die "postgres: could not start the $PG_MODE cluster on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
  fi
  PG_PID=$(head -n 1 -- "$PG_DATA/postmaster.pid")
  log "postgres: started pid $PG_PID on 127.0.0.1:$PG_PORT, socket dir $PG_SOCKDIR ($(elapsed "$t0"))"
}

# shellcheck disable=SC2317  # also run from the EXIT trap
# pg_stop: pg_ctl -m fast stop; by pid (TERM, then KILL) when that fails. Safe to call twice.
pg_stop() {
  local pid='' t0 i
  [[ -n $PG_DATA ]] || return 0
  t0=$(now_us)
  if pid=$(pg_running_pid); then
    if ! pg_as "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 -s stop; then
      warn "postgres: pg_ctl stop failed; stopping pid $pid directly"
      stop_pid "$pid" postgres 10
    fi
  elif [[ -n $PG_PID ]] && pid_alive "$PG_PID" &&
       [[ $(cat "/proc/$PG_PID/comm" 2>/dev/null) == postgres* ]]; then
    pid=$PG_PID   # the postmaster we started, should postmaster.pid have been lost
    stop_pid "$pid" postgres 10
  else
    PG_PID=''
    return 0
  fi
  for ((i = 0; i < 50; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  PG_PID=''
  log "postgres: stopped pid $pid ($(elapsed "$t0"))"
}

# pg_password ROLE: the role's password, generated once into PG_DIR/ROLE.password (0600).
pg_password() {
  local pw
  pw=$(secret_file "$PG_DIR/$1.password")
  [[ $pw =~ ^[A-Za-z0-9._-]{8,}$ ]] ||
    die "postgres: $PG_DIR/$1.password must hold 8+ characters of [A-Za-z0-9._-]; delete it to get a new one"
  printf '%s\n' "$pw"
}

# pg_psql_super DB [psql args]: psql as superuser postgres over the unix socket.
pg_psql_super() {
  local db=$1; shift
  PGOPTIONS='-c client_min_messages=warning' \
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKDIR" -p "$PG_PORT" -U postgres -d "$db" "$@"
}

# pg_psql_as ROLE [psql args]: psql as ROLE over TCP to database ngnpro, with its password.
pg_psql_as() {
  local role=$1 pw; shift
  pw=$(pg_password "$role")
  PGPASSWORD=$pw PGOPTIONS='-c client_min_messages=warning' \
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$role" -d "$NGNPRO_DB" "$@"
}

# pg_ensure_role ROLE: LOGIN role whose password is the one in PG_DIR/ROLE.password.
pg_ensure_role() {
  local role=$1 pw
  [[ $role =~ ^[a-z_][a-z0-9_]*$ ]] || die "postgres: bad role name '$role'"
  pw=$(pg_password "$role")
  pg_psql_super postgres <<SQL
SELECT format('CREATE ROLE %I', '$role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role')
\gexec
ALTER ROLE "$role" WITH LOGIN NOSUPERUSER PASSWORD '$pw';
SQL
}

# create_consumer_role NAME: hook for the roles of programs that read our tables (kamailio,
# pdns, ...): LOGIN, password generated once into PG_DIR/NAME.password.
create_consumer_role() {
  pg_ensure_role "$1"
  log "postgres: role $1 (password in $PG_DIR/$1.password)"
}

# pg_ensure_database: role ngnpro, database ngnpro owned by it (UTF8, template0), consumer roles.
pg_ensure_database() {
  local r
  pg_ensure_role "$NGNPRO_DB_OWNER"
  pg_psql_super postgres <<SQL
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', '$NGNPRO_DB', '$NGNPRO_DB_OWNER', 'UTF8')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$NGNPRO_DB')
\gexec
ALTER DATABASE "$NGNPRO_DB" OWNER TO "$NGNPRO_DB_OWNER";
SQL
  for r in "${NGNPRO_CONSUMER_ROLES[@]}"; do
    create_consumer_role "$r"
  done
}

# pg_up MODE DEFAULT_PORT [fresh]: everything up to an empty (or existing) database ngnpro.
# The same in steps, for a script that must do something once it holds the lock:
#   pg_select MODE DEFAULT_PORT; pg_lock; ...; pg_bring_up [fresh]
pg_up() {
  pg_select "$1" "$2"
  pg_lock
  pg_bring_up "${3:-}"
}

# pg_bring_up [fresh]: (wipe,) initdb, start, role and database. Needs pg_select and pg_lock.
pg_bring_up() {
  local fresh=${1:-} t0
  t0=$(now_us)
  add_cleanup pg_stop
  if [[ $fresh == fresh ]]; then
    pg_wipe
  fi
  pg_init
  pg_start
  pg_ensure_database
  log "postgres: $PG_MODE database $NGNPRO_DB ready on 127.0.0.1:$PG_PORT ($(elapsed "$t0"))"
}

# libpq keyword/value quoting
_dsn_val() {
  if [[ $1 =~ ^[A-Za-z0-9._/:@-]+$ ]]; then
    printf '%s' "$1"
  else
    local v=${1//\\/\\\\}
    printf "'%s'" "${v//\'/\\\'}"
  fi
}

# pg_dsn ROLE: TCP DSN with password, for the server and tests.
pg_dsn() {
  printf 'host=127.0.0.1 port=%s dbname=%s user=%s password=%s\n' \
    "$PG_PORT" "$NGNPRO_DB" "$1" "$(pg_password "$1")"
}

# pg_superuser_dsn: unix-socket DSN as postgres (trust), for tests that need a superuser.
pg_superuser_dsn() {
  printf 'host=%s port=%s dbname=%s user=postgres\n' "$(_dsn_val "$PG_SOCKDIR")" "$PG_PORT" "$NGNPRO_DB"
}
