"""Checks the status tables that examples/lua/goals-report.lua wrote into an
HTML file against `goals report --format json` on the same inputs.

    pandoc_check.py MARKDOWN HTML GOALS_CLI

For every goals div of the Markdown (found by its id), the HTML must hold a
div.goals-report with that id whose table has one row per target, in plan
order: the plan's targets, or those under the div's goal, as the JSON counts
them. Each row's id, latest period, deadline, progress and status must be
the JSON's, and the caption's status must be the plan's or the goal's.
Prints one line per div and exits 1 on the first difference.
"""
import html.parser
import json
import math
import os
import re
import shlex
import subprocess
import sys


class Tables(html.parser.HTMLParser):
    """Collects, per div.goals-report id, its attributes, caption status and rows."""

    def __init__(self):
        super().__init__()
        self.reports = {}
        self.current = None  # the report being read
        self.depth = 0       # div nesting inside it
        self.cell = None     # text of the cell being read
        self.row = None
        self.in_caption = False
        self.in_code = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div":
            if self.current is None and "goals-report" in classes:
                self.current = {"attrs": a, "rows": [], "caption_status": None}
                self.reports[a.get("id", "")] = self.current
                self.depth = 1
            elif self.current is not None:
                self.depth += 1
        if self.current is None:
            return
        if tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.row = {"cells": [], "status": None, "id": None}
        elif tag in ("td", "th"):
            self.cell = ""
        elif tag == "code":
            self.in_code = True
        elif tag == "span" and "goals-status" in classes:
            if self.in_caption:
                self.current["caption_status"] = a.get("data-status")
            elif self.row is not None:
                self.row["status"] = a.get("data-status")

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if tag == "div":
            self.depth -= 1
            if self.depth == 0:
                self.current = None
        elif tag == "caption":
            self.in_caption = False
        elif tag == "code":
            self.in_code = False
        elif tag in ("td", "th") and self.row is not None:
            self.row["cells"].append(" ".join(self.cell.split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row["status"] is not None:  # not the header row
                self.current["rows"].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
            if self.in_code and self.row is not None and self.row["id"] is None:
                self.row["id"] = data.strip()


def divs(markdown):
    """The goals divs of the Markdown: {id: {attribute: value}}."""
    out = {}
    for m in re.finditer(r"^:::+\s*\{([^}]*)\}", markdown, re.M):
        words = shlex.split(m.group(1))
        if ".goals" not in words:
            continue
        attrs = {}
        for w in words:
            if w.startswith("#"):
                attrs["#id"] = w[1:]
            elif "=" in w:
                k, v = w.split("=", 1)
                attrs[k] = v
        out[attrs["#id"]] = attrs
    return out


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def main():
    md_path, html_path, cli = sys.argv[1:4]
    base = os.path.dirname(os.path.abspath(md_path))
    with open(md_path, encoding="utf-8") as f:
        wanted = divs(f.read())
    parser = Tables()
    with open(html_path, encoding="utf-8") as f:
        parser.feed(f.read())
    if not wanted:
        fail("no goals div with an id in " + md_path)

    for div_id, a in wanted.items():
        cmd = [cli, "report", os.path.join(base, a["plan"]), "--format", "json"]
        for csv in filter(None, (s.strip() for s in a.get("data", "").split(","))):
            cmd += ["--data", os.path.join(base, csv)]
        if "as-of" in a:
            cmd += ["--as-of", a["as-of"]]
        if "method" in a:
            cmd += ["--method", a["method"]]
        report = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)

        got = parser.reports.get(div_id)
        if got is None:
            fail(f"#{div_id}: no div.goals-report in the HTML")
        if got["attrs"].get("data-as-of") != report["as_of"]:
            fail(f"#{div_id}: as-of {got['attrs'].get('data-as-of')} != {report['as_of']}")
        if "goal" in a:
            goal = next((g for g in report["goals"] if g["id"] == a["goal"]), None)
            if goal is None:
                fail(f"#{div_id}: goal {a['goal']} not in the JSON")
            summary = goal
        else:
            summary = report["plan"]
        if got["caption_status"] != summary["status"]:
            fail(f"#{div_id}: caption status {got['caption_status']} != {summary['status']}")

        by_id = {t["id"]: t for t in report["targets"]}
        rows = got["rows"]
        if len(rows) != sum(summary["counts"].values()):
            fail(f"#{div_id}: {len(rows)} rows, the JSON counts {sum(summary['counts'].values())} targets")
        if "goal" not in a and [r["id"] for r in rows] != [t["id"] for t in report["targets"]]:
            fail(f"#{div_id}: rows are not the plan's targets in plan order")
        order = [t["id"] for t in report["targets"]]
        positions = [order.index(r["id"]) if r["id"] in by_id else -1 for r in rows]
        if -1 in positions or positions != sorted(positions):
            fail(f"#{div_id}: rows {[r['id'] for r in rows]} are not targets of the plan in plan order")
        counts = {}
        for r in rows:
            t = by_id[r["id"]]
            counts[t["status"]] = counts.get(t["status"], 0) + 1
            latest, deadline, progress = r["cells"][1], r["cells"][3], r["cells"][4]
            if r["status"] != t["status"]:
                fail(f"#{div_id} {t['id']}: status {r['status']} != {t['status']}")
            if deadline != (t["deadline"] or "–"):
                fail(f"#{div_id} {t['id']}: deadline {deadline} != {t['deadline']}")
            want = "–" if t["progress"] is None else "%d%%" % math.floor(t["progress"] * 100 + 0.5)
            if progress != want:
                fail(f"#{div_id} {t['id']}: progress {progress} != {want} ({t['progress']})")
            if t["latest"] is None:
                if latest != "–":
                    fail(f"#{div_id} {t['id']}: latest {latest}, the JSON has none")
            elif not latest.endswith("(%s)" % t["latest"]["period"]) and latest != t["latest"]["period"]:
                fail(f"#{div_id} {t['id']}: latest {latest} is not of period {t['latest']['period']}")
        for status, n in summary["counts"].items():
            if counts.get(status, 0) != n:
                fail(f"#{div_id}: {counts.get(status, 0)} rows {status}, the JSON counts {n}")
        print(f"ok #{div_id}: {len(rows)} rows match goals report ({summary['status']})")


if __name__ == "__main__":
    main()
