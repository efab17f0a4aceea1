"""The shapes files themselves: each parses and runs on its own, names and messages in
Chinese and English, targets the concrete classes, code lists and the closed vocabulary
that follow the ontology; the fictional county notice (tests/fixtures/, invented 某县)
passes every shape."""

from __future__ import annotations

import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SKOS

from kgtools.build.sources import find_sources
from kgtools.emit.serialize import ntriples_lines
from kgtools.emit.triples import record_triples
from kgtools.extract import extract_file
from kgtools.resources import load_ontology
from kgtools.validate import load_shapes, validate
from kgtools.validate.pyshacl_engine import data_graph
from kgtools.validate.pyshacl_engine import validate_one as _one
from kgtools.validate.vocabulary import terms_shapes

from .conftest import FIXTURES, ROOT

SHAPES = ROOT / "shapes"
SH = "http://www.w3.org/ns/shacl#"
XKS = "https://w3id.org/xuncha/shapes#"
XK = "https://w3id.org/xuncha/ontology#"
N = "https://w3id.org/xuncha/id/notice/county-gbk-crlf"
FILES = sorted(SHAPES.glob("*.ttl"))
CONSTRAINTS = {"minCount", "maxCount", "class", "datatype", "in", "hasValue", "minLength", "or",
               "qualifiedValueShape", "closed", "minInclusive", "sparql", "pattern"}  # fmt: skip


@pytest.fixture(scope="module")
def passing() -> str:
    rec = extract_file(FIXTURES / "county-gbk-crlf.txt")
    return "".join(ntriples_lines(record_triples(rec)))


def test_the_fictional_notice_passes_every_shape(passing: str) -> None:
    assert _one(N, passing, load_shapes()) == []


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_each_file_parses_and_runs_on_its_own(path: Path, passing: str) -> None:
    """No file borrows another's prefixes (Turtle or sh:prefixes): pySHACL runs it alone."""
    alone = Graph().parse(path, format="turtle")
    conforms, results, text = pyshacl.validate(
        data_graph(passing), shacl_graph=alone, allow_warnings=True
    )
    assert conforms, text
    assert len(set(alone.subjects(URIRef(SH + "name"), None))) >= 1


def _shapes_with_constraints(graph: Graph) -> list:
    return sorted(
        {s for s, p in graph.subject_predicates() if str(p).removeprefix(SH) in CONSTRAINTS},
        key=str,
    )


def test_names_and_messages_in_chinese_and_english() -> None:
    graph = load_shapes().graph
    for shape in set(graph.subjects(URIRef(SH + "name"), None)):
        names = {n.language: str(n) for n in graph.objects(shape, URIRef(SH + "name"))}
        assert set(names) == {"zh", "en"} and re.search("[\u4e00-\u9fff]", names["zh"]), shape
    members = {m for lst in graph.objects(None, URIRef(SH + "or")) for m in Collection(graph, lst)}
    nested = members | set(graph.objects(None, URIRef(SH + "qualifiedValueShape")))
    for shape in _shapes_with_constraints(graph):
        if shape in nested:
            continue  # a part of another shape's constraint: that shape speaks for it
        holder = graph.value(shape, URIRef(SH + "sparql")) or shape
        languages = {m.language for m in graph.objects(holder, URIRef(SH + "message"))}
        assert languages == {"zh", "en"}, shape


def test_messages_tell_missing_from_malformed_from_too_many() -> None:
    """A property with several constraints has a message for each, never one for all."""
    graph = load_shapes().graph
    for shape in _shapes_with_constraints(graph):
        kinds = {str(p).removeprefix(SH) for p in graph.predicates(shape, None)} & CONSTRAINTS
        assert len(kinds) == 1 or kinds == {"qualifiedValueShape"}, (shape, kinds)
    malformed = [
        str(m) for m in graph.objects(None, URIRef(SH + "message")) if "malformed date" in str(m)
    ]
    assert len(malformed) >= 8


def test_provenance_targets_every_concrete_extracted_class() -> None:
    ontology = load_ontology()
    concrete = {
        str(c) for c in ontology.transitive_subjects(RDFS.subClassOf, URIRef(XK + "ExtractedNode"))
    }
    concrete.discard(XK + "ExtractedNode")
    targets = {
        str(t)
        for t in load_shapes().graph.objects(
            URIRef(XKS + "ProvenancePresent"), URIRef(SH + "targetClass")
        )
    }
    assert targets == concrete


