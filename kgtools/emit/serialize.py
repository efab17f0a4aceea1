"""RDF and JSON output: sorted N-Quads (byte-identical on rebuild), TriG, atomic file writes.

TriG is written here rather than by rdflib's serializer: one graph block per notice,
subjects sorted, terms compacted with the project's prefixes. Blocks of several notices
concatenate into a valid TriG file, so a corpus file never needs the whole graph in memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rdflib import Dataset, Literal, URIRef

from ..record import NoticeRecord, to_json
from ..vocab import RDF_TYPE, notice_iri_text
from .files import concat_atomic, write_atomic
from .ntriples import literal, nquads_text, quoted
from .quads import record_quads
from .terms import PREFIXES
from .triples import Triple, notice_iri, record_triples

__all__ = ["concat_atomic", "write_atomic"]  # re-exported: their home is .files

# Longest namespace first, so that a prefix never shadows a longer one.
_COMPACT = sorted(((str(ns), name) for name, ns in PREFIXES.items()), key=lambda t: -len(t[0]))
_SAFE_LOCAL = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def trig_prefixes() -> str:
    """The @prefix lines every TriG file starts with."""
    return "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in sorted(PREFIXES.items()))


@lru_cache(maxsize=100_000)
def _compact_iri(iri: str) -> str:
    if iri == RDF_TYPE:
        return "a"
    for ns, name in _COMPACT:
        if iri.startswith(ns):
            local = iri[len(ns) :]
            if local and set(local) <= _SAFE_LOCAL and not local[0].isdigit():
                return f"{name}:{local}"
    return f"<{iri}>"


def _compact(term: URIRef | Literal) -> str:
    if isinstance(term, Literal):
        if term.datatype is not None:
            return f"{quoted(str(term))}^^{_compact_iri(str(term.datatype))}"
        if term.language:
            return f"{quoted(str(term))}@{term.language}"
        return quoted(str(term))
    return _compact_iri(str(term))


def trig_block(graph_name: URIRef, triples: Iterable[Triple]) -> str:
    """One named graph as a TriG block (no prefix lines), subjects sorted."""
    by_subject: dict[str, list[str]] = defaultdict(list)
    for s, p, o in set(triples):
        by_subject[_compact(s)].append(f"{_compact(p)} {_compact(o)}")
    lines = [f"{_compact(graph_name)} {{"]
    for subject in sorted(by_subject, key=lambda c: c.strip("<>")):
        pairs = sorted(by_subject[subject], key=lambda po: (po[:2] != "a ", po))
        lines.append(f"    {subject} " + " ;\n        ".join(pairs) + " .")
    lines.append("}\n")
    return "\n".join(lines)


def trig_document(graph_name: URIRef, triples: Iterable[Triple]) -> str:
    """One named graph as a TriG document with prefixes."""
    return trig_prefixes() + "\n" + trig_block(graph_name, triples)


def record_trig(rec: NoticeRecord) -> str:
    """A notice's named graph as a TriG document."""
    return trig_document(notice_iri(rec.notice_id), record_triples(rec))


def nt_term(term: URIRef | Literal) -> str:
    """A term in N-Triples syntax (literals escaped on one line, unlike Turtle's n3())."""
    if isinstance(term, Literal):
        dt = term.datatype
        return literal(str(term), lang=term.language, datatype=str(dt) if dt else None)
    return term.n3()


def ntriples_lines(triples: Iterable[Triple]) -> list[str]:
    """N-Triples lines, deduplicated and sorted."""
    return sorted({f"{s.n3()} {p.n3()} {nt_term(o)} .\n" for s, p, o in triples})


def nquads_lines(graph_name: URIRef, triples: Iterable[Triple]) -> list[str]:
    """N-Quads lines for triples in one named graph, deduplicated and sorted."""
    g = graph_name.n3()
    iris: dict[URIRef, str] = {}  # subjects and predicates repeat: write each once
    lines = set()
    for s, p, o in triples:
        s3 = iris.get(s) or iris.setdefault(s, s.n3())
        p3 = iris.get(p) or iris.setdefault(p, p.n3())
        lines.add(f"{s3} {p3} {nt_term(o)} {g} .\n")
    return sorted(lines)


def record_nquads(rec: NoticeRecord) -> str:
    """A notice's named graph as sorted N-Quads text (straight from the plain quads)."""
    return nquads_text(notice_iri_text(rec.notice_id), record_quads(rec))


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


def record_json(rec: NoticeRecord) -> str:
    """The notice record as pretty JSON."""
    return to_json(rec)
