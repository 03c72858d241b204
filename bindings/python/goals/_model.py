"""The plan and what it holds: goals, measures, targets, read-only collections.

Every wrapper object holds a reference to its Plan, and the Plan holds the
owned C handle: the C plan is freed only when the last Python object that
reaches into it is gone, whatever the order Python frees things in.
"""

import math
import os
from collections import namedtuple
from collections.abc import Collection

from . import _swig
from ._errors import InvalidArgumentError, NotFoundError
from ._lock import PlanLock
from ._period import Period, _as_of_day, _day_to_date

__all__ = ["Plan", "Goal", "Measure", "Target", "Observation", "Baseline", "Milestone", "LoadWarning",
           "load", "loads"]

# GOALS_LOAD_VALIDATE, GOALS_SAVE_*, GOALS_OBS_REPLACE, GOALS_EVAL_FORCE_METHOD
_LOAD_VALIDATE = 1
_SAVE_GZIP, _SAVE_PLAIN, _SAVE_NO_OBS = 1, 2, 4
_OBS_REPLACE = 1
_EVAL_FORCE = 1

_RATES = {0: "none", 1: "growth", 2: "reduction"}
_DIRECTIONS = {0: "none", 1: "increase", 2: "decrease"}
_DERIVATIONS = {0: "none", 1: "ratio", 2: "share"}
_CHANGE_MODES = {0: "absolute", 1: "percent"}

LoadWarning = namedtuple("LoadWarning", "message file line column")
LoadWarning.__doc__ = """Something the loader read leniently (StratML, IATI input): message, file,
line and column (0 when unknown). str() gives FILE:LINE:COL: message."""
LoadWarning.__str__ = lambda w: ("%s:%d:%d: %s" % (w.file, w.line, w.column, w.message) if w.file and w.line
                             else ("%s: %s" % (w.file, w.message) if w.file else w.message))

Observation = namedtuple("Observation", "period value text source note dimensions")
Observation.__doc__ = """One observed value: period (Period), value (float, NaN when only text),
text, source and note (str or None), dimensions (dict, empty for a total)."""
Baseline = namedtuple("Baseline", "period value")
Baseline.__doc__ = "A target's own baseline: period (Period) and value (in the measure's scale × unit)."
Milestone = namedtuple("Milestone", "period value")
Milestone.__doc__ = "An interim milestone of a target: period (Period) and value (in the measure's scale × unit)."


def _period_of(struct):
    return Period._from_days(struct.start, struct.end, struct.kind)


def _texts(count, at, ptr):
    """{lang: text} of a titled object ('' is the plan's default language)."""
    out = {}
    for i in range(count(ptr)):
        text, lang = at(ptr, i)
        out[lang or ""] = text
    return out


class _Node:
    """Common part of the wrappers of borrowed C handles."""

    __slots__ = ("_plan", "_ptr")

    def __init__(self, plan, ptr):
        self._plan = plan   # keeps the C plan alive while this object lives
        self._ptr = ptr

    @property
    def plan(self):
        """The Plan this object belongs to."""
        return self._plan

    def __eq__(self, other):
        return type(self) is type(other) and int(self._ptr) == int(other._ptr)

    def __hash__(self):
        return hash((type(self), int(self._ptr)))

    def __repr__(self):
        return "<goals.%s %r>" % (type(self).__name__, self.id)


