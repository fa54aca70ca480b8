"""A CPU-time budget for tests of algorithmic cost.

Wall-clock asserts fail on a busy machine; this counts only the CPU time the test
process itself uses (``ITIMER_VIRTUAL``), and stops the block as soon as the
budget is spent, so code that is quadratic fails in seconds instead of running
for minutes. Budgets are set far above what the code needs (tens of times), and
far below what a quadratic version would take.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest


class OverBudget(Exception):
    pass


@contextmanager
def cpu_budget(seconds: float, what: str = "the block"):
    if not hasattr(signal, "setitimer"):
        pytest.skip("needs POSIX interval timers")

    def stop(signum, frame):
        raise OverBudget(f"{what} used more than {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
