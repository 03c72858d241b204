"""Periods and dates: the Period type and conversions to libgoals day numbers."""

import datetime as _dt

from . import _swig

__all__ = ["Period"]

# libgoals counts days from 1970-01-01; Python's ordinals from 0001-01-01.
_EPOCH = _dt.date(1970, 1, 1).toordinal()
_KINDS = {1: "year", 2: "quarter", 3: "month", 4: "day", 5: "interval"}


def _day_to_date(day):
    return _dt.date.fromordinal(day + _EPOCH)


def _date_to_day(date):
    return date.toordinal() - _EPOCH


class Period:
    """A closed interval of days, written as libgoals writes periods.

    ``Period("2026")``, ``Period("2026-Q3")``, ``Period("2026-07")``,
    ``Period("2026-07-15")``, ``Period("2019-10-01/2020-03-31")`` parse text
    (the C parser: :class:`goals.PeriodError` on bad text);
    ``Period(datetime.date(2026, 7, 15))`` is that day, and
    ``Period(first, last)`` the days from ``first`` to ``last``.
    ``str(period)`` gives the canonical text back. Periods are immutable,
    hashable, ordered by last day then first day (the order observations are
    kept in), and ``date in period`` tests membership.
    """

    __slots__ = ("_start", "_end", "_kind")

    def __init__(self, value, end=None):
        if isinstance(value, Period) and end is None:
            self._start, self._end, self._kind = value._start, value._end, value._kind
            return
        if end is not None:
            first = _as_date(value)
            last = _as_date(end)
            p = _swig.goals_period()
            _swig.goals_period_from_days(p, _date_to_day(first), _date_to_day(last))
        elif isinstance(value, _dt.date):
            day = _date_to_day(value if type(value) is _dt.date else _as_date(value))
            p = _swig.goals_period()
            _swig.goals_period_from_days(p, day, day)
        elif isinstance(value, str):
            p = _swig.goals_period()
            _swig.goals_period_parse(p, value)
        elif isinstance(value, int) and not isinstance(value, bool):
            p = _swig.goals_period()
            _swig.goals_period_parse(p, "%04d" % value if 0 < value < 10000 else str(value))
        else:
            raise TypeError("Period() takes period text, a year, a datetime.date, or two dates; got %r"
                            % type(value).__name__)
        self._start, self._end, self._kind = p.start, p.end, p.kind

    @classmethod
    def parse(cls, text):
        """Parses period text (``2026``, ``2026-Q3``, ``2026-07``, ``2026-07-15``, ``A/B``)."""
        if not isinstance(text, str):
            raise TypeError("Period.parse() takes str, not %s" % type(text).__name__)
        return cls(text)

    @classmethod
    def _from_days(cls, start, end, kind):
        self = cls.__new__(cls)
        self._start, self._end, self._kind = start, end, kind
        return self

    @property
    def start(self):
        """The first day (datetime.date)."""
        return _day_to_date(self._start)

    @property
    def end(self):
        """The last day, inclusive (datetime.date): "by 2026" means by this day."""
        return _day_to_date(self._end)

    @property
    def kind(self):
        """How the period is written: 'year', 'quarter', 'month', 'day' or 'interval'."""
        return _KINDS.get(self._kind, "interval")

    @property
    def days(self):
        """The number of days in the period."""
        return self._end - self._start + 1

    def __str__(self):
        return _swig.goals_bind_period_text(self._start, self._end, self._kind)

    def __repr__(self):
        return "Period(%r)" % str(self)

    def __eq__(self, other):
        if isinstance(other, str):
            try:
                other = Period(other)
            except Exception:
                return False
        if not isinstance(other, Period):
            return NotImplemented
        return (self._start, self._end) == (other._start, other._end)

    def __hash__(self):
        return hash((self._start, self._end))

    def _key(self):
        return (self._end, self._start)

    def __lt__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() >= other._key()

    def __contains__(self, item):
        if isinstance(item, Period):
            return self._start <= item._start and item._end <= self._end
        day = _date_to_day(_as_date(item))
        return self._start <= day <= self._end

    def __reduce__(self):
        return (Period, (str(self),))


def _as_date(value):
    """A datetime.date from a date, a datetime, a pandas Timestamp or 'YYYY-MM-DD' text."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        day = _swig.goals_bind_date_parse(value)
        return _day_to_date(day)
    to_date = getattr(value, "date", None)  # numpy/pandas datetime-likes
    if callable(to_date):
        d = to_date()
        if isinstance(d, _dt.date):
            return d
    raise TypeError("expected a datetime.date or 'YYYY-MM-DD' text, got %r" % type(value).__name__)


def _as_of_day(value):
    """The day number of an as-of date: a date, a datetime, period text or a
    Period (its last day: "2025" means 2025-12-31), None for today."""
    if value is None:
        return _date_to_day(_dt.date.today())
    if isinstance(value, Period):
        return value._end
    if isinstance(value, str):
        return Period(value)._end
    return _date_to_day(_as_date(value))
