"""The SPARQL engine is generated from the shapes it is given: ``--shapes`` means the same
to both engines, ``--engine auto`` cannot change an exit code where it switches engines
(49 vs 50 notices), and shapes it cannot compile run with pySHACL."""

from __future__ import annotations

import json
import shutil
from dataclasses import astuple
from pathlib import Path

import pytest

from kgtools.emit.serialize import ntriples_lines
from kgtools.emit.triples import notice_iri, record_triples
from kgtools.extract import extract_bytes
from kgtools.validate import load_shapes, validate, validate_graphs
from kgtools.validate.api import AUTO_SPARQL_FROM, choose_engine
from kgtools.validate.sparql_engine import supports

from .conftest import FIXTURES, ROOT, SAMPLE
from .test_cli import run
from .test_validate_breakages import BREAKAGES, HEADER, broken

# the breakages the issue found the two engines to disagree on, or both to miss
DISAGREED = ["impossible-date", "second-feedback-date", "second-level", "second-end-offset",
             "findings-unlinked", "ghost-measure", "measure-on-problem-area",
             "finding-class-typo", "measure-class-typo", "interval-without-start", "no-clean-text"]  # fmt: skip


def _copies(count: int, *, breaking: bool) -> list[tuple[str, str]]:
    """``count`` copies of the fictional county notice with distinct identities, each with
    one of the breakages in turn (or none)."""
    data = (FIXTURES / "county-gbk-crlf.txt").read_bytes()
    out = []
    for i in range(count):
        rec = extract_bytes(data, name=f"copy-{i:03d}.txt")
        nt = "".join(ntriples_lines(record_triples(rec)))
        if breaking:
            name = DISAGREED[i % len(DISAGREED)]
            nt = broken(nt, HEADER + (BREAKAGES / f"{name}.ru").read_text(encoding="utf-8"))
        out.append((str(notice_iri(rec.notice_id)), nt))
    return out


def _nquads(pairs: list[tuple[str, str]], path: Path) -> Path:
    lines = [line[: line.rstrip().rfind(" .")] + f" <{graph}> .\n"
             for graph, nt in pairs for line in nt.splitlines() if line.strip()]  # fmt: skip
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("breaking", [True, False], ids=["broken", "conforming"])
def test_auto_cannot_change_an_exit_code_at_the_switch_over(
    breaking: bool, tmp_path: Path, capsys
) -> None:
    pairs = _copies(AUTO_SPARQL_FROM, breaking=breaking)
    outcomes = []
    for count in (AUTO_SPARQL_FROM - 1, AUTO_SPARQL_FROM):
        path = _nquads(pairs[:count], tmp_path / f"{count}.nq")
        code, out, _ = run(["validate", str(path), "--engine", "auto", "--format", "json"], capsys)
        outcomes.append((code, json.loads(out)))
    (code_below, below), (code_at, at) = outcomes
    assert (below["engine"], at["engine"]) == ("pyshacl", "sparql")  # the switch happened
    assert code_below == code_at == (1 if breaking else 0)
    shared = set(below["notices"])
    assert [r for r in at["results"] if r["notice"] in shared] == below["results"]
    if breaking:  # every breakage the issue found missed or disputed is caught
        caught = {r["notice"] for r in below["results"] if r["severity"] == "Violation"}
        assert caught == shared


def test_shapes_folder_means_the_same_to_both_engines(tmp_path: Path) -> None:
    """A shape added in a custom folder runs in both; a shape removed runs in neither."""
    folder = tmp_path / "shapes"
    shutil.copytree(ROOT / "shapes", folder)
    (folder / "recommended.ttl").unlink()
    (folder / "extra.ttl").write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xk: <https://w3id.org/xuncha/ontology#> .
@prefix ex: <https://example.org/shapes#> .
ex:FewAreas a sh:NodeShape ;
    sh:name "a notice has at most three problem areas"@en, "通报至多三个问题领域"@zh ;
    sh:targetClass xk:Notice ;
    sh:property [ sh:path xk:hasProblemArea ; sh:maxCount 3 ;
        sh:message "问题领域多于三个"@zh, "More than three problem areas"@en ] .
