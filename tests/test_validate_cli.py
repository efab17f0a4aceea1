"""``kgtools validate`` through the CLI: exit codes, formats, the HTML report in a browser."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, SAMPLE
from .test_cli import run


def test_sample_conforms_with_exit_0_and_warnings_listed(sample_build: Path, capsys) -> None:
    code, out, _ = run(["validate", str(sample_build)], capsys)
    assert code == 0
    assert "0 violation(s), 15 warning(s)" in out
    assert "[Warning] dandong-kexie-2024/area/1/finding/1/measure/2 — 整改措施没有具体成果" in out


def test_warnings_fail_with_exit_1_when_asked(sample_build: Path, capsys) -> None:
    code, _, _ = run(["validate", str(sample_build), "--fail-on", "warning"], capsys)
    assert code == 1


def test_a_violation_gives_exit_1(tmp_path: Path, capsys) -> None:
    text = (FIXTURES / "county-gbk-crlf.txt").read_bytes().decode("gbk")
    (tmp_path / "n.txt").write_text(
        text.replace("对120份干部档案进行专项审核。", ""), encoding="utf-8"
    )
    code, out, _ = run(["validate", str(tmp_path / "n.txt")], capsys)
    assert code == 1 and "[Violation] n/area/2/finding/1 — 问题没有整改措施" in out


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["validate", "/nonexistent/graph.trig"], "no such file"),
        (["validate", "{bad}"], "unknown format"),
    ],
)
def test_usage_errors_exit_2(args: list[str], reason: str, tmp_path: Path, capsys) -> None:
    if args[1] == "{bad}":
        bad = tmp_path / "graph.csv"
        bad.write_text("a,b\n", encoding="utf-8")
        args = ["validate", str(bad)]
    code, _, err = run(args, capsys)
    assert code == 2 and reason in err


def test_unreadable_graph_and_bad_shapes_exit_2(tmp_path: Path, sample_build: Path, capsys) -> None:
    broken = tmp_path / "broken.trig"
    broken.write_text("<a> <b> { this is not trig", encoding="utf-8")
    code, _, err = run(["validate", str(broken)], capsys)
    assert code == 2 and "broken.trig" in err
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "bad.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . sh:x sh:y", encoding="utf-8"
    )
    code, _, err = run(["validate", str(sample_build), "--shapes", str(shapes)], capsys)
    assert code == 2 and "bad shapes file" in err


def test_json_format(sample_build: Path, capsys) -> None:
    code, out, _ = run(["validate", str(sample_build), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["conforms"] is True and data["counts"]["Warning"] == 15
    result = next(r for r in data["results"] if r["shape"] == "notice states totals")
    assert (
        result["focus"].endswith("/notice/dandong-kexie-2024") and result["path"] == "statesTotals"
    )


def test_junit_format(sample_build: Path, tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "v.xml"
    code, _, _ = run(["validate", str(sample_build), "--format", "junit", "--fail-on", "warning",
                      "--out", str(out_file)], capsys)  # fmt: skip
    assert code == 1
    root = ET.parse(out_file).getroot()
    suite = root.find("testsuite")
    assert suite.get("name") == "dandong-kexie-2024"
    failed = {
        case.get("name") for case in suite.findall("testcase") if case.find("failure") is not None
    }
    assert failed == {"measure has a concrete result", "notice states totals"}
    assert suite.get("failures") == root.get("failures") == "2"  # failed cases, not results


def test_html_report_in_a_browser(sample_build: Path, tmp_path: Path, capsys, browser) -> None:
    out_file = tmp_path / "report.html"
    code, _, _ = run(
        ["validate", str(sample_build), "--format", "html", "--out", str(out_file)], capsys
    )
    assert code == 0
    browser.get(out_file.as_uri())
    summary = browser.find_element("id", "summary")
    assert summary.get_attribute("data-conforms") == "true"
    rows = browser.find_elements("css selector", "tr.warning")
    assert len(rows) == 15
    assert "加强与建站单位的沟通" in browser.page_source
    browser.save_screenshot(str(tmp_path / "validate.png"))


def test_directory_of_notices_is_built_on_the_fly(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_bytes(SAMPLE.read_bytes())
    code, out, _ = run(["validate", str(tmp_path)], capsys)
    assert code == 0 and "== a: 0 violation(s), 15 warning(s) ==" in out


def test_a_store_is_validated_in_place(sample_build: Path, capsys) -> None:
    code, out, _ = run(["validate", str(sample_build / "store")], capsys)
    assert code == 0 and "1 notice(s): 0 violation(s), 15 warning(s)" in out


BAD_SHAPES = {
    "unknown prefix": ("@prefix sh: <http://www.w3.org/ns/shacl#> .\n\nfoo:Shape a sh:NodeShape .\n",
                       ":3: bad shapes file", 'Prefix "foo:" not bound'),
    "ill-typed count": ("@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix xk: <https://w3id.org/xuncha/ontology#> .\n"
                        "<urn:s> a sh:NodeShape ;\n  sh:targetClass xk:Notice ;\n"
                        '  sh:property [ sh:path xk:issuedBy ; sh:minCount "one" ] .\n',
                        ":5: bad shapes file", "non-negative xsd:integer"),
    "SPARQL with an unknown prefix": (
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix xk: <https://w3id.org/xuncha/ontology#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass xk:Notice ;\n"
        '  sh:sparql [ sh:message "x"@en ; sh:select "SELECT $this WHERE { $this foo:bar ?x }" ] .\n',
        ":4: bad shapes file", "the query does not parse: unknown prefix 'foo:' at 1:35"),
    "SPARQL that does not parse": (
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix xk: <https://w3id.org/xuncha/ontology#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass xk:Notice ;\n"
        '  sh:sparql [ sh:message "x"@en ; sh:select "SELECT $this WHERE { $this ?p ?x " ] .\n',
        ":4: bad shapes file", "the query does not parse: error at 1:34: expected one of"),
}  # fmt: skip


@pytest.mark.parametrize("what", sorted(BAD_SHAPES))
def test_bad_shapes_exit_2_with_one_line_naming_the_file(what: str, tmp_path: Path, capsys) -> None:
    text, where, why = BAD_SHAPES[what]
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "bad.ttl").write_text(text, encoding="utf-8")
    code, out, err = run(["validate", str(SAMPLE), "--shapes", str(shapes)], capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert f"bad.ttl{where}" in err and why in err, err


def test_a_misspelled_notice_class_is_an_input_error_not_a_pass(
    sample_build: Path, tmp_path: Path, capsys
) -> None:
    """Data in which no notice is found exits 2, in a graph file and in a build."""
    from pyoxigraph import RdfFormat, Store

    build = tmp_path / "build"
    shutil.copytree(sample_build, build, ignore=shutil.ignore_patterns("validation-cache.*"))
    nq = Store(str(build / "store")).dump(format=RdfFormat.N_QUADS).decode("utf-8")
    typo = nq.replace(
        "<https://w3id.org/xuncha/ontology#Notice>", "<https://w3id.org/xuncha/ontology#Notce>"
    )
    assert typo != nq
    (tmp_path / "typo.nq").write_text(typo, encoding="utf-8")
    code, _, err = run(["validate", str(tmp_path / "typo.nq")], capsys)
    assert code == 2 and "has no xk:Notice" in err
    store = Store(str(build / "store"))  # the notice's class misspelled in the build's store
    store.update("PREFIX xk: <https://w3id.org/xuncha/ontology#> "
                 "DELETE { GRAPH ?g { ?n a xk:Notice } } INSERT { GRAPH ?g { ?n a xk:Notce } } "
                 "WHERE { GRAPH ?g { ?n a xk:Notice } }")  # fmt: skip
    del store
    code, out, err = run(["validate", str(build)], capsys)
    assert code == 2 and "conforms" not in out and "dandong-kexie-2024" in err
    assert "no xk:Notice" in err or "a xk:Notice" in err


def test_the_pre_commit_hook_runs_on_notices_and_graph_files() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hook = dict(re.findall(r"^\s*(files|exclude): '(.*)'$", text, re.MULTILINE))
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    for path in [
        "data/notices/a.txt",
        "data/notices/b.docx",
        "build/graph.trig",
        "out/n.nq",
        "x/notice.ttl",
    ]:
        assert files.search(path) and not exclude.search(path), path
    for path in ["shapes/core.ttl", "ontology/xuncha.ttl", "README.md", "kgtools/cli/__init__.py"]:
        assert not (files.search(path) and not exclude.search(path)), path
