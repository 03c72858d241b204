#!/usr/bin/env bash
# Installs the build into a temporary prefix and imports the package `goals`
# from there, with the build tree out of sight: the extension must find the
# installed libgoals by itself (RPATH $ORIGIN/…), and the stub be installed.
#   test-installed.sh BUILD_DIR SOURCE_DIR PYTHON PYDIR
set -u
build=$1 src=$2 python=$3 pydir=$4
die() { echo "install.python: $*" >&2; exit 1; }
tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" > "$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; die "cmake --install failed"; }
case $pydir in /*) site=$pydir ;; *) site=$prefix/$pydir ;; esac
for f in __init__.py __init__.pyi py.typed _swig.py _model.py; do
  [ -e "$site/goals/$f" ] || die "$site/goals/$f not installed"
done
ls "$site"/goals/_core*.so > /dev/null 2>&1 || die "no extension _core*.so in $site/goals"
cd "$tmp" || die "cd"
env -i PATH=/usr/bin:/bin HOME="$tmp" PYTHONPATH="$site" PYTHONDONTWRITEBYTECODE=1 "$python" - "$src" "$site" <<'PY' \
  || die "the installed package does not work"
import sys, goals
src, site = sys.argv[1], sys.argv[2]
assert goals.__file__.startswith(site), goals.__file__
plan = goals.load(src + "/examples/plans/cn-14th-fyp.xml")
ev = plan.evaluate(as_of="2025-12-31")
assert len(ev.targets) == 20, len(ev.targets)
print("install.python: ok", goals.__version__, goals.__file__)
PY
