"""The Graph Store Protocol of ``kgtools serve`` (``/store?graph=IRI`` or ``?default``):
GET a graph; with ``--writable``, PUT (replace), POST (add), DELETE (drop)."""

from __future__ import annotations

from typing import Any

from .answers import Refused, accepted


def _graph(params: dict[str, list[str]]) -> Any:
    from pyoxigraph import DefaultGraph, NamedNode

    if "default" in params:
        return DefaultGraph()
    iri = (params.get("graph") or [""])[0]
    if not iri:
        raise Refused(400, "give ?graph=<IRI> or ?default")
    return NamedNode(iri)  # ValueError: not an IRI (answered 400)


def graph_store(handler: Any, method: str, params: dict[str, list[str]]) -> None:
    """Answer one Graph Store Protocol request (``handler``: the request's httpd.Handler)."""
    from pyoxigraph import RdfFormat

    graph = _graph(params)
    if method in ("GET", "HEAD"):
        store = handler.server.state.current()
        wanted = accepted(handler.headers.get("Accept", ""))
        out = next((f for f in map(RdfFormat.from_media_type, wanted) if f and not f.supports_datasets), RdfFormat.N_TRIPLES)  # fmt: skip
        handler.reply(
            200,
            store.dump(format=out, from_graph=graph) or b"",
            out.media_type,
            head=method == "HEAD",
        )
        return
    if method not in ("PUT", "POST", "DELETE"):
        raise Refused(405, "GET, PUT, POST or DELETE a graph")
    handler._check_write()  # noqa: SLF001 — the handler's own check, shared with /update
    store = handler.server.state.current()
    existed = any(True for _ in store.quads_for_pattern(None, None, None, graph))
    if method == "DELETE":
        if not existed:
            raise Refused(404, "no such graph")
        store.update(_drop(graph))
        handler.reply(204, b"", "text/plain")
        return
    fmt = RdfFormat.from_media_type(handler.content_type())
    if fmt is None or fmt.supports_datasets:
        raise Refused(415, "send a graph as N-Triples, Turtle, RDF/XML, N3 or JSON-LD")
    from pyoxigraph import DefaultGraph, Store

    staged = Store()  # parsed first: a body that does not parse changes nothing
    staged.load(handler.body(), format=fmt)
    triples = (staged.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph()) or b"").decode()
    insert = f"INSERT DATA {{ {_in(graph, triples)} }}"
    # one update: readers see the old graph or the new one
    store.update(f"{_drop(graph)} ; {insert}" if method == "PUT" else insert)
    handler.reply(204 if existed else 201, b"", "text/plain")


def _drop(graph: Any) -> str:
    from pyoxigraph import DefaultGraph

    return (
        "CLEAR SILENT DEFAULT" if isinstance(graph, DefaultGraph) else f"DROP SILENT GRAPH {graph}"
    )


def _in(graph: Any, triples: str) -> str:
    from pyoxigraph import DefaultGraph

    return triples if isinstance(graph, DefaultGraph) else f"GRAPH {graph} {{\n{triples}}}"
