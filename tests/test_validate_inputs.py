"""What ``kgtools validate`` reads (Turtle, N-Quads, TriG) and the input errors that must
exit 2, never 1: nothing to validate, an unwritable report file. The Turtle graph is the
fictional tests/shapes_cases/base.ttl (invented 示例市/某县 organizations)."""

from __future__ import annotations

from pathlib import Path

import pytest

import kgtools

from .test_cli import run

CASES = Path(__file__).resolve().parent / "shapes_cases"


def test_validate_is_public_api() -> None:
    assert {"validate", "ValidationReport", "ValidationResult"} <= set(kgtools.__all__)
    report = kgtools.validate([CASES / "base.ttl"])
    assert isinstance(report, kgtools.ValidationReport)
    assert report.notices == ["shapes-case"] and report.conforms("Warning")


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_graph_files_of_a_build(fmt: str, sample_build: Path, tmp_path: Path, capsys) -> None:
    """The whole store written as one file (ontology, links and notice graphs), as
    ``kgtools export`` writes it."""
    from pyoxigraph import RdfFormat

    from kgtools.build.store import open_read_only

    path = tmp_path / f"graph.{fmt}"
    store = open_read_only(sample_build / "store")
    store.dump(path, format=RdfFormat.N_QUADS if fmt == "nq" else RdfFormat.TRIG)
    code, out, _ = run(["validate", str(path)], capsys)
    assert code == 0 and "== dandong-kexie-2024: 0 violation(s), 15 warning(s) ==" in out


def test_a_turtle_graph(capsys) -> None:
    code, out, _ = run(["validate", str(CASES / "base.ttl"), "--fail-on", "warning"], capsys)
    assert code == 0 and "== shapes-case: 0 violation(s), 0 warning(s) ==" in out


@pytest.mark.parametrize("what", ["empty directory", "empty trig", "graph without notices"])
def test_nothing_to_validate_exits_2(what: str, tmp_path: Path, capsys) -> None:
    target = {
        "empty directory": tmp_path,
        "empty trig": tmp_path / "empty.trig",
        "graph without notices": tmp_path / "links.ttl",
    }[what]
    if what == "empty trig":
        target.write_text("", encoding="utf-8")
    if what == "graph without notices":
        target.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    code, out, err = run(["validate", str(target)], capsys)
    assert code == 2 and out == ""
    assert err.startswith("Error: ") and ("no notice to validate" in err or "no xk:Notice" in err)


def test_unwritable_report_exits_2(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, _, err = run(
        ["validate", str(CASES / "base.ttl"), "--out", str(blocker / "report.txt")], capsys
    )
    assert code == 2 and "cannot write the report" in err
