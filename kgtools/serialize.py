"""RDF and JSON output: sorted N-Quads (byte-identical on rebuild), TriG, atomic file writes."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Literal, URIRef

from .emit import Triple, notice_iri, record_triples
from .record import NoticeRecord, to_json
from .vocab import PREFIXES


def _term(t: URIRef | Literal) -> str:
    return t.n3()


def nquads_lines(graph_name: URIRef, triples: Iterable[Triple]) -> list[str]:
    """N-Quads lines for triples in one named graph, deduplicated and sorted."""
    g = graph_name.n3()
    return sorted({f"{_term(s)} {_term(p)} {_term(o)} {g} .\n" for s, p, o in triples})


def record_nquads(rec: NoticeRecord) -> str:
    """A notice's named graph as sorted N-Quads text."""
    return "".join(nquads_lines(notice_iri(rec.notice_id), record_triples(rec)))


def dataset_of(records: Iterable[NoticeRecord]) -> Dataset:
    """An rdflib Dataset with one named graph per notice."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for rec in records:
        graph = ds.graph(notice_iri(rec.notice_id))
        for triple in record_triples(rec):
            graph.add(triple)
    return ds


def record_trig(rec: NoticeRecord) -> str:
    """A notice's named graph as TriG."""
    return dataset_of([rec]).serialize(format="trig")


def record_json(rec: NoticeRecord) -> str:
    """The notice record as pretty JSON."""
    return json.dumps(to_json(rec), ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
