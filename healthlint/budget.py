"""A per-file budget of time and memory: a file that takes longer than its limit, or makes the
process grow by more than its limit, becomes an error naming it, and the run goes on with the
next file.

An interval timer ticks during the lint and raises inside it when the budget is spent. It is a
Unix facility and works in the main thread of a process (the coordinating one, or a worker's);
elsewhere no limit is enforced, and the bounded cost of every stage is what keeps a file from
running away. Memory is the process's resident size as Linux reports it in /proc; where that
cannot be read, only time is limited.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import InputError

MB = 1024 * 1024
# Without a setting, a file may add 40 times its size (issue 12's bound), and never less than
# the floor: a short article can cost more than 40 times its size (the tokenizer's caches and
# spaCy's vocabulary fill as the first files are read) and still be harmless.
MEMORY_FLOOR = 256 * MB
MEMORY_PER_BYTE = 40
TICK = 0.1  # seconds between looks at the clock and the memory; a look costs ~10 us


class Budget:
    """What one file may spend. The memory limit is known once the file's size is
    (`allow`); until then the floor holds."""

    def __init__(self, seconds: float, megabytes: float | None) -> None:
        self.seconds = seconds
        self.megabytes = megabytes
        self.limit = int(megabytes * MB) if megabytes is not None else MEMORY_FLOOR

    def allow(self, size: int) -> None:
        """Sets the memory limit for a file of `size` bytes, unless the user set one."""
        if self.megabytes is None:
            self.limit = max(MEMORY_FLOOR, MEMORY_PER_BYTE * size)

    def over_memory(self) -> InputError:
        if self.megabytes is not None:
            limit = f"the limit of {self.megabytes:g} MB"
        elif self.limit > MEMORY_FLOOR:
            limit = f"{MEMORY_PER_BYTE} times its size ({self.limit / MB:.0f} MB)"
        else:  # a small file (or one not yet read) is held to the floor, not to 40x
            limit = f"the {MEMORY_FLOOR // MB} MB any file may use"
        return InputError(
            f"needed more memory than {limit} for one file (setting: file-memory-limit)"
        )

    def over_time(self) -> InputError:
        return InputError(f"took longer than the limit of {self.seconds:g} s for one file")


@contextmanager
def file_budget(seconds: float, megabytes: float | None = None) -> Iterator[Budget]:
    budget = Budget(seconds, megabytes)
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield budget
        return
    deadline = time.monotonic() + seconds
    start = resident()
    spent: list[BaseException] = []  # raised once: a later tick must not raise during unwinding

    def tick(_signum: int, _frame: FrameType | None) -> None:
        if spent:
            return
        if time.monotonic() >= deadline:
            spent.append(_OverTime())
        elif start is not None and (now := resident()) is not None and now - start > budget.limit:
            spent.append(_OverMemory())
        if spent:
            raise spent[0]

    previous = signal.signal(signal.SIGALRM, tick)
    interval = min(TICK, seconds)
    signal.setitimer(signal.ITIMER_REAL, interval, interval)
    try:
        yield budget
    except _OverTime:
        raise budget.over_time() from None
    except _OverMemory:
        raise budget.over_memory() from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def resident() -> int | None:
    """The process's resident size in bytes, or None where /proc does not say."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * _PAGE


try:
    _PAGE = os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):  # not a Unix: resident() is None there anyway
    _PAGE = 4096


class _OverTime(BaseException):
    """Raised by the timer wherever the lint is; a BaseException, so that no library's own
    ``except Exception`` takes it for an error of its own."""


class _OverMemory(BaseException):
    """As _OverTime, for memory."""
