"""Lifetimes: a child object keeps its plan (or evaluation) alive, whatever
order Python frees things in. Run under the ASan build too (ctest sets
LD_PRELOAD there), where a use after free would abort the process."""

import gc
import random
import weakref

import goals
from conftest import FULL, small_plan_xml


def test_target_outlives_its_plan_variable():
    plan = goals.load(FULL)
    target = plan.targets["g1.t1"]
    ref = weakref.ref(plan)
    del plan
    gc.collect()
    assert ref() is not None                      # the target holds it
    assert target.title == "社会消费品零售总额超320亿元"
    assert target.measure.observations[1].value == 260.25
    assert str(target.deadline) == "2026" and target.goal.id == "g1"
    del target
    gc.collect()
    assert ref() is None                          # and lets go once it is gone


def test_children_of_a_temporary_plan():
    target = goals.load(FULL).targets["g1.t1"]
    goal = goals.load(FULL).goals["g1.1"]
    measure = goals.loads(small_plan_xml()).measures["gdp"]
    gc.collect()
    assert target.baseline.value == 245.5
    assert [t.id for t in goal.targets][0] == "g1.1.t1" and goal.parent.id == "g1"
    assert measure.unit == "亿元"


def test_collections_and_iterators_keep_the_plan():
    targets = goals.load(FULL).targets
    it = iter(goals.load(FULL).measures)
    gc.collect()
    assert len(targets) == 13 and targets["g1.t2"].kind == "cumulative"
    assert next(it).id == "retail-sales"


def test_results_outlive_evaluation_and_plan():
    result = goals.load(FULL).evaluate(as_of="2024-12-31").targets["g1.t1"]
    goal_result = goals.load(FULL).evaluate(as_of="2024-12-31").goals["g1"]
    ev = goals.load(FULL).evaluate(as_of="2024-12-31")
    targets = ev.targets
    del ev
    gc.collect()
    assert result.status == "on_track" and result.target.measure.id == "retail-sales"
    assert result.evaluation.plan.id == "full-2026"
    assert sum(goal_result.counts.values()) == 13 and goal_result.status   # g1 and g1.1
    assert targets["g1.t1"].status == "on_track"


def test_evaluation_keeps_plan_alive():
    plan = goals.load(FULL)
    ev = plan.evaluate(as_of="2024-12-31")
    ref = weakref.ref(plan)
    del plan
    gc.collect()
    assert ref() is not None and ev.status and ev.goals["g1.1"].score >= 0
    del ev
    gc.collect()
    assert ref() is None


def test_free_in_random_orders():
    rng = random.Random(20261127)
    for _ in range(30):
        plan = goals.load(FULL)
        ev = plan.evaluate(as_of="2025-06-30")
        objs = [plan, ev, plan.targets, plan.goals["g1"], plan.measures["gdp"], ev.targets["g1.t2"],
                ev.goals["g1.1"], plan.targets["g1.1.t7"], iter(plan.goals)]
        del plan, ev
        rng.shuffle(objs)
        while objs:
            objs.pop()
            if rng.random() < 0.5:
                gc.collect()
            for o in objs:   # every survivor still works
                if isinstance(o, goals.Plan):
                    assert len(o.targets) == 13
                elif isinstance(o, goals.Evaluation):
                    assert o.targets["g1.t1"].status
                elif isinstance(o, goals.GoalResult):
                    assert o.status and o.goal.title is not None
                elif isinstance(o, goals.TargetResult):
                    assert o.target.id == o.id
                elif isinstance(o, (goals.Goal, goals.Measure, goals.Target)):
                    assert o.id and o.plan.id == "full-2026"
                elif hasattr(o, "ids"):
                    assert o.ids()[0] == "g1.t1"


def test_errors_leave_nothing_behind():
    for _ in range(200):
        try:
            goals.loads(b'<plan xmlns="urn:libgoals:plan:1" id="x"><goal id="g">')
        except goals.ParseError:
            pass
        try:
            goals.loads(small_plan_xml()).add_observations("gdp", ["2021", "bad"], [1, 2])
        except goals.PeriodError:
            pass
    gc.collect()


def test_no_silent_none():
    # every failing call raises: a failing raw status call never returns None
    import pytest
    from goals import _swig
    with pytest.raises(goals.InvalidArgumentError):
        _swig.goals_plan_new("")
    with pytest.raises(goals.UnitError):
        _swig.goals_unit_check("no-such-unit")
    assert _swig.goals_unit_factor("亿元", "万元") == 1e4
