"""Stage: emit. A NoticeRecord becomes quads as plain strings (:mod:`.quads`, with its
tallies from :mod:`.tallies`), N-Quads text (:mod:`.ntriples`), rdflib triples for the Python
API (:mod:`.triples`) and their serializations (:mod:`.serialize`: TriG, JSON).

The names below are loaded on first use: the build imports :mod:`.quads` without rdflib."""

from __future__ import annotations

from typing import Any

__all__ = ["notice_iri", "record_graph", "record_triples"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import triples

        return getattr(triples, name)
    raise AttributeError(name)
