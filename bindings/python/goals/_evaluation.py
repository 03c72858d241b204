"""Evaluation results: per target, per goal, and the plan's roll-up."""

import math
from collections import namedtuple
from collections.abc import Collection

from . import _swig
from ._errors import NotFoundError
from ._period import Period, _day_to_date

__all__ = ["Evaluation", "TargetResult", "GoalResult", "Latest", "ResultBaseline", "Assessment", "STATUSES"]

#: The common statuses, in the order of the C enum goals_target_status.
STATUSES = ("no_data", "pending", "achieved", "on_track", "at_risk", "off_track", "regressing",
            "breached", "missed")

Latest = namedtuple("Latest", "period value")
Latest.__doc__ = """The latest value judged: period (Period) and value (for cumulative targets
the running sum, for change targets the change; see docs/evaluation.md)."""
ResultBaseline = namedtuple("ResultBaseline", "period value observed")
ResultBaseline.__doc__ = """The baseline used: period, value, and observed (True when taken from the
observations, False when given by the target)."""
Assessment = namedtuple("Assessment", "method value category")
Assessment.__doc__ = """The method's own verdict: method name, its figure (NaN when none) and its
category name (e.g. sdg-build's 'moderate_progress'; None when none)."""


class TargetResult:
    """One target's result. Figures that are undefined are NaN.

    Attributes: target (Target), id, status (str, one of goals.STATUSES),
    violation (bool: binding and missed or breached), progress, latest
    (Latest(period, value) or None), baseline (ResultBaseline or None),
    projected, required_rate, actual_rate, days_left (int), assessment
    (Assessment(method, value, category)), note (str).
    """

    # A dict: each slot's value is its docstring (help() shows them).
    __slots__ = {
        "_ev": "the Evaluation (kept alive by its results)",
        "id": "The target's id.",
        "status": "The status: one of goals.STATUSES ('achieved', 'on_track', 'at_risk', …).",
        "violation": "True when the target is binding and missed or breached.",
        "latest": "The latest value judged, Latest(period, value), or None.",
        "baseline": "The baseline used, ResultBaseline(period, value, observed), or None.",
        "progress": "(latest - baseline) / (target - baseline); NaN when undefined.",
        "required_rate": "The rate per year still needed to reach the target by the deadline; NaN when undefined.",
        "actual_rate": "The rate per year from the baseline to the latest value; NaN when undefined.",
        "projected": "The value projected at the deadline on the current trend; NaN when undefined.",
        "days_left": "Days from the as-of day to the deadline's last day (negative after it; 0 without one).",
        "assessment": "The method's own verdict: Assessment(method, value, category).",
        "note": "A short English explanation of the status ('' when none).",
    }

    def __init__(self, ev, row):
        (tid, status, violation, latest, base, progress, required, actual, projected, days_left,
         method, a_value, a_category, note) = row
        self._ev = ev
        self.id = tid
        self.status = STATUSES[status]
        self.violation = violation
        self.latest = Latest(Period._from_days(*latest[:3]), latest[3]) if latest else None
        self.baseline = ResultBaseline(Period._from_days(*base[:3]), base[3], base[4]) if base else None
        self.progress = progress
        self.required_rate = required
        self.actual_rate = actual
        self.projected = projected
        self.days_left = days_left
        self.assessment = Assessment(method, a_value, a_category)
        self.note = note

    @property
    def target(self):
        """The Target this result is for."""
        return self._ev.plan.targets[self.id]

    @property
    def evaluation(self):
        """The Evaluation this result belongs to."""
        return self._ev

    def __repr__(self):
        return "<goals.TargetResult %r: %s>" % (self.id, self.status)


class GoalResult:
    """A goal's roll-up: status (the worst beneath it), counts ({status: n}
    over its whole subtree) and score (weighted, in [0, 1]; NaN when nothing
    beneath it can be scored)."""

    __slots__ = ("_ev", "_goal")

    def __init__(self, ev, goal):
        self._ev = ev        # keeps the C evaluation (and so the plan) alive
        self._goal = goal

    @property
    def goal(self):
        """The Goal."""
        return self._goal

    @property
    def id(self):
        """The goal's id."""
        return self._goal.id

    @property
    def status(self):
        """The worst status among the targets beneath the goal."""
        return STATUSES[_swig.goals_evaluation_status(self._ev._ptr, self._goal._ptr)]

    @property
    def counts(self):
        """{status: number of targets} over the goal's subtree (every status, zeros included)."""
        return {s: _swig.goals_bind_count(self._ev._ptr, self._goal._ptr, i) for i, s in enumerate(STATUSES)}

    @property
    def score(self):
        """The weighted score in [0, 1]; NaN when nothing beneath the goal can be scored."""
        return _swig.goals_evaluation_score(self._ev._ptr, self._goal._ptr)

    def __repr__(self):
        return "<goals.GoalResult %r: %s>" % (self.id, self.status)


