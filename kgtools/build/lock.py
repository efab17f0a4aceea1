"""The build lock: one build at a time on an output folder.

``OUT/.build.lock`` holds the pid of the build that has it, under a POSIX record lock
(``fcntl.lockf``). The operating system releases that lock when the process ends however it
ends (``kill -9`` included), so a lock file left by a dead build is simply taken over; the
lock belongs to the process, not to the worker processes it forks, so a worker that
outlives a killed build does not keep it.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError

LOCK_NAME = ".build.lock"


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold the build lock of ``out`` (created if needed) for the duration of the block.

    :raises UsageError: another running process holds it.
    """
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise
            raise UsageError(
                f"{out}: another build (pid {_holder(fd, path)}) is writing this folder; "
                "wait for it to finish, or give another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays (a later build takes it over)


def _holder(fd: int, path: Path) -> str:
    """The pid of the process holding the lock, as the lock file names it."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        text = ""
    return text if text.isdigit() else "unknown"
