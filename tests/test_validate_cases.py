"""Every shape against small fictional graphs (tests/shapes_cases/: invented 示例市, 某县,
某县虚构局 — not real organizations). base.ttl passes every shape; each
``<Shape>[.<variant>].pass.ru`` edit of it stays valid (a boundary case) and each
``….break.ru`` edit gives exactly the results on its ``# expect:`` lines. Both engines —
pySHACL (the reference) and the SPARQL engine generated from the same shapes — must give
exactly that, with a message in Chinese and one in English."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kgtools.validate import load_shapes, validate_graphs
from kgtools.validate.pyshacl_engine import validate_one as _validate_one
from kgtools.validate.report import ID_BASE, ValidationResult
from kgtools.validate.shapes import shape_names as _names

CASES = Path(__file__).resolve().parent / "shapes_cases"
NOTICE = ID_BASE + "shapes-case"
SH_NAME = URIRef("http://www.w3.org/ns/shacl#name")
SHAPES_NS = "https://w3id.org/xuncha/shapes#"
XK = "https://w3id.org/xuncha/ontology#"
HEADER = f"""BASE <{ID_BASE}>
PREFIX xk: <{XK}>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
_EXPECT = re.compile(r"^# expect: (.+)$", re.MULTILINE)
FILES = sorted(CASES.glob("*.ru"))


@cache
def shape_names() -> dict[str, str]:
    """Shape local name (file prefix) → the name results give it (its English sh:name)."""
    shapes = load_shapes().graph
    return {
        str(s).removeprefix(SHAPES_NS): _names(shapes, s)[0]
        for s in set(shapes.subjects(SH_NAME, None))
        if str(s).startswith(SHAPES_NS)
    }


@cache
def base() -> str:
    return Graph().parse(CASES / "base.ttl", format="turtle").serialize(format="nt")


def edited(case: Path) -> str:
    graph = Graph().parse(data=base(), format="nt")
    graph.update(HEADER + case.read_text(encoding="utf-8"))
    return graph.serialize(format="nt")


def _value(text: str) -> str | None:
    """An expected value: ``xk:Name``, ``"literal"``, or an IRI relative to …/id/notice/."""
    if not text:
        return None
    if text.startswith("xk:"):
        return XK + text[3:]
    if text.startswith('"'):
        return text.strip('"')
    return ID_BASE + text


def expected(case: Path) -> list[tuple[str, str, str, str | None, str | None]]:
    """[(shape name, severity, focus IRI, path, value)] from the case's ``# expect:``
    lines (a line may name another shape as ``Shape:Severity``, for a result the edit
    cannot help giving)."""
    lines = _EXPECT.findall(case.read_text(encoding="utf-8"))
    assert lines, f"{case.name}: no '# expect:' line"
    if lines[0].strip() == "nothing":
        return []
    out = []
    for line in lines:
        severity, focus, rest = line.split(" ", 2)
        path, _, value = rest.partition(" value=")
        shape_key, _, severity_name = severity.rpartition(":")
        shape = shape_names()[shape_key or case.name.split(".")[0]]
        out.append((shape, severity_name, ID_BASE + focus, None if path.strip() == "-" else path.strip(),
                    _value(value.strip())))  # fmt: skip
    return sorted(out, key=str)


def _matches(results: list[ValidationResult], want: list[tuple]) -> bool:
    """The results are exactly the expected ones (a value is compared where one is
    expected)."""
    left = sorted(((r.shape, str(r.severity), r.focus, r.path, r.value) for r in results), key=str)
    if len(left) != len(want):
        return False
    for expected_one in sorted(want, key=lambda w: w[4] is None):  # valued ones first
        hit = next(
            (x for x in left if x[:4] == expected_one[:4] and expected_one[4] in (None, x[4])), None
        )
        if hit is None:
            return False
        left.remove(hit)
    return True


def test_base_graph_passes_every_shape_with_both_engines() -> None:
    assert _validate_one(NOTICE, base(), load_shapes()) == []
    assert validate_graphs([(NOTICE, base())], engine="sparql") == []


def test_every_shape_has_a_passing_and_a_breaking_case() -> None:
    kinds = {(f.name.split(".")[0], f.name.split(".")[-2]) for f in FILES}
    for shape in shape_names():
        assert (shape, "pass") in kinds and (shape, "break") in kinds, shape
    assert {shape for shape, _ in kinds} <= set(shape_names()), "a case names an unknown shape"


@pytest.mark.parametrize("case", FILES, ids=[f.stem for f in FILES])
def test_case_gives_exactly_the_expected_result(case: Path) -> None:
    want = expected(case)
    data = edited(case)
    reference = _validate_one(NOTICE, data, load_shapes())
    seen = sorted((r.shape, str(r.severity), r.focus, r.path, r.value) for r in reference)
    assert _matches(reference, want), seen
    fast = validate_graphs([(NOTICE, data)], engine="sparql")
    assert sorted(fast, key=str) == sorted(reference, key=str)  # every field, messages included
    for result in reference:
        assert re.search("[\u4e00-\u9fff]", result.message_zh), result
        # English, though it may quote Chinese terms such as 公开期限
        assert re.match(r"[A-Za-z]", result.message_en) and not re.search(
            "[{}]", result.message_en
        ), result
