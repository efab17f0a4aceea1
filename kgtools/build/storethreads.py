"""The CPU priority of the store's background threads while an incremental build runs.

A cold build's bulk load leaves each index in overlapping files, which the store merges in
its background threads whenever it is open for writing: about 25 CPU-seconds at 10 000
sample notices. It drops that work when it closes, so every 1 % rebuild (4 s) paid about
1.5 CPU-seconds of it, taken from the workers on a 2-core machine (a rebuild took 4.8–5.6 s
instead of 3.6–3.9), and began it again the next time. With the lowest priority, the
threads use only the CPU the build leaves idle.

Linux only (a thread's priority is set by its id there); elsewhere nothing changes.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

LOWEST = 19  # nice value
_PREFIX = "rocksdb:"  # the names the store gives its background threads


def _store_threads() -> Iterator[int]:
    """The ids of this process's threads that the store started."""
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        return
    for tid in tids:
        try:
            with open(f"/proc/self/task/{tid}/comm", encoding="utf-8") as comm:
                name = comm.read().strip()
        except OSError:  # the thread ended
            continue
        if name.startswith(_PREFIX):
            yield int(tid)


def store_threads_yield() -> dict[int, int]:
    """Give the store's background threads the lowest CPU priority; returns each one's
    previous nice value, for :func:`store_threads_restore`."""
    if not sys.platform.startswith("linux"):
        return {}
    previous = {}
    for tid in _store_threads():
        with contextlib.suppress(OSError):  # the thread ended, or no permission
            previous[tid] = os.getpriority(os.PRIO_PROCESS, tid)
            os.setpriority(os.PRIO_PROCESS, tid, LOWEST)
    return previous


def store_threads_restore(previous: dict[int, int]) -> None:
    """Give the threads back their priority. Raising it again needs a privilege (root, or
    CAP_SYS_NICE) that most users do not have: without it they keep the lowest, and a
    later cold build in this process merges its loads with only the CPU its workers leave."""
    for tid, nice in previous.items():
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, tid, nice)
