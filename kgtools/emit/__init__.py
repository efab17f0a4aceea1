"""Stage: emit. A NoticeRecord becomes triples (:mod:`.triples`, with its tallies from
:mod:`.tallies`) and their serializations (:mod:`.serialize`: N-Quads, TriG, JSON)."""

from __future__ import annotations

from .triples import notice_iri, record_graph, record_triples

__all__ = ["notice_iri", "record_graph", "record_triples"]
