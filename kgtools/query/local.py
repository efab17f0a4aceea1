"""Queries on the embedded store (pyoxigraph), and the library's ``search`` answered by the
build's text index.

Nothing of the build is imported here but what ``search`` reads (the text index), and that
only when ``search`` runs: ``kgtools query NAME`` loads pyoxigraph and this package only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import QueryFileError, UsageError
from ..resources import resource_dir
from .library import ANY, QueryInfo, strip_comments
from .ordering import sort_rows, split_order_by
from .rows import Rows, term_value
from .sparqltext import form, refuse_service

TRIPLE_COLUMNS = ["subject", "predicate", "object"]
#: The store of the default build directory (``kgtools build`` writes data/build).
DEFAULT_STORE = Path("data") / "build" / "store"


def store_dir(path: str | Path | None) -> Path:
    """The store directory for ``path``: the store itself, or the build directory holding it
    (default :data:`DEFAULT_STORE`)."""
    store = Path(path) if path else DEFAULT_STORE
    if not (store / "CURRENT").exists() and (store / "store").is_dir():
        return store / "store"  # the build directory given instead of its store
    return store


def open_store(store: Path) -> Any:
    """Open a store read-only for queries.

    :raises UsageError: no store there, or it cannot be opened.
    """
    from pyoxigraph import Store

    if not store.is_dir():
        raise UsageError(
            f"{store}: no store; run `kgtools build` first (it writes data/build/store)"
        )
    try:
        return Store.read_only(str(store))
    except OSError as exc:
        raise UsageError(f"{store}: cannot open the store ({exc})") from None


def run_on_store(store: Any, query_text: str, *, allow_service: bool = False) -> Rows:
    """Run a query on a pyoxigraph store, its default graph being the union of all graphs:
    a SELECT gives its rows, an ASK one row of one column ``ask`` (True or False), a
    CONSTRUCT or DESCRIBE one row per triple (subject, predicate, object).

    :raises QueryFileError: the query does not parse, or calls SERVICE without
        ``allow_service``.
    """
    from pyoxigraph import Literal, QueryBoolean, QueryTriples

    refuse_service(query_text, allow=allow_service)
    unordered, keys = split_order_by(strip_comments(query_text))
    if form(query_text) != "SELECT":
        keys = []
    try:
        solutions = store.query(unordered if keys else query_text, use_default_graph_as_union=True)
        if isinstance(solutions, QueryBoolean):
            return Rows(["ask"], [[bool(solutions)]])
        if isinstance(solutions, QueryTriples):
            return Rows(list(TRIPLE_COLUMNS), [[term_value(t, Literal) for t in (triple.subject, triple.predicate, triple.object)] for triple in solutions])  # fmt: skip
        columns = [v.value for v in solutions.variables]
        if keys and not all(name in columns for name, _ in keys):
            keys = []  # it sorts by a variable it does not return: the engine sorts
            solutions = store.query(query_text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryFileError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
    # A solution iterated as a whole is several times faster than looked up by name.
    rows = [
        [None if t is None else term_value(t, Literal) for t in solution] for solution in solutions
    ]
    sort_rows(columns, rows, keys)  # see kgtools.ordering: faster than the store's ORDER BY
    return Rows(columns, rows)


def from_text_index(info: QueryInfo, params: dict[str, str], store: Path) -> Rows | None:
    """The library's ``search`` answered by the build's text index, when the index belongs
    to this store (same generation token as the store's marker); otherwise None."""
    library = resource_dir("queries") / "search.rq"
    if info.name != "search" or info.path.resolve() != library.resolve():
        return None
    from ..build.marker import store_generation
    from ..build.textindex import generation
    from ..build.textsearch import search

    out = store.parent
    token = store_generation(out)
    if not token or not store.is_dir() or generation(out) != token:
        return None
    text = params.get("text", next(p.default for p in info.params if p.name == "text"))
    hits = [] if text == ANY else search(out, text)  # CONTAINS of an unbound value is an error
    return Rows(list(info.columns), hits)
