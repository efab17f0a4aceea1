"""A query's answer over HTTP: results in the format the request accepts (SPARQL JSON,
XML, CSV, TSV for SELECT and ASK; N-Triples, Turtle, RDF/XML … for CONSTRUCT and DESCRIBE)."""

from __future__ import annotations

from typing import Any


class Refused(Exception):
    """A request refused with an HTTP status and a one-line reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def accepted(header: str) -> list[str]:
    """The media types of an Accept header, most wanted first."""
    ranked = []
    for i, part in enumerate(header.split(",")):
        media, *options = (p.strip() for p in part.split(";"))
        q = 1.0
        for option in options:
            name, _, value = option.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, i, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def answer(store: Any, text: str, accept: str) -> tuple[int, bytes, str]:
    """Run a query on the store (default graph = union of all graphs): status, body, type.

    :raises SyntaxError: the query does not parse.
    """
    from pyoxigraph import QueryResultsFormat, QueryTriples, RdfFormat

    results = store.query(text, use_default_graph_as_union=True)
    wanted = accepted(accept)
    if isinstance(results, QueryTriples):
        rdf = next((f for f in map(RdfFormat.from_media_type, wanted) if f), RdfFormat.N_TRIPLES)
        return 200, results.serialize(format=rdf) or b"", rdf.media_type
    found = (QueryResultsFormat.from_media_type(m) for m in wanted)
    fmt = next((f for f in found if f), QueryResultsFormat.JSON)
    return 200, results.serialize(format=fmt) or b"", fmt.media_type
