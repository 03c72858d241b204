#!/usr/bin/env bash
# goals convert: StratML / IATI / native in, the native format out (plain or
# gzip); warnings on stderr as FILE:LINE:COL: warning: message (also from
# goals validate, which still exits 0); and for every real file in
# ../shared/data (when present) the report of the original and of its
# conversion are the same.
source "$(dirname "$0")/lib.sh"
data=$SRC/tests/data/import
seed=$SRC/examples/plans/kecheng-2026.xml
schema_dir=$SRC/libgoals/schema

# Usage errors.
run goals convert
expect_rc 2; expect_err "^goals convert: no input file given\$"; expect_no_out
run goals convert "$seed"
expect_rc 2; expect_err 'no output given \(-o OUT\)'
run goals convert "$seed" -o -
expect_rc 2; expect_err 'OUT must be a file'
run goals convert --from excel "$seed" -o "$TMP/x.xml"
expect_rc 2; expect_err "unknown format 'excel'"
run goals convert "$seed" "$seed" -o "$TMP/x.xml"
expect_rc 2; expect_err 'more than one input'
run goals help convert
expect_rc 0; expect_out '^usage: goals convert'

# A file that does not load: exit 1, its error, nothing written.
printf '<iati-activities><iati-activity>' > "$TMP/broken.xml"
run goals convert "$TMP/broken.xml" -o "$TMP/broken-out.xml"
expect_rc 1; expect_err "^$(re "$TMP/broken.xml"):1:"
[ ! -e "$TMP/broken-out.xml" ] || fail "an output was written for a broken input"

# StratML: warnings with positions, a native file that validates against the XSD.
run goals convert "$data/stratml-messy.xml" -o "$TMP/stratml.xml"
expect_rc 0; expect_no_out
expect_err_all "^$(re "$data/stratml-messy.xml"):[0-9]+:[0-9]+: warning: "
expect_err "stratml-messy.xml:21:99: warning: value 'about sixty' is not a number: kept as the observation's text\$"
[ "$(wc -l <<<"$err")" -eq 7 ] || fail "expected 7 warnings"
run goals validate --schema --schema-dir "$schema_dir" "$TMP/stratml.xml"
expect_rc 0; expect_no_err
run grep -c '<observation ' "$TMP/stratml.xml"
expect_out '^4$'
run goals convert -q "$data/stratml-messy.xml" -o "$TMP/quiet.xml"
expect_rc 0; expect_no_err

# goals validate prints the same warnings and still says valid.
run goals validate "$data/iati-messy.xml"
expect_rc 0; expect_out ': valid$'
expect_err "iati-messy.xml:27:6: warning: a second value of 'XM-TEST-1.r1.i1' for 2020: kept with dimension duplicate=N\$"
run goals validate -q "$data/iati-messy.xml"
expect_rc 0; expect_no_out

# IATI to gzip (by suffix, and by --gzip); forcing the right and the wrong format.
run goals convert "$data/iati-messy.xml" -o "$TMP/iati.xml.gz"
expect_rc 0
run gzip -t "$TMP/iati.xml.gz"
expect_rc 0
run goals convert -q --gzip --from iati "$data/iati-messy.xml" -o "$TMP/iati-gz.xml"
expect_rc 0
run gzip -t "$TMP/iati-gz.xml"
expect_rc 0
run goals convert --from stratml "$data/iati-messy.xml" -o "$TMP/wrong.xml"
expect_rc 1; expect_err "is not a StratML StrategicPlan or PerformancePlanOrReport"

# A native plan converts to itself.
run goals convert "$seed" -o "$TMP/seed.xml"
expect_rc 0; expect_no_err
run goals report "$seed" --as-of 2025-12-31 --format json -o "$TMP/a.json"
expect_rc 0
run goals report "$TMP/seed.xml" --as-of 2025-12-31 --format json -o "$TMP/b.json"
expect_rc 0
run cmp "$TMP/a.json" "$TMP/b.json"
expect_rc 0

# Every real file: converts, validates, and reports the same before and after.
shared=$SRC/../shared/data
if [ -d "$shared" ]; then
  for f in "$shared"/stratml/*.xml "$shared"/iati/*.xml; do
    b=$(basename "$f" .xml)
    run goals convert -q "$f" -o "$TMP/$b.xml.gz"
    expect_rc 0; expect_no_err
    run goals validate -q --schema --schema-dir "$schema_dir" "$TMP/$b.xml.gz"
    expect_rc 0; expect_no_err
    for fmt in json text; do
      run goals report "$f" --as-of 2026-06-30 --format $fmt -o "$TMP/$b.orig.$fmt"
      expect_rc 0
      run goals report "$TMP/$b.xml.gz" --as-of 2026-06-30 --format $fmt -o "$TMP/$b.conv.$fmt"
      expect_rc 0
      run cmp "$TMP/$b.orig.$fmt" "$TMP/$b.conv.$fmt"
      expect_rc 0
    done
  done
else
  echo "note: $shared is not there; the real StratML and IATI files were skipped"
fi

finish
