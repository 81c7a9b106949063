# shellcheck shell=bash
# scripts/lib/build.sh: configure (once) and build the project's CMake trees. Sourced after common.sh.
#
#   build_project      the server and every test, in $NGNPRO_BUILD_DIR (RelWithDebInfo)
#   build_sanitize     the unit tests only, with ASan+UBSan (g++), in $NGNPRO_BUILD_DIR/asan
#   build_fuzzers      the libFuzzer harnesses of bench/fuzz (clang-14, ASan+UBSan+libFuzzer),
#                      in $NGNPRO_BUILD_DIR/fuzz
#
# A tree is configured only when its CMakeCache.txt is missing (so a developer's own cmake
# options survive), then built with one job per CPU. A lock file per tree keeps scripts started
# at the same time from building the same tree at once.
#
# Warnings: the main tree gets -DNGNPRO_WERROR=ON when CI=true (CI sets it; also the CMake
# default then), so CI fails on any warning while a developer's build does not. The sanitizer
# trees never use -Werror: g++ 12 under -fsanitize=address reports false -Wmaybe-uninitialized
# and -Wstringop-overflow in libstdc++, and clang's warning set is not the one the project
# keeps clean; their warnings are printed, and the main tree is the judge.

# _build_has_targets DIR TARGET...: the Makefile of DIR has a rule for every TARGET.
_build_has_targets() {
  local dir=$1 t
  shift
  for t in "$@"; do
    grep -q "^$t:" "$dir/Makefile" || return 1
  done
}

# build_tree NAME DIR TARGET_ARGS CMAKE_ARGS...: configure DIR when it has no cache yet, then
# build. TARGET_ARGS is "" (all) or a space-separated list of targets.
build_tree() {
  local name=$1 dir=$2 targets=$3 t0 lock_fd
  shift 3
  local -a target_list=() target_args=()
  local t
  read -r -a target_list <<<"$targets"
  for t in "${target_list[@]}"; do target_args+=(--target "$t"); done
  t0=$(now_us)
  mkdir -p -- "$dir"
  exec {lock_fd}>"$dir/.ngnpro-build.lock"
  if ! flock -n "$lock_fd"; then
    log "build: another build of $dir is running; waiting for it"
    flock "$lock_fd"
  fi
  if [[ ! -f $dir/CMakeCache.txt ]]; then
    log "build: configuring $name tree $dir"
    cmake -S "$NGNPRO_SOURCE_DIR" -B "$dir" "$@" {lock_fd}>&-
  elif [[ -f $dir/Makefile ]] && ! _build_has_targets "$dir" "${target_list[@]}"; then
    # a target added since the last configure: make would not know it until cmake reruns
    log "build: reconfiguring $dir (new targets)"
    cmake -S "$NGNPRO_SOURCE_DIR" -B "$dir" {lock_fd}>&-
  elif [[ ${CI:-} == true && $name == main ]] &&
       ! grep -qx 'NGNPRO_WERROR:BOOL=ON' "$dir/CMakeCache.txt"; then
    log "build: CI=true: turning on NGNPRO_WERROR in $dir"
    cmake -S "$NGNPRO_SOURCE_DIR" -B "$dir" -DNGNPRO_WERROR=ON {lock_fd}>&-
  fi
  log "build: $name: cmake --build ${targets:+(${targets}) }(-j$(nproc))"
  cmake --build "$dir" -j"$(nproc)" "${target_args[@]}" {lock_fd}>&-
  exec {lock_fd}>&-
  log "build: $name done ($(elapsed "$t0"))"
}

build_project() {
  local -a werror=()
  [[ ${CI:-} == true ]] && werror=(-DNGNPRO_WERROR=ON)
  build_tree main "$NGNPRO_BUILD_DIR" "" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${werror[@]}"
}

# Debug + the option's -O1: asserts stay on.
build_sanitize() {
  NGNPRO_SANITIZE_DIR=$NGNPRO_BUILD_DIR/asan
  build_tree asan "$NGNPRO_SANITIZE_DIR" ngnpro_unit_tests \
    -DCMAKE_BUILD_TYPE=Debug -DNGNPRO_SANITIZE=ON -DNGNPRO_WERROR=OFF
}

# The compiler of the fuzz tree (Debian 12: packages clang-14 and libclang-rt-14-dev).
NGNPRO_FUZZ_CXX=${NGNPRO_FUZZ_CXX:-clang++-14}

build_fuzzers() {
  NGNPRO_FUZZ_DIR=$NGNPRO_BUILD_DIR/fuzz
  command -v "$NGNPRO_FUZZ_CXX" >/dev/null 2>&1 ||
    die "build: $NGNPRO_FUZZ_CXX not found (Debian package clang-14; or set NGNPRO_FUZZ_CXX)"
  build_tree fuzz "$NGNPRO_FUZZ_DIR" ngnpro_fuzzers \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER="$NGNPRO_FUZZ_CXX" \
    -DNGNPRO_FUZZ=ON -DNGNPRO_WERROR=OFF
}
