#!/usr/bin/env bash
# goals report: exit codes (0 done, 1 bad input, 2 usage, 3 --fail-on),
# --method list, the JSON contract field by field, CSV against JSON, text
# alignment with Chinese titles, Markdown, HTML (static checks; the browser
# test is tests/e2e/html.sh), -o, --quiet, --lang, --param.
#
# The plan tests/data/report/plan.xml with data.csv, as of 2024-06-30 and the
# linear method, has one target of every status; the figures expected below
# are worked out from docs/evaluation.md and docs/methods.md (see plan.xml).
source "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
plan=$SRC/tests/data/report/plan.xml
data=$SRC/tests/data/report/data.csv
seed=$SRC/examples/plans/kecheng-2026.xml
asof=(--as-of 2024-06-30)

# check NAME PYTHON-CODE: runs the code with the last stdout on stdin; a
# failed assert fails the check with its message.
check() {
  local name=$1 code=$2 msg
  checks=$((checks + 1))
  if ! msg=$("$PY" -c "$code" <"$TMP/stdout" 2>&1); then
    what="$what [$name]"
    fail "$(tail -n 3 <<<"$msg")"
  fi
}

# ---- usage errors: exit 2, a message, nothing on stdout
run goals report
expect_rc 2; expect_err '^goals report: no PLAN given$'; expect_no_out
run goals report "$plan" --bogus
expect_rc 2; expect_err "unknown option '--bogus'"; expect_no_out
run goals report "$plan" "$plan"
expect_rc 2; expect_err 'one PLAN only'
run goals report "$plan" --format pdf
expect_rc 2; expect_err "unknown format 'pdf'"
run goals report "$plan" --as-of 2024-13-01
expect_rc 2; expect_err "--as-of: '2024-13-01' is not a date"
run goals report "$plan" --as-of
expect_rc 2; expect_err 'option --as-of needs a value'
run goals report "$plan" --method nosuch
expect_rc 2; expect_err "unknown method 'nosuch'"
run goals report "$plan" --fail-on missed,sideways
expect_rc 2; expect_err "--fail-on: unknown status 'sideways'"
run goals report "$plan" --fail-on missed,,breached
expect_rc 2; expect_err '--fail-on: bad status list'
run goals report "$plan" --param on_track
expect_rc 2; expect_err '--param needs NAME=VALUE'
run goals report "$plan" "${asof[@]}" --param no_such_param=1
expect_rc 2; expect_err 'no_such_param'; expect_no_out
run goals report --help
expect_rc 0; expect_out '^usage: goals report PLAN'
run goals help report
expect_rc 0; expect_out '--fail-on STATUSES'

# ---- --method list: every method with its parameters, exit 0
run goals report --method list
expect_rc 0; expect_no_err
for m in linear sdg-build sdg-build-2023 sdg-build-2022 unsd eurostat escap okr; do
  expect_out "^$m\$"
done
expect_out '^    --param on_track=0\.95  '

# ---- bad input: exit 1, FILE:LINE:COL: message on stderr
run goals report "$TMP/missing.xml"
expect_rc 1; expect_no_out; expect_err "^$(re "$TMP/missing.xml"): "
printf 'measure,period,value\nsales,2022,abc\n' >"$TMP/bad.csv"
run goals report "$plan" --data "$TMP/bad.csv"
expect_rc 1; expect_no_out; expect_err_all "^$(re "$TMP/bad.csv"):2:[0-9]+: "
printf 'measure,period,value\nnosuch,2022,1\n' >"$TMP/unknown.csv"
run goals report "$plan" --data "$TMP/unknown.csv"
expect_rc 1; expect_err "^$(re "$TMP/unknown.csv"):2:1: .*nosuch"
printf 'measure,period,value\nsales,2023,291\n' >"$TMP/dup.csv"  # 2023 is in data.csv
run goals report "$plan" --data "$data" --data "$TMP/dup.csv"
expect_rc 1; expect_err "^$(re "$TMP/dup.csv"):2:"
sed 's/<target id="t-reach"/<target method="nosuch" id="t-reach"/' "$plan" >"$TMP/method.xml"
run goals report "$TMP/method.xml" "${asof[@]}"
expect_rc 1; expect_no_out; expect_err 'nosuch'

