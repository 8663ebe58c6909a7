"""CPU time of a piece of work, for the tests that guard against patterns going quadratic (or worse)
on crafted text."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cpu_seconds_under(limit: float) -> Iterator[None]:
    """Fails when the block uses ``limit`` seconds or more of this thread's CPU.

    CPU time, not wall-clock time: a busy machine makes the wait for a core longer, not this. The
    garbage collector is paused meanwhile: a full collection late in a test run walks every other
    test's objects, and whichever block it lands in would be charged for it. The bounds are far
    above the linear cost; a quadratic pattern takes many times more."""
    collecting = gc.isenabled()
    gc.disable()
    started = time.thread_time()
    try:
        yield
    finally:
        used = time.thread_time() - started
        if collecting:
            gc.enable()
    assert used < limit, f"{used:.2f} s of CPU, the bound is {limit} s"
