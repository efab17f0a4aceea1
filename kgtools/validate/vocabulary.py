"""The closed vocabulary: shapes/terms.ttl, generated from the ontology, and the nearest
declared term to an unknown one.

Every class and property a notice graph uses must be declared in the ontology. The check
is SHACL Core (``sh:closed`` with every declared property, ``sh:in`` with every declared
class on ``rdf:type``), so every SHACL engine runs it the same way and quickly. The lists
follow the ontology: ``python -m kgtools.validate.write_terms > shapes/terms.ttl`` writes the
file again, and a test fails while it differs from what this module generates.

Messages may use two placeholders that kgtools fills in for both engines: ``{?term}``, the
unknown term (the result's value for ``rdf:type``, its path otherwise), and ``{?nearest}``,
the declared term of the same kind nearest to it (difflib).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..vocab import OWL_NS, PREFIXES, RDF_NS, RDF_TYPE, RDFS_NS, SKOS_NS, XK_NS

_CLASS_KINDS = (OWL_NS + "Class", RDFS_NS + "Class")
_PROPERTY_KINDS = (
    OWL_NS + "ObjectProperty",
    OWL_NS + "DatatypeProperty",
    OWL_NS + "AnnotationProperty",
    RDF_NS + "Property",
)
TERM = re.compile(r"\{[?$]term\}")
NEAREST = re.compile(r"\{[?$]nearest\}")
_PREFIXES = {"rdf": RDF_NS, **{k: v for k, v in PREFIXES.items() if k != "id"}}


@dataclass(frozen=True)
class Declared:
    """The classes and properties an ontology declares (full IRIs)."""

    classes: frozenset[str]
    properties: frozenset[str]


def declared(ontology: Any) -> Declared:
    """The classes and properties an rdflib ontology graph declares."""
    from rdflib import URIRef

    def typed(kinds: Iterable[str]) -> frozenset[str]:
        return frozenset(
            str(s)
            for kind in kinds
            for s in ontology.subjects(URIRef(RDF_TYPE), URIRef(kind))
            if isinstance(s, URIRef)
        )

    return Declared(classes=typed(_CLASS_KINDS), properties=typed(_PROPERTY_KINDS))


def curie(iri: str) -> str:
    """``xk:Finding`` for a term of a known namespace, else ``<iri>``."""
    for prefix, namespace in _PREFIXES.items():
        if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z_][\w\-]*", iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def nearest(term: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to ``term`` (difflib, on prefixed names), or None."""
    names = {curie(c): c for c in candidates}
    match = difflib.get_close_matches(curie(term), sorted(names), n=1, cutoff=0.6)
    return names[match[0]] if match else None


def fill(message: str, *, term: str, known: Declared, is_class: bool) -> str:
    """``message`` with {?term} and {?nearest} filled in (unchanged when it has neither)."""
    if not (TERM.search(message) or NEAREST.search(message)):
        return message
    near = nearest(term, known.classes if is_class else known.properties)
    message = TERM.sub(lambda _: curie(term), message)
    return NEAREST.sub(lambda _: curie(near) if near else "—", message)


def _turtle_list(iris: Iterable[str], indent: str, sep: str = "") -> str:
    return (sep + "\n" + indent).join(curie(i) for i in sorted(iris, key=curie))


def terms_shapes(ontology: Any) -> str:
    """The text of shapes/terms.ttl for an rdflib ontology graph."""
    from rdflib import URIRef

    known = declared(ontology)
    concept = URIRef(SKOS_NS + "Concept")

    def is_concept_class(cls: str) -> bool:
        from rdflib.namespace import RDFS

        supers = set(ontology.transitive_objects(URIRef(cls), RDFS.subClassOf))
        return concept in supers or cls in (SKOS_NS + "Concept", SKOS_NS + "ConceptScheme")

    # nodes of a notice graph: its classes' instances (code-list concepts live in the
    # ontology), every node with provenance, and the objects of links to nodes without
    node_classes = sorted(c for c in known.classes if not is_concept_class(c))
    links = sorted(
        str(p)
        for p in ontology.subjects(URIRef(RDF_TYPE), URIRef(OWL_NS + "ObjectProperty"))
        if str(p).startswith(XK_NS)
        and all(
            str(r).startswith(XK_NS) and not is_concept_class(str(r))
            for r in ontology.objects(p, URIRef(RDFS_NS + "range"))
        )
        and any(True for _ in ontology.objects(p, URIRef(RDFS_NS + "range")))
    )
    used = {RDF_NS, RDFS_NS, OWL_NS, XK_NS} | {
        ns
        for ns in _PREFIXES.values()
        if any(t.startswith(ns) for t in known.properties | known.classes)
    }
    prefixes = "\n".join(
        f"@prefix {name}: <{ns}> ." for name, ns in _PREFIXES.items() if ns in used
    )
    return _TEMPLATE.format(
        prefixes=prefixes,
        targets=_turtle_list(node_classes, "        ", ","),
        links=_turtle_list(links, "        ", ","),
        properties=_turtle_list(known.properties, "        "),
        classes=_turtle_list(known.classes, "        "),
    )


_TEMPLATE = """\
# Closed vocabulary (sh:Violation): every class and property a notice graph uses is
# declared in the ontology, so a misspelled class or property is a violation naming it
# (and the declared term nearest to it), not a node no shape looks at. SHACL Core only
# (sh:closed, sh:in): every engine runs it alike, with or without the ontology.
# GENERATED from ontology/ by `python -m kgtools.validate.write_terms > shapes/terms.ttl`;
# do not edit (tests fail while it differs). kgtools fills in {{?term}} (the unknown term)
# and {{?nearest}} (the declared term nearest to it); other engines leave them as they are.

@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xks: <https://w3id.org/xuncha/shapes#> .
{prefixes}

xks:TermsDeclared a sh:NodeShape ;
    sh:name "every class and property is declared in the ontology"@en, "所用的类和属性都在本体中声明"@zh ;
    sh:targetClass {targets} ;
    sh:targetSubjectsOf xk:startOffset ;
    sh:targetObjectsOf {links} ;
    sh:closed true ;
    sh:ignoredProperties ( rdf:type
        {properties} ) ;
    sh:message "本体中没有声明属性 {{?term}}（拼写错误？）：请改用本体中声明的属性，最接近的是 {{?nearest}}"@zh,
        "Property {{?term}} is not declared in the ontology (a typo?): use a declared property; the nearest is {{?nearest}}"@en .

# The same rule for classes, a shape of its own with the same targets, so that engines read
# its long list once rather than once per node.
xks:ClassesDeclared a sh:PropertyShape ;
    sh:name "every class and property is declared in the ontology"@en, "所用的类和属性都在本体中声明"@zh ;
    sh:targetClass {targets} ;
    sh:targetSubjectsOf xk:startOffset ;
    sh:targetObjectsOf {links} ;
    sh:path rdf:type ;
    sh:in ( {classes} ) ;
    sh:message "本体中没有声明类 {{?term}}（拼写错误？）：请改用本体中声明的类，最接近的是 {{?nearest}}"@zh,
        "Class {{?term}} is not declared in the ontology (a typo?): use a declared class; the nearest is {{?nearest}}"@en .
"""
