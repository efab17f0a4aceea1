"""Every namespace and IRI of the ontology and the data, once, as plain strings.

No rdflib here: the reader, the recognizers, the store and the query runner use these
strings; the rdflib terms of the emit stage are built from them in :mod:`kgtools.emit.terms`.
"""

from __future__ import annotations

from urllib.parse import quote

XK_NS = "https://w3id.org/xuncha/ontology#"
ID_NS = "https://w3id.org/xuncha/id/"
NOTICE_BASE = ID_NS + "notice/"
SHAPES_NS = "https://w3id.org/xuncha/shapes#"
ONTOLOGY_GRAPH = "https://w3id.org/xuncha/ontology"
LINKS_GRAPH = ID_NS + "graph/links"

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
SH_NS = "http://www.w3.org/ns/shacl#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS_NS = "http://purl.org/dc/terms/"
PROV_NS = "http://www.w3.org/ns/prov#"
TIME_NS = "http://www.w3.org/2006/time#"
ORG_NS = "http://www.w3.org/ns/org#"
SCHEMA_NS = "https://schema.org/"
OA_NS = "http://www.w3.org/ns/oa#"

RDF_TYPE = RDF_NS + "type"
RDF_LANGSTRING = RDF_NS + "langString"
RDFS_LABEL = RDFS_NS + "label"
XSD_STRING = XSD_NS + "string"
XSD_INTEGER = XSD_NS + "integer"
XSD_DECIMAL = XSD_NS + "decimal"
XSD_DATE = XSD_NS + "date"
NOTICE_CLASS = XK_NS + "Notice"

#: prefix → namespace, in the order documents declare them
PREFIXES: dict[str, str] = {
    "xk": XK_NS,
    "id": ID_NS,
    "org": ORG_NS,
    "schema": SCHEMA_NS,
    "prov": PROV_NS,
    "time": TIME_NS,
    "skos": SKOS_NS,
    "dcterms": DCTERMS_NS,
    "rdfs": RDFS_NS,
    "xsd": XSD_NS,
    "owl": OWL_NS,
    "oa": OA_NS,
}

GENRES = {"progress": XK_NS + "GenreProgress", "centralized": XK_NS + "GenreCentralized"}
LEVELS = {
    "central": XK_NS + "LevelCentral",
    "province": XK_NS + "LevelProvince",
    "city": XK_NS + "LevelCity",
    "county": XK_NS + "LevelCounty",
    "other": XK_NS + "LevelOther",
}
KINDS = {"巡视": XK_NS + "KindXunshi", "巡察": XK_NS + "KindXuncha"}
ROLES = {
    "formulated": XK_NS + "RoleFormulated",
    "cited": XK_NS + "RoleCited",
    "studied": XK_NS + "RoleStudied",
}

STATUSES = {
    "completed": XK_NS + "StatusCompleted",
    "basically": XK_NS + "StatusBasically",
    "ongoing": XK_NS + "StatusOngoing",
}


def notice_iri_text(notice_id: str) -> str:
    """The IRI of a notice (and the name of its graph) as a string; the id percent-encoded."""
    return NOTICE_BASE + quote(notice_id, safe="-_.~")
