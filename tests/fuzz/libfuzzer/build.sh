#!/bin/sh
# build.sh SOURCE BINARY CLANG CMAKE: configures and builds the libFuzzer
# targets with clang. Exits 77 (ctest: skipped) when clang cannot link a
# libFuzzer program (libclang-rt-14-dev missing).
set -u
src=$1 bin=$2 clang=$3 cmake=$4
mkdir -p "$bin/probe" || exit 1
cat >"$bin/probe/probe.c" <<'C'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }
C
if ! "$clang" -fsanitize=fuzzer,address "$bin/probe/probe.c" -o "$bin/probe/probe" 2>/dev/null; then
  echo "clang cannot link a libFuzzer program (install libclang-rt-14-dev): skipped"
  exit 77
fi
"$cmake" -S "$src" -B "$bin" -DCMAKE_C_COMPILER="$clang" >/dev/null && "$cmake" --build "$bin" -j2
