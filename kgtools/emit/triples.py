"""The notice's graph as rdflib terms, for the Python API, the exporters and pySHACL.

The quads themselves are made once, as plain strings, in :mod:`.quads`; this module only
turns them into rdflib terms (the build never needs it).
"""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef

from ..display import clip
from ..record import NoticeRecord
from ..vocab import notice_iri_text
from .quads import Lit, Object, record_quads
from .terms import PROV

Triple = tuple[URIRef, URIRef, URIRef | Literal]
LABEL_LENGTH = 24


def notice_iri(notice_id: str) -> URIRef:
    """The IRI of a notice (also the name of its graph)."""
    return URIRef(notice_iri_text(notice_id))


def short_label(text: str) -> str:
    """A label for display: the first characters of the text."""
    return clip(text, LABEL_LENGTH)


def rdf_term(term: Object) -> URIRef | Literal:
    """An rdflib term of a quad's object (literals keep their lexical form as written)."""
    if isinstance(term, Lit):
        datatype = URIRef(term.datatype) if term.datatype else None
        return Literal(term.text, lang=term.lang, datatype=datatype, normalize=False)
    return URIRef(term)


def record_triples(rec: NoticeRecord) -> list[Triple]:
    """The triples of one notice, in emission order."""
    iris: dict[str, URIRef] = {}

    def iri(text: str) -> URIRef:
        return iris.get(text) or iris.setdefault(text, URIRef(text))

    return [(iri(s), iri(p), iri(o) if isinstance(o, str) else rdf_term(o))
            for s, p, o in record_quads(rec)]  # fmt: skip


def record_graph(rec: NoticeRecord, dataset: Dataset | None = None) -> Graph:
    """Add a notice's named graph to ``dataset`` (a new one by default) and return it."""
    ds = dataset if dataset is not None else Dataset()
    graph = ds.graph(notice_iri(rec.notice_id))
    for triple in record_triples(rec):
        graph.add(triple)
    return graph


__all__ = ["notice_iri", "rdf_term", "record_graph", "record_triples", "short_label", "PROV"]
