"""The rdflib terms of the emit stage, built from the strings of :mod:`kgtools.vocab`."""

from __future__ import annotations

from functools import cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from .. import vocab


class _CachedNamespace(Namespace):
    """A Namespace that builds each term's URIRef once (emit asks for them millions of times)."""

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return _term(str(self), name)


@cache
def _term(base: str, name: str) -> URIRef:
    return URIRef(base + name)


XK = _CachedNamespace(vocab.XK_NS)
ID = Namespace(vocab.ID_NS)
ORG = Namespace(vocab.ORG_NS)
SCHEMA = _CachedNamespace(vocab.SCHEMA_NS)
OA = Namespace(vocab.OA_NS)

PREFIXES: dict[str, Namespace] = {name: Namespace(ns) for name, ns in vocab.PREFIXES.items()}
GENRES = {k: URIRef(v) for k, v in vocab.GENRES.items()}
LEVELS = {k: URIRef(v) for k, v in vocab.LEVELS.items()}
KINDS = {k: URIRef(v) for k, v in vocab.KINDS.items()}
ROLES = {k: URIRef(v) for k, v in vocab.ROLES.items()}
STATUSES = {k: URIRef(v) for k, v in vocab.STATUSES.items()}

__all__ = [
    "DCTERMS", "GENRES", "ID", "KINDS", "LEVELS", "OA", "ORG", "OWL", "PREFIXES", "PROV",
    "RDF", "RDFS", "ROLES", "SCHEMA", "SKOS", "STATUSES", "TIME", "XK", "XSD",
]  # fmt: skip
