"""Namespaces and IRIs of the xuncha ontology and the data."""

from __future__ import annotations

from functools import cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD


class _CachedNamespace(Namespace):
    """A Namespace that builds each term's URIRef once (emit asks for them millions of times)."""

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return _term(str(self), name)


@cache
def _term(base: str, name: str) -> URIRef:
    return URIRef(base + name)


XK = _CachedNamespace("https://w3id.org/xuncha/ontology#")
ID = Namespace("https://w3id.org/xuncha/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = _CachedNamespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES: dict[str, Namespace] = {
    "xk": XK,
    "id": ID,
    "org": ORG,
    "schema": SCHEMA,
    "prov": PROV,
    "time": TIME,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "oa": OA,
}

GENRES = {"progress": XK.GenreProgress, "centralized": XK.GenreCentralized}
LEVELS = {
    "central": XK.LevelCentral,
    "province": XK.LevelProvince,
    "city": XK.LevelCity,
    "county": XK.LevelCounty,
    "other": XK.LevelOther,
}
KINDS = {"巡视": XK.KindXunshi, "巡察": XK.KindXuncha}
ROLES = {"formulated": XK.RoleFormulated, "cited": XK.RoleCited, "studied": XK.RoleStudied}

__all__ = [
    "DCTERMS",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SKOS",
    "TIME",
    "XSD",
    "XK",
    "ID",
    "ORG",
    "SCHEMA",
    "OA",
]
