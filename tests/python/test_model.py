"""Read-only collections, the objects' attributes, and the Period type."""

import datetime as dt
import math

import pytest

import goals


def test_collections_order_len_lookup(full):
    ids = [t.id for t in full.targets]
    assert ids == ["g1.t1", "g1.t2", "g1.t3", "g1.t4", "g1.t5", "g1.t6", "g1.1.t1", "g1.1.t2", "g1.1.t3",
                   "g1.1.t4", "g1.1.t5", "g1.1.t6", "g1.1.t7"]
    assert len(full.targets) == 13 and full.targets.ids() == ids
    assert [g.id for g in full.goals] == ["g1", "g1.1", "g2"]      # depth-first
    assert [g.id for g in full.roots] == ["g1", "g2"]
    assert full.measures.ids()[:3] == ["retail-sales", "gdp", "rnd"] and len(full.measures) == 11
    assert "g1.t2" in full.targets and "nope" not in full.targets and 3 not in full.targets
    assert full.targets["g1.t2"].id == "g1.t2"
    assert full.targets[0].id == "g1.t1" and full.targets[-1].id == "g1.1.t7"
    assert full.targets["g1.t2"] == full.targets[1]
    assert full.targets["g1.t2"] in full.targets
    assert full.targets.get("nope") is None
    with pytest.raises(KeyError):
        full.targets["nope"]
    with pytest.raises(goals.NotFoundError, match="no target 'nope'"):
        full.targets["nope"]
    with pytest.raises(IndexError):
        full.targets[13]
    with pytest.raises(TypeError):
        full.targets[1.5]


def test_collections_are_read_only(full):
    with pytest.raises(TypeError):
        full.targets["x"] = None
    with pytest.raises(AttributeError):
        full.targets = []
    with pytest.raises(AttributeError):
        full.targets.append(None)


def test_plan_attributes(full):
    assert full.lang == "zh"
    assert full.title == "全面测试计划"
    assert full.titles == {"": "全面测试计划", "en": "A plan that uses every feature"}
    assert full.title_in("en") == "A plan that uses every feature"
    assert full.issuer == "柯城区委"
    assert full.issued == dt.date(2022, 8, 18)
    assert full.horizon == goals.Period(dt.date(2022, 1, 1), dt.date(2026, 12, 31))
    assert full.source == "https://example.org/seed"


def test_goal_attributes(full):
    g = full.goals["g1"]
    assert (g.kind, g.owner, g.weight, g.title) == ("objective", "区政府", 2.0, "经济发展")
    assert g.titles["en"] == "Economy"
    assert g.parent is None and [c.id for c in g.children] == ["g1.1"]
    assert full.goals["g1.1"].parent == g
    assert [t.id for t in g.targets][:2] == ["g1.t1", "g1.t2"]
    assert g.tasks == ("打造四省边际服务业高地", "抓平台建设")
    assert g.plan is full


def test_target_attributes(full):
    t = full.targets["g1.t1"]
    assert (t.kind, t.op, t.attribute) == ("reach", "gt", "expected")
    assert t.value == 320.0                       # 320 亿元 on a measure in 1e8 CNY
    assert t.given_value == 320.0 and t.given_unit == "亿元"
    assert math.isnan(t.high)
    assert t.deadline == goals.Period("2026") and str(t.deadline) == "2026"
    assert t.baseline == goals.Baseline(goals.Period("2021"), 245.5)
    assert t.milestones == (goals.Milestone(goals.Period("2023"), 270.0), goals.Milestone(goals.Period("2024"), 290.0))
    assert t.measure.id == "retail-sales" and t.goal.id == "g1"
    assert t.title == "社会消费品零售总额超320亿元"
    b = full.targets["g1.1.t6"]
    assert (b.op, b.value, b.high) == ("between", 95.0, 99.5)
    assert full.targets["g1.t2"].start == goals.Period("2022") and full.targets["g1.t2"].weight == 0.5
    assert full.targets["g1.t3"].method == "sdg-build" and full.targets["g1.t3"].kind == "average-growth"
    assert full.targets["g1.t5"].change_mode == "percent"
    assert full.targets["g1.t6"].relative_to.id == "gdp"
    assert full.targets["g1.1.t2"].streak == 12
    assert full.targets["g1.1.t7"].op == "increase" and math.isnan(full.targets["g1.1.t7"].value)
    assert full.targets["g1.1.t3"].deadline.end == dt.date(2026, 6, 30)