class Goal(_Node):
    """A goal of the plan's tree (vision, objective, priority, task, …)."""

    __slots__ = ()

    @property
    def id(self):
        """The goal's id."""
        return _swig.goals_goal_id(self._ptr)

    @property
    def kind(self):
        """The goal's kind word (``objective``, ``priority`` …), '' when none."""
        return _swig.goals_goal_kind(self._ptr)

    def title_in(self, lang=None):
        """The title in ``lang`` (None: the plan's language), with the usual fallbacks."""
        return _swig.goals_goal_title(self._ptr, lang)

    @property
    def title(self):
        """The title in the plan's language ('' when none)."""
        return _swig.goals_goal_title(self._ptr, None)

    @property
    def titles(self):
        """Every title, as {lang: text} ('' for the plan's default language)."""
        return _texts(_swig.goals_goal_title_count, _swig.goals_goal_title_at, self._ptr)

    @property
    def parent(self):
        """The parent Goal, or None for a top-level goal."""
        p = _swig.goals_goal_parent(self._ptr)
        return Goal(self._plan, p) if p is not None else None

    @property
    def children(self):
        """The child goals, in order (a tuple)."""
        return tuple(Goal(self._plan, _swig.goals_goal_child_at(self._ptr, i))
                     for i in range(_swig.goals_goal_child_count(self._ptr)))

    @property
    def targets(self):
        """The targets attached directly to this goal, in order (a tuple)."""
        return tuple(Target(self._plan, _swig.goals_goal_target_at(self._ptr, i))
                     for i in range(_swig.goals_goal_target_count(self._ptr)))

    @property
    def owner(self):
        """The person or body responsible, or None."""
        return _swig.goals_goal_owner(self._ptr)

    @property
    def weight(self):
        """The goal's weight in roll-ups (1 unless set)."""
        return _swig.goals_goal_weight(self._ptr)

    @property
    def tasks(self):
        """The goal's tasks (actions, text only) in the plan's language (a tuple of str)."""
        return tuple(_swig.goals_goal_task(self._ptr, i, None)
                     for i in range(_swig.goals_goal_task_count(self._ptr)))


class Measure(_Node):
    """A measure (indicator): unit, scale, names, frequency and its observations."""

    __slots__ = ()

    @property
    def id(self):
        """The measure's id."""
        return _swig.goals_measure_id(self._ptr)

    @property
    def unit(self):
        """The unit text as written ('' for a dimensionless count)."""
        return _swig.goals_measure_unit(self._ptr)

    @property
    def scale(self):
        """The multiplier of the unit the values are in (1e8 for 亿元 on CNY)."""
        return _swig.goals_measure_scale(self._ptr)

    def name_in(self, lang=None):
        """The name in ``lang`` (None: the plan's language), with the usual fallbacks."""
        return _swig.goals_measure_name(self._ptr, lang)

    @property
    def name(self):
        """The name in the plan's language ('' when none)."""
        return _swig.goals_measure_name(self._ptr, None)

    @property
    def names(self):
        """Every name, as {lang: text}."""
        return _texts(_swig.goals_measure_name_count, _swig.goals_measure_name_at, self._ptr)

    @property
    def frequency(self):
        """The frequency word (``annual`` …), '' when none."""
        return _swig.goals_measure_frequency(self._ptr)

    @property
    def definition(self):
        """The definition text, or None."""
        return _swig.goals_measure_definition(self._ptr)

    @property
    def scope(self):
        """The scope (area or body covered), or None."""
        return _swig.goals_measure_scope(self._ptr)

    @property
    def rate(self):
        """What the values are: 'none' (levels), 'growth' or 'reduction' (percent per period)."""
        return _RATES.get(_swig.goals_measure_rate(self._ptr), "none")

    @property
    def direction(self):
        """The direction in which the measure improves: 'increase', 'decrease' or 'none'."""
        return _DIRECTIONS.get(_swig.goals_measure_direction(self._ptr), "none")

    @property
    def derivation(self):
        """'none' for an observed measure, else 'ratio' or 'share'."""
        return _DERIVATIONS.get(_swig.goals_measure_derivation(self._ptr), "none")

    @property
    def numerator(self):
        """The numerator Measure of a derived measure, or None."""
        m = _swig.goals_measure_numerator(self._ptr)
        return Measure(self._plan, m) if m is not None else None

    @property
    def denominator(self):
        """The denominator Measure of a derived measure, or None."""
        m = _swig.goals_measure_denominator(self._ptr)
        return Measure(self._plan, m) if m is not None else None

    @property
    def observations(self):
        """The measure's observations in period order (a tuple of Observation), read in one call."""
        with self._plan._lock.reading():
            rows = _swig.goals_py_observations(self._ptr)
        return tuple(Observation(Period._from_days(s, e, k), v, text, source, note, dict(dims))
                     for s, e, k, v, text, source, note, dims, _file, _line in rows)