# ---- --fail-on: 3 when a target has one of the statuses, else 0
run goals report "$plan" --data "$data" "${asof[@]}" --fail-on missed
expect_rc 3; expect_out '^Summary$'
run goals report "$plan" --data "$data" "${asof[@]}" --fail-on achieved --quiet
expect_rc 3; expect_no_out; expect_no_err
run goals report "$seed" "${asof[@]}" --fail-on missed,breached,off_track
expect_rc 0
run goals report "$seed" "${asof[@]}" --fail-on pending --format json
expect_rc 3
check seed-honest '
import json, sys
d = json.load(sys.stdin)
st = {t["status"] for t in d["targets"]}
assert st <= {"no_data", "pending"}, st   # no published figures: nothing judged
assert all(t["latest"] is None for t in d["targets"])'

# ---- JSON: the contract of DESIGN.md, field by field
run goals report "$plan" --data "$data" "${asof[@]}" --format json
expect_rc 0; expect_no_err
check json-contract '
import json, sys, datetime
def no_nan(x): raise AssertionError("non-JSON constant " + x)
d = json.loads(sys.stdin.read(), parse_constant=no_nan)
assert list(d) == ["plan", "as_of", "method", "targets", "goals"], list(d)
assert d["as_of"] == "2024-06-30" and d["method"] == "linear"
keys = ["id", "goal", "measure", "kind", "op", "value", "deadline", "attribute", "violation",
        "status", "progress", "required_rate", "actual_rate", "days_left", "latest", "baseline",
        "projected", "assessment"]
T = {t["id"]: t for t in d["targets"]}
assert [t["id"] for t in d["targets"]] == ["t-reach", "t-achieved", "t-missed", "t-cumulative",
    "t-breached", "t-nodata", "t-pending", "t-offtrack", "t-regressing", "t-atrisk", "t-between",
    "t-increase"], list(T)
for t in d["targets"]:
    assert list(t) == keys, (t["id"], list(t))
    assert list(t["assessment"]) == ["method", "value", "category"]
    for k in ("latest", "baseline"):
        assert t[k] is None or list(t[k]) == ["period", "value"], (t["id"], k)
def near(a, b): return a is not None and abs(a - b) <= 1e-9 * max(1, abs(b))
status = {k: t["status"] for k, t in T.items()}
assert status == {"t-reach": "on_track", "t-achieved": "achieved", "t-missed": "missed",
    "t-cumulative": status["t-cumulative"], "t-breached": "breached", "t-nodata": "no_data",
    "t-pending": "pending", "t-offtrack": "off_track", "t-regressing": "regressing",
    "t-atrisk": "at_risk", "t-between": "on_track", "t-increase": "regressing"}, status
days = (datetime.date(2026, 12, 31) - datetime.date(2024, 6, 30)).days
# reach gt 320 (亿元 on a measure in 1e8 CNY: 320), baseline 2021 = 250, 2022 = 270, 2023 = 290;
# the 2025 value is after the as-of date and does not count.
r = T["t-reach"]
assert (r["goal"], r["measure"], r["kind"], r["op"], r["value"]) == ("g1", "sales", "reach", "gt", 320)
assert (r["deadline"], r["attribute"], r["violation"]) == ("2026", "expected", False)
assert r["latest"] == {"period": "2023", "value": 290} and r["baseline"] == {"period": "2021", "value": 250}
assert near(r["progress"], 40 / 70) and near(r["actual_rate"], 20) and near(r["required_rate"], 10)
assert near(r["projected"], 250 + 40 * 5 / 2) and r["days_left"] == days == 914
a = r["assessment"]   # linear: progress over the elapsed share 2/5 of the path
assert a["method"] == "linear" and a["category"] == "on_track" and near(a["value"], (40 / 70) / 0.4)
assert near(T["t-achieved"]["progress"], 40 / 30) and T["t-achieved"]["attribute"] is None
m = T["t-missed"]     # binding, deadline 2023 passed at 290 < 300
assert m["violation"] is True and m["days_left"] == -182 and m["latest"]["value"] == 290
c = T["t-cumulative"] # 10 + 12 since 2022
assert c["latest"] == {"period": "2023", "value": 22} and near(c["progress"], 22 / 33.5)
b = T["t-breached"]   # maintain >= 98: 98.5 then 97.9
assert b["violation"] is True and b["latest"] == {"period": "2023", "value": 97.9}
n = T["t-nodata"]
assert n["latest"] is None and n["baseline"] is None and n["progress"] is None and n["projected"] is None
p = T["t-pending"]
assert p["op"] is None and p["value"] is None and p["kind"] == "milestone"
assert near(T["t-offtrack"]["progress"], 0.1) and near(T["t-regressing"]["progress"], -0.1)
j = T["t-atrisk"]     # the disaggregated 999 is not a total
assert j["latest"]["value"] == 30 and near(j["progress"], 0.3) and near(j["assessment"]["value"], 0.75)
w = T["t-between"]
assert w["op"] == "between" and w["value"] == [30, 35] and near(w["progress"], 0.4)
i = T["t-increase"]
assert i["op"] == "increase" and i["value"] is None
counts = {"no_data": 1, "pending": 1, "achieved": 1, "on_track": 3, "at_risk": 1, "off_track": 1,
          "regressing": 2, "breached": 1, "missed": 1}
