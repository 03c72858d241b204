#!/usr/bin/env bash
# End-to-end test of the Pandoc filter examples/lua/goals-report.lua:
#   1. pandoc turns examples/lua/report.md into HTML and docx; the HTML's
#      status tables match `goals report --format json` (pandoc_check.py);
#   2. a document elsewhere, with plan= and data= relative to it and pandoc
#      started from another folder, gives the tables of plan + data;
#   3. a tampered HTML table is caught (the check can fail);
#   4. a bad attribute, a missing plan, a bad date and an unknown goal stop
#      pandoc with an error that names the div.
#   pandoc_report.sh SOURCE_DIR     (env: PANDOC, GOALS_CLI, PYTHON, LUA_CPATH_5_x, LUA_PATH_5_x,
#                                    GOALS_LUA_PRELOAD: sanitizer runtimes to preload into pandoc)
set -u
src=${1:?usage: $0 SOURCE_DIR}
pandoc_bin=${PANDOC:-pandoc} cli=${GOALS_CLI:?GOALS_CLI must name the goals command} python=${PYTHON:-python3}
filter=$src/examples/lua/goals-report.lua
check=$src/tests/e2e/pandoc_check.py
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
die() { echo "FAIL: $*"; exit 1; }
# Only pandoc gets the preload: it runs the (maybe instrumented) module.
pandoc() { LD_PRELOAD=${GOALS_LUA_PRELOAD:-} "$pandoc_bin" "$@"; }

# Which Lua the pandoc embeds, and whether it finds the module.
lua_version=$(pandoc --lua-filter <(echo 'io.stderr:write(_VERSION, "\n")') -t plain </dev/null 2>&1 >/dev/null) \
  || die "pandoc cannot run a Lua filter"
echo "pandoc $(pandoc --version | head -n 1 | cut -d' ' -f2) with $lua_version"

# 1. The example report.
md=$src/examples/lua/report.md
pandoc --lua-filter "$filter" "$md" -s -o "$tmp/report.html" 2> "$tmp/html.err" \
  || { cat "$tmp/html.err"; die "pandoc to HTML failed"; }
"$python" "$check" "$md" "$tmp/report.html" "$cli" || die "the HTML tables differ from goals report"
n=$(grep -c '<svg' "$tmp/report.html")
[ "$n" -ge 1 ] || die "chart=true gave no SVG chart in the HTML"
echo "ok: $n SVG charts in the HTML"
pandoc --lua-filter "$filter" "$md" -o "$tmp/report.docx" 2> "$tmp/docx.err" \
  || { cat "$tmp/docx.err"; die "pandoc to docx failed"; }
"$python" - "$tmp/report.docx" <<'PY' || die "the docx lacks the status tables or the charts"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
doc = z.read("word/document.xml").decode("utf-8")
assert doc.count("<w:tbl>") >= 4, "four tables"
assert "CN14-01" in doc and "a5.t2" in doc, "target ids"
assert any(n.endswith(".svg") for n in z.namelist()), "charts embedded"
print("ok: docx with %d tables and %d SVG charts" % (doc.count("<w:tbl>"), sum(n.endswith(".svg") for n in z.namelist())))
PY

# 2. Paths relative to the document, pandoc run from elsewhere, data= used.
mkdir -p "$tmp/doc/inputs" "$tmp/elsewhere"
cp "$src/tests/data/report/plan.xml" "$src/tests/data/report/data.csv" "$tmp/doc/inputs/"
cat > "$tmp/doc/test.md" <<'MD'
# Report test plan

::: {#whole .goals plan="inputs/plan.xml" data="inputs/data.csv" as-of="2024-06-30"}
:::

::: {#g2 .goals plan="inputs/plan.xml" data="inputs/data.csv" as-of="2024-06-30" goal="g2" lang="en"}
:::

::: {#later .goals plan="inputs/plan.xml" data="inputs/data.csv" as-of="2025-12-31" method="sdg-build"}
:::
MD
(cd "$tmp/elsewhere" && pandoc --lua-filter "$filter" ../doc/test.md -o out.html 2> err.txt) \
  || { cat "$tmp/elsewhere/err.txt"; die "pandoc on a document in another folder failed"; }
"$python" "$check" "$tmp/doc/test.md" "$tmp/elsewhere/out.html" "$cli" || die "data= tables differ from goals report --data"

# 3. The check can fail: one status changed in the HTML.
sed 's/data-status="breached">breached/data-status="achieved">breached/' "$tmp/elsewhere/out.html" > "$tmp/tampered.html"
cmp -s "$tmp/elsewhere/out.html" "$tmp/tampered.html" && die "nothing to tamper with"
if "$python" "$check" "$tmp/doc/test.md" "$tmp/tampered.html" "$cli" > "$tmp/tampered.out"; then
  die "a changed status was not caught"
fi
grep -q "t-breached: status achieved != breached" "$tmp/tampered.out" || { cat "$tmp/tampered.out"; die "wrong complaint"; }
echo "ok: a tampered status is caught"

# 4. Errors name the div and say what is wrong; pandoc exits non-zero.
bad() { # bad NAME DIV-LINE EXPECTED-TEXT...
  local name=$1 line=$2
  shift 2
  printf '# t\n\n%s\n:::\n' "$line" > "$tmp/doc/$name.md"
  if pandoc --lua-filter "$filter" "$tmp/doc/$name.md" -o "$tmp/$name.html" 2> "$tmp/$name.err"; then
    die "$name: pandoc succeeded"
  fi
  for want in "$@"; do
    grep -qF -- "$want" "$tmp/$name.err" || { cat "$tmp/$name.err"; die "$name: the error lacks '$want'"; }
  done
  echo "ok: $name: $(grep -o 'goals-report.lua: .*' "$tmp/$name.err" | head -n 1)"
}
bad unknown-attribute '::: {#d1 .goals plan="inputs/plan.xml" as_of="2024-06-30"}' \
  "goals div #d1" 'unknown attribute "as_of"'
bad missing-plan '::: {#d2 .goals plan="inputs/nowhere.xml"}' \
  "goals div #d2" "inputs/nowhere.xml"
bad no-plan '::: {.goals as-of="2024-06-30"}' \
  "goals div 1" "the plan attribute is missing"
bad bad-date '::: {#d4 .goals plan="inputs/plan.xml" as-of="30.06.2024"}' \
  "goals div #d4" "as-of must be a day YYYY-MM-DD"
bad unknown-goal '::: {#d5 .goals plan="inputs/plan.xml" goal="g9"}' \
  "goals div #d5" 'no goal "g9"'
bad bad-data '::: {#d6 .goals plan="inputs/plan.xml" data="inputs/plan.xml"}' \
  "goals div #d6" "inputs/plan.xml:1:"
bad bad-chart '::: {#d7 .goals plan="inputs/plan.xml" chart=maybe}' \
  "goals div #d7" "chart must be true or false"
echo "all pandoc checks passed"