""", encoding="utf-8")  # fmt: skip
    shapes = load_shapes(folder)
    rec = extract_bytes(SAMPLE.read_bytes(), name="dandong-kexie-2024.txt")
    pairs = [(str(notice_iri(rec.notice_id)), "".join(ntriples_lines(record_triples(rec))))]
    reference = sorted(astuple(r) for r in validate_graphs(pairs, shapes=shapes, engine="pyshacl"))
    fast = sorted(astuple(r) for r in validate_graphs(pairs, shapes=shapes, engine="sparql"))
    assert fast == reference
    assert [r[3] for r in reference] == [
        "a notice has at most three problem areas"
    ]  # 5 areas, no warning


TARGETED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix xk: <https://w3id.org/xuncha/ontology#> .
@prefix ex: <https://example.org/shapes#> .
ex:MeasureOffsets a sh:NodeShape ;
    sh:name "a measure's start offset"@en, "措施的起始偏移"@zh ;
    sh:targetClass xk:Measure ;
    sh:property [ sh:path xk:startOffset ; sh:datatype xsd:integer ; sh:maxCount 1 ;
        sh:message "起始偏移不是唯一的整数"@zh, "The start offset is not one integer"@en ] ;
    sh:property [ sh:path [ sh:alternativePath ( xk:startOffset xk:endOffset ) ] ; sh:maxCount 2 ;
        sh:message "偏移多于两个"@zh, "More than two offsets"@en ] .
"""


def test_a_property_shape_reports_its_targets_only(tmp_path: Path) -> None:
    """The SPARQL engine finds a property shape's failing values (and counts) before it
    looks at the targets: a node outside them with the same faults gives no result."""
    folder = tmp_path / "shapes"
    folder.mkdir()
    (folder / "measure.ttl").write_text(TARGETED, encoding="utf-8")
    shapes = load_shapes(folder)
    rec = extract_bytes((FIXTURES / "county-gbk-crlf.txt").read_bytes(), name="copy.txt")
    nt = "".join(ntriples_lines(record_triples(rec)))

    def first(cls: str) -> str:
        return next(line.split()[0] for line in nt.splitlines()
                    if line.endswith(f"<https://w3id.org/xuncha/ontology#{cls}> .")
                    and "#type>" in line)  # fmt: skip

    measure, finding = first("Measure"), first("Finding")
    offset = "<https://w3id.org/xuncha/ontology#startOffset>"
    nt += "".join(f'{node} {offset} "x" .\n' for node in (measure, finding))
    pairs = [(str(notice_iri(rec.notice_id)), nt)]
    reference = sorted((astuple(r) for r in validate_graphs(pairs, shapes=shapes, engine="pyshacl")), key=repr)  # fmt: skip
    fast = sorted((astuple(r) for r in validate_graphs(pairs, shapes=shapes, engine="sparql")), key=repr)  # fmt: skip
    assert fast == reference
    # the datatype ("x") and both counts (one property; a path that is not, its values
    # counted distinct), at the measure only: the finding has the same faults but no
    # shape targets it
    found = sorted(((r[2], r[5], r[7]) for r in reference), key=repr)
    assert found == sorted([(measure[1:-1], "The start offset is not one integer", "x"),
                            (measure[1:-1], "The start offset is not one integer", None),
                            (measure[1:-1], "More than two offsets", None)], key=repr)  # fmt: skip


UNSUPPORTED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xk: <https://w3id.org/xuncha/ontology#> .
@prefix ex: <https://example.org/shapes#> .
ex:SameTitle a sh:NodeShape ;
    sh:name "title equals label"@en, "标题等于标签"@zh ;
    sh:targetClass xk:Regulation ;
    sh:property [ sh:path xk:title ; sh:equals <http://www.w3.org/2000/01/rdf-schema#label> ;
        sh:message "标题与标签不同"@zh, "Title differs from label"@en ] .
"""


def test_shapes_the_sparql_engine_cannot_compile_run_with_pyshacl(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "shapes"
    folder.mkdir()
    (folder / "equals.ttl").write_text(UNSUPPORTED, encoding="utf-8")
    shapes = load_shapes(folder)
    assert not supports(shapes) and supports(load_shapes())
    assert choose_engine("auto", 1000, shapes) == "pyshacl"
    code, _, err = run(
        ["validate", str(SAMPLE), "--shapes", str(folder), "--engine", "sparql"], capsys
    )
    assert code == 2 and "sh:equals" in err and "--engine pyshacl" in err
    report = validate([SAMPLE], shapes_dir=folder)
    assert report.engine == "pyshacl" and report.notices == ["dandong-kexie-2024"]
