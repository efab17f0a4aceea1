"""``kgtools export``: the whole build as one file for a triplestore's bulk loader.

What the embedded store holds, in one file: the ontology with the themes (one graph,
``https://w3id.org/xuncha/ontology``), every notice's named graph and the links graph —
so that the library queries give the same rows on a server loaded from it. Formats:

- ``nq``: N-Quads, every graph named (Oxigraph, Virtuoso, QLever, GraphDB, Jena);
- ``trig``: TriG, one ``<graph> { … }`` block per graph;
- ``ttl``: Turtle, the triples of every graph in one graph (for loaders without named
  graphs; the queries read the union of the graphs anyway).

The notices are streamed from the build's ``notices/*.nq`` and ``links.nq``, one line at a
time, so memory does not grow with the corpus. A name ending in ``.gz`` is gzipped. Here
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

from ..build.store import ontology_ntriples
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


def _graph_files(build: Path, *, links: bool) -> list[tuple[str, Path]]:
    """(graph, N-Quads file) of every notice, then the links graph."""
    notices = sorted((build / "notices").glob("*.nq"))
    if not notices:
        raise UsageError(f"{build}: no built notices (notices/*.nq); run `kgtools build` first")
    files = [(notice_iri_text(p.stem), p) for p in notices]
    if links and (build / "links.nq").is_file():
        files.append((LINKS_GRAPH, build / "links.nq"))
    return files


def _triples_of(path: Path) -> Iterator[bytes]:
    """The N-Triples lines of an N-Quads file kgtools wrote (``… <graph> .``), streamed."""
    with path.open("rb") as f:
        for line in f:
            body = line.rstrip()
            if body:
                body = body[:-1].rstrip()  # the final " ."
                yield body[: body.rfind(b" <")] + b" .\n"


def _copy_counting(path: Path, out: Writable) -> int:
    """Copy a file as it is; the number of its lines."""
    lines = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            out.write(chunk)
            lines += chunk.count(b"\n")
    return lines


def write_export(
    build: Path, out: Writable, *, fmt: str = "nq", ontology: bool = True, links: bool = True
) -> ExportResult:
    """Write the build in ``fmt`` to a binary stream.

    :raises UsageError: not a build directory, an unknown format.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    files = _graph_files(build, links=links)
    graphs: list[tuple[str, Iterable[bytes] | Path]] = []
    if ontology:
        lines = sorted(ontology_ntriples().encode("utf-8").splitlines())
        graphs.append((ONTOLOGY_GRAPH, [line + b"\n" for line in lines if line.strip()]))
    graphs += files
    result = ExportResult()
    if fmt != "nq":
        out.write(b"# xuncha-kg: ontology, themes, notices and links (kgtools export)\n")
    for graph, source in graphs:
        result.graphs += 1
        name = f"<{graph}>".encode()
        if fmt == "nq" and isinstance(source, Path):
            result.statements += _copy_counting(source, out)  # already N-Quads of this graph
            continue
        if fmt == "trig":
            out.write(name + b" {\n")
        for triple in _triples_of(source) if isinstance(source, Path) else source:
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
