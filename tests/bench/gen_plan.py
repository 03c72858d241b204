#!/usr/bin/env python3
"""Synthetic plans with the shape of real ones, at a chosen size.

A plan as a statistics office would keep it: a goals tree (priorities with
objectives under them), measures with units and scales (亿元, %, 万元/亩,
counts …) at yearly, quarterly or monthly frequency, targets of every kind,
Chinese titles with English ones beside them, and the bulk: observations,
most of them monthly. Written as native XML (PREFIX.xml), the same gzipped
(PREFIX.xml.gz), the plan without its observations (PREFIX.plan.xml) and
the observations as CSV (PREFIX.csv).

    gen_plan.py --size 100M --out /tmp/bench/p100m

The output depends only on --size and --seed: every measure draws from its
own random generator, so the same sizes give the same files on any machine.
"""
import argparse
import gzip
import os
import random
import sys

KINDS = ["reach", "cumulative", "change", "average-growth", "relative",
         "maintain", "streak", "milestone", "rank", "qualitative"]

# (unit, scale, zh name stem, en name stem, level, yearly growth)
UNITS = [
    ("CNY", "1e8", "社会消费品零售总额", "Retail sales", 320.0, 0.06),
    ("亿元", None, "固定资产投资", "Fixed asset investment", 150.0, 0.05),
    ("%", None, "城镇调查失业率", "Surveyed urban unemployment", 5.5, -0.01),
    ("万元/亩", None, "亩均税收", "Tax per mu", 30.0, 0.04),
    ("count", None, "新增市场主体", "New market entities", 1200.0, 0.03),
    ("万人", None, "常住人口", "Resident population", 45.0, 0.005),
    ("t", None, "主要污染物排放", "Main pollutant emissions", 800.0, -0.03),
    ("km", None, "高速公路里程", "Expressway length", 90.0, 0.02),
]
FREQS = [("monthly", 12), ("monthly", 12), ("monthly", 12), ("quarterly", 4), ("annual", 1)]
SOURCES = ["国家统计局", "区统计局月报", "https://data.stats.gov.cn/", None]
FIRST_YEAR, LAST_YEAR = 2001, 2025


def fmt(v):
    """Values as a statistics table prints them: two decimals."""
    return "%.2f" % v


def period(freq, year, k):
    if freq == "monthly":
        return "%d-%02d" % (year, k + 1)
    if freq == "quarterly":
        return "%d-Q%d" % (year, k + 1)
    return "%d" % year


class Measure:
    """One measure and everything about it, drawn from its own generator."""

    def __init__(self, index, seed):
        r = random.Random(seed * 1000003 + index)
        self.index = index
        self.id = "m%06d" % index
        self.kind = KINDS[index % len(KINDS)]
        self.unit, self.scale, self.zh, self.en, level, growth = UNITS[r.randrange(len(UNITS))]
        self.freq, self.per_year = FREQS[r.randrange(len(FREQS))]
        if self.kind in ("milestone", "qualitative"):
            self.freq, self.per_year = "annual", 1
        if self.kind in ("maintain", "rank", "streak"):
            self.unit, self.scale, growth = "%", None, 0.0
            level = 97.0 if self.kind != "rank" else 3.0
        self.level = level * (0.5 + r.random())
        self.growth = growth * (0.5 + r.random())
        self.noise = 0.02 * r.random()
        self.source = SOURCES[r.randrange(len(SOURCES))]
        self.r = r

    def observations(self):
        """(period, value text, text) in time order."""
        r = random.Random(self.index * 7919 + 17)
        if self.kind == "milestone":
            yield "2024", "1", None
            return
        if self.kind == "qualitative":
            yield "2025", None, "on_track"
            return
        step = 1.0 / self.per_year
        t = 0.0
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for k in range(self.per_year):
                if self.kind == "rank":
                    v = float(r.randint(1, 5))
                else:
                    v = self.level * (1 + self.growth) ** t * (1 + self.noise * (r.random() - 0.5))
                yield period(self.freq, year, k), fmt(v), None
                t += step

    def measure_xml(self):
        scale = ' scale="%s"' % self.scale if self.scale else ""
        unit = ' unit="%s"' % self.unit
        return ('  <measure id="%s"%s%s frequency="%s">\n'
                '    <name>%s（第%d号）</name>\n'
                '    <name xml:lang="en">%s, no. %d</name>\n'
                '  </measure>\n' % (self.id, unit, scale, self.freq, self.zh, self.index, self.en, self.index))

    def target_xml(self, goal_id):
        k = self.kind
        tid = "%s.t%d" % (goal_id, self.index)
        end = self.level * (1 + self.growth) ** (2026 - FIRST_YEAR)
        base = '<baseline period="2020" value="%s"/>' % fmt(self.level * (1 + self.growth) ** (2020 - FIRST_YEAR))
        attrs = {
            "reach": 'op="ge" value="%s" deadline="2026" attribute="expected"' % fmt(end),
            "cumulative": 'op="ge" value="%s" start="2021" deadline="2026" attribute="binding"'
                          % fmt(end * 6 * self.per_year),
            "change": 'op="ge" value="10" change="percent" deadline="2026"',
            "average-growth": 'op="ge" value="%s" deadline="2026" attribute="stretch"'
                              % fmt(max(0.5, 100 * self.growth)),
            "relative": 'op="gt" value="0" relative-to="m%06d" deadline="2026"' % max(0, self.index - 1),
            "maintain": 'op="ge" value="95" start="2021" deadline="2026" attribute="binding"',
            "streak": 'op="ge" value="95" streak="12" deadline="2026"',
            "milestone": 'deadline="2025"',
            "rank": 'op="le" value="3" deadline="2026"',
            "qualitative": 'deadline="2026"',
        }[k]
        body = base if k in ("reach", "change", "average-growth") else ""
        title = ('<title>%s目标</title><title xml:lang="en">%s target</title>' % (self.zh, self.en))
        return ('      <target id="%s" measure="%s" kind="%s" %s>%s%s</target>\n'
                % (tid, self.id, k, attrs, title, body))


