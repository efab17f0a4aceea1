"""The ontology is the single source of truth: every term the code, shapes and queries use
is declared in ontology/, with labels in zh and en and a definition in zh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kgtools.build.corpus import build
from kgtools.emit.terms import PREFIXES, XK
from kgtools.resources import ontology_path

from .conftest import FIXTURES, ROOT, SAMPLE

DECLARING = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property,
             SKOS.Concept, SKOS.ConceptScheme, OWL.NamedIndividual, OWL.Ontology}  # fmt: skip
NOT_TERMS = {str(RDF.type)}
VOCABS = tuple(str(ns) for name, ns in PREFIXES.items() if name not in ("id", "xsd"))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    g = Graph()
    for path in ontology_path().parent.glob("*.ttl"):
        g.parse(path)
    return g


def _declared(g: Graph) -> set[str]:
    return {
        str(s)
        for s, o in g.subject_objects(RDF.type)
        if o in DECLARING or (o, RDF.type, OWL.Class) in g
    }


def _terms_in_text(text: str) -> set[str]:
    """xk: terms and full vocabulary IRIs mentioned in a Turtle or SPARQL text."""
    prefixes = dict(re.findall(r"(?im)^\s*@?prefix\s+(\w*):\s*<([^>]+)>", text))
    terms = {iri for iri in re.findall(r"<([^>\s]+)>", text) if iri.startswith(VOCABS)}
    for prefix, local in re.findall(r"(?<![\w/#])(\w+):([A-Za-z_][\w\-]*)", text):
        base = prefixes.get(prefix) or (str(PREFIXES[prefix]) if prefix in PREFIXES else None)
        if base and base.startswith(VOCABS):
            terms.add(base + local)
    return {t for t in terms if not t.endswith(("#", "/"))}


def test_ontology_header_has_a_version(ontology: Graph) -> None:
    header = next(ontology.subjects(RDF.type, OWL.Ontology))
    assert ontology.value(header, OWL.versionInfo) is not None


def test_every_xk_term_has_bilingual_labels_and_a_chinese_definition(ontology: Graph) -> None:
    terms = {
        s
        for s in ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(str(XK))
    }
    assert len(terms) > 60
    for term in terms:
        labels = {lbl.language for lbl in ontology.objects(term, RDFS.label)} | {
            lbl.language for lbl in ontology.objects(term, SKOS.prefLabel)
        }
        assert {"zh", "en"} <= labels, term
        assert any(d.language == "zh" for d in ontology.objects(term, SKOS.definition)), term


def test_every_term_the_graph_uses_is_declared(ontology: Graph, tmp_path: Path) -> None:
    build([SAMPLE, *sorted(FIXTURES.glob("*.txt"))], out=tmp_path)
    data = Graph()
    for trig in (tmp_path / "notices").glob("*.trig"):
        data.parse(trig, format="trig")
    used = {str(p) for p in data.predicates()} | {str(o) for o in data.objects(None, RDF.type)}
    used |= {str(o) for o in data.objects() if isinstance(o, URIRef) and str(o).startswith(str(XK))}
    missing = sorted(used - _declared(ontology) - NOT_TERMS)
    assert not missing


def test_every_term_the_code_names_is_declared(ontology: Graph) -> None:
    used = set()
    for path in (ROOT / "kgtools").rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        names = re.findall(r"\bXK\.(\w+)", code) + re.findall(r'\bXK \+ "(\w+)"', code)
        used |= {str(XK) + name for name in names}
    assert len(used) > 40
    assert not sorted(used - _declared(ontology))


def test_every_term_the_emitter_writes_is_declared(ontology: Graph) -> None:
    """Names the emitter builds from tables (``XK + prop``) too: every xk: term of the
    graphs of the sample and the fixtures."""
    from kgtools.emit.quads import record_quads
    from kgtools.errors import KgtoolsError
    from kgtools.extract import extract_file

    used = set()
    notices = [ROOT / "data" / "notices" / "dandong-kexie-2024.txt"]
    notices += sorted((ROOT / "tests" / "fixtures" / "atlas").glob("*/*.txt"))
    for path in notices:
        try:
            quads = record_quads(extract_file(path))
        except KgtoolsError:  # a neighbouring genre, refused
            continue
        used |= {
            t for _, p, o in quads for t in (p, o) if isinstance(t, str) and t.startswith(str(XK))
        }
    assert len(used) > 80
    assert not sorted(used - _declared(ontology))


@pytest.mark.parametrize("folder,suffix", [("shapes", "*.ttl"), ("queries", "*.rq")])
def test_every_term_shapes_and_queries_use_is_declared(
    ontology: Graph, folder: str, suffix: str
) -> None:
    files = sorted((ROOT / folder).glob(suffix))
    assert len(files) >= 4, f"{folder}/ has lost its files: the check would see nothing"
    declared = _declared(ontology)
    builtins = ("http://www.w3.org/ns/shacl#", str(OWL))  # the languages themselves
    for path in files:
        missing = sorted(t for t in _terms_in_text(path.read_text(encoding="utf-8")) - declared - NOT_TERMS
                         if not t.startswith(builtins))  # fmt: skip
        assert not missing, path.name
