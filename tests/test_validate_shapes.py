"""Each shape: the fictional county notice (tests/fixtures/, invented 某县) passes every shape,
and one edit of its graph breaks exactly that shape, with the expected focus node, path
and severity."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph

from kgtools.build.sources import find_sources
from kgtools.emit.serialize import ntriples_lines
from kgtools.emit.triples import record_triples
from kgtools.extract import extract_file
from kgtools.validate import load_shapes as _load_shapes
from kgtools.validate.pyshacl_engine import validate_one as _one

from .conftest import FIXTURES


def validate_one(notice: str, nt: str) -> list:
    return _one(notice, nt, _load_shapes())


N = "https://w3id.org/xuncha/id/notice/county-gbk-crlf"
PREFIXES = f"""PREFIX xk: <https://w3id.org/xuncha/ontology#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX n: <{N}/>
"""
M11, M12, M21 = (
    "n:area\\/1\\/finding\\/1\\/measure\\/1",
    "n:area\\/1\\/finding\\/1\\/measure\\/2",
    "n:area\\/1\\/finding\\/2\\/measure\\/1",
)


def _iri(local: str) -> str:
    return f"<{N}/{local}>" if local else f"<{N}>"


# shape name → (SPARQL Update on the passing graph, expected (severity, focus, path))
CASES = {
    "finding has a measure, unless it is still being rectified": (
        f"DELETE WHERE {{ {_iri('area/1/finding/2')} xk:hasMeasure ?m . ?m ?p ?o . }}",
        ("Violation", "area/1/finding/2", "hasMeasure"),
    ),
    "notice has findings or totals": (
        f"DELETE WHERE {{ ?f a xk:Finding }} ; DELETE WHERE {{ {_iri('')} xk:statesTotals ?t }}",
        ("Violation", "", None),
    ),
    "measure belongs to exactly one finding": (
        f"INSERT DATA {{ {_iri('area/2/finding/1')} xk:hasMeasure {_iri('area/1/finding/1/measure/1')} }}",
        ("Violation", "area/1/finding/1/measure/1", "^hasMeasure"),
    ),
    "notice names issuer, round, inspected body, team, stationing, feedback and publication": (
        f"DELETE WHERE {{ {_iri('round')} xk:conductedBy ?team }}",
        ("Violation", "", "reportsOn / conductedBy"),
    ),
    "interval starts no later than it ends": (
        f"""DELETE {{ {_iri("round/stationing/end")} time:inXSDDate ?d }}
            INSERT {{ {_iri("round/stationing/end")} time:inXSDDate "2024-03-01"^^xsd:date }}
            WHERE {{ {_iri("round/stationing/end")} time:inXSDDate ?d }}""",
        ("Violation", "round/stationing", None),
    ),
    "feedback comes after the stationing ends": (
        f"""DELETE {{ {_iri("round")} xk:feedbackDate ?d }} INSERT {{ {_iri("round")} xk:feedbackDate "2024-04-30"^^xsd:date }}
            WHERE {{ {_iri("round")} xk:feedbackDate ?d }}""",
        ("Violation", "round", None),
    ),
    "publication starts after the feedback": (
        f"""DELETE {{ {_iri("publication/start")} time:inXSDDate ?d }}
            INSERT {{ {_iri("publication/start")} time:inXSDDate "2024-06-01"^^xsd:date }}
            WHERE {{ {_iri("publication/start")} time:inXSDDate ?d }}""",
        ("Violation", "", None),
    ),
    "dates are xsd:date": (
        f'INSERT DATA {{ {_iri("area/1/finding/1/measure/1")} xk:mentionsDate "2024年13月" }}',
        ("Violation", "area/1/finding/1/measure/1", "mentionsDate"),
    ),
    "regulation has a title": (
        f"DELETE WHERE {{ {_iri('regulation/e7a8843a1ab8')} xk:title ?t }}",
        ("Violation", "regulation/e7a8843a1ab8", "title"),
    ),
    "output has a numeric value and a unit": (
        f"DELETE WHERE {{ {_iri('area/2/finding/1/measure/1/output/1')} schema:unitText ?u }}",
        ("Violation", "area/2/finding/1/measure/1/output/1", "https://schema.org/unitText"),
    ),
    "extracted node has provenance": (
        f"DELETE WHERE {{ {_iri('area/2/finding/1')} xk:startOffset ?s }}",
        ("Violation", "area/2/finding/1", "startOffset"),
    ),
    "quote equals the notice text at its offsets": (
        f"""DELETE {{ {_iri("area/2/finding/1")} xk:quote ?q }} INSERT {{ {_iri("area/2/finding/1")} xk:quote "干部档案管理很严格" }}
            WHERE {{ {_iri("area/2/finding/1")} xk:quote ?q }}""",
        ("Violation", "", None),
    ),
    "measure has a concrete result": (
        f"DELETE WHERE {{ {_iri('area/2/finding/1/measure/1')} xk:hasOutput ?o }}",
        ("Warning", "area/2/finding/1/measure/1", None),
    ),
    "notice states totals": (
        f"DELETE WHERE {{ {_iri('')} xk:statesTotals ?t }}",
        ("Warning", "", "statesTotals"),
    ),
    "notice gives a contact": (
        f"DELETE WHERE {{ {_iri('')} xk:contact ?c }}",
        ("Warning", "", "contact"),
    ),
    "regulation role from the code list": (
        f"""DELETE {{ ?r xk:role ?x }} INSERT {{ ?r xk:role xk:RoleInvented }}
            WHERE {{ BIND({_iri("regulation/e7a8843a1ab8")} AS ?r) ?r xk:role ?x }}""",
        (
            "Violation",
            "regulation/e7a8843a1ab8",
            "role / http://www.w3.org/2004/02/skos/core#inScheme",
        ),
    ),
    "notice genre and level from the code lists": (
        f"DELETE {{ ?n xk:level ?l }} INSERT {{ ?n xk:level xk:LevelVillage }} WHERE {{ BIND({_iri('')} AS ?n) ?n xk:level ?l }}",
        ("Violation", "", "level"),
    ),
    "inspection kind from the code list": (
        f"DELETE {{ ?r xk:inspectionKind ?k }} INSERT {{ ?r xk:inspectionKind xk:KindInvented }} WHERE {{ BIND({_iri('round')} AS ?r) ?r xk:inspectionKind ?k }}",
        ("Violation", "round", "inspectionKind"),
    ),
}


@pytest.fixture(scope="module")
def passing() -> str:
    rec = extract_file(FIXTURES / "county-gbk-crlf.txt")
    return "".join(ntriples_lines(record_triples(rec)))


def test_the_fictional_notice_passes_every_shape(passing: str) -> None:
    assert validate_one(N, passing) == []


def test_every_shape_has_a_breaking_case() -> None:
    from kgtools.validate import load_shapes

    assert set(load_shapes().names) == set(CASES)


@pytest.mark.parametrize("shape", sorted(CASES))
def test_one_edit_breaks_exactly_that_shape(shape: str, passing: str) -> None:
    update, (severity, focus, path) = CASES[shape]
    graph = Graph().parse(data=passing, format="nt")
    graph.update(PREFIXES + update)
    results = validate_one(N, graph.serialize(format="nt"))
    if severity == "Violation":  # removing all findings and totals also warns of no totals
        results = [r for r in results if r.severity == "Violation"]
    assert [(r.shape, r.severity, r.focus, r.path) for r in results] == [
        (shape, severity, f"{N}/{focus}" if focus else N, path)
    ]
    zh, en = results[0].message_zh, results[0].message_en
    assert (
        re.search("[\u4e00-\u9fff]", zh)
        and en
        and not re.search("[\u4e00-\u9fff]", en.split("(")[0])
    )


def test_a_problem_without_measures_gives_one_violation_naming_it(tmp_path) -> None:
    text = (FIXTURES / "county-gbk-crlf.txt").read_bytes().decode("gbk")
    text = text.replace(
        "（1）干部档案管理不严格。对120份干部档案进行专项审核。", "（1）干部档案管理不严格。"
    )
    path = tmp_path / "no-measure.txt"
    path.write_text(text, encoding="utf-8")
    from kgtools.validate import validate

    report = validate([path])
    [violation] = report.at_or_above("Violation")
    assert violation.focus.endswith("no-measure/area/2/finding/1")
    assert (
        violation.label == "干部档案管理不严格"
        and violation.shape == "finding has a measure, unless it is still being rectified"
    )
    assert find_sources([path]) == [path]
