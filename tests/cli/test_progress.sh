#!/usr/bin/env bash
# The progress bar (issue 8): drawn on stderr only when stderr is a terminal
# (script(1) gives one here), never with --quiet or into a pipe, and erased
# before the command's own output. GOALS_PROGRESS_DELAY=0 stands for a load
# that takes longer than the usual one second.
source "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "script(1) is missing: skipped"; exit 77; }
# A chroot or container without /dev/pts has script(1) but no terminal to give.
script -qec true /dev/null >/dev/null 2>&1 </dev/null || { echo "no pseudo-terminal here: skipped"; exit 77; }
python=/usr/bin/python3; [ -x "$python" ] || python=python3
"$python" "$SRC/tests/bench/gen_plan.py" --size 6M --out "$TMP/big" || exit 1
plan=$TMP/big.xml

# on_tty CMD...: runs CMD with stdin, stdout and stderr on a pseudo-terminal;
# everything it wrote lands in $TMP/tty.
on_tty() {
  what="on a terminal: $*"
  script -qec "$(printf '%q ' "$@")" /dev/null >"$TMP/tty" </dev/null
  rc=$?
  out=$(tr '\r' '\n' <"$TMP/tty")
  err=""
}

export GOALS_PROGRESS_DELAY=0
for f in "$plan" "$plan.gz"; do
  on_tty "$GOALS" validate "$f"
  expect_rc 0
  expect_out "^$(re "$(basename "$f")") \[#*-*\] +[0-9]+%  [0-9.]+ [kMG]?B/s  [0-9]+:[0-9]{2} left"
  expect_out "$(re "$f"): valid"
  # Erased (CR, erase to end of line) before the result is printed.
  checks=$((checks + 1)); grep -q $'\r\e\\[K'"$(re "$f")"': valid' "$TMP/tty" || fail "bar not erased"
done
on_tty "$GOALS" report "$plan" --as-of 2025-12-31 --format csv -o "$TMP/r.csv"
expect_rc 0; expect_out '[0-9]+%'
on_tty "$GOALS" convert "$plan.gz" -o "$TMP/copy.xml"
expect_rc 0; expect_out '[0-9]+%'
checks=$((checks + 1)); cmp -s "$TMP/copy.xml" "$plan" || "$GOALS" validate "$TMP/copy.xml" >/dev/null || fail "convert wrote no plan"
on_tty "$GOALS" convert --quiet "$plan" -o "$TMP/copy2.xml"
expect_rc 0; checks=$((checks + 1)); [ ! -s "$TMP/tty" ] || fail "output with --quiet"
on_tty "$GOALS" validate --quiet "$plan"
expect_rc 0; checks=$((checks + 1)); [ ! -s "$TMP/tty" ] || fail "output with --quiet"
on_tty "$GOALS" report "$plan" --as-of 2025-12-31 --quiet -o "$TMP/r.csv"
expect_rc 0; checks=$((checks + 1)); [ ! -s "$TMP/tty" ] || fail "output with --quiet"
# Not a terminal: nothing but the result, whatever the delay.
run goals validate "$plan"
expect_rc 0; expect_no_err; expect_out ': valid$'
# Quick loads stay quiet on a terminal too (the default second of delay).
unset GOALS_PROGRESS_DELAY
on_tty "$GOALS" validate "$SRC/examples/plans/kecheng-2026.xml"
expect_rc 0; checks=$((checks + 1)); grep -q '%' "$TMP/tty" && fail "a bar for a quick load"
finish
