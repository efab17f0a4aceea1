"""What ``kgtools validate`` reads: a TriG/N-Quads/Turtle file, a build directory, or a
directory of notices (built in memory on the fly). Yields one N-Quads text per notice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import KgtoolsError, UsageError
from ..read import SUFFIXES
from ..vocab import NOTICE_BASE, NOTICE_CLASS

RDF_SUFFIXES = {
    ".trig": "trig",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".ttl": "turtle",
    ".nt": "nt",
}


def _notice_graphs(path: Path, fmt: str) -> Iterator[tuple[str, str]]:
    from rdflib import Dataset, Graph, URIRef
    from rdflib.namespace import RDF

    from .pyshacl_engine import quiet_rdflib

    ds = Dataset()
    try:
        if fmt in ("turtle", "nt"):
            with quiet_rdflib():
                g = Graph().parse(path, format=fmt)
            notice = next(g.subjects(RDF.type, URIRef(NOTICE_CLASS)), None)
            if notice is None:
                raise UsageError(f"{path}: no xk:Notice in the graph; nothing to validate")
            graph = ds.graph(URIRef(str(notice)))
            for t in g:
                graph.add(t)
        else:
            with quiet_rdflib():
                ds.parse(path, format=fmt)
    except (OSError, ValueError, SyntaxError) as exc:
        raise UsageError(
            f"{path}: cannot read as {fmt} ({type(exc).__name__}: {str(exc)[:200]})"
        ) from None
    except Exception as exc:  # rdflib raises its own parser errors
        if isinstance(exc, KgtoolsError):
            raise
        raise UsageError(
            f"{path}: cannot read as {fmt} ({type(exc).__name__}: {str(exc)[:200]})"
        ) from None
    for graph in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if (None, RDF.type, URIRef(NOTICE_CLASS)) in graph:
            with quiet_rdflib():
                text = graph.serialize(format="nt")
            yield str(graph.identifier), text
        elif str(graph.identifier).startswith(NOTICE_BASE) and len(graph):
            raise UsageError(
                f"{path}: graph <{graph.identifier}> has no xk:Notice (its class misspelled?); "
                "nothing in it can be validated"
            )


def _sources(source: Path) -> Iterator[tuple[str, str]]:
    from ..build.sources import find_sources
    from ..emit.serialize import ntriples_lines
    from ..emit.triples import notice_iri, record_triples
    from ..extract import extract_file

    for path in find_sources([source]):
        try:
            rec = extract_file(path)
        except KgtoolsError as exc:
            raise UsageError(f"{exc}") from None
        yield str(notice_iri(rec.notice_id)), "".join(ntriples_lines(record_triples(rec)))


def notice_graphs(data: Path) -> Iterator[tuple[str, str]]:
    """(notice IRI, its triples as N-Triples) for every notice in ``data``.

    :raises UsageError: missing or unreadable input.
    """
    if data.is_dir():
        if (data / "graph.trig").is_file():
            yield from _notice_graphs(data / "graph.trig", "trig")
        else:
            yield from _sources(data)
        return
    if not data.is_file():
        raise UsageError(
            f"{data}: no such file or directory; run `kgtools build` first or give a graph file"
        )
    fmt = RDF_SUFFIXES.get(data.suffix.lower())
    if fmt is None and data.suffix.lower() in SUFFIXES:
        yield from _sources(data)  # a notice: build it in memory
        return
    if fmt is None:
        raise UsageError(
            f"{data}: unknown format; give a graph (.trig, .nq, .ttl, .nt), a notice or a directory"
        )
    yield from _notice_graphs(data, fmt)