def test_measure_attributes(full):
    m = full.measures["retail-sales"]
    assert (m.unit, m.scale, m.frequency, m.direction) == ("CNY", 1e8, "annual", "increase")
    assert m.name == "社会消费品零售总额" and m.names["en"].startswith("Total retail")
    assert m.scope == "柯城区" and "&" in m.definition
    share = full.measures["rnd-share"]
    assert share.derivation == "share" and share.numerator.id == "rnd" and share.denominator.id == "gdp"
    assert full.measures["rnd-growth"].rate == "growth"
    assert full.measures["energy-intensity"].rate == "reduction"
    obs = m.observations
    assert [str(o.period) for o in obs] == ["2021", "2022"]
    assert obs[0].value == pytest.approx(245.5) and obs[0].note == "in yuan"
    assert obs[1].source == "统计公报"
    sat = full.measures["satisfaction"].observations
    assert {frozenset(o.dimensions.items()) for o in sat} == {frozenset(), frozenset({("sex", "female")})}
    tourism = full.measures["tourism"].observations[0]
    assert math.isnan(tourism.value) and tourism.text == "created"


def test_period_type():
    q = goals.Period("2026-Q3")
    assert (q.start, q.end, q.kind, q.days) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30), "quarter", 92)
    for text in ("2026", "2026-Q3", "2026-07", "2026-07-15", "2019-10-01/2020-03-31"):
        assert str(goals.Period(text)) == text
        assert str(goals.Period.parse(text)) == text
        assert eval(repr(goals.Period(text)), {"Period": goals.Period}) == goals.Period(text)
    assert goals.Period(2026) == goals.Period("2026")
    assert goals.Period(dt.date(2026, 7, 15)) == goals.Period("2026-07-15")
    assert goals.Period(dt.datetime(2026, 7, 15, 12)) == goals.Period("2026-07-15")
    # two dates that span a year are the year, canonically written
    assert str(goals.Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))) == "2026"
    assert str(goals.Period("2026-01-01", "2026-03-31")) == "2026-Q1"
    assert dt.date(2026, 8, 1) in q and dt.date(2026, 10, 1) not in q
    assert goals.Period("2026-08") in q
    assert sorted([goals.Period("2026"), goals.Period("2025-Q4"), goals.Period("2026-Q1")]) == \
        [goals.Period("2025-Q4"), goals.Period("2026-Q1"), goals.Period("2026")]
    assert len({goals.Period("2026"), goals.Period("2026-01-01/2026-12-31")}) == 1
    assert goals.Period("2026") == "2026"
    import pickle
    assert pickle.loads(pickle.dumps(q)) == q


@pytest.mark.parametrize("bad", ["2026-Q5", "2026-13", "26", " 2026", "2026-02-30", "2026-07-01/2026-06-01", ""])
def test_period_errors(bad):
    with pytest.raises(goals.PeriodError) as info:
        goals.Period(bad)
    assert isinstance(info.value, ValueError)


def test_period_type_errors():
    with pytest.raises(TypeError):
        goals.Period(2026.0)
    with pytest.raises(TypeError):
        goals.Period.parse(2026)


def test_plan_new_and_equality(full):
    p = goals.Plan("built")
    assert p.id == "built" and len(p.targets) == 0 and len(p.goals) == 0
    with pytest.raises(goals.InvalidArgumentError):
        goals.Plan("1bad id")
    assert full != p
    assert repr(full).startswith("<goals.Plan 'full-2026'")
