#!/usr/bin/env bash
# Checks the exported symbols of a built libgoals.so.1 against the public headers:
#   - every exported symbol is called goals_* and sits in version node LIBGOALS_1.0;
#   - every function declared with GOALS_API in the headers is exported, and
#     nothing is exported that no header declares;
#   - every header that declares functions wraps them in GOALS_BEGIN_DECL /
#     GOALS_END_DECL (extern "C" for C++).
# usage: check-symbols.sh LIB HEADERS_DIR
set -u
if [ $# -ne 2 ]; then
  echo "usage: $0 LIB HEADERS_DIR" >&2
  exit 2
fi
lib=$1 headers=$2
fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# nm prints "ADDR TYPE NAME@@VERSION"; the node itself shows as an absolute (A) symbol.
nm -D --defined-only "$lib" > "$tmp/nm.txt" || { echo "symbols: nm failed on $lib"; exit 1; }
while read -r _addr type sym; do
  name=${sym%%@*}
  version=${sym##*@}
  if [ "$type" = A ] && [ "$name" = "$sym" ]; then
    [ "$name" = LIBGOALS_1.0 ] || { echo "symbols: unexpected version node $name"; fail=1; }
    continue
  fi
  if [[ ! "$name" =~ ^goals_[a-z0-9_]+$ ]]; then
    echo "symbols: exported symbol '$name' is not goals_*"
    fail=1
  fi
  if [ "$version" != LIBGOALS_1.0 ]; then
    echo "symbols: '$name' is not in version node LIBGOALS_1.0 (got '${sym#"$name"}')"
    fail=1
  fi
  echo "$name" >> "$tmp/exported"
done < "$tmp/nm.txt"
touch "$tmp/exported"
sort -u -o "$tmp/exported" "$tmp/exported"

# A declaration starts "GOALS_API <type> <name>(" on one line (the headers' style).
for h in "$headers"/*.h; do
  grep -h 'GOALS_API' "$h" | grep -v '^#' | sed 's/(.*//' | awk '{print $NF}' | tr -d '*' \
    | grep '^goals_' > "$tmp/decl.one"
  cat "$tmp/decl.one" >> "$tmp/declared"
  if [ -s "$tmp/decl.one" ] && ! { grep -q GOALS_BEGIN_DECL "$h" && grep -q GOALS_END_DECL "$h"; }; then
    echo "symbols: $(basename "$h") declares functions outside GOALS_BEGIN_DECL/GOALS_END_DECL"
    fail=1
  fi
done
touch "$tmp/declared"
sort -u -o "$tmp/declared" "$tmp/declared"

missing=$(comm -13 "$tmp/exported" "$tmp/declared")
extra=$(comm -23 "$tmp/exported" "$tmp/declared")
if [ -n "$missing" ]; then
  echo "symbols: declared with GOALS_API but not exported (not defined, or defined without GOALS_API):"
  printf '  %s\n' $missing
  fail=1
fi
if [ -n "$extra" ]; then
  echo "symbols: exported but declared in no public header:"
  printf '  %s\n' $extra
  fail=1
fi
echo "symbols: $(wc -l < "$tmp/exported") exported, $(wc -l < "$tmp/declared") declared"
exit $fail
