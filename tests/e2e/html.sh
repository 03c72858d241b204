#!/usr/bin/env bash
# End-to-end: the HTML report opened in headless Chromium. Every target must
# have its row and a rendered chart: an <svg> the browser laid out (non-zero
# size) whose paths have length. A probe script is appended to a copy of the
# report; it measures the rendered elements and writes the result into the
# page, which --dump-dom prints.
#
# usage: html.sh GOALS_BIN SOURCE_DIR
# Exit 0 pass, 1 fail, 77 skipped (Chromium missing and not installable).
set -u
GOALS=${1:?usage: html.sh GOALS_BIN SOURCE_DIR}
SRC=${2:?usage: html.sh GOALS_BIN SOURCE_DIR}
PY=/usr/bin/python3
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT

find_chromium() {
  command -v chromium || command -v chromium-browser || command -v google-chrome || true
}
CHROMIUM=$(find_chromium)
if [ -z "$CHROMIUM" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "html.sh: chromium not found; installing the Debian package"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >"$TMP/apt.log" 2>&1 ||
    { apt-get update -qq >>"$TMP/apt.log" 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >>"$TMP/apt.log" 2>&1; }
  CHROMIUM=$(find_chromium)
fi
if [ -z "$CHROMIUM" ]; then
  echo "SKIP: Chromium is not installed and could not be installed (apt-get install chromium)"
  exit 77
fi

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

render() { # render FILE: the DOM after load
  local flags=(--headless --disable-gpu --disable-background-networking --disable-component-update
               --disable-sync --no-first-run --user-data-dir="$TMP/profile" --dump-dom)
  [ "$(id -u)" -eq 0 ] && flags+=(--no-sandbox) # Chromium's sandbox refuses root
  timeout 120 "$CHROMIUM" "${flags[@]}" "file://$1" 2>"$TMP/chromium.err"
}

# The probe: measures, for every target row, the chart the browser rendered.
cat >"$TMP/probe.js" <<'EOF'
(function () {
  var lines = [];
  document.querySelectorAll("tr.target").forEach(function (tr) {
    var id = tr.dataset.target;
    var chart = document.querySelector('tr.chart-row[data-target="' + id + '"] svg');
    var r = chart ? chart.getBoundingClientRect() : {width: 0, height: 0};
    var paths = chart ? chart.querySelectorAll("path") : [];
    var len = 0, series = -1;
    paths.forEach(function (p) {
      len += p.getTotalLength();
      if (p.classList.contains("series")) series = p.getTotalLength();
    });
    lines.push([id, chart instanceof SVGSVGElement ? 1 : 0, Math.round(r.width), Math.round(r.height),
                paths.length, Math.round(len), Math.round(series), tr.cells.length,
                chart ? chart.querySelectorAll("circle").length : 0].join(" "));
  });
  var pre = document.createElement("pre");
  pre.id = "e2e-result";
  pre.textContent = lines.join("\n");
  document.body.appendChild(pre);
})();
EOF

# One plan with every status and observations, and the seed (no data at all).
check_plan() { # check_plan NAME ARGS...
  local name=$1; shift
  if ! "$GOALS" report "$@" --format html -o "$TMP/$name.html" ||
     ! "$GOALS" report "$@" --format json -o "$TMP/$name.json"; then
    fail "$name: goals report failed"; return
  fi
  # The probe (probe.js below) goes in just before </body>.
  "$PY" -c 'import sys; h = open(sys.argv[1]).read(); p = open(sys.argv[2]).read()
assert h.count("</body>") == 1
open(sys.argv[3], "w").write(h.replace("</body>", "<script>\n" + p + "</script>\n</body>"))' \
    "$TMP/$name.html" "$TMP/probe.js" "$TMP/$name.probe.html" || { fail "$name: no </body>"; return; }
  render "$TMP/$name.probe.html" >"$TMP/$name.dom"
  if ! grep -q 'id="e2e-result"' "$TMP/$name.dom"; then
    fail "$name: Chromium gave no result"; sed 's/^/  /' "$TMP/chromium.err" | tail -5; return
  fi
  "$PY" - "$TMP/$name.dom" "$TMP/$name.json" "$name" <<'EOF' || fails=$((fails + 1))
import html, json, re, sys
dom, js, name = open(sys.argv[1]).read(), json.load(open(sys.argv[2])), sys.argv[3]
text = html.unescape(re.search(r'<pre id="e2e-result">(.*?)</pre>', dom, re.S).group(1))
got = {}
for line in text.strip().split("\n"):
    f = line.split(" ")
    got[f[0]] = dict(zip(["svg", "w", "h", "paths", "len", "series", "cells", "circles"], map(int, f[1:])))
ids = [t["id"] for t in js["targets"]]
bad = []
if sorted(got) != sorted(ids):
    bad.append("rows %s, targets %s" % (sorted(got), sorted(ids)))
for t in js["targets"]:
    g = got.get(t["id"])
    if g is None:
        continue
    why = []
    if g["svg"] != 1: why.append("no SVG element")
    if g["w"] < 200 or g["h"] < 60: why.append("not laid out (%dx%d)" % (g["w"], g["h"]))
    if g["paths"] < 1 or g["len"] <= 0: why.append("no path drawn")
    if g["cells"] != 8: why.append("%d cells" % g["cells"])
    # A target judged on data shows its observations, and two or more a line.
    if t["latest"] is not None and g["circles"] < 1:
        why.append("no observation drawn")
    if g["circles"] >= 2 and g["series"] <= 0:
        why.append("no observation line")
    if why:
        bad.append("%s: %s" % (t["id"], ", ".join(why)))
for b in bad:
    print("FAIL: %s: %s" % (name, b))
print("%s: %d targets, %d rendered charts" % (name, len(ids), sum(1 for g in got.values() if g["svg"] and g["len"] > 0)))
sys.exit(1 if bad else 0)
EOF
}

check_plan report "$SRC/tests/data/report/plan.xml" --data "$SRC/tests/data/report/data.csv" --as-of 2024-06-30
check_plan seed "$SRC/examples/plans/kecheng-2026.xml" --as-of 2024-06-30
check_plan kinds "$SRC/tests/data/report/kinds.xml" --as-of 2024-01-01

[ "$fails" -eq 0 ] && echo "html.sh: passed" || echo "html.sh: $fails failed"
[ "$fails" -eq 0 ]
