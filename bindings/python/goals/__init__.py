"""libgoals for Python: load plans of goals, measures, targets and deadlines,
feed them observed data, evaluate them, save them.

    >>> import goals
    >>> plan = goals.load("examples/plans/kecheng-2026.xml")
    >>> plan.load_observations("observations.csv")
    >>> ev = plan.evaluate(as_of="2025-12-31", method="linear")
    >>> ev.targets["a5.t2"].status
    'on_track'
    >>> ev.to_frame()            # needs pandas

Main names: :func:`load`, :func:`loads`, :class:`Plan`, :class:`Evaluation`,
:class:`Period`, :func:`methods`, the exceptions (:class:`GoalsError` and its
subclasses) and :data:`STATUSES`. docs/python.md is the full guide.
numpy and pandas are optional: only the functions that need them import them.
"""

from collections import namedtuple as _namedtuple

from . import _swig
from ._errors import (DuplicateError, GoalsError, GoalsIOError, GoalsMemoryError, InvalidArgumentError,
                      LimitError, NotFoundError, ParseError, PeriodError, PlanBusyError, RangeError,
                      SchemaError, UnitError, UnsupportedError, ValidationError)
from ._evaluation import (STATUSES, Assessment, Evaluation, GoalResult, Latest, ResultBaseline,
                          TargetResult)
from ._model import Baseline, Goal, Measure, Milestone, Observation, Plan, Target, LoadWarning, load, loads
from ._period import Period

#: The version of the libgoals library loaded (text).
__version__ = _swig.goals_version_string()

__all__ = [
    "__version__", "load", "loads", "methods", "Method", "Plan", "Goal", "Measure", "Target",
    "Observation", "Baseline", "Milestone", "LoadWarning", "Evaluation", "TargetResult", "GoalResult", "Latest",
    "ResultBaseline", "Assessment", "Period", "STATUSES",
    "GoalsError", "GoalsMemoryError", "InvalidArgumentError", "GoalsIOError", "ParseError",
    "ValidationError", "SchemaError", "LimitError", "NotFoundError", "DuplicateError", "UnitError",
    "PeriodError", "RangeError", "UnsupportedError", "PlanBusyError",
]

Method = _namedtuple("Method", "name description params")
Method.__doc__ = """An evaluation method: name, one-line description, and params
({name: (default text, description)})."""


def methods():
    """The evaluation methods, as {name: Method(name, description, params)};
    ``params`` maps each parameter name to (default text, description).
    Pass a name as ``plan.evaluate(method=...)`` and parameters as keywords."""
    out = {}
    for i in range(_swig.goals_method_count()):
        name = _swig.goals_method_name_at(i)
        params = {}
        for j in range(_swig.goals_method_param_count(name)):
            pname, default, doc = _swig.goals_method_param_at(name, j)
            params[pname] = (default, doc)
        out[name] = Method(name, _swig.goals_method_description(name), params)
    return out


# Public names say they are goals.X (in tracebacks, reprs and help()), not goals._model.X.
for _name in __all__:
    _obj = globals()[_name]
    if (isinstance(_obj, type) or callable(_obj)) and getattr(_obj, "__module__", "").startswith("goals."):
        _obj.__module__ = "goals"
del _name, _obj