class Target(_Node):
    """A target on one measure: kind, comparator, value, deadline, baseline, attribute."""

    __slots__ = ()

    @property
    def id(self):
        """The target's id."""
        return _swig.goals_target_id(self._ptr)

    @property
    def goal(self):
        """The Goal the target belongs to."""
        return Goal(self._plan, _swig.goals_target_goal(self._ptr))

    @property
    def measure(self):
        """The Measure the target is set on."""
        return Measure(self._plan, _swig.goals_target_measure(self._ptr))

    @property
    def kind(self):
        """The kind keyword: 'reach', 'cumulative', 'change', 'average-growth', 'relative',
        'maintain', 'streak', 'milestone', 'rank' or 'qualitative'."""
        return _swig.goals_target_kind_name(_swig.goals_target_kind_of(self._ptr))

    @property
    def op(self):
        """The comparator keyword: 'ge', 'gt', 'le', 'lt', 'eq', 'between', 'increase',
        'decrease', or '' for none."""
        return _swig.goals_op_name(_swig.goals_target_op(self._ptr))

    @property
    def value(self):
        """The target value (the low end for 'between') in the measure's scale × unit; NaN when none."""
        return _swig.goals_target_value(self._ptr)

    @property
    def high(self):
        """The high end of a 'between' target in the measure's scale × unit; NaN otherwise."""
        return _swig.goals_target_high(self._ptr)

    @property
    def given_value(self):
        """The value as written in the plan, before unit conversion; NaN when none."""
        return _swig.goals_target_given_value(self._ptr)

    @property
    def given_unit(self):
        """The unit the value was written in, '' for the measure's own."""
        return _swig.goals_target_given_unit(self._ptr)

    @property
    def deadline(self):
        """The deadline (Period), or None."""
        p = _swig.goals_period()
        return _period_of(p) if _swig.goals_target_deadline(self._ptr, p) else None

    @property
    def start(self):
        """The first period of the target's window (Period), or None."""
        p = _swig.goals_period()
        return _period_of(p) if _swig.goals_target_start(self._ptr, p) else None

    @property
    def baseline(self):
        """The target's own baseline as Baseline(period, value), or None."""
        p = _swig.goals_period()
        has, value = _swig.goals_target_baseline(self._ptr, p)
        return Baseline(_period_of(p), value) if has else None

    @property
    def milestones(self):
        """The interim milestones in period order (a tuple of Milestone)."""
        out = []
        for i in range(_swig.goals_target_milestone_count(self._ptr)):
            p = _swig.goals_period()
            value = _swig.goals_target_milestone_at(self._ptr, i, p)
            out.append(Milestone(_period_of(p), value))
        return tuple(out)

    @property
    def attribute(self):
        """'binding' (约束性), 'expected' (预期性), 'stretch' (力争) or '' when not stated."""
        return _swig.goals_attribute_name(_swig.goals_target_attribute(self._ptr))

    @property
    def change_mode(self):
        """How a change target measures change: 'absolute' or 'percent'."""
        return _CHANGE_MODES.get(_swig.goals_target_change_mode(self._ptr), "absolute")

    @property
    def relative_to(self):
        """The other Measure of a relative target, or None."""
        m = _swig.goals_target_relative_to(self._ptr)
        return Measure(self._plan, m) if m is not None else None

    @property
    def streak(self):
        """The consecutive periods a streak target needs (0 when not set)."""
        return _swig.goals_target_streak(self._ptr)

    @property
    def method(self):
        """The method this target names for itself, or None."""
        return _swig.goals_target_method(self._ptr)

    @property
    def weight(self):
        """The target's weight in roll-ups (1 unless set)."""
        return _swig.goals_target_weight(self._ptr)

    def title_in(self, lang=None):
        """The target's wording in ``lang`` (None: the plan's language), with the usual fallbacks."""
        return _swig.goals_target_title(self._ptr, lang)

    @property
    def title(self):
        """The target's wording in the plan's language ('' when none)."""
        return _swig.goals_target_title(self._ptr, None)

    @property
    def titles(self):
        """Every wording, as {lang: text}."""
        return _texts(_swig.goals_target_title_count, _swig.goals_target_title_at, self._ptr)


