# shellcheck shell=bash
# scripts/lib/deps.sh: install the Debian 12 packages that are missing.
# Sourced after common.sh.
#
#   deps_ensure server|consumers|test|fuzz
#
# Checks every package with one dpkg-query call, so a machine that has them all does no
# network access. Only when something is missing, and only as root: one `apt-get update`,
# then `apt-get install --no-install-recommends` of the missing ones, non-interactive.
# Not root and something missing: prints the command to run and fails.
# NGNPRO_SKIP_DEPS=1 skips the check (for machines that are not Debian).

NGNPRO_DEPS_SERVER=(
  gsoap libgsoap-dev libpqxx-dev libboost-dev libboost-system-dev libssl-dev libspdlog-dev
  catch2 cmake g++ make pkg-config zlib1g-dev python3-lxml postgresql openssl curl
)
# bench/fuzz (and the fuzz smoke run of scripts/test): clang-14 with libFuzzer and the
# sanitizer runtimes (libclang-rt-14-dev), llvm-symbolizer for the stack traces (llvm-14).
NGNPRO_DEPS_FUZZ=(
  "${NGNPRO_DEPS_SERVER[@]}"
  clang-14 libclang-rt-14-dev llvm-14
)
# The programs that read our tables (scripts/run --with-consumers, scripts/lib/consumers.sh),
# and dig. pdns-server's own service (Debian's pdns.service: bind backend, port 53, config in
# /etc/powerdns) is never used nor changed: our PowerDNS has a config-dir, control socket and
# ports of its own. Installing pdns-server without recommends leaves out pdns-backend-bind.
NGNPRO_DEPS_CONSUMERS=(
  kamailio kamailio-postgres-modules pdns-server pdns-backend-pgsql bind9-dnsutils
)
NGNPRO_DEPS_TEST=(
  "${NGNPRO_DEPS_FUZZ[@]}" "${NGNPRO_DEPS_CONSUMERS[@]}"
  php-cli php-soap python3-suds python3-zeep wrk sip-tester
)

# deps_missing PKG...: print the packages that are not installed, one per line.
deps_missing() {
  local installed p
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true)
  for p in "$@"; do
    grep -qxF -- "$p install ok installed" <<<"$installed" || printf '%s\n' "$p"
  done
}

_NGNPRO_APT_UPDATED=0

deps_ensure() {
  local set=$1 t0 missing=() still=()
  local -a want
  case $set in
    server) want=("${NGNPRO_DEPS_SERVER[@]}") ;;
    consumers) want=("${NGNPRO_DEPS_SERVER[@]}" "${NGNPRO_DEPS_CONSUMERS[@]}") ;;
    test)   want=("${NGNPRO_DEPS_TEST[@]}") ;;
    fuzz)   want=("${NGNPRO_DEPS_FUZZ[@]}") ;;
    *)      die "deps_ensure: unknown set '$set'" ;;
  esac
  if [[ ${NGNPRO_SKIP_DEPS:-0} == 1 ]]; then
    log "deps: check skipped (NGNPRO_SKIP_DEPS=1)"
    return 0
  fi
  command -v dpkg-query >/dev/null 2>&1 ||
    die "dpkg-query not found: this is not a Debian system. Install the equivalents of: ${want[*]} and set NGNPRO_SKIP_DEPS=1"
  t0=$(now_us)
  mapfile -t missing < <(deps_missing "${want[@]}")
  if ((${#missing[@]} == 0)); then
    log "deps: all ${#want[@]} packages of the $set set are installed ($(elapsed "$t0"))"
    return 0
  fi
  if ((EUID != 0)); then
    printf '[%s] error: missing Debian packages: %s\n' "$NGNPRO_SCRIPT" "${missing[*]}" >&2
    printf '[%s] install them as root, then run this again:\n' "$NGNPRO_SCRIPT" >&2
    printf '    apt-get update && apt-get install -y --no-install-recommends %s\n' "${missing[*]}" >&2
    exit 1
  fi
  log "deps: installing ${#missing[@]} missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ((_NGNPRO_APT_UPDATED == 0)); then
    apt-get -q update </dev/null
    _NGNPRO_APT_UPDATED=1
  fi
  apt-get -q install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" </dev/null
  mapfile -t still < <(deps_missing "${missing[@]}")
  ((${#still[@]} == 0)) || die "deps: still missing after apt-get install: ${still[*]}"
  log "deps: installed ${missing[*]} ($(elapsed "$t0"))"
}
