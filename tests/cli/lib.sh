# shellcheck shell=bash
# Helpers for the end-to-end tests of the goals command (sourced).
# usage in a test: source lib.sh GOALS_BIN SOURCE_DIR; run goals ...; expect_rc 0 ...; finish
set -u
GOALS=${1:?usage: test.sh GOALS_BIN SOURCE_DIR}
SRC=${2:?usage: test.sh GOALS_BIN SOURCE_DIR}
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
checks=0 failures=0 what=""

# run ARGS...: runs the command (the word "goals" stands for the binary
# under test) and keeps its exit code, stdout and stderr.
run() {
  what="$*"
  if [ "$1" = goals ]; then shift; set -- "$GOALS" "$@"; fi
  "$@" >"$TMP/stdout" 2>"$TMP/stderr" </dev/null
  rc=$?
  out=$(cat "$TMP/stdout")
  err=$(cat "$TMP/stderr")
}

fail() {
  failures=$((failures + 1))
  echo "FAIL: $what: $*"
  echo "  exit: $rc"
  echo "  stdout: ${out:0:600}"
  echo "  stderr: ${err:0:600}"
}

expect_rc() { checks=$((checks + 1)); [ "$rc" -eq "$1" ] || fail "exit $rc, expected $1"; }
# expect_out/err REGEX: some line matches (grep -E).
expect_out() { checks=$((checks + 1)); grep -Eq -- "$1" <<<"$out" || fail "no stdout line matches /$1/"; }
expect_err() { checks=$((checks + 1)); grep -Eq -- "$1" <<<"$err" || fail "no stderr line matches /$1/"; }
expect_no_out() { checks=$((checks + 1)); [ -z "$out" ] || fail "stdout not empty"; }
expect_no_err() { checks=$((checks + 1)); [ -z "$err" ] || fail "stderr not empty"; }
# expect_err_all REGEX: every stderr line matches, and there is at least one.
expect_err_all() {
  checks=$((checks + 1))
  [ -n "$err" ] && ! grep -Evq -- "$1" <<<"$err" || fail "not every stderr line matches /$1/"
}

# Regex-quotes a path so that it can stand inside a pattern.
re() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'; }

finish() {
  echo "$(basename "$0"): $checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}
