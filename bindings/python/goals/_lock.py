"""The plan lock: many readers (evaluations, saves) or one writer (adding observations).

libgoals lets any number of evaluations read a plan at once but forbids
changing it meanwhile (evaluate.h). The C calls release the GIL, so Python
threads really do overlap; this lock is what keeps a change from running
under an evaluation: a writer waits until the readers are done, and readers
wait while a writer works.
"""

import threading
from contextlib import contextmanager

from ._errors import PlanBusyError


class PlanLock:
    """A readers-writer lock; writers are preferred so a stream of evaluations cannot starve them."""

    __slots__ = ("_cond", "_readers", "_writer", "_waiting_writers", "_holders")

    def __init__(self):
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writer = None
        self._waiting_writers = 0
        self._holders = {}      # thread id -> how many reads it holds (reads nest)

    @contextmanager
    def reading(self, blocking=True):
        """Holds the lock shared for the block (an evaluation, a save, a read of observations)."""
        me = threading.get_ident()
        with self._cond:
            if self._writer == me:
                raise RuntimeError("goals: a plan cannot be read from inside its own change")
            # A thread that already reads may read again at once: waiting for
            # a queued writer there would wait for itself.
            if me not in self._holders:
                while self._writer is not None or self._waiting_writers:
                    if not blocking:
                        raise PlanBusyError("the plan is being changed by another thread")
                    self._cond.wait()
            self._holders[me] = self._holders.get(me, 0) + 1
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if self._holders[me] == 1:
                    del self._holders[me]
                else:
                    self._holders[me] -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def writing(self, blocking=True):
        """Holds the lock exclusively for the block (adding or loading observations)."""
        me = threading.get_ident()
        with self._cond:
            if self._writer == me:
                raise RuntimeError("goals: nested change of one plan")
            if me in self._holders:
                raise RuntimeError("goals: a plan cannot be changed by a thread that is reading it")
            if not blocking and (self._writer is not None or self._readers):
                raise PlanBusyError("the plan is being evaluated or changed by another thread")
            self._waiting_writers += 1
            try:
                while self._writer is not None or self._readers:
                    self._cond.wait()
            finally:
                self._waiting_writers -= 1
            self._writer = me
        try:
            yield
        finally:
            with self._cond:
                self._writer = None
                self._cond.notify_all()

    @property
    def readers(self):
        """How many readers hold the lock now (for tests and diagnostics)."""
        return self._readers
