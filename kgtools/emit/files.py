"""Atomic file writes: a file appears complete or not at all (temporary file + rename)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def _atomic(path: Path, durable: bool = True) -> Iterator[BinaryIO]:
    """A file that appears at ``path`` complete or not at all (temporary file + rename);
    ``durable``: on disk before it appears (fsync), so that a crash of the machine cannot
    leave it empty."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, content: str | bytes, *, durable: bool = True) -> None:
    """Write a file so that readers see the old or the new content, never a part
    (``durable=False``: no fsync, for files a build can write again)."""
    with _atomic(path, durable) as f:
        f.write(content.encode("utf-8") if isinstance(content, str) else content)


def write_lines_atomic(path: Path, lines: Iterable[str], *, durable: bool = True) -> None:
    """Text written as it is made, appearing at ``path`` complete or not at all."""
    with _atomic(path, durable) as f:
        for line in lines:
            f.write(line.encode("utf-8"))


def concat_atomic(path: Path, parts: Iterable[Path], *, header: str = "") -> None:
    """Write ``header`` then the contents of ``parts`` to ``path`` atomically, streaming."""
    with _atomic(path) as out:
        out.write(header.encode("utf-8"))
        for part in parts:
            with part.open("rb") as f:
                while chunk := f.read(1 << 20):
                    out.write(chunk)
