# shellcheck shell=bash
# scripts/lib/fuzz.sh: run the libFuzzer harnesses of bench/fuzz and read what they found.
# Sourced after common.sh and build.sh (build_fuzzers sets NGNPRO_FUZZ_DIR). Used by
# bench/fuzz/run (campaigns) and scripts/test (the 60 s smoke run).
#
#   sanitizer_env                 export ASAN_OPTIONS / UBSAN_OPTIONS / symbolizer for a run
#   fuzz_seed_corpus DIR          DIR <- the captured envelopes of tests/wire/envelopes, unchanged
#   fuzz_seed_database DSN WORK [BIN]
#                                 customer 1001, domain cdrtool-test.example, account alice, ...
#                                 through the harness itself (BIN: default the libFuzzer one; or
#                                 ngnpro_fuzz_soap_replay), so the corpus's ids exist
#   fuzz_run TARGET SECONDS WORK CORPUS_DIR...
#                                 one libFuzzer run; WORK gets fuzz.log, rss.log, artifacts/;
#                                 sets FUZZ_RC; stops the fuzzer (by pid) on exit or signal
#   fuzz_report TARGET WORK       prints the figures; returns 1 on a crash, sanitizer report,
#                                 timeout, out-of-memory, leak or libFuzzer error
#
# The SOAP harness reads NGNPRO_FUZZ_DSN; its config's admin is admin / admin-secret, the
# credentials the captured envelopes carry (the wire tests configure the server the same way).

NGNPRO_FUZZ_MAX_LEN=${NGNPRO_FUZZ_MAX_LEN:-65536}
NGNPRO_FUZZ_RSS_LIMIT_MB=${NGNPRO_FUZZ_RSS_LIMIT_MB:-2048}
NGNPRO_FUZZ_TIMEOUT=${NGNPRO_FUZZ_TIMEOUT:-10}
NGNPRO_FUZZ_PORTS=(Customer Sip Dns Enum Voicemail)

FUZZ_PID=''
FUZZ_RC=0
_FUZZ_CLEANUP_ADDED=''

sanitizer_env() {
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:symbolize=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1:symbolize=1}
  local s
  for s in /usr/lib/llvm-14/bin/llvm-symbolizer /usr/bin/llvm-symbolizer; do
    if [[ -x $s ]]; then
      export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$s}
      export UBSAN_SYMBOLIZER_PATH=${UBSAN_SYMBOLIZER_PATH:-$s}
      break
    fi
  done
}

fuzz_bin() { printf '%s/ngnpro_fuzz_%s\n' "$NGNPRO_FUZZ_DIR" "$1"; }

fuzz_seed_corpus() {
  local dir=$1 port f n=0
  mkdir -p -- "$dir"
  for port in "${NGNPRO_FUZZ_PORTS[@]}"; do
    for f in "$NGNPRO_SOURCE_DIR/tests/wire/envelopes/$port"/*.xml; do
      [[ -e $f ]] || continue
      cp -- "$f" "$dir/$port-${f##*/}"
      n=$((n + 1))
    done
  done
  ((n > 0)) || die "fuzz: no envelopes in $NGNPRO_SOURCE_DIR/tests/wire/envelopes"
}

