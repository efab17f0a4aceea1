"""``--format junit`` is valid against the Jenkins JUnit schema (tests/junit-10.xsd, from
the Jenkins xUnit plugin), every failing test case has its <failure>, the counts are those
of the elements, and a shape without sh:name still gets a test case, named from its IRI."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from .conftest import ROOT, SAMPLE
from .test_cli import run

XSD = Path(__file__).resolve().parent / "junit-10.xsd"

UNNAMED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xk: <https://w3id.org/xuncha/ontology#> .
@prefix ex: <https://example.org/shapes#> .
ex:AtMostThreeAreas a sh:NodeShape ;
    sh:targetClass xk:Notice ;
    sh:property [ sh:path xk:hasProblemArea ; sh:maxCount 3 ;
        sh:message "问题领域多于三个"@zh, "More than three problem areas"@en ] .
"""


def _junit(args: list[str], out: Path, capsys) -> tuple[int, etree._Element]:  # type: ignore[name-defined]
    code, _, _ = run(["validate", *args, "--format", "junit", "--out", str(out)], capsys)
    document = etree.parse(str(out))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(document), schema.error_log
    return code, document.getroot()


def _check_counts(root: etree._Element) -> None:  # type: ignore[name-defined]
    cases = root.findall("testsuite/testcase")
    failing = [c for c in cases if c.find("failure") is not None]
    assert int(root.get("tests")) == len(cases) and int(root.get("failures")) == len(failing)
    for suite in root.findall("testsuite"):
        mine = suite.findall("testcase")
        assert int(suite.get("tests")) == len(mine)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in mine)


def test_junit_of_the_sample_is_valid_and_counts_its_elements(tmp_path: Path, capsys) -> None:
    code, root = _junit([str(SAMPLE), "--fail-on", "warning"], tmp_path / "v.xml", capsys)
    assert code == 1
    _check_counts(root)
    failed = {c.get("name") for c in root.iter("testcase") if c.find("failure") is not None}
    assert failed == {"measure has a concrete result", "notice states totals"}


def test_a_shape_without_a_name_fails_with_its_failure(tmp_path: Path, capsys) -> None:
    """Exit 1 means a <failure> CI can show: the unnamed shape's case is named from its IRI."""
    folder = tmp_path / "shapes"
    shutil.copytree(ROOT / "shapes", folder)
    (folder / "unnamed.ttl").write_text(UNNAMED, encoding="utf-8")
    code, root = _junit([str(SAMPLE), "--shapes", str(folder)], tmp_path / "v.xml", capsys)
    assert code == 1
    _check_counts(root)
    [case] = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert case.get("name") == "AtMostThreeAreas"
    assert "More than three problem areas" in case.find("failure").get("message")
    assert int(root.get("failures")) == 1
