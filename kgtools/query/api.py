"""``query()``: a library query (or a .rq file) on the embedded store or an endpoint."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from .library import bind, find_query
from .local import from_text_index, open_store, run_on_store, store_dir
from .rows import Rows
from .sparqltext import check_syntax, form, refuse_service


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
    ``data/build/store``); ``params`` bind the query's parameters by name. An endpoint gets
    SELECT queries only, parsed here first (never run here); the embedded store also runs
    ASK (one column ``ask``), CONSTRUCT and DESCRIBE (columns subject, predicate, object).

    :raises UsageError: unknown query or parameter, no store, unreachable endpoint, a query
        other than SELECT for an endpoint.
    :raises QueryFileError: a query that does not parse, or that calls SERVICE without
        ``allow_service``.
    """
    info = find_query(name)
    text = bind(info, params or {})
    refuse_service(text, allow=allow_service, where=str(info.path))
    if endpoint:
        from .remote import run_remote

        check_syntax(text)  # parsed, never run, before it leaves the machine
        if form(text) != "SELECT":
            raise UsageError(
                f"{info.path}: {form(text) or 'this'} queries are not sent to an endpoint, only "
                "SELECT queries; run ASK, CONSTRUCT or DESCRIBE on the embedded store (--store)"
            )
        return run_remote(endpoint, text, timeout=timeout)
    where = store_dir(store)
    indexed = from_text_index(info, params or {}, where)
    if indexed is not None:
        return indexed
    from .kept import from_answers

    kept = from_answers(info, params or {}, where)
    if kept is not None:
        return kept
    return run_on_store(open_store(where), text, allow_service=allow_service)
