#!/usr/bin/env python3
"""Counts what libgoals should make of a StratML or IATI file, independently
of its C reader: ElementTree, by the rules of docs/import.md.

usage: count.py FILE  ->  prints "goals N", "measures N", "targets N",
"observations N" (one per line). tests/unit/test_import.c compares these
with the plan goals_plan_load_file() makes.
"""
import datetime
import re
import sys
import xml.etree.ElementTree as ET

PLACEHOLDERS = {"n/a", "na", "n.a", "nil", "none", "null", "tbd", "tbc", "to be determined",
                "to be confirmed", "to be named", "to be identified", "not applicable",
                "not available", "unknown", "unspecified", ""}


def local(tag):
    return tag.rsplit("}", 1)[-1]


def kids(el, name):
    return [c for c in el if local(c.tag) == name] if el is not None else []


def kid(el, name):
    k = kids(el, name)
    return k[0] if k else None


def text(el):
    if el is None:
        return ""
    return (el.text or "").strip(" \t\r\n")


def placeholder(s):
    s = s.strip(" \t\r\n")
    if len(s) >= 64:
        return False
    t = "".join(c for c in s if c not in "[]()").lower().replace("_", " ").rstrip(". \t\r\n")
    if t and set(t) <= set(".-"):
        return True
    return t in PLACEHOLDERS


NUMBER = re.compile(r"^[+-]?(US\$|us\$|\$|£|€|¥|￥|[A-Z]{3} )?\s*[+-]?"
                    r"(\d{1,3}(,\d{3})+|\d*)(\.\d*)?([eE][+-]?\d+)?\s*%?$")


def kind(s):
    """'empty', ('number', value) or 'text', as the reader sees a value."""
    s = s.strip(" \t\r\n")
    if not s or placeholder(s):
        return "empty"
    m = NUMBER.match(s)
    if not m or not re.search(r"\d", s):
        return "text"
    digits = re.sub(r"^[+-]?(US\$|us\$|\$|£|€|¥|￥|[A-Z]{3} )?\s*", "", s).replace(",", "").rstrip("% \t")
    try:
        return ("number", float(digits))
    except ValueError:
        return "text"


def date(s):
    if len(s) > 10 and s[10] in "TZ+- ":
        s = s[:10]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return None
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        return None


def stratml(root):
    goals = measures = targets = observations = 0
    admin = kid(root, "AdministrativeInformation")
    fallback = date(text(kid(admin, "EndDate"))) or date(text(kid(admin, "PublicationDate")))
    core = kid(root, "StrategicPlanCore")
    indicators = []
    for g in kids(core, "Goal"):
        goals += 1
        for o in kids(g, "Objective"):
            goals += 1
            indicators += kids(o, "PerformanceIndicator")
        indicators += kids(g, "PerformanceIndicator")
    for pi in indicators:
        measures += 1
        for mi in kids(pi, "MeasurementInstance"):
            for r in mi:
                name = local(r.tag)
                if name not in ("TargetResult", "ActualResult"):
                    continue
                d = kid(r, "Descriptor")
                dvalue = text(kid(d, "DescriptorValue"))
                dvalue = "" if placeholder(dvalue) else dvalue
                desc = text(kid(r, "Description"))
                said = desc
                desc = "" if placeholder(desc) else desc
                has_text = bool(dvalue or desc)
                k = kind(text(kid(r, "NumberOfUnits")))
                baseline = name == "TargetResult" and "baseline" in dvalue.lower()
                if name == "TargetResult" and not baseline:
                    targets += k != "empty" or has_text
                    continue
                if k == "empty" and (baseline or not has_text):
                    continue
                if (k != "empty" and k != "text" and k[1] == 0 and not has_text and said
                        and placeholder(said) and set(said) - set(".- ")):
                    continue  # "0" beside "[To be determined]"
                dated = date(text(kid(r, "StartDate"))) or date(text(kid(r, "EndDate")))
                if not dated:
                    dated = any(date(text(kid(t, "EndDate"))) for t in kids(mi, "TargetResult")) or fallback
                observations += bool(dated)
    return goals, measures, targets, observations


def narrative(el):
    if el is None:
        return ""
    ns = kids(el, "narrative")
    if not ns:
        return text(el)
    for n in ns:
        if text(n):
            return text(n)
    return ""


def iati(root):
    goals = measures = targets = observations = 0
    activities = [root] if local(root.tag) == "iati-activity" else kids(root, "iati-activity")

    def counts(v):
        comment = narrative(kid(v, "comment"))
        comment = "" if placeholder(comment) else comment
        return kind(v.get("value", "")) != "empty" or bool(comment)

    for a in activities:
        goals += 1
        for r in kids(a, "result"):
            goals += 1
            for ind in kids(r, "indicator"):
                measures += 1
                for b in kids(ind, "baseline"):
                    year = b.get("year", "").strip()
                    dated = (len(year) == 4 and year.isdigit() and year != "0000") or date(
                        b.get("iso-date", "").strip())
                    observations += bool(dated) and counts(b)
                for p in kids(ind, "period"):
                    start = date((kid(p, "period-start").get("iso-date", "") if kid(p, "period-start") is not None else "").strip())
                    end = date((kid(p, "period-end").get("iso-date", "") if kid(p, "period-end") is not None else "").strip())
                    if not (start or end):
                        continue
                    targets += sum(counts(t) for t in kids(p, "target"))
                    observations += sum(counts(t) for t in kids(p, "actual"))
    return goals, measures, targets, observations


def main():
    root = ET.parse(sys.argv[1]).getroot()
    name = local(root.tag)
    if name in ("StrategicPlan", "PerformancePlanOrReport"):
        result = stratml(root)
    elif name in ("iati-activities", "iati-activity"):
        result = iati(root)
    else:
        sys.exit("count.py: not StratML or IATI: " + name)
    for label, n in zip(("goals", "measures", "targets", "observations"), result):
        print(label, int(n))


main()
