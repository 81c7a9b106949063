# shellcheck shell=bash
# scripts/lib/build.sh: configure (once) and build the project in $NGNPRO_BUILD_DIR.
# Sourced after common.sh.
#
#   build_project
#
# Configures with CMAKE_BUILD_TYPE=RelWithDebInfo only when CMakeCache.txt is missing (so a
# developer's own cmake options survive), then builds with one job per CPU. A lock file keeps
# scripts/run and scripts/test started at the same time from building the same tree at once.

build_project() {
  local t0 lock_fd
  t0=$(now_us)
  mkdir -p -- "$NGNPRO_BUILD_DIR"
  exec {lock_fd}>"$NGNPRO_BUILD_DIR/.ngnpro-build.lock"
  if ! flock -n "$lock_fd"; then
    log "build: another build of $NGNPRO_BUILD_DIR is running; waiting for it"
    flock "$lock_fd"
  fi
  if [[ ! -f $NGNPRO_BUILD_DIR/CMakeCache.txt ]]; then
    log "build: configuring $NGNPRO_BUILD_DIR"
    cmake -S "$NGNPRO_SOURCE_DIR" -B "$NGNPRO_BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo {lock_fd}>&-
  fi
  log "build: cmake --build (-j$(nproc))"
  cmake --build "$NGNPRO_BUILD_DIR" -j"$(nproc)" {lock_fd}>&-
  exec {lock_fd}>&-
  log "build: done ($(elapsed "$t0"))"
}
