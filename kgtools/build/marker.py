"""The build's marker: the store, the text index and the table of notices match. A module of
its own, so that ``kgtools query`` reads it without loading the build."""

from __future__ import annotations

from pathlib import Path

STORE_OK = ".store-ok"  # the build's marker: the store matches its table of notices


def store_generation(out: Path) -> str | None:
    """The generation token in the store's marker: present only while the store (and the
    text index of the same token) match the build's table of notices."""
    try:
        text = (out / STORE_OK).read_text(encoding="utf-8")
    except OSError:
        return None
    return next(
        (line.split()[1] for line in text.split("\n") if line.startswith("generation ")), ""
    )
