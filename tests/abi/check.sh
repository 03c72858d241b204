#!/usr/bin/env bash
# Compares the ABI of a built libgoals.so.1 with the committed baseline
# (tests/abi/libgoals.abi, written by libabigail's abidw).
#
#   check.sh LIB HEADERS_DIR BASELINE            fail on an incompatible change
#   check.sh --update LIB HEADERS_DIR BASELINE   rewrite the baseline from LIB
#
# Only the public headers count (--headers-dir, --drop-private-types). An
# added function or variable is a compatible change: it is printed and passes.
# A removed symbol fails as incompatible (bump the SOVERSION, or undo it), and
# so does a changed function or type, unless the baseline is refreshed. After adding API on purpose, refresh the baseline with
# `cmake --build BUILD --target abi-baseline` and commit it with the change.
set -u
update=0
if [ "${1-}" = --update ]; then update=1; shift; fi
if [ $# -ne 3 ]; then
  echo "usage: $0 [--update] LIB HEADERS_DIR BASELINE" >&2
  exit 2
fi
lib=$1 headers=$2 baseline=$3
for tool in abidw abidiff; do
  command -v "$tool" >/dev/null || { echo "abi: $tool not found (Debian: apt-get install abigail-tools)"; exit 1; }
done

# abidw reads the types from DWARF: a build without -g cannot be compared.
if ! readelf -S "$lib" 2>/dev/null | grep -q '\.debug_info'; then
  echo "abi: $lib has no debug info (configure with CMAKE_BUILD_TYPE=RelWithDebInfo or Debug); skipped"
  exit 77
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# No paths of this checkout in the output, so the baseline is the same
# everywhere; type ids from hashes, so that an API change is a small diff.
abidw --headers-dir "$headers" --drop-private-types --no-corpus-path --no-comp-dir-path --type-id-style hash \
      --short-locs --out-file "$tmp/current.abi" "$lib" || { echo "abi: abidw failed on $lib"; exit 1; }

if [ "$update" = 1 ]; then
  cp "$tmp/current.abi" "$baseline" && echo "abi: baseline written to $baseline"
  exit
fi
if [ ! -f "$baseline" ]; then
  echo "abi: no baseline at $baseline; write it with: cmake --build BUILD --target abi-baseline"
  exit 1
fi

abidiff "$baseline" "$tmp/current.abi" > "$tmp/diff.txt" 2>&1
rc=$?
# abidiff's exit status is a bit field: 1 error, 2 usage, 4 ABI change,
# 8 incompatible change. Bit 8 covers removed symbols only: a changed type
# (a field narrowed, moved or dropped) sets bit 4 alone. So bit 4 passes only
# when it comes from added functions or variables, which a second run that
# leaves additions out tells apart.
if (( rc & 3 )); then
  cat "$tmp/diff.txt"
  echo "abi: abidiff failed (exit $rc)"
  exit 1
fi
if (( rc & 8 )); then
  cat "$tmp/diff.txt"
  echo "abi: INCOMPATIBLE change against $baseline: a public symbol was removed (see above)"
  exit 1
fi
if (( rc & 4 )); then
  cat "$tmp/diff.txt"
  abidiff --no-added-syms "$baseline" "$tmp/current.abi" > /dev/null 2>&1
  if (( $? & 4 )); then
    echo "abi: existing functions or types CHANGED against $baseline (see above)."
    echo "abi: If the change is compatible on purpose (an enum value or a field appended to a"
    echo "abi: versioned options struct), refresh the baseline: cmake --build BUILD --target abi-baseline"
    exit 1
  fi
  echo "abi: only additions against the baseline (compatible; refresh it with the abi-baseline target)"
  exit 0
fi
echo "abi: no change against the baseline"
