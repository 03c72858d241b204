"""Exceptions of the package `goals`, one class per libgoals status code.

Every failure of the C library reaches Python as a :class:`GoalsError`
subclass, raised from one place (the SWIG status typemap, which reads
``goals_error_last()``). Each carries the document position when the error
came from a file: ``.file``, ``.line``, ``.column`` (None / 0 when unknown),
the plain ``.message`` and the C status ``.code``.
"""

__all__ = [
    "GoalsError", "InvalidArgumentError", "GoalsIOError", "ParseError", "ValidationError",
    "SchemaError", "LimitError", "NotFoundError", "DuplicateError", "UnitError", "PeriodError",
    "RangeError", "UnsupportedError", "GoalsMemoryError", "PlanBusyError",
]


class GoalsError(Exception):
    """Base class of every libgoals error.

    Attributes:
        message: the message alone, without the position.
        file: the document at fault, or None.
        line: 1-based line in ``file``, 0 when unknown.
        column: 1-based column in ``file``, 0 when unknown.
        code: the C status code (a negative int, ``goals_status``).
    """

    code = -1

    def __init__(self, message, file=None, line=0, column=0, code=None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        if code is not None:
            self.code = code

    def __str__(self):
        if self.file:
            if self.line:
                return f"{self.file}:{self.line}:{self.column}: {self.message}"
            return f"{self.file}: {self.message}"
        return self.message

    def __reduce__(self):
        return (type(self), (self.message, self.file, self.line, self.column, self.code))


class GoalsMemoryError(GoalsError, MemoryError):
    """Out of memory (GOALS_ENOMEM)."""
    code = -2


class InvalidArgumentError(GoalsError, ValueError):
    """An invalid argument: bad id, bad keyword, unknown parameter (GOALS_EINVAL)."""
    code = -3


class GoalsIOError(GoalsError, OSError):
    """A file could not be opened, read, written or renamed (GOALS_EIO)."""
    code = -4

    def __str__(self):
        return GoalsError.__str__(self)


class ParseError(GoalsError, ValueError):
    """The input is not well-formed XML, CSV or gzip (GOALS_EPARSE)."""
    code = -5


class ValidationError(GoalsError, ValueError):
    """Well-formed input that breaks the format's rules (GOALS_EINVALID)."""
    code = -6


class SchemaError(ValidationError):
    """XSD validation failed (GOALS_ESCHEMA)."""
    code = -7


class LimitError(GoalsError):
    """A safety limit was hit: size, depth, inflation ratio (GOALS_ELIMIT)."""
    code = -8


class NotFoundError(GoalsError, KeyError):
    """No object with that id, or no such method (GOALS_ENOTFOUND). Also a KeyError."""
    code = -9

    def __str__(self):
        return GoalsError.__str__(self)


class DuplicateError(GoalsError, ValueError):
    """An object with that id, or a value for that measure and period, exists (GOALS_EEXISTS)."""
    code = -10


class UnitError(GoalsError, ValueError):
    """Unknown unit, or units that do not convert (GOALS_EUNIT)."""
    code = -11


class PeriodError(GoalsError, ValueError):
    """Bad period or date text (GOALS_EPERIOD)."""
    code = -12


class RangeError(GoalsError, ValueError):
    """A number out of range: NaN, infinite, overflow (GOALS_ERANGE)."""
    code = -13


class UnsupportedError(GoalsError):
    """The operation does not apply, e.g. to this target kind (GOALS_EUNSUPPORTED)."""
    code = -14


class PlanBusyError(GoalsError, RuntimeError):
    """The plan is being evaluated or changed by another thread and the call would wait (``blocking=False``)."""
    code = -1


_BY_CODE = {cls.code: cls for cls in (
    GoalsMemoryError, InvalidArgumentError, GoalsIOError, ParseError, ValidationError, SchemaError,
    LimitError, NotFoundError, DuplicateError, UnitError, PeriodError, RangeError, UnsupportedError)}


def _from_c(code, message, file, line, column):
    """Builds the exception for a C status (called by the extension)."""
    cls = _BY_CODE.get(code, GoalsError)
    return cls(message, file, line, column, code)