# The records the envelopes name (as bench/run_sip seeds them): reseller 1001 with a large
# sip_credit (so adds are counted, not refused), its domain, accounts alice and bob, an alias,
# a trusted peer. Sent through the harness (libFuzzer runs each file given once, in order);
# a fault (say, 5001 on a database already seeded) is fine.
fuzz_seed_database() {
  local dsn=$1 work=$2 bin=${3:-$(fuzz_bin soap)} env_dir=$NGNPRO_SOURCE_DIR/tests/wire/envelopes f runs
  local seed=$work/seed-db
  rm -rf -- "$seed"
  mkdir -p -- "$seed"
  sed -e 's|<username xsi:type="xsd:string">cdrtool-test</username>|<id xsi:type="xsd:int">1001</id>&|' \
      -e '/<name xsi:type="xsd:string">sip_credit<\/name>/{n;s|>10<|>1000000000<|}' \
      -e '/<name xsi:type="xsd:string">sip_alias_credit<\/name>/{n;s|>10<|>1000000000<|}' \
      "$env_dir/Customer/addAccount.xml" >"$seed/1-customer-1001.xml"
  cp -- "$env_dir/Sip/addDomain.xml" "$seed/2-domain.xml"
  sed -e 's|<username xsi:type="xsd:string">bob</username>|<username xsi:type="xsd:string">alice</username>|' \
      "$env_dir/Sip/addAccount-cleartext.xml" >"$seed/3-alice.xml"
  cp -- "$env_dir/Sip/addAccount-cleartext.xml" "$seed/4-bob.xml"
  cp -- "$env_dir/Sip/addAlias.xml" "$seed/5-alias.xml"
  cp -- "$env_dir/Sip/addTrustedPeer.xml" "$seed/6-peer.xml"
  local -a files=()
  for f in "$seed"/*.xml; do files+=("$f"); done
  runs=1   # libFuzzer: each file once; the replay driver: this many inputs in all
  [[ $bin == *_replay ]] && runs=${#files[@]}
  if ! NGNPRO_FUZZ_DSN=$dsn "$bin" -runs="$runs" "${files[@]}" >"$work/seed-db.log" 2>&1; then
    cat -- "$work/seed-db.log" >&2
    die "fuzz: seeding the database through the harness failed (log: $work/seed-db.log)"
  fi
}

# shellcheck disable=SC2317  # also run from the EXIT trap
fuzz_stop() {
  local pid=$FUZZ_PID i
  [[ -n $pid ]] || return 0
  FUZZ_PID=''
  if pid_alive "$pid"; then
    log "fuzz: stopping the fuzzer (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true   # libFuzzer prints its final stats on SIGINT
    for ((i = 0; i < 100; i++)); do
      pid_alive "$pid" || break
      sleep 0.1
    done
    stop_pid "$pid" fuzzer 5
  fi
  wait "$pid" 2>/dev/null || true
}

fuzz_run() {
  local target=$1 seconds=$2 work=$3 bin rss_pid
  shift 3
  bin=$(fuzz_bin "$target")
  [[ -x $bin ]] || die "fuzz: $bin not built"
  mkdir -p -- "$work/artifacts" "$@"
  local -a args=(
    -max_total_time="$seconds" -max_len="$NGNPRO_FUZZ_MAX_LEN" -rss_limit_mb="$NGNPRO_FUZZ_RSS_LIMIT_MB"
    -timeout="$NGNPRO_FUZZ_TIMEOUT" -print_final_stats=1 -artifact_prefix="$work/artifacts/"
    -dict="$NGNPRO_SOURCE_DIR/bench/fuzz/soap.dict"
  )
  sanitizer_env
  if [[ -z $_FUZZ_CLEANUP_ADDED ]]; then
    add_cleanup fuzz_stop
    _FUZZ_CLEANUP_ADDED=1
  fi
  log "fuzz: $target for ${seconds}s (log: $work/fuzz.log)"
  FUZZ_RC=0
  # The fuzzer must not hold the cluster lock of the calling script (pg.sh's PG_LOCK_FD).
  (
    if [[ -n ${PG_LOCK_FD:-} ]]; then exec {PG_LOCK_FD}>&-; fi
    exec "$bin" "${args[@]}" "$@"
  ) >"$work/fuzz.log" 2>&1 &
  FUZZ_PID=$!
  # RSS of the fuzzing process every 5 s: growth over the run tells a leak from a plateau.
  (
    printf 'seconds VmRSS_kB VmHWM_kB\n'
    local t=0
    while [[ -r /proc/$FUZZ_PID/status ]]; do
      awk -v t="$t" '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { if (r != "") print t, r, h }' \
        "/proc/$FUZZ_PID/status" 2>/dev/null || true
      sleep 5
      t=$((t + 5))
    done
  ) >"$work/rss.log" 2>/dev/null &
  rss_pid=$!
  wait "$FUZZ_PID" || FUZZ_RC=$?
  FUZZ_PID=''
  wait "$rss_pid" 2>/dev/null || true
}

# fuzz_report TARGET WORK [CORPUS_DIR]
fuzz_report() {
  local target=$1 work=$2 corpus=${3:-} log=$2/fuzz.log bad=0 n f last
  local -a artifacts=()
  for f in "$work/artifacts"/*; do [[ -e $f ]] && artifacts+=("$f"); done
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  log "fuzz: $target: exit status $FUZZ_RC"
  log "fuzz: $target: last status line: ${last:-(none)}"
  printf '  executions        %s\n' "$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  printf '  exec/s (average)  %s\n' "$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
  printf '  coverage          %s\n' "$(grep -oE 'cov: [0-9]+ ft: [0-9]+' <<<"$last" || true)"
  if [[ -n $corpus && -d $corpus ]]; then
    n=$(find "$corpus" -type f | wc -l)
    printf '  corpus            %s files, %s (%s)\n' "$n" "$(du -sh -- "$corpus" | cut -f1)" "$corpus"
  fi
  printf '  new units         %s\n' "$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -n 1)"
  printf '  slowest input     %s s\n' "$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log" | tail -n 1)"
  printf '  peak RSS          %s MB (libFuzzer), VmHWM %s kB (/proc, last sample)\n' \
    "$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)" \
    "$(awk 'NR > 1 { h = $3 } END { print h }' "$work/rss.log" 2>/dev/null)"
  if [[ -s $work/rss.log ]]; then
    printf '  RSS over time     %s\n' "$(awk 'NR > 1 && ($1 % 60 == 0 || $1 <= 10) { printf "%ss:%dMB ", $1, $2 / 1024 }' "$work/rss.log")"
  fi
  grep -E '^ngnpro-fuzz: (inputs|answers|failed answer check)' "$log" | sed 's/^/  /' || true
  printf '  crashes           %s\n' "${#artifacts[@]}"
  for f in "${artifacts[@]}"; do printf '    %s\n' "$f"; done
  if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|CHECK FAILED|==[0-9]+== ?ERROR|deadly signal|ALARM: working on the last Unit' "$log"; then
    bad=1
    printf '  sanitizer/libFuzzer reports (from %s):\n' "$log"
    grep -nE -A40 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|CHECK FAILED|deadly signal|ALARM: working on the last Unit' "$log" |
      head -n 120 | sed 's/^/    /'
  else
    printf '  sanitizer reports none\n'
  fi
  # In count mode (NGNPRO_FUZZ_ANSWER_CHECK=count) failed answer checks are findings too.
  if grep -qE '^ngnpro-fuzz: failed answer checks [1-9]' "$log"; then bad=1; fi
  ((${#artifacts[@]} == 0)) || bad=1
  # libFuzzer exits 0 when the time is up; anything else is a finding or a failure to run.
  ((FUZZ_RC == 0)) || bad=1
  return "$bad"
}