class _Objects(Collection):
    """A read-only collection of a plan's goals, measures or targets.

    Iterating yields the objects in plan order; ``len()`` counts them;
    ``coll["id"]`` looks one up by id (KeyError, precisely
    :class:`goals.NotFoundError`, when there is none) and ``coll[i]`` by
    position; ``"id" in coll`` tests an id (or an object).
    """

    __slots__ = ("_plan", "_cls", "_count", "_at", "_find", "_what")

    def __init__(self, plan, cls, count, at, find, what):
        self._plan, self._cls, self._count, self._at, self._find, self._what = plan, cls, count, at, find, what

    def __len__(self):
        return self._count(self._plan._ptr)

    def __iter__(self):
        plan, cls, at, ptr = self._plan, self._cls, self._at, self._plan._ptr
        for i in range(self._count(ptr)):
            yield cls(plan, at(ptr, i))

    def __getitem__(self, key):
        ptr = self._plan._ptr
        if isinstance(key, str):
            found = self._find(ptr, key)
            if found is None:
                raise NotFoundError("plan '%s' has no %s '%s'" % (self._plan.id, self._what, key))
            return self._cls(self._plan, found)
        if isinstance(key, int) and not isinstance(key, bool):
            n = self._count(ptr)
            i = key + n if key < 0 else key
            if not 0 <= i < n:
                raise IndexError("%s index %d out of range (%d)" % (self._what, key, n))
            return self._cls(self._plan, self._at(ptr, i))
        raise TypeError("look %ss up by id (str) or position (int), not %s" % (self._what, type(key).__name__))

    def __contains__(self, key):
        if isinstance(key, str):
            return self._find(self._plan._ptr, key) is not None
        if isinstance(key, self._cls):
            return key._plan is self._plan
        return False

    def get(self, key, default=None):
        """The object with id ``key``, or ``default``."""
        found = self._find(self._plan._ptr, key)
        return self._cls(self._plan, found) if found is not None else default

    def ids(self):
        """The ids, in plan order (a list)."""
        return [o.id for o in self]

    keys = ids

    def __repr__(self):
        return "<goals %ss of plan %r: %d>" % (self._what, self._plan.id, len(self))


