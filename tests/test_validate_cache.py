"""A build's validation cache is keyed by content: each notice's digest in build.sqlite
(the SHA-256 of the N-Quads loaded into its graph), the shapes' digest, the engine and the
build format. A rebuild validates again the notices it changed, and only those; results
are read from the build's store, never from per-notice files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kgtools.build.corpus import build as build_corpus
from kgtools.build.notices_db import notice_digests
from kgtools.validate import load_shapes, validate, validate_build_cached

from .conftest import FIXTURES, ROOT, SAMPLE
from .test_cli import run

COUNTY = FIXTURES / "county-gbk-crlf.txt"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "notices"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    shutil.copy(COUNTY, folder / "county.txt")
    return folder


def test_a_rebuild_validates_again_only_the_notice_it_changed(sources: Path, tmp_path: Path, capsys) -> None:  # fmt: skip
    out = tmp_path / "build"
    build_corpus([sources], out=out)
    first = validate(out, engine="sparql")
    assert first.from_cache == 0 and first.conforms() and len(first.notices) == 2
    assert validate(out, engine="sparql").from_cache == 2  # unchanged: from the cache
    before = notice_digests(out)
    text = COUNTY.read_bytes().decode("gbk")
    assert "对120份干部档案进行专项审核。" in text
    (sources / "county.txt").write_text(
        text.replace("对120份干部档案进行专项审核。", ""), encoding="utf-8"
    )
    build_corpus([sources], out=out)
    after = notice_digests(out)
    assert after["county"] != before["county"] and after[SAMPLE.stem] == before[SAMPLE.stem]
    code, output, _ = run(["validate", str(out)], capsys)
    assert code == 1 and "[Violation] county/area/2/finding/1 — 问题没有整改措施" in output
    again = validate_build_cached(out, load_shapes())
    assert again.from_cache == 2 and not again.conforms()
    assert sorted(again.results, key=str) == sorted(
        validate(out, engine="pyshacl").results, key=str
    )


def test_a_removed_notice_leaves_the_report(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build_corpus([sources], out=out)
    assert len(validate(out).notices) == 2
    (sources / "county.txt").unlink()
    build_corpus([sources], out=out)
    report = validate(out)
    assert report.notices == [SAMPLE.stem] and report.from_cache == 1
    assert {r.notice for r in report.results} == {SAMPLE.stem}


def test_the_cache_is_per_engine_and_per_shapes(sample_build: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    shutil.copytree(sample_build, build)
    validate(build, engine="pyshacl")
    assert validate(build, engine="sparql").from_cache == 0
    assert validate(build, engine="sparql").from_cache == 1
    shapes = tmp_path / "shapes"
    shutil.copytree(ROOT / "shapes", shapes)
    assert validate(build, engine="sparql", shapes_dir=shapes).from_cache == 1  # the same shapes
    with (shapes / "core.ttl").open("a", encoding="utf-8") as edit:
        edit.write("# edited\n")
    assert validate(build, engine="sparql", shapes_dir=shapes).from_cache == 0


def test_a_broken_cache_file_is_started_anew(sample_build: Path, tmp_path: Path) -> None:
    from kgtools.validate.cache import CACHE_NAME

    build = tmp_path / "build"
    shutil.copytree(sample_build, build)
    (build / CACHE_NAME).write_bytes(b"not a database" * 100)
    report = validate(build)
    assert report.from_cache == 0 and report.conforms()
    assert validate(build).from_cache == 1


def test_a_builds_text_report_is_written_as_the_cache_is_read(sources: Path, tmp_path: Path, capsys) -> None:  # fmt: skip
    """`kgtools validate BUILD` (text) reads the cache one notice at a time: the same report,
    line for line, and the same exit codes as the report made from every result at once."""
    from kgtools.validate.report import format_text

    text = COUNTY.read_bytes().decode("gbk")
    (sources / "county.txt").write_text(text.replace("对120份干部档案进行专项审核。", ""), encoding="utf-8")  # fmt: skip
    out = tmp_path / "build"
    build_corpus([sources], out=out)
    whole = validate(out)
    assert not whole.conforms() and whole.counts()["Warning"] > 0
    code, printed, _ = run(["validate", str(out)], capsys)
    assert code == 1 and printed == format_text(whole)
    assert "[Violation] county/area/2/finding/1 — 问题没有整改措施" in printed
    assert printed.index("== county:") < printed.index(f"== {SAMPLE.stem}:")
    report = tmp_path / "reports" / "validation.txt"
    code, _, err = run(["validate", str(out), "--out", str(report), "--fail-on", "warning"], capsys)
    assert code == 1 and "Report written to" in err
    assert report.read_text(encoding="utf-8") == format_text(whole, level="Warning")
    assert report.read_text(encoding="utf-8").endswith("does not conform at level warning\n")
    blocked = tmp_path / "file"
    blocked.write_text("")
    code, _, err = run(["validate", str(out), "--out", str(blocked / "report.txt")], capsys)
    assert code == 2 and "cannot write the report" in err


def test_a_conforming_builds_streamed_report_exits_0(sample_build: Path, tmp_path: Path, capsys) -> None:  # fmt: skip
    build = tmp_path / "build"
    shutil.copytree(sample_build, build)
    code, printed, _ = run(["validate", str(build)], capsys)
    assert code == 0 and printed.endswith("conforms at level violation\n")
    assert printed.startswith(f"== {SAMPLE.stem}: 0 violation(s), ")
