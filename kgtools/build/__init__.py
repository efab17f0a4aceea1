"""Stage: build a corpus. Sources found and hashed, notices extracted in workers, their
graphs loaded into the store, the cross-notice links and the text index kept in sync
(:mod:`.corpus` runs it; :mod:`.store`, :mod:`.links`, :mod:`.textindex` do each part).

The names below are loaded on first use: ``kgtools query search`` imports
:mod:`.textindex` without the pipeline."""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT_OUT", "DEFAULT_SOURCES", "BuildResult", "build", "find_sources"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import corpus

        return getattr(corpus, name)
    raise AttributeError(name)