class Plan:
    """A plan: goals, measures, targets and observations, loaded by :func:`goals.load`.

    ``plan.goals``, ``plan.measures`` and ``plan.targets`` are read-only
    collections (plan order, ``len``, lookup by id, ``in``). Observations are
    added with :meth:`add_observations` or :meth:`load_observations`;
    :meth:`evaluate` judges every target as of a date; :meth:`save` writes
    the plan back. Evaluations and saves may run on many threads at once
    (the GIL is released); adding observations waits until they are done.
    """

    __slots__ = ("_ptr", "_lock", "__weakref__")

    def __init__(self, id):
        """Creates an empty plan with this id (most plans come from :func:`goals.load`)."""
        self._ptr = _swig.goals_plan_new(id)
        self._lock = PlanLock()

    @classmethod
    def _own(cls, ptr):
        self = cls.__new__(cls)
        self._ptr = ptr          # SWIG proxy that frees the C plan when collected
        self._lock = PlanLock()
        return self

    # -- description -------------------------------------------------------
    @property
    def id(self):
        """The plan's id."""
        return _swig.goals_plan_id(self._ptr)

    @property
    def lang(self):
        """The plan's default language ('' when none)."""
        return _swig.goals_plan_lang(self._ptr)

    def title_in(self, lang=None):
        """The title in ``lang`` (None: the plan's language), else the default, else the first."""
        return _swig.goals_plan_title(self._ptr, lang)

    @property
    def title(self):
        """The title in the plan's language ('' when none)."""
        return _swig.goals_plan_title(self._ptr, None)

    @property
    def titles(self):
        """Every title, as {lang: text}."""
        return _texts(_swig.goals_plan_title_count, _swig.goals_plan_title_at, self._ptr)

    @property
    def issuer(self):
        """The issuing body, or None."""
        return _swig.goals_plan_issuer(self._ptr)

    @property
    def issued(self):
        """The date of issue (datetime.date), or None."""
        has, day = _swig.goals_plan_issued(self._ptr)
        return _day_to_date(day) if has else None

    @property
    def horizon(self):
        """The period the plan covers (Period), or None."""
        p = _swig.goals_period()
        return _period_of(p) if _swig.goals_plan_horizon(self._ptr, p) else None

    @property
    def source(self):
        """The reference of the plan's source text, or None."""
        return _swig.goals_plan_source(self._ptr)

    # -- contents ----------------------------------------------------------
    @property
    def goals(self):
        """All goals, depth-first in document order (read-only collection)."""
        return _Objects(self, Goal, _swig.goals_plan_goal_count, _swig.goals_plan_goal_at,
                        _swig.goals_plan_find_goal, "goal")

    @property
    def roots(self):
        """The top-level goals (a tuple)."""
        return tuple(Goal(self, _swig.goals_plan_root_at(self._ptr, i))
                     for i in range(_swig.goals_plan_root_count(self._ptr)))

    @property
    def measures(self):
        """All measures, in the order added (read-only collection)."""
        return _Objects(self, Measure, _swig.goals_plan_measure_count, _swig.goals_plan_measure_at,
                        _swig.goals_plan_find_measure, "measure")

    @property
    def targets(self):
        """All targets, in plan order (read-only collection)."""
        return _Objects(self, Target, _swig.goals_plan_target_count, _swig.goals_plan_target_at,
                        _swig.goals_plan_find_target, "target")

    @property
    def warnings(self):
        """What the loader read leniently, as a tuple of :class:`goals.LoadWarning`
        (message, file, line, column): empty for native documents; StratML
        and IATI input may have some."""
        ptr = self._ptr
        return tuple(LoadWarning(_swig.goals_bind_warning_message(ptr, i), _swig.goals_bind_warning_file(ptr, i),
                             _swig.goals_bind_warning_line(ptr, i), _swig.goals_bind_warning_column(ptr, i))
                     for i in range(_swig.goals_plan_warning_count(ptr)))

    @property
    def observation_count(self):
        """The number of observations over all measures."""
        with self._lock.reading():      # not while a CSV load adds some on another thread
            return _swig.goals_plan_observation_count(self._ptr)

    # -- observations in ---------------------------------------------------
    def _measure_ptr(self, measure):
        if isinstance(measure, Measure):
            if measure._plan is not self:
                raise ValueError("measure %r belongs to another plan" % measure.id)
            return measure._ptr
        if not isinstance(measure, str):
            raise TypeError("measure must be an id (str) or a Measure, not %s" % type(measure).__name__)
        ptr = _swig.goals_plan_find_measure(self._ptr, measure)
        if ptr is None:
            raise NotFoundError("plan '%s' has no measure '%s'" % (self.id, measure))
        return ptr

    def add_observations(self, data, periods=None, values=None, *, sources=None, replace=False):
        """Adds observations in one call, all or nothing.

        Either ``plan.add_observations(df)`` with a pandas DataFrame (columns
        ``measure``, ``period``, ``value``, optional ``source``; or any mapping
        of those column names to sequences), or
        ``plan.add_observations(measure, periods, values)`` with a measure id
        (or Measure), periods (period text such as ``"2025"`` or
        ``"2025-Q3"``, int years, ``datetime.date`` or :class:`Period`) and
        values (numbers or a numpy array) in the measure's scale × unit.
        ``sources`` optionally gives each value's source. With
        ``replace=True`` a value for an existing period replaces it;
        otherwise that is a :class:`goals.DuplicateError`. Nothing is added
        when anything is wrong.
        """
        flags = _OBS_REPLACE if replace else 0
        if periods is None and values is None:
            groups = _group_columns(data)
        else:
            if periods is None or values is None:
                raise TypeError("add_observations(measure, periods, values): give both periods and values")
            groups = [(data, periods, _as_float_array(values), sources)]
        with self._lock.writing():
            resolved = [(self._measure_ptr(m), p, v, s) for m, p, v, s in groups]
            if len(resolved) > 1:
                # Check every measure first, so a failure leaves nothing half added.
                for ptr, p, v, s in resolved:
                    _swig.goals_py_add_observations(ptr, p, v, s, flags, 1)
            for ptr, p, v, s in resolved:
                _swig.goals_py_add_observations(ptr, p, v, s, flags, 0)

    def load_observations(self, source, *, replace=False, name=None):
        """Reads observations from a CSV file (path, plain or gzip) or from
        bytes/str/a binary file object: header ``measure,period,value`` then
        optional ``source,note``. All or nothing; errors say ``FILE:LINE:COL``.
        The GIL is released while the file is read.
        """
        flags = _OBS_REPLACE if replace else 0
        if isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            with self._lock.writing():
                _swig.goals_bind_load_observations_file(self._ptr, path, flags)
            return
        if hasattr(source, "read"):
            name = name or getattr(source, "name", None)
            source = source.read()
        if not isinstance(source, (bytes, bytearray, memoryview)):
            raise TypeError("load_observations() takes a path, bytes or a binary file, not %s"
                            % type(source).__name__)
        with self._lock.writing():
            _swig.goals_plan_load_observations_memory(self._ptr, source, name if isinstance(name, str) else None,
                                                      flags)

    # -- evaluation, saving -------------------------------------------------
    def evaluate(self, as_of=None, method="linear", *, force_method=False, **params):
        """Evaluates every target as of a day and returns an :class:`goals.Evaluation`.

        ``as_of`` is a ``datetime.date``, ``'YYYY-MM-DD'``, any period text
        or :class:`Period` (its last day: ``"2025"`` is 2025-12-31), or None
        for today. ``method`` names the progress method (see
        :func:`goals.methods`: ``linear``, ``sdg-build``, ``unsd``,
        ``eurostat``, ``escap``, ``okr`` …); keyword arguments set its
        parameters (``on_track=0.9``). A target that names its own method
        keeps it unless ``force_method=True``. The GIL is released while
        the C library works, so threads evaluate in parallel.
        """
        from ._evaluation import Evaluation
        day = _as_of_day(as_of)
        texts = ["%s=%s" % (k, _param_text(v)) for k, v in params.items()]
        if any("\n" in t for t in texts):
            raise InvalidArgumentError("a method parameter cannot contain a line break")
        lines = "\n".join(texts)
        with self._lock.reading():
            ev = _swig.goals_bind_evaluate(self._ptr, day, method or "", lines,
                                           _EVAL_FORCE if force_method else 0)
        return Evaluation(self, ev)

    def save(self, path, *, gzip=None, observations=True, level=0):
        """Saves the plan in the native XML format, atomically (temp file, fsync,
        rename). ``gzip`` None compresses when the path ends in ``.gz``;
        True/False force it. ``observations=False`` leaves them out."""
        flags = _save_flags(gzip, observations)
        with self._lock.reading():
            _swig.goals_bind_save_file(self._ptr, os.fspath(path), flags, int(level))

    def dumps(self, *, gzip=False, observations=True, level=0):
        """The plan as native XML bytes (gzip-compressed with ``gzip=True``)."""
        with self._lock.reading():
            return _swig.goals_bind_save_memory(self._ptr, _save_flags(bool(gzip), observations), int(level))

    def observations_frame(self):
        """All observations as a pandas DataFrame, one row per observation:
        measure, period (str), start and end (dates), value (float), text,
        source, note, dimensions (dict; empty for totals). Needs pandas."""
        from ._frames import observations_frame
        return observations_frame(self)

    def __eq__(self, other):
        if not isinstance(other, Plan):
            return NotImplemented
        return bool(_swig.goals_plan_equal(self._ptr, other._ptr))

    __hash__ = None   # plans change (observations): equal by content, so not hashable

    def __reduce__(self):
        # Pickled as its canonical document (for multiprocessing and caches).
        return (loads, (self.dumps(),))

    def __repr__(self):
        return "<goals.Plan %r: %d goals, %d measures, %d targets, %d observations>" % (
            self.id, len(self.goals), len(self.measures), len(self.targets), self.observation_count)


