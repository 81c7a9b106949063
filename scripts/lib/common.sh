# shellcheck shell=bash
# scripts/lib/common.sh: shared helpers for scripts/run and scripts/test.
# Sourced, never executed. The calling script has already run `set -euo pipefail`.
#
# Sets:
#   NGNPRO_SOURCE_DIR  absolute path of the repository (from this file's location)
#   NGNPRO_BUILD_DIR   absolute build tree; env NGNPRO_BUILD_DIR overrides, default <repo>/build
#   NGNPRO_SCRIPT      name used in messages ("run", "test")
# Gives: log, warn, die, now_us, elapsed, gen_secret, secret_file, sh_quote, add_cleanup,
#        install_traps (EXIT/INT/TERM/HUP), pid_alive, stop_pid.

[[ -n ${_NGNPRO_COMMON_SH:-} ]] && return 0
_NGNPRO_COMMON_SH=1

NGNPRO_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
NGNPRO_SCRIPT=${NGNPRO_SCRIPT:-$(basename "$0")}
export NGNPRO_SOURCE_DIR

log()  { printf '[%s] %s\n' "$NGNPRO_SCRIPT" "$*"; }
warn() { printf '[%s] warning: %s\n' "$NGNPRO_SCRIPT" "$*" >&2; }
die()  { printf '[%s] error: %s\n' "$NGNPRO_SCRIPT" "$*" >&2; exit 1; }

# Resolve the build tree once, to an absolute path (a relative NGNPRO_BUILD_DIR is relative
# to the caller's working directory).
resolve_build_dir() {
  local dir=${NGNPRO_BUILD_DIR:-$NGNPRO_SOURCE_DIR/build}
  mkdir -p -- "$dir"
  NGNPRO_BUILD_DIR=$(cd -- "$dir" && pwd -P)
  export NGNPRO_BUILD_DIR
}

# Wall-clock timing in microseconds ($EPOCHREALTIME is bash 5; its separator follows the locale).
now_us() { local t=${EPOCHREALTIME/[.,]/}; printf '%s\n' "$((10#$t))"; }
elapsed() { # elapsed START_US -> "1.23s"
  local d=$(( $(now_us) - $1 ))
  printf '%d.%02ds' "$((d / 1000000))" "$(( (d % 1000000) / 10000 ))"
}

# 32 hex characters from the kernel's CSPRNG (no quoting issues in DSNs, INI or SQL).
gen_secret() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; printf '\n'; }

# secret_file PATH: print the secret stored in PATH, creating it (mode 0600) on first use.
secret_file() {
  local f=$1 s=
  [[ -f $f ]] && s=$(head -n 1 -- "$f" | tr -d '\r\n')
  if [[ -z $s ]]; then
    s=$(gen_secret)
    ( umask 077; printf '%s\n' "$s" >"$f.tmp.$$" ) && mv -f -- "$f.tmp.$$" "$f"
  fi
  chmod 600 -- "$f"
  printf '%s\n' "$s"
}

# sh_quote WORD: WORD single-quoted for /bin/sh (pg_ctl -o, the server's [reload] commands).
sh_quote() { local q="'\\''"; printf "'%s'" "${1//\'/$q}"; }

# pid_alive PID: the process exists and is not a zombie (in a container PID 1 may never reap).
pid_alive() {
  local stat
  [[ $1 =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null || return 1
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# stop_pid PID NAME [TIMEOUT_S]: SIGTERM, wait up to TIMEOUT_S (default 15), then SIGKILL.
# Reaps the process when it is our child.
stop_pid() {
  local pid=$1 name=$2 timeout=${3:-15} i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    warn "$name (pid $pid) ignored SIGTERM for ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# ---- cleanup and signals ---------------------------------------------------------------
# add_cleanup FUNC: FUNC runs at exit (last added runs first), whatever ends the script.
# A script may define on_signal SIGNAME; it runs on INT/TERM/HUP and must exit.
# Without it, the script exits 128+signal number.
_NGNPRO_CLEANUPS=()
add_cleanup() { _NGNPRO_CLEANUPS+=("$1"); }

_ngnpro_on_exit() {
  local rc=$? i
  set +e
  trap '' INT TERM HUP   # let the cleanup finish; every step has its own timeout
  for ((i = ${#_NGNPRO_CLEANUPS[@]} - 1; i >= 0; i--)); do
    "${_NGNPRO_CLEANUPS[i]}"
  done
  _NGNPRO_CLEANUPS=()
  exit "$rc"
}

_ngnpro_on_signal() {
  local sig=$1 code
  case $sig in INT) code=130 ;; TERM) code=143 ;; HUP) code=129 ;; *) code=1 ;; esac
  trap '' INT TERM HUP
  if declare -F on_signal >/dev/null; then
    on_signal "$sig"
  fi
  log "interrupted (SIG$sig)"
  exit "$code"
}

install_traps() {
  trap _ngnpro_on_exit EXIT
  trap '_ngnpro_on_signal INT' INT
  trap '_ngnpro_on_signal TERM' TERM
  trap '_ngnpro_on_signal HUP' HUP
}