P = d["plan"]
assert list(P) == ["id", "title", "status", "counts", "score"]
assert P["id"] == "report-test" and P["title"] == "测试规划：报告 & \"escapes\" <ok>"
assert P["status"] == "missed" and P["counts"] == counts, P
# scores: g1 (1 + .75 + .75 + 0)/4, g2 = g2a = 0 (breached), g3 (.25 + 0 + .5 + .75 + 0)/5
assert near(P["score"], (0.625 + 0 + 0.3) / 3), P["score"]
G = {g["id"]: g for g in d["goals"]}
assert [g["id"] for g in d["goals"]] == ["g1", "g2", "g2a", "g3"]
for g in d["goals"]:
    assert list(g) == ["id", "title", "status", "counts", "score"]
assert G["g1"]["title"] == "聚焦商贸，加快塑造新优势" and near(G["g1"]["score"], 0.625)
assert G["g2"]["counts"] == G["g2a"]["counts"] and G["g2"]["status"] == "breached"
assert G["g2a"]["counts"]["pending"] == 1 and G["g2a"]["counts"]["no_data"] == 1
assert G["g3"]["status"] == "regressing" and near(G["g3"]["score"], 0.3)'
cp "$TMP/stdout" "$TMP/report.json"
check json-numbers '
import re, sys
# Every number is the shortest text that reads back (as Python repr), in C notation.
raw = sys.stdin.read()
toks = re.findall(r"(?:: |\[|, )(-?[0-9][0-9.eE+-]*)", raw)
assert len(toks) > 100, len(toks)
def sig(s): return len(s.lower().split("e")[0].lstrip("-").replace(".", "").strip("0"))
for t in toks:
    assert re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?", t), t
    assert sig(t) <= max(sig(repr(float(t))), 1), (t, repr(float(t)))'

# --lang picks the titles; --param reaches the method (0.75 >= 0.7: on track)
run goals report "$plan" --data "$data" "${asof[@]}" --format json --lang en --param on_track=0.7
expect_rc 0
check json-lang-param '
import json, sys
d = json.load(sys.stdin)
assert d["plan"]["title"] == "Report test plan" and d["goals"][0]["title"] == "Trade"
assert [t for t in d["targets"] if t["id"] == "t-atrisk"][0]["status"] == "on_track"'
run goals report "$plan" --data "$data" "${asof[@]}" --format json --method sdg-build
expect_rc 0
check json-method '
import json, sys
d = json.load(sys.stdin)
assert d["method"] == "sdg-build"
assert {t["assessment"]["method"] for t in d["targets"] if t["kind"] == "reach"} == {"sdg-build"}'
# The default as-of date is today (local time).
run goals report "$plan" --format json
expect_rc 0
check json-today '
import json, sys, datetime
assert json.load(sys.stdin)["as_of"] == datetime.date.today().isoformat()'

