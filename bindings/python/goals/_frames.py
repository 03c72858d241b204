"""pandas frames of evaluations and observations (pandas is optional: imported here only)."""

import math

from ._period import _day_to_date


def _pandas(what):
    try:
        import pandas
    except ImportError:
        raise ImportError("goals: %s needs pandas, which is not installed "
                          "(Debian: apt-get install python3-pandas; or pip install pandas)" % what) from None
    return pandas


def _dates(pd, days):
    """A datetime64 column from day numbers; datetime.date objects when out of pandas' range."""
    dates = [_day_to_date(d) for d in days]
    try:
        return pd.to_datetime(pd.Series(dates, dtype=object), errors="raise")
    except (pd.errors.OutOfBoundsDatetime, OverflowError, ValueError):
        return pd.Series(dates, dtype=object)


def evaluation_frame(ev):
    """See Evaluation.to_frame()."""
    pd = _pandas("Evaluation.to_frame()")
    from ._evaluation import STATUSES
    rows = ev.targets
    plan = ev.plan
    cols = {k: [] for k in ("goal", "measure", "kind", "op", "value", "high", "deadline", "attribute")}
    for r in rows:
        t = plan.targets[r.id]
        d = t.deadline
        cols["goal"].append(t.goal.id)
        cols["measure"].append(t.measure.id)
        cols["kind"].append(t.kind)
        cols["op"].append(t.op)
        cols["value"].append(t.value)
        cols["high"].append(t.high)
        cols["deadline"].append(str(d) if d is not None else None)
        cols["attribute"].append(t.attribute)
    nan = math.nan
    data = {
        "goal": pd.Series(cols["goal"], dtype=object),
        "measure": pd.Series(cols["measure"], dtype=object),
        "kind": pd.Series(cols["kind"], dtype=object),
        "op": pd.Series(cols["op"], dtype=object),
        "value": pd.Series(cols["value"], dtype="float64"),
        "high": pd.Series(cols["high"], dtype="float64"),
        "deadline": pd.Series(cols["deadline"], dtype=object),
        "attribute": pd.Series(cols["attribute"], dtype=object),
        "status": pd.Categorical([r.status for r in rows], categories=list(STATUSES), ordered=True),
        "violation": pd.Series([r.violation for r in rows], dtype=bool),
        "progress": pd.Series([r.progress for r in rows], dtype="float64"),
        "latest_period": pd.Series([str(r.latest.period) if r.latest else None for r in rows], dtype=object),
        "latest_value": pd.Series([r.latest.value if r.latest else nan for r in rows], dtype="float64"),
        "baseline_period": pd.Series([str(r.baseline.period) if r.baseline else None for r in rows], dtype=object),
        "baseline_value": pd.Series([r.baseline.value if r.baseline else nan for r in rows], dtype="float64"),
        "projected": pd.Series([r.projected for r in rows], dtype="float64"),
        "required_rate": pd.Series([r.required_rate for r in rows], dtype="float64"),
        "actual_rate": pd.Series([r.actual_rate for r in rows], dtype="float64"),
        "days_left": pd.Series([r.days_left for r in rows], dtype="int64"),
        "method": pd.Series([r.assessment.method for r in rows], dtype=object),
        "assessment_value": pd.Series([r.assessment.value for r in rows], dtype="float64"),
        "assessment_category": pd.Series([r.assessment.category for r in rows], dtype=object),
        "note": pd.Series([r.note for r in rows], dtype=object),
    }
    frame = pd.DataFrame(data)
    frame.index = pd.Index([r.id for r in rows], name="target", dtype=object)
    return frame


def observations_frame(plan):
    """See Plan.observations_frame()."""
    pd = _pandas("Plan.observations_frame()")
    from . import _swig
    measure, period, starts, ends, value, text, source, note, dims = ([] for _ in range(9))
    with plan._lock.reading():
        for m in plan.measures:
            mid = m.id
            for s, e, k, v, tx, src, nt, dd, _file, _line in _swig.goals_py_observations(m._ptr):
                measure.append(mid)
                period.append(_swig.goals_bind_period_text(s, e, k))
                starts.append(s)
                ends.append(e)
                value.append(v)
                text.append(tx)
                source.append(src)
                note.append(nt)
                dims.append(dict(dd))
    return pd.DataFrame({
        "measure": pd.Series(measure, dtype=object),
        "period": pd.Series(period, dtype=object),
        "start": _dates(pd, starts),
        "end": _dates(pd, ends),
        "value": pd.Series(value, dtype="float64"),
        "text": pd.Series(text, dtype=object),
        "source": pd.Series(source, dtype=object),
        "note": pd.Series(note, dtype=object),
        "dimensions": pd.Series(dims, dtype=object),
    })
