#!/usr/bin/env python3
"""The program an analyst would write today instead of using libgoals.

It reads a native plan with lxml's iterparse (clearing elements as it goes,
as the lxml docs advise for big files), keeps measures, targets and
observations in dicts and lists, and evaluates every target in plain
Python with the linear method's rules for each kind, as of 2025-12-31. It
prints the number of targets per status. This is the baseline that
libgoals' load+evaluate is measured against (tests/bench/run.py); it is
meant to be straightforward, not clever.

    python3 reference.py PLAN.xml[.gz]
"""
import bisect
import calendar
import collections
import datetime
import gzip
import sys

from lxml import etree

NS = "{urn:libgoals:plan:1}"
AS_OF = datetime.date(2025, 12, 31).toordinal()


def period_bounds(text):
    """(first day, last day) as ordinals of 2026, 2026-Q3, 2026-07, 2026-07-15 or a/b."""
    if "/" in text:
        a, b = text.split("/")
        return period_bounds(a)[0], period_bounds(b)[1]
    parts = text.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return datetime.date(y, 1, 1).toordinal(), datetime.date(y, 12, 31).toordinal()
    if parts[1].startswith("Q"):
        q = int(parts[1][1:])
        m1, m2 = 3 * q - 2, 3 * q
        return (datetime.date(y, m1, 1).toordinal(),
                datetime.date(y, m2, calendar.monthrange(y, m2)[1]).toordinal())
    m = int(parts[1])
    if len(parts) == 2:
        return datetime.date(y, m, 1).toordinal(), datetime.date(y, m, calendar.monthrange(y, m)[1]).toordinal()
    d = datetime.date(y, m, int(parts[2])).toordinal()
    return d, d


def meets(op, v, target, high=None):
    return {"ge": v >= target, "gt": v > target, "le": v <= target, "lt": v < target,
            "eq": v == target, "between": high is not None and target <= v <= high}.get(op, False)


def load(path):
    # lxml's own libxml2 may not inflate gzip: open it here, as one would.
    with open(path, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    source = gzip.open(path, "rb") if gz else open(path, "rb")
    with source:
        return read(source)


def read(source):
    measures, targets, obs = {}, [], collections.defaultdict(list)
    for _, el in etree.iterparse(source, events=("end",), resolve_entities=False, no_network=True,
                                 huge_tree=True):
        tag = el.tag
        if tag == NS + "observation":
            a = el.attrib
            start, end = period_bounds(a["period"])
            v = a.get("value")
            obs[a["measure"]].append((end, start, float(v) if v is not None else None, a.get("text")))
            el.clear()
            # Drop the finished siblings too, or the root keeps them all.
            while el.getprevious() is not None:
                del el.getparent()[0]
        elif tag == NS + "measure":
            measures[el.get("id")] = {"unit": el.get("unit"), "scale": float(el.get("scale", "1"))}
        elif tag == NS + "target":
            t = dict(el.attrib)
            b = el.find(NS + "baseline")
            if b is not None:
                t["baseline"] = (period_bounds(b.get("period"))[1], float(b.get("value")))
            targets.append(t)
    for series in obs.values():
        series.sort()
    return measures, targets, obs


def years(d0, d1):
    return (d1 - d0) / 365.25


def evaluate(target, obs):
    kind, op = target["kind"], target.get("op")
    value = float(target["value"]) if "value" in target else None
    deadline = period_bounds(target["deadline"])[1] if "deadline" in target else None
    series = [o for o in obs.get(target["measure"], []) if o[0] <= AS_OF]
    totals = [o for o in series if o[2] is not None]
    if kind == "qualitative":
        return series[-1][3] if series and series[-1][3] else ("pending" if not series else "on_track")
    if kind == "milestone":
        for end, _, v, _ in totals:
            if v >= 1:
                return "achieved" if end <= deadline else "missed"
        return "missed" if deadline < AS_OF else "pending"
    if not totals:
        return "no_data"
    if kind in ("maintain", "rank"):
        start = period_bounds(target["start"])[0] if "start" in target else -1
        window = [v for end, s, v, _ in totals if s >= start]
        if not window:
            return "pending"
        return "achieved" if all(meets(op, v, value) for v in window) else "breached"
    if kind == "streak":
        need, run, best = int(target["streak"]), 0, 0
        for _, _, v, _ in totals:
            run = run + 1 if meets(op, v, value) else 0
            best = max(best, run)
        return "achieved" if best >= need else ("missed" if deadline < AS_OF else "at_risk")
    if kind == "relative":
        other = {(e, s): v for e, s, v, _ in obs.get(target["relative-to"], []) if v is not None}
        diffs = [v - other[(e, s)] for e, s, v, _ in totals if (e, s) in other]
        if not diffs:
            return "no_data"
        return "achieved" if all(meets(op, d, value) for d in diffs) else "off_track"
    if kind == "cumulative":
        start = period_bounds(target["start"])[0]
        latest = sum(v for end, s, v, _ in totals if s >= start)
        base_day, base = start - 1, 0.0
    else:
        end, _, latest, _ = totals[-1]
        if "baseline" in target:
            base_day, base = target["baseline"]
        else:
            base_day, _, base, _ = totals[0]
        if kind == "change":
            latest = (latest / base - 1) * 100 if base else None
            base = 0.0
        elif kind == "average-growth":
            y = years(base_day, end)
            latest = ((latest / base) ** (1 / y) - 1) * 100 if base and y > 0 and latest / base > 0 else None
            base = 0.0
    if latest is None:
        return "no_data"
    if meets(op, latest, value):
        return "achieved"
    if deadline < AS_OF:
        return "missed"
    # Linear: compare progress with the share of time gone.
    i = bisect.bisect_right([o[0] for o in totals], AS_OF) - 1
    last_day = totals[i][0]
    progress = (latest - base) / (value - base) if value != base else 0.0
    elapsed = (last_day - base_day) / (deadline - base_day) if deadline > base_day else 1.0
    if progress < 0:
        return "regressing"
    if progress >= elapsed:
        return "on_track"
    return "at_risk" if progress >= 0.5 * elapsed else "off_track"


def main():
    measures, targets, obs = load(sys.argv[1])
    counts = collections.Counter(evaluate(t, obs) for t in targets)
    print("targets:", len(targets), "observations:", sum(len(v) for v in obs.values()),
          "measures:", len(measures), "statuses:", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