def test_shapes_target_no_abstract_class_but_the_closed_vocabulary() -> None:
    """Shapes fire without subclass inference: they target the classes nodes are typed with."""
    graph = load_shapes().graph
    for shape, cls in graph.subject_objects(URIRef(SH + "targetClass")):
        if str(shape) in (XKS + "TermsDeclared", XKS + "ClassesDeclared"):
            continue  # every declared class, on purpose
        assert str(cls) != XK + "ExtractedNode", shape


@pytest.mark.parametrize(("shape", "scheme"), [
    ("RegulationRoleFromCodeList", "RegulationRoleScheme"),
    ("NoticeCodesFromCodeLists", "GenreScheme"),
    ("NoticeCodesFromCodeLists", "LevelScheme"),
    ("InspectionKindFromCodeList", "InspectionKindScheme"),
    ("FindingStatusFromCodeList", "RectificationStatusScheme"),
])  # fmt: skip
def test_code_lists_are_the_ontology_schemes(shape: str, scheme: str) -> None:
    graph, ontology = load_shapes().graph, load_ontology()
    concepts = {str(c) for c in ontology.subjects(SKOS.inScheme, URIRef(XK + scheme))}
    lists = [{str(i) for i in Collection(graph, lst)}
             for prop in graph.objects(URIRef(XKS + shape), URIRef(SH + "property"))
             for lst in graph.objects(prop, URIRef(SH + "in"))]  # fmt: skip
    assert concepts in lists


def test_the_closed_vocabulary_is_generated_from_the_ontology() -> None:
    """shapes/terms.ttl is what `python -m kgtools.validate.write_terms` writes today."""
    current = terms_shapes(load_ontology())
    assert (SHAPES / "terms.ttl").read_text(encoding="utf-8") == current, (
        "the ontology changed: run `python -m kgtools.validate.write_terms > shapes/terms.ttl`"
    )


def test_an_unknown_term_is_named_with_the_nearest_declared_one(passing: str) -> None:
    graph = Graph().parse(data=passing, format="nt")
    finding = URIRef(f"{N}/area/1/finding/1")
    graph.remove((finding, RDF.type, URIRef(XK + "Finding")))
    graph.add((finding, RDF.type, URIRef(XK + "Findng")))
    graph.add((finding, URIRef(XK + "quotee"), Literal("x")))
    results = _one(N, graph.serialize(format="nt"), load_shapes())
    messages = {r.message_en for r in results if r.shape.startswith("every class")}
    assert messages == {
        "Class xk:Findng is not declared in the ontology (a typo?): use a declared class; the nearest is xk:Finding",
        "Property xk:quotee is not declared in the ontology (a typo?): use a declared property; the nearest is xk:quote",
    }


def test_an_impossible_date_is_a_malformed_date_not_a_traceback(passing: str, capsys) -> None:
    nt = passing.replace('"2024-06-12"^^<http://www.w3.org/2001/XMLSchema#date>',
                         '"2024-02-30"^^<http://www.w3.org/2001/XMLSchema#date>')  # fmt: skip
    assert nt != passing
    results = _one(N, nt, load_shapes())
    assert [r.message_en.split(":")[0] for r in results] == ["Malformed date"]
    assert results[0].value == "2024-02-30"
    assert "Traceback" not in capsys.readouterr().err


def test_a_problem_without_measures_gives_one_violation_naming_it(tmp_path) -> None:
    text = (FIXTURES / "county-gbk-crlf.txt").read_bytes().decode("gbk")
    text = text.replace(
        "（1）干部档案管理不严格。对120份干部档案进行专项审核。", "（1）干部档案管理不严格。"
    )
    path = tmp_path / "no-measure.txt"
    path.write_text(text, encoding="utf-8")
    report = validate([path])
    [violation] = report.at_or_above("Violation")
    assert violation.focus.endswith("no-measure/area/2/finding/1")
    assert (
        violation.label == "干部档案管理不严格"
        and violation.shape == "finding has a measure, unless it is still being rectified"
    )
    assert find_sources([path]) == [path]
