"""A per-file time budget: a file that takes longer than its limit becomes an error naming it,
and the run goes on with the next file.

An interval timer raises inside the lint when the budget is spent. It is a Unix facility and
works in the main thread of a process (the coordinating one, or a worker's); elsewhere the
limit is not enforced, and the bounded cost of every stage is what keeps a file from running
away.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import InputError


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def spent(_signum: int, _frame: FrameType | None) -> None:
        raise _OverTime

    previous = signal.signal(signal.SIGALRM, spent)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OverTime:
        raise InputError(f"took longer than the limit of {seconds:g} s for one file") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _OverTime(BaseException):
    """Raised by the timer wherever the lint is; a BaseException, so that no library's own
    ``except Exception`` takes it for an error of its own."""
