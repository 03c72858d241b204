#!/usr/bin/env bash
# Installs the build into a temporary prefix, as a user would, then checks
# that the Lua module is where the interpreter looks for that prefix and
# that `require "goals"` loads and works from there, the build tree hidden.
#   install.sh BUILD_DIR LUA_INTERPRETER LUA_VERSION
set -u
build=${1:?usage: $0 BUILD_DIR LUA VERSION} lua=${2:?} ver=${3:?}
cmake=${CMAKE:-cmake}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
die() { echo "FAIL: $*"; exit 1; }

"$cmake" --install "$build" --prefix "$prefix" > "$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; die "cmake --install failed"; }
[ -f "$prefix/lib/lua/$ver/goals/core.so" ] || die "lib/lua/$ver/goals/core.so not installed"
[ -f "$prefix/share/lua/$ver/goals.lua" ] || die "share/lua/$ver/goals.lua not installed"

# The interpreter's own default paths, with /usr/local replaced by the prefix:
# exactly where it would look if the prefix were /usr/local.
u=${ver/./_}
paths=$(env -u LUA_PATH -u LUA_CPATH -u "LUA_PATH_$u" -u "LUA_CPATH_$u" "$lua" -e 'print(package.path) print(package.cpath)') || die "$lua does not run"
lpath=$(sed -n 1p <<<"$paths") cpath=$(sed -n 2p <<<"$paths")
grep -q "/usr/local/share/lua/$ver/?.lua" <<<"$lpath" || die "$lua does not look in /usr/local/share/lua/$ver"
grep -q "/usr/local/lib/lua/$ver/?.so" <<<"$cpath" || die "$lua does not look in /usr/local/lib/lua/$ver"

plan=$(cd "$(dirname "$0")/../.." && pwd)/examples/plans/kecheng-2026.xml
cat > "$tmp/check.lua" <<'LUA'
local plan_path, prefix = arg[1], arg[2]
local goals = require "goals"
-- Both halves come from the prefix, not from the build or source tree.
assert(package.searchpath("goals", package.path):sub(1, #prefix) == prefix, "goals.lua not from the prefix")
assert(package.searchpath("goals.core", package.cpath):sub(1, #prefix) == prefix, "core.so not from the prefix")
local plan = goals.load(plan_path)
io.write(plan.id, " ", plan.target_count, "\n")
LUA
out=$(cd "$tmp" && env -u LUA_PATH -u LUA_CPATH -u "LUA_PATH_$u" -u "LUA_CPATH_$u" \
  "LUA_PATH_$u=${lpath//\/usr\/local/$prefix}" "LUA_CPATH_$u=${cpath//\/usr\/local/$prefix}" \
  "$lua" check.lua "$plan" "$prefix" 2>&1) || die "require \"goals\" from the installed prefix: $out"
[ "$out" = "kecheng-2026 34" ] || die "unexpected output: $out"
echo "ok: lua$ver loads goals from $prefix"
