"""Namespaces and IRIs of the xuncha ontology and the data."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

XK = Namespace("https://w3id.org/xuncha/ontology#")
ID = Namespace("https://w3id.org/xuncha/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
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
