#!/usr/bin/env bash
# goals validate: exit codes 0/1/2, "FILE: valid" on stdout, and every error on
# stderr as FILE:LINE:COL: message.
source "$(dirname "$0")/lib.sh"
plans=("$SRC"/examples/plans/*.xml)
seed=$SRC/examples/plans/kecheng-2026.xml
bad=("$SRC"/tests/data/bad/*.xml)
schema_dir=$SRC/libgoals/schema

# Usage errors.
run goals validate
expect_rc 2; expect_err "^goals validate: no FILE given\$"; expect_no_out
run goals validate --bogus "$seed"
expect_rc 2; expect_err "unknown option '--bogus'"; expect_no_out
run goals validate --schema-dir
expect_rc 2; expect_err 'option --schema-dir needs a value'

# The seed plan and every bundled plan are valid, with and without the XSD.
run goals validate "$seed"
expect_rc 0; expect_out "^$(re "$seed"): valid\$"; expect_no_err
run goals validate "${plans[@]}"
expect_rc 0; expect_no_err
[ "$(grep -c ': valid$' <<<"$out")" -eq "${#plans[@]}" ] || fail "expected ${#plans[@]} valid lines"
run goals validate --schema --schema-dir "$schema_dir" "${plans[@]}"
expect_rc 0; expect_no_err
mkdir "$TMP/no-schema"    # --schema-dir is what is used: an empty folder fails
run env -u GOALS_SCHEMA_DIR "$GOALS" validate --schema --schema-dir "$TMP/no-schema" "$seed"
expect_rc 1; expect_no_out; expect_err "^$(re "$TMP/no-schema/")goals-plan-1.xsd: "
run goals validate --quiet "$seed"
expect_rc 0; expect_no_out; expect_no_err
run goals validate "$seed" -q          # options may follow the files
expect_rc 0; expect_no_out; expect_no_err
run goals validate -- "$seed"
expect_rc 0; expect_out ': valid$'

# gzip input is read as well (detected by content, not by name).
gzip -c "$seed" > "$TMP/seed.xml.gz" && cp "$TMP/seed.xml.gz" "$TMP/seed-gz.xml"
run goals validate "$TMP/seed.xml.gz" "$TMP/seed-gz.xml"
expect_rc 0; expect_no_err

# Bad files: exit 1, and one line FILE:LINE:COL: message on stderr. Each file
# says what the loader reports in a comment, `<!-- expect: CODE LINE:COL message -->`
# (no message where libxml2's wording is not ours; "expect (validate)" where
# only the XSD catches it): the command must print exactly that.
[ -e "${bad[0]}" ] || { checks=$((checks + 1)); what="tests/data/bad"; fail "no bad files"; }
expect_re='<!-- expect( \(validate\))?: ([A-Z]+) ([0-9]+:[0-9]+) ?(.*) -->'
cd "$SRC/tests/data/bad" || exit 1   # messages that cite a file name it as given
for f in "${bad[@]}"; do
  [ -e "$f" ] || continue
  f=${f##*/}
  if [[ ! "$(grep -m1 -- '<!-- expect' "$f")" =~ $expect_re ]]; then
    checks=$((checks + 1)); what=$f; fail "no <!-- expect: CODE LINE:COL message --> comment"
    continue
  fi
  schema=() pos=${BASH_REMATCH[3]} msg=${BASH_REMATCH[4]}
  [ -n "${BASH_REMATCH[1]}" ] && schema=(--schema)
  run goals validate "${schema[@]}" "$f"
  expect_rc 1; expect_no_out
  if [ -n "$msg" ]; then
    checks=$((checks + 1)); [ "$err" = "$f:$pos: $msg" ] || fail "expected stderr: $f:$pos: $msg"
  else
    expect_err_all "^$(re "$f:$pos"): [^ ]"
  fi
done
# The schema-only one passes without --schema: the XSD is what catches it.
if [ -e schema-invalid.xml ]; then
  run goals validate schema-invalid.xml
  expect_rc 0
fi
cd "$TMP" || exit 1

# Ones made here, with known positions.
printf '<plan xmlns="urn:libgoals:plan:1" id="x">\n  <goal id="g1">\n</plan>\n' > "$TMP/unclosed.xml"
run goals validate "$TMP/unclosed.xml"
expect_rc 1; expect_err_all "^$(re "$TMP/unclosed.xml"):3:[0-9]+: [^ ]"
printf '<?xml version="1.0"?>\n<!DOCTYPE plan [ <!ENTITY e "x"> ]>\n<plan xmlns="urn:libgoals:plan:1" id="x"/>\n' > "$TMP/doctype.xml"
run goals validate "$TMP/doctype.xml"
expect_rc 1; expect_err_all "^$(re "$TMP/doctype.xml"):[0-9]+:[0-9]+: [^ ]"
printf '<plan xmlns="urn:example:other" id="x"/>\n' > "$TMP/foreign.xml"
run goals validate "$TMP/foreign.xml"
expect_rc 1; expect_err_all "^$(re "$TMP/foreign.xml"):1:[0-9]+: [^ ]"
: > "$TMP/empty.xml"
run goals validate "$TMP/empty.xml"
expect_rc 1; expect_err "^$(re "$TMP/empty.xml"):"

# A missing file names the file.
run goals validate "$TMP/missing.xml"
expect_rc 1; expect_no_out; expect_err "^$(re "$TMP/missing.xml"):"

# From a pipe (read once, as it streams): positions cannot be found by
# reading again, so an error of ours keeps the parser's line of the element
# and no column; libxml2's own errors keep both.
bad_dir=$SRC/tests/data/bad
run bash -c "cat '$bad_dir/unknown-measure.xml' | '$GOALS' validate /dev/stdin"
expect_rc 1; expect_no_out; expect_err "^/dev/stdin:5:0: target 'a5.t2': unknown measure 'retail'\$"
run bash -c "gzip -c '$bad_dir/unknown-measure.xml' | '$GOALS' validate /dev/stdin"
expect_rc 1; expect_err "^/dev/stdin:5:0: target 'a5.t2': unknown measure 'retail'\$"
run bash -c "cat '$bad_dir/mismatched-tag.xml' | '$GOALS' validate /dev/stdin"
expect_rc 1; expect_err "^/dev/stdin:4:10: not well-formed: "
run bash -c "cat '$seed' | '$GOALS' validate /dev/stdin"
expect_rc 0; expect_out "^/dev/stdin: valid\$"

# Good and bad together: every file is checked, the good ones are listed,
# the exit code says that one failed.
run goals validate "$seed" "$TMP/unclosed.xml" "$TMP/missing.xml"
expect_rc 1; expect_out "^$(re "$seed"): valid\$"
[ "$(wc -l <<<"$err")" -ge 2 ] || fail "expected an error line for each bad file"

finish