def _param_text(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    if value is None:
        return "none"
    if isinstance(value, float):
        if math.isnan(value):
            return "none"
        return repr(value)
    return str(value)


def _save_flags(gzip, observations):
    flags = 0 if gzip is None else (_SAVE_GZIP if gzip else _SAVE_PLAIN)
    if not observations:
        flags |= _SAVE_NO_OBS
    return flags


def _as_float_array(values):
    """A float64 numpy array when numpy is there and values is an array or Series; else values."""
    if hasattr(values, "__array__") or hasattr(values, "to_numpy"):
        try:
            import numpy as np
        except ImportError:
            return values
        return np.ascontiguousarray(np.asarray(values, dtype=np.float64))
    return values


def _group_columns(data):
    """[(measure, periods, values, sources)] per measure, in first-seen order, from a DataFrame or mapping."""
    try:
        measures = data["measure"]
        periods = data["period"]
        values = data["value"]
    except (KeyError, TypeError, IndexError):
        raise TypeError("add_observations(data) needs a DataFrame or mapping with columns "
                        "measure, period, value (optional source); or call "
                        "add_observations(measure, periods, values)") from None
    try:
        sources = data["source"]
    except (KeyError, TypeError, IndexError):
        sources = None
    measures = list(measures)
    periods = list(periods)
    values = list(_as_float_array(values))
    sources = list(sources) if sources is not None else None
    if not len(measures) == len(periods) == len(values):
        raise ValueError("columns measure, period and value differ in length")
    groups = {}
    for i, m in enumerate(measures):
        groups.setdefault(m, []).append(i)
    out = []
    for m, rows in groups.items():
        out.append((m, [periods[i] for i in rows], [values[i] for i in rows],
                    [sources[i] for i in rows] if sources is not None else None))
    return out


def load(path, *, validate=False, schema_dir=None, max_bytes=0, max_depth=0):
    """Loads a plan from an XML file, plain or gzip-compressed: the native
    format, or StratML (Part 1, Part 2) and IATI activities, read into the
    same model (what was read leniently is in ``plan.warnings``).

    ``validate=True`` also checks it against the XSD (from ``schema_dir``,
    default the installed schemas). ``max_bytes`` and ``max_depth`` tighten
    the loader's safety caps (0: the defaults, 4 GiB and depth 256). The GIL
    is released while the file is read. Raises :class:`goals.GoalsError`
    subclasses with ``.file``, ``.line`` and ``.column``: ParseError for
    XML that is not well-formed, ValidationError for a broken rule,
    SchemaError, UnitError, PeriodError, LimitError, GoalsIOError.

    >>> plan = goals.load("examples/plans/kecheng-2026.xml")
    >>> plan.targets["a5.t2"].deadline
    Period('2026')
    """
    ptr = _swig.goals_bind_load_file(os.fspath(path), _LOAD_VALIDATE if validate else 0,
                                     os.fspath(schema_dir) if schema_dir else "", int(max_bytes), int(max_depth))
    return Plan._own(ptr)


def loads(data, *, name=None, validate=False, schema_dir=None, max_bytes=0, max_depth=0):
    """Loads a plan from bytes (plain or gzip) or str (XML text); ``name``
    names the document in error messages (default ``<memory>``). Otherwise
    as :func:`load`."""
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        raise TypeError("loads() takes bytes or str, not %s" % type(data).__name__)
    ptr = _swig.goals_bind_load_memory(data, name or "", _LOAD_VALIDATE if validate else 0,
                                       os.fspath(schema_dir) if schema_dir else "", int(max_bytes), int(max_depth))
    return Plan._own(ptr)
