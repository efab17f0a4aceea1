"""``kgtools export``: the whole build as one file for a triplestore's bulk loader.

What the embedded store holds, in one file: the ontology with the themes (one graph,
``https://w3id.org/xuncha/ontology``), every notice's named graph and the links graph —
so that the library queries give the same rows on a server loaded from it. Formats:

- ``nq``: N-Quads, every graph named (Oxigraph, Virtuoso, QLever, GraphDB, Jena);
- ``trig``: TriG, one ``<graph> { … }`` block per graph;
- ``ttl``: Turtle, the triples of every graph in one graph (for loaders without named
  graphs; the queries read the union of the graphs anyway).

The graphs are read from the build's store, one at a time, so memory does not grow with
the corpus. A name ending in ``.gz`` is gzipped. Here
rather than in ``build/``: the build's format hashes the code of the stages up to
``build``, and a change to an export must not re-extract every notice.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..build.store import (
    built_notices,
    graph_ntriples,
    ontology_ntriples,
    open_read_only,
    store_path,
)
from ..errors import UsageError
from ..vocab import LINKS_GRAPH, ONTOLOGY_GRAPH, notice_iri_text

FORMATS = ("nq", "trig", "ttl")


class Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...


@dataclass
class ExportResult:
    graphs: int = 0
    statements: int = 0


def format_of(path: Path | None) -> str:
    """The format a file name asks for (``x.trig``, ``x.nq.gz``), nq when it names none."""
    if path is None:
        return "nq"
    suffixes = [s.lstrip(".").lower() for s in path.suffixes if s.lower() != ".gz"]
    return suffixes[-1] if suffixes and suffixes[-1] in FORMATS else "nq"


def _graphs(build: Path, *, links: bool) -> Iterator[tuple[str, Iterable[bytes]]]:
    """(graph, its N-Triples lines) of every notice, then the links graph, from the store."""
    notices = built_notices(build)
    store = open_read_only(store_path(build))
    for notice in notices:
        iri = notice_iri_text(notice)
        yield iri, graph_ntriples(store, iri).splitlines(keepends=True)
    if links:
        yield LINKS_GRAPH, graph_ntriples(store, LINKS_GRAPH).splitlines(keepends=True)


def write_export(
    build: Path, out: Writable, *, fmt: str = "nq", ontology: bool = True, links: bool = True
) -> ExportResult:
    """Write the build in ``fmt`` to a binary stream.

    :raises UsageError: not a build directory, an unknown format.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    notices = _graphs(build, links=links)  # checks that it is a build before writing
    first = next(notices)
    graphs: list[Iterable[tuple[str, Iterable[bytes]]]] = []
    if ontology:
        lines = sorted(ontology_ntriples().encode("utf-8").splitlines())
        graphs.append([(ONTOLOGY_GRAPH, [line + b"\n" for line in lines if line.strip()])])
    graphs += [[first], notices]
    result = ExportResult()
    if fmt != "nq":
        out.write(b"# xuncha-kg: ontology, themes, notices and links (kgtools export)\n")
    for graph, source in (pair for part in graphs for pair in part):
        result.graphs += 1
        name = f"<{graph}>".encode()
        if fmt == "trig":
            out.write(name + b" {\n")
        for triple in source:
            result.statements += 1
            out.write(triple[:-2] + name + b" .\n" if fmt == "nq" else triple)
        if fmt == "trig":
            out.write(b"}\n")
    return result


def export_file(
    build: Path, path: Path, *, fmt: str | None = None, ontology: bool = True, links: bool = True
) -> ExportResult:
    """Write the export to ``path`` atomically (a temporary file renamed at the end);
    gzipped when the name ends in ``.gz``."""
    fmt = fmt or format_of(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as raw:
            if path.name.endswith(".gz"):
                with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as zipped:
                    result = write_export(build, zipped, fmt=fmt, ontology=ontology, links=links)
            else:
                result = write_export(build, raw, fmt=fmt, ontology=ontology, links=links)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return result
