"""Every shape against small fictional graphs (tests/shapes_cases/: invented 示例市, 某县,
某县虚构局 — not real organizations). base.ttl passes every shape; each
``<Shape>[.<variant>].pass.ru`` edit of it stays valid (a boundary case) and each
``….break.ru`` edit gives exactly the one result on its ``# expect:`` line. Both engines —
pySHACL (the reference) and the SPARQL engine — must give exactly that."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kgtools.validate import load_shapes, validate_graphs
from kgtools.validate.pyshacl_engine import validate_one as _validate_one
from kgtools.validate.report import ID_BASE, ValidationResult

CASES = Path(__file__).resolve().parent / "shapes_cases"
NOTICE = ID_BASE + "shapes-case"
SH_NAME = URIRef("http://www.w3.org/ns/shacl#name")
SHAPES_NS = "https://w3id.org/xuncha/shapes#"
HEADER = f"""BASE <{ID_BASE}>
PREFIX xk: <https://w3id.org/xuncha/ontology#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
_EXPECT = re.compile(r"^# expect: (.+)$", re.MULTILINE)
FILES = sorted(CASES.glob("*.ru"))


@cache
def shape_names() -> dict[str, str]:
    """Shape local name (file prefix) → its sh:name (the ``shape`` of a result)."""
    shapes = load_shapes().graph
    return {
        str(s).removeprefix(SHAPES_NS): str(name)
        for s, name in shapes.subject_objects(SH_NAME)
        if str(s).startswith(SHAPES_NS)
    }


@cache
def base() -> str:
    return Graph().parse(CASES / "base.ttl", format="turtle").serialize(format="nt")


def edited(case: Path) -> str:
    graph = Graph().parse(data=base(), format="nt")
    graph.update(HEADER + case.read_text(encoding="utf-8"))
    return graph.serialize(format="nt")


def expected(case: Path) -> list[tuple[str, str, str, str | None, str | None]]:
    """[(shape name, severity, focus IRI, path, value IRI)] from the case's ``# expect:``
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
                    ID_BASE + value if value else None))  # fmt: skip
    return sorted(out, key=str)


def _seen(results: list[ValidationResult], with_value: bool) -> list[tuple]:
    seen = [
        (r.shape, r.severity, r.focus, r.path, r.value if with_value else None) for r in results
    ]
    return sorted(seen, key=str)


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
    with_value = bool(want and want[0][4])
    data = edited(case)
    reference = _validate_one(NOTICE, data, load_shapes())
    assert _seen(reference, with_value) == want
    fast = validate_graphs([(NOTICE, data)], engine="sparql")
    assert _seen(fast, with_value) == want
    for result in reference:
        assert re.search("[\u4e00-\u9fff]", result.message_zh), result
        # English, though it may quote Chinese terms such as 公开期限
        assert re.match(r"[A-Z][a-z]+ [a-z]+", result.message_en), result
