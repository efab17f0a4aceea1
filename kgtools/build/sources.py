"""A corpus's sources: discovery (files and folders, by suffix), identity, optional
metadata beside a notice, and change detection by content hash (with git's size-and-mtime
shortcut)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..read import SUFFIXES


def find_sources(sources: Iterable[Path]) -> list[Path]:
    """Notice files named directly or found (recursively, by suffix) in directories.

    :raises UsageError: a source does not exist.
    """
    found: list[Path] = []
    for src in sources:
        if src.is_dir():
            found += sorted(
                p for p in src.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        elif src.is_file():
            found.append(src)
        else:
            raise UsageError(f"{src}: no such file or directory; give notice files or directories")
    return found


def source_url(path: Path) -> str | None:
    meta = path.with_name(path.stem + ".meta.json")
    if not meta.is_file():
        return None
    try:
        value = json.loads(meta.read_text(encoding="utf-8")).get("source_url")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


RACY_NS = 2 * 10**9


def stat_of(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def unchanged(entry: dict[str, Any], path: Path, stat: list[int], since: int) -> bool:
    """The source has the content hash the manifest holds for it. Its size and mtime as
    recorded when it was last hashed answer without reading it, as git's index does,
    unless its mtime is within RACY_NS of the start of that build or later: a file
    rewritten within one timestamp tick (up to 2 s on some file systems) after it was
    hashed keeps its mtime, so it is hashed again."""
    if entry.get("stat") == stat and stat[1] < since - RACY_NS:
        return True
    return entry.get("hash") == file_hash(path)
