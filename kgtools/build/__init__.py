"""Stage: build a corpus. Sources found and hashed, notices extracted in workers, their
files written, the cross-notice links, the embedded store and the text index kept in sync
(:mod:`.corpus` runs it; :mod:`.store`, :mod:`.links`, :mod:`.textindex` do each part)."""

from __future__ import annotations

from .corpus import DEFAULT_OUT, DEFAULT_SOURCES, BuildResult, build, find_sources

__all__ = ["DEFAULT_OUT", "DEFAULT_SOURCES", "BuildResult", "build", "find_sources"]
