"""The report's query catalog: `kgtools build` lists the queries without rows (each reads
the whole corpus, which an incremental build never does); `kgtools report` runs them."""

from __future__ import annotations

from pathlib import Path

from .conftest import SAMPLE
from .test_cli import run


def test_build_lists_the_queries_and_report_runs_them(tmp_path: Path, capsys) -> None:
    out = tmp_path / "build"
    code, _, _ = run(["build", str(SAMPLE), "--out", str(out)], capsys)
    assert code == 0
    page = (out / "report" / "queries.html").read_text(encoding="utf-8")
    assert "kgtools query concreteness" in page and "row(s)" not in page
    assert "<code>kgtools report</code> runs each query" in page
    code, _, _ = run(
        ["report", "--build", str(out)], capsys
    )  # nothing changed but the catalog's rows
    assert code == 0
    page = (out / "report" / "queries.html").read_text(encoding="utf-8")
    assert "row(s)" in page and "dandong-kexie-2024" in page
    code, _, _ = run(["build", str(SAMPLE), "--out", str(out)], capsys)  # unchanged: rows stay
    assert "row(s)" in (out / "report" / "queries.html").read_text(encoding="utf-8")
