"""``query()``: a library query (or a .rq file) on the embedded store or an endpoint."""

from __future__ import annotations

from pathlib import Path

from ..build.store import open_read_only
from .library import bind, find_query
from .local import from_text_index, run_on_store
from .remote import run_remote
from .rows import Rows
from .sparqltext import check_syntax, refuse_service


def query(
    name: str,
    store: str | Path | None = None,
    *,
    endpoint: str | None = None,
    params: dict[str, str] | None = None,
    timeout: float = 60.0,
    allow_service: bool = False,
) -> Rows:
    """Run a library query (or a .rq file) on the embedded store or a SPARQL endpoint.

    ``store`` is the store directory or the build directory holding it (default
    ``data/build/store``); ``params`` bind the query's parameters by name.

    :raises UsageError: unknown query or parameter, no store, unreachable endpoint.
    :raises QueryFileError: a query that does not parse, or that calls SERVICE without
        ``allow_service``.
    """
    info = find_query(name)
    text = bind(info, params or {})
    refuse_service(text, allow=allow_service, where=info.name)
    if endpoint:
        check_syntax(text)  # parsed, never run, before it leaves the machine
        return run_remote(endpoint, text, timeout=timeout)
    store = Path(store) if store else Path("data/build/store")
    if not (store / "CURRENT").exists() and (store / "store").is_dir():
        store = store / "store"  # the build directory given instead of its store
    indexed = from_text_index(info, params or {}, store)
    if indexed is not None:
        return indexed
    return run_on_store(open_read_only(store), text)