def measure_bytes(m):
    """Bytes one measure adds to the plan, to size the plan before writing it."""
    n = len(m.measure_xml().encode()) + len(m.target_xml("g00000.00000").encode()) + 120
    for p, v, t in m.observations():
        n += len(obs_xml(m, p, v, t).encode())
    return n


def obs_xml(m, p, v, t):
    s = '  <observation measure="%s" period="%s"' % (m.id, p)
    if v is not None:
        s += ' value="%s"' % v
    if t is not None:
        s += ' text="%s"' % t
    if m.source:
        s += ' source="%s"' % m.source
    return s + '/>\n'


def csv_field(s):
    if s is None:
        return ""
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


def parse_size(text):
    mult = {"K": 1e3, "M": 1e6, "G": 1e9}
    if text[-1].upper() in mult:
        return int(float(text[:-1]) * mult[text[-1].upper()])
    return int(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", required=True, help="approximate size of PREFIX.xml: 20K, 1M, 100M, 1G")
    ap.add_argument("--out", required=True, help="output prefix (PREFIX.xml, .xml.gz, .plan.xml, .csv)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gzip-level", type=int, default=6)
    a = ap.parse_args()
    want = parse_size(a.size)
    sample = sum(measure_bytes(Measure(i, a.seed)) for i in range(50)) / 50.0
    count = max(len(KINDS), int(want / sample))
    measures = [Measure(i, a.seed) for i in range(count)]
    d = os.path.dirname(a.out)
    if d:
        os.makedirs(d, exist_ok=True)

    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<plan xmlns="urn:libgoals:plan:1" id="bench" xml:lang="zh" issuer="基准测试统计局" '
            'issued="2021-03-12" horizon="2021-01-01/2026-12-31">\n'
            '  <title>国民经济和社会发展第十四个五年规划（合成基准）</title>\n'
            '  <title xml:lang="en">Synthetic five-year plan for benchmarks</title>\n')
    with open(a.out + ".xml", "w", encoding="utf-8", newline="\n") as xml, \
            gzip.open(a.out + ".xml.gz", "wt", encoding="utf-8", newline="\n",
                      compresslevel=a.gzip_level) as gz, \
            open(a.out + ".plan.xml", "w", encoding="utf-8", newline="\n") as plan, \
            open(a.out + ".csv", "w", encoding="utf-8", newline="") as csv:
        def both(s):
            xml.write(s)
            gz.write(s)

        def three(s):
            both(s)
            plan.write(s)

        three(head)
        for m in measures:
            three(m.measure_xml())
        # Priorities of ten objectives, each objective with up to ten targets.
        per_goal, per_priority = 10, 10
        for gi in range(0, count, per_goal * per_priority):
            pid = "g%05d" % (gi // (per_goal * per_priority))
            three('  <goal id="%s" kind="priority">\n'
                  '    <title>聚焦引领辐射，加快塑造新优势（第%d部分）</title>\n'
                  '    <title xml:lang="en">Priority %d</title>\n' % (pid, gi, gi))
            for oi in range(gi, min(count, gi + per_goal * per_priority), per_goal):
                oid = "%s.%05d" % (pid, oi)
                three('    <goal id="%s" kind="objective">\n      <title>目标%d</title>\n' % (oid, oi))
                for m in measures[oi:oi + per_goal]:
                    three(m.target_xml(oid))
                three('      <task>打造四省边际服务业高地</task>\n    </goal>\n')
            three('  </goal>\n')
        csv.write("measure,period,value,source,note\r\n")
        for m in measures:
            buf = []
            cbuf = []
            for p, v, t in m.observations():
                buf.append(obs_xml(m, p, v, t))
                if v is not None:
                    cbuf.append("%s,%s,%s,%s,\r\n" % (m.id, p, v, csv_field(m.source)))
            both("".join(buf))
            csv.write("".join(cbuf))
        three("</plan>\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
