"""Query: the library of .rq files (:mod:`.library`), run on the embedded store
(:mod:`.local`) or a SPARQL endpoint (:mod:`.remote`), results as :class:`Rows`.

Names are imported on first use, so ``from kgtools.query.rows import Rows`` (or
``kgtools query --help``) loads neither the store nor the HTTP client.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# public name → the module of this package that defines it
_API: dict[str, str] = {
    "QueryInfo": ".library",
    "Rows": ".rows",
    "catalog": ".library",
    "find_query": ".library",
    "query": ".api",
}

__all__ = ["QueryInfo", "Rows", "catalog", "find_query", "query"]  # = sorted(_API)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kgtools.query' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})


if TYPE_CHECKING:  # what type checkers and IDEs see
    from .api import query
    from .library import QueryInfo, catalog, find_query
    from .rows import Rows
