# Build options of the whole tree (included by the top-level CMakeLists.txt before any target).
#
#   NGNPRO_WERROR    warnings are errors. Default ON when the environment has CI=true at the
#                    first configure (CI sets it), OFF otherwise: a developer's local build never
#                    fails on a warning unless asked to (-DNGNPRO_WERROR=ON).
#   NGNPRO_SANITIZE  AddressSanitizer + UndefinedBehaviorSanitizer on everything this tree
#                    compiles and links; any UBSan report aborts (-fno-sanitize-recover=all).
#                    scripts/test builds the unit tests this way in $NGNPRO_BUILD_DIR/asan.
#   NGNPRO_FUZZ      the libFuzzer harnesses of bench/fuzz (clang only). Implies NGNPRO_SANITIZE
#                    and adds libFuzzer's coverage instrumentation to every object of the tree.
#                    bench/fuzz/run and scripts/test build them in $NGNPRO_BUILD_DIR/fuzz.
#
# Sanitizer trees should be built with CMAKE_BUILD_TYPE=Debug (scripts/lib/build.sh does): the
# options below raise it to -O1, and asserts stay on.

if("$ENV{CI}" STREQUAL "true")
  set(_ngnpro_werror_default ON)
else()
  set(_ngnpro_werror_default OFF)
endif()
option(NGNPRO_WERROR "Treat compiler warnings as errors (default ON when CI=true)" ${_ngnpro_werror_default})
option(NGNPRO_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(NGNPRO_FUZZ "Build the libFuzzer harnesses in bench/fuzz (clang; implies NGNPRO_SANITIZE)" OFF)

if(NGNPRO_WERROR)
  add_compile_options(-Werror)
endif()

if(NGNPRO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "NGNPRO_FUZZ=ON needs clang (libFuzzer), e.g. -DCMAKE_CXX_COMPILER=clang++-14; "
                        "this tree uses ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER}")
  endif()
  set(NGNPRO_SANITIZE ON CACHE BOOL "Build with AddressSanitizer and UndefinedBehaviorSanitizer" FORCE)
endif()

if(NGNPRO_SANITIZE)
  set(NGNPRO_SANITIZERS address,undefined)
  add_compile_options(-fsanitize=${NGNPRO_SANITIZERS} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer -O1)
  add_link_options(-fsanitize=${NGNPRO_SANITIZERS} -fno-sanitize-recover=all)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ 12 at -O1 with ASan reports -Wmaybe-uninitialized inside libstdc++'s <regex> (used by
    # Catch2): false positives that would bury real warnings in the sanitizer tree's log.
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()

if(NGNPRO_FUZZ)
  # Coverage feedback for libFuzzer on every object; only the harness executables link the
  # libFuzzer runtime (-fsanitize=fuzzer, in bench/fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

