"""Query: the library of .rq files (:mod:`.library`), run on the embedded store
(:mod:`.local`) or a SPARQL endpoint (:mod:`.remote`), results as :class:`Rows`."""

from __future__ import annotations

from .api import query
from .library import QueryInfo, catalog, find_query
from .rows import Rows

__all__ = ["QueryInfo", "Rows", "catalog", "find_query", "query"]