# ---- CSV: RFC 4180, one row per target, the JSON fields flattened
run goals report "$plan" --data "$data" "${asof[@]}" --format csv
expect_rc 0; expect_no_err
cp "$TMP/stdout" "$TMP/report.csv"
check csv "
import csv, json, sys
raw = open('$TMP/report.csv', newline='').read()
assert raw.endswith('\r\n') and '\n' not in raw.replace('\r\n', ''), 'CRLF line ends'
rows = list(csv.DictReader(raw.splitlines(True)))
d = json.load(open('$TMP/report.json'))
assert len(rows) == len(d['targets']) == 12
def num(s): return None if s == '' else float(s)
for row, t in zip(rows, d['targets']):
    for k in ('id', 'goal', 'measure', 'kind', 'deadline', 'status'):
        assert row[k] == (t[k] or ''), (t['id'], k)
    assert row['op'] == (t['op'] or '') and row['attribute'] == (t['attribute'] or '')
    assert row['violation'] == ('true' if t['violation'] else 'false')
    lo, hi = (t['value'] if isinstance(t['value'], list) else [t['value'], None])
    assert num(row['value']) == lo and num(row['value_high']) == hi, t['id']
    for k in ('progress', 'required_rate', 'actual_rate', 'projected', 'days_left'):
        assert num(row[k]) == t[k], (t['id'], k, row[k], t[k])
    for k in ('latest', 'baseline'):
        v = t[k] or {'period': '', 'value': None}
        assert row[k + '_period'] == v['period'] and num(row[k + '_value']) == v['value'], (t['id'], k)
    a = t['assessment']
    assert row['assessment_method'] == a['method'] and num(row['assessment_value']) == a['value']
    assert row['assessment_category'] == (a['category'] or '')
"

# ---- text: a table per goal, aligned by display width with Chinese titles
run goals report "$plan" --data "$data" "${asof[@]}"
expect_rc 0; expect_no_err
expect_out '^测试规划：报告 & "escapes" <ok> \(report-test\)$'
expect_out '^聚焦商贸，加快塑造新优势 \[g1\]: missed$'
expect_out '^  missed +1$'
# 亿元, as t-reach writes it, names the unit (1e8 CNY) of every target on the measure
expect_out '^  t-achieved +零售总额达到280亿元 +reach +2023: 290亿元 +>= 280亿元 +2026 +133% +achieved$'
expect_out '^  t-atrisk +新增就业100万人 +reach +2023: 30 1e4 persons +>= 100 1e4 persons +2026 +30% +at_risk$'
expect_out '^  score +31%$'
check text-align '
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
lines = sys.stdin.read().split("\n")
assert not any("\x1b" in l for l in lines), "colour on a pipe"
heads = [i for i, l in enumerate(lines) if l.startswith("  ID ")]
assert len(heads) == 3, heads
cols = ["ID", "Title", "Kind", "Latest", "Target", "Deadline", "Progress", "Status"]
head = lines[heads[0]]
start = [width(head[:head.index(" " + c + " " if c != "Status" else " Status") + 1]) for c in cols]
progress_end = start[6] + len("Progress")
wide = 0
rows = 0
for h in heads:
    assert lines[h] == head, "every table has the same columns"
    i = h + 1
    while i < len(lines) and lines[i].startswith("  ") and lines[i].strip():
        l = lines[i]; rows += 1
        pos = {}; w = 0
        for k, ch in enumerate(l):
            pos[w] = k; w += width(ch)
        for c in (0, 1, 2, 3, 4, 5, 7):     # left-aligned: the cell starts at its column
            k = pos.get(start[c])
            assert k is not None and l[k] != " " and l[k - 1] == " ", (l, cols[c])
        k = pos.get(progress_end - 1)      # right-aligned: it ends at the header end
        assert k is not None and l[k] != " " and l[k + 1] == " ", (l, "Progress")
        wide += any(unicodedata.east_asian_width(ch) == "W" for ch in l)
        i += 1
assert rows == 12 and wide >= 8, (rows, wide)'

# colour: only on a terminal, and never with NO_COLOR
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
  run script -qec "env -u NO_COLOR '$GOALS' report '$plan' --data '$data' --as-of 2024-06-30" /dev/null
  expect_rc 0
  checks=$((checks + 1)); grep -q $'\e\\[32machieved\e\\[0m' <<<"$out" || fail "no colour on a terminal"
  run script -qec "NO_COLOR=1 '$GOALS' report '$plan' --as-of 2024-06-30" /dev/null
  checks=$((checks + 1)); ! grep -q $'\e\\[' <<<"$out" || fail "colour despite NO_COLOR"
else
  echo "note: script(1) cannot make a terminal here; colour checks skipped"
