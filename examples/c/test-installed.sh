#!/usr/bin/env bash
# Installs the built project into a temporary prefix, as a user would, then
# builds examples/c/plan_demo.c against that installation and runs it.
#   test-installed.sh pkg-config|cmake BUILD_DIR SOURCE_DIR
# Uses $CMAKE and $CC when set (ctest passes the ones of the build).
set -u
mode=${1:?usage: $0 pkg-config|cmake BUILD_DIR SOURCE_DIR} build=${2:?} src=${3:?}
cmake=${CMAKE:-cmake} cc=${CC:-cc}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
die() { echo "FAIL: $*"; exit 1; }

"$cmake" --install "$build" --prefix "$prefix" > "$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; die "cmake --install failed"; }

# What a user gets.
pc=$(find "$prefix" -name libgoals.pc) && [ -n "$pc" ] || die "no libgoals.pc installed"
libdir=$(dirname "$(dirname "$pc")")
for f in include/goals/goals.h include/goals/common.h bin/goals share/man/man1/goals.1; do
  [ -e "$prefix/$f" ] || die "$f not installed"
done
[ -e "$libdir/libgoals.so.1" ] && [ -L "$libdir/libgoals.so" ] || die "libgoals.so.1 or its link not in $libdir"
[ -e "$libdir/cmake/libgoals/libgoalsConfig.cmake" ] || die "no CMake package in $libdir/cmake/libgoals"
grep -q "^libdir=$libdir\$" "$pc" || die "libgoals.pc does not point at $libdir: $(grep ^libdir "$pc")"
# The installed command finds its library by itself (RPATH), and agrees on the version.
"$prefix/bin/goals" --version > "$tmp/version.txt" || die "installed goals --version failed"

case $mode in
  pkg-config)
    flags=$(PKG_CONFIG_PATH=$libdir/pkgconfig pkg-config --cflags --libs libgoals) || die "pkg-config failed"
    # shellcheck disable=SC2086 # the flags are words
    "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror "$src/examples/c/plan_demo.c" -o "$tmp/plan_demo" $flags \
      || die "compiling plan_demo.c with: $flags"
    demo=$tmp/plan_demo ;;
  cmake)
    "$cmake" -S "$src/examples/c" -B "$tmp/example" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="-Wall -Wextra -Wpedantic -Werror" > "$tmp/cmake.log" 2>&1 \
      && "$cmake" --build "$tmp/example" >> "$tmp/cmake.log" 2>&1 \
      || { cat "$tmp/cmake.log"; die "building examples/c through find_package(libgoals)"; }
    demo=$tmp/example/plan_demo ;;
  *) die "unknown mode $mode" ;;
esac

(cd "$tmp" && LD_LIBRARY_PATH=$libdir "$demo" demo-plan.xml) > "$tmp/out.txt" 2>&1 \
  || { cat "$tmp/out.txt"; die "plan_demo failed"; }
head -n 1 "$tmp/out.txt" | grep -Eq '^libgoals [0-9]+\.[0-9]+\.[0-9]+$' || die "first line: $(head -n 1 "$tmp/out.txt")"
tail -n +2 "$tmp/out.txt" | diff -u "$src/examples/c/expected.txt" - || die "plan_demo printed something else"
version=$(head -n 1 "$tmp/out.txt" | cut -d' ' -f2)
grep -qF "(libgoals $version)" "$tmp/version.txt" || die "goals --version and plan_demo disagree: $(cat "$tmp/version.txt")"
# The plan it wrote is valid for the installed command too.
"$prefix/bin/goals" validate "$tmp/demo-plan.xml" || die "installed goals validate rejects the demo plan"
echo "install.$mode: ok"