class _Results(Collection):
    """Results in plan order: iterate, ``len()``, look up by id (``results["a5.t2"]``) or position, ``in``."""

    __slots__ = ("_items", "_by_id", "_what")

    def __init__(self, items, what):
        self._items = tuple(items)
        self._by_id = {r.id: r for r in self._items}
        self._what = what

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                raise NotFoundError("no result for %s '%s'" % (self._what, key)) from None
        if isinstance(key, int) and not isinstance(key, bool):
            return self._items[key]
        raise TypeError("look results up by id (str) or position (int), not %s" % type(key).__name__)

    def __contains__(self, key):
        if isinstance(key, str):
            return key in self._by_id
        return key in self._items

    def get(self, key, default=None):
        """The result for id ``key``, or ``default``."""
        return self._by_id.get(key, default)

    def ids(self):
        """The ids, in plan order."""
        return [r.id for r in self._items]

    keys = ids

    def __repr__(self):
        return "<goals %s results: %d>" % (self._what, len(self._items))


class Evaluation:
    """The result of :meth:`Plan.evaluate`: immutable, and keeps its plan alive.

    ``ev.targets`` and ``ev.goals`` are collections of :class:`TargetResult`
    and :class:`GoalResult` (plan order, lookup by id); ``ev.status``,
    ``ev.counts`` and ``ev.score`` are the whole plan's roll-up;
    ``ev.to_frame()`` gives a pandas DataFrame with one row per target.
    """

    __slots__ = ("_plan", "_ptr", "_targets", "_goals")

    def __init__(self, plan, ptr):
        self._plan = plan   # the C evaluation points into the plan: keep it alive
        self._ptr = ptr     # SWIG proxy that frees the C evaluation when collected
        self._targets = None
        self._goals = None

    @property
    def plan(self):
        """The Plan evaluated."""
        return self._plan

    @property
    def as_of(self):
        """The as-of day (datetime.date)."""
        return _day_to_date(_swig.goals_evaluation_as_of(self._ptr))

    @property
    def method(self):
        """The default method's name."""
        return _swig.goals_evaluation_method(self._ptr)

    @property
    def targets(self):
        """Every target's :class:`TargetResult`, in plan order."""
        if self._targets is None:
            self._targets = _Results((TargetResult(self, row) for row in _swig.goals_py_results(self._ptr)),
                                     "target")
        return self._targets

    @property
    def goals(self):
        """Every goal's :class:`GoalResult`, in plan order (depth-first)."""
        if self._goals is None:
            self._goals = _Results((GoalResult(self, g) for g in self._plan.goals), "goal")
        return self._goals

    @property
    def status(self):
        """The plan's status: the worst among all targets."""
        return STATUSES[_swig.goals_evaluation_status(self._ptr, None)]

    @property
    def counts(self):
        """{status: number of targets} over the whole plan."""
        return {s: _swig.goals_bind_count(self._ptr, None, i) for i, s in enumerate(STATUSES)}

    @property
    def score(self):
        """The plan's weighted score in [0, 1]; NaN when nothing can be scored."""
        return _swig.goals_evaluation_score(self._ptr, None)

    def to_frame(self):
        """One row per target, indexed by target id, with typed columns: goal,
        measure, kind, op, value, high, deadline, attribute (str), status
        (ordered categorical), violation (bool), progress, latest_period,
        latest_value, baseline_period, baseline_value, projected,
        required_rate, actual_rate (float), days_left (int), method,
        assessment_value, assessment_category, note. Needs pandas."""
        from ._frames import evaluation_frame
        return evaluation_frame(self)

    def __repr__(self):
        score = self.score
        return "<goals.Evaluation of %r as of %s (%s): %s, score %s>" % (
            self._plan.id, self.as_of.isoformat(), self.method, self.status,
            "n/a" if math.isnan(score) else "%.3f" % score)