fi

# ---- Markdown: GitHub tables, escaped
run goals report "$plan" --data "$data" "${asof[@]}" --format markdown
expect_rc 0; expect_no_err
expect_out '^# 测试规划：报告 & "escapes" \\<ok>$'
expect_out '^\| ID \| Title \| Kind \| Latest \| Target \| Deadline \| Progress \| Status \|$'
expect_out '^\| `t-reach` \| 社会消费品零售总额超320亿元 \| reach \| 2023: 290亿元 \| > 320亿元 \| 2026 \| 57% \| on_track \|$'
expect_out '^\| `t-between` \| PM2\.5 between 30 and 35 \| reach \| 2023: 41 \| 30 to 35 \| 2026 \| 40% \| on_track \|$'
checks=$((checks + 1)); [ "$(grep -c '^| `t-' <<<"$out")" -eq 12 ] || fail "12 target rows"

# ---- HTML: self-contained, escaped, a chart per target (rendering: tests/e2e/html.sh)
run goals report "$plan" --data "$data" "${asof[@]}" --format html -o "$TMP/report.html"
expect_rc 0; expect_no_out; expect_no_err
cp "$TMP/report.html" "$TMP/stdout"
check html '
import re, sys
h = sys.stdin.read()
assert h.startswith("<!DOCTYPE html>\n<html lang=\"zh\">")
assert "<title>测试规划：报告 &amp; &quot;escapes&quot; &lt;ok&gt;</title>" in h
assert not re.search(r"<(script|link|img|iframe)\b", h), "nothing fetched, nothing run"
assert not re.search(r"(src|href)=|url\(|@import", h)
assert re.findall(r"https?://[^\"]*", h) == ["http://www.w3.org/2000/svg"] * h.count("xmlns=")
rows = re.findall(r"<tr class=\"target\" id=\"target-([^\"]+)\"", h)
charts = re.findall(r"<tr class=\"chart-row\" data-target=\"([^\"]+)\"><td colspan=\"8\"><figure><svg class=\"chart\"", h)
assert len(rows) == 12 and rows == charts, (rows, charts)
assert "2023: 999" not in h and "<title>2023: 30</title>" in h   # totals only
assert "<title>2025: 330</title>" in h and "class=\"obs later\"" in h'
run goals report "$plan" --data "$data" "${asof[@]}" --format html --lang en
expect_rc 0; expect_out '^<html lang="en">$'; expect_out '<h1>Report test plan</h1>'

# -o replaces the file whole, and a folder that is not there is bad input
run goals report "$plan" "${asof[@]}" --format json -o "$TMP/report.html"
expect_rc 0; expect_no_out
checks=$((checks + 1)); head -c 1 "$TMP/report.html" | grep -q '{' || fail "-o did not replace the file"
checks=$((checks + 1)); [ -z "$(ls "$TMP" | grep '\.html\.')" ] || fail "a temporary file was left"
run goals report "$plan" "${asof[@]}" -o "$TMP/no/such/dir/r.txt"
expect_rc 1; expect_err "^$(re "$TMP/no/such/dir/r.txt"): "
# every kind, odd periods and extreme values: every format is written
kinds=$SRC/tests/data/report/kinds.xml
for f in text markdown json csv html; do
  run goals report "$kinds" --as-of 2024-01-01 --format "$f"
  expect_rc 0; expect_no_err
done
run goals report "$kinds" --as-of 2024-01-01 --format json
check kinds-json '
import json, sys
d = json.loads(sys.stdin.read(), parse_constant=lambda x: 1 / 0)
k = {t["id"]: t for t in d["targets"]}
assert len(k) == 11 and k["a"]["latest"]["value"] == 1e299 and k["b"]["value"] == [-5, 5]
assert k["c"]["latest"] == {"period": "2021", "value": 30}   # 3/10 x 100; 2022 divides by 0
assert k["h"]["latest"]["period"] == "2023-08-01/2023-09-30"'

# a write that fails (a full disk) is an error, not a silent short report
if [ -w /dev/full ]; then
  run bash -c '"$0" report "$1" --as-of 2024-06-30 >/dev/full' "$GOALS" "$plan"
  expect_rc 1; expect_err '^goals report: writing the report: No space left on device$'
fi

finish
