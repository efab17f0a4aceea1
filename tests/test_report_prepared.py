"""The report's per-notice work done in the build's workers (kgtools.site.prepare): the files
they write are the bytes the report writes from the store, their validation results are
the ones validating the build from its store gives, and the report then reads no notice's
graph; a step that fails costs nothing but time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgtools.build.corpus import build
from kgtools.build.worker import Built, NoticeGraph, step_chunk
from kgtools.cli import cli
from kgtools.site import report as report_module
from kgtools.site.partstable import read_parts
from kgtools.site.prepare import ReportCollector, ReportStep
from kgtools.site.report import write_report
from kgtools.validate import load_shapes
from kgtools.validate.cache import CACHE_NAME, validate_build

from .conftest import FIXTURES, SAMPLE
from .test_queries import CORPUS

PER_NOTICE = ("graph/*.js", "notices/*.html")


def _sources(folder: Path) -> Path:
    """The sample, the query corpus and the genre fixtures (fictional): 24 notices, enough
    for worker processes (kgtools.build.worker.PARALLEL_FROM)."""
    folder.mkdir(parents=True)
    for path in [SAMPLE, *sorted(CORPUS.glob("*.txt")), *sorted((FIXTURES / "genre").glob("*.*"))]:
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kgtools build`` with its report, two workers."""
    root = tmp_path_factory.mktemp("prepared")
    src = _sources(root / "src")
    result = CliRunner().invoke(cli, ["build", str(src), "--out", str(root / "build"), "-j", "2", "-q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return root / "build"


def _edited_copy(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the sources and the build, the sample's sources edited (an organization
    renamed, fictional): (sources, build)."""
    src = tmp_path / "src"
    shutil.copytree(built.parent / "src", src)
    out = tmp_path / "build"
    shutil.copytree(built, out)
    edited = src / SAMPLE.name
    edited.write_text(edited.read_text(encoding="utf-8").replace("市科协党组", "示例市科协党组", 1), encoding="utf-8")  # fmt: skip
    return src, out


def _built_by_workers(src: Path, out: Path, report: Path) -> ReportCollector:
    """A build of ``src`` whose two workers run the report step (no report written after);
    the collector, committed."""
    collector = ReportCollector(out)
    build([src], out=out, jobs=2, step=ReportStep(str(report)), collect=collector)
    collector.commit()
    return collector


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for g in PER_NOTICE for p in folder.glob(g)}


def test_worker_pages_are_the_pages_the_report_writes_from_the_store(built: Path, tmp_path: Path) -> None:  # fmt: skip
    from_workers = _files(built / "report")
    write_report(built, tmp_path / "report", run_queries=False)  # every page from the store
    from_store = _files(tmp_path / "report")
    assert len(from_store) == 2 * 24
    assert from_workers.keys() == from_store.keys()
    differ = [name for name in from_store if from_workers[name] != from_store[name]]
    assert differ == []


def test_the_workers_validation_is_the_one_from_the_store(built: Path, tmp_path: Path) -> None:
    """The step's results, cached by the collector (no report run), equal validating the
    build's store with an empty cache."""
    out = tmp_path / "build"
    collector = _built_by_workers(built.parent / "src", out, tmp_path / "report")
    assert len(collector.keys) == 24
    shapes = load_shapes()
    cached = validate_build(out, shapes)
    assert cached.from_cache == len(cached.notices) == 24
    assert any(r.severity == "Warning" for r in cached.results)  # the sample has warnings
    (out / CACHE_NAME).unlink()
    fresh = validate_build(out, shapes)
    assert fresh.from_cache == 0
    assert cached.results == fresh.results


def test_the_report_after_the_build_reads_no_notice_graph(built: Path, tmp_path: Path) -> None:
    """One notice edited: its pages come from the graph its worker made, and the report
    reads no graph from the store (graph/all.html, which reads every notice's graph of a
    small corpus, capped off here)."""
    src, out = _edited_copy(built, tmp_path)

    def forbidden(*args: object) -> None:
        raise AssertionError(f"read from the store: {args[1:]}")

    with pytest.MonkeyPatch.context() as m:
        m.setattr(report_module, "view_from_store", forbidden)
        m.setattr(report_module, "MAX_ALL_NODES", 0)
        result = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "-j", "2", "-q"])
    assert result.exit_code == 0, result.output
    page = (out / "report" / "graph" / f"{SAMPLE.stem}.js").read_text(encoding="utf-8")
    assert "示例市科协党组" in page


def _graph(notice: str) -> NoticeGraph:
    return NoticeGraph(notice, b"", "0" * 64, {})


def test_a_failing_step_leaves_the_notices_without_a_result() -> None:
    def broken(graphs: list[NoticeGraph]) -> list[object]:
        raise RuntimeError("broken step")

    def short(graphs: list[NoticeGraph]) -> list[object]:
        return []

    from kgtools.build.worker import NoticeSummary

    summary = NoticeSummary("n1", "n1.txt", 0, 0, 0, 0)
    item = Built(summary, "", b"", "0" * 64, {}, None, record={"notice_id": "n1"})  # type: ignore[arg-type]
    for step in (broken, short):
        (done,) = step_chunk([item], step)
        assert isinstance(done, Built) and done.extra is None and done.record is None


def test_a_step_that_cannot_read_its_graph_makes_nothing_and_the_report_does(tmp_path: Path) -> None:  # fmt: skip
    made = ReportStep(str(tmp_path / "report"))([_graph("bad")])
    assert made == [None]
    collector = ReportCollector(tmp_path)
    collector("bad", "0" * 64, None)
    assert collector.keys == {}


def test_a_build_whose_step_fails_still_writes_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """Without a worker's validation (its shapes fail to load there) the report validates
    from the store: the same statuses."""
    from kgtools.site import prepare

    def no_shapes() -> None:
        raise RuntimeError("no shapes here")

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SAMPLE, src)
    monkeypatch.setattr(prepare, "load_shapes", no_shapes)  # in-process: one notice
    result = CliRunner().invoke(cli, ["build", str(src), "--out", str(tmp_path / "b"), "-q"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "b" / "report" / "notices" / f"{SAMPLE.stem}.html").read_text(encoding="utf-8")  # fmt: skip
    assert "warning(s)" in page
    assert validate_build(tmp_path / "b", load_shapes()).from_cache == 1


def test_the_report_validation_page_lists_the_first_results_and_counts_all(built: Path) -> None:  # fmt: skip
    import re

    from kgtools.validate.report import to_html

    report = validate_build(built, load_shapes())
    total = len(report.results)
    assert total > 5
    capped = to_html(report, max_rows=5)
    assert len(re.findall(r'<tr class="(?:violation|warning|info)">', capped)) == 5
    by_shape = capped[capped.index('id="by-shape"') : capped.index("</table>", capped.index('id="by-shape"'))]  # fmt: skip
    assert sum(int(n) for n in re.findall(r'<td class="num">(\d+)</td>', by_shape)) == total
    assert f"The first 5 of {total} results" in capped
    full = to_html(report)
    assert len(re.findall(r'<tr class="(?:violation|warning|info)">', full)) == total
    assert full.count('<section class="notice">') == len(report.notices)


def test_the_summary_counts_what_the_full_results_count(built: Path) -> None:
    """Counts from the cache's tallies equal counting every result; the results read are
    whole notices' results, the most severe first, at least max_results of them when there
    are that many."""
    from collections import Counter

    from kgtools.validate.summary import summarize_build

    shapes = load_shapes()
    full = validate_build(built, shapes)
    summary = summarize_build(built, shapes, max_results=20)
    by_notice = Counter((r.notice, str(r.severity)) for r in full.results)
    assert {(n, s): c for n, cs in summary.counts.items() for s, c in cs.items() if c} == dict(by_notice)  # fmt: skip
    by_shape = Counter((r.shape, str(r.severity)) for r in full.results)
    assert {(k, s): c for k, cs in summary.by_shape.items() for s, c in cs.items() if c} == dict(by_shape)  # fmt: skip
    assert summary.totals == full.counts()
    shown = {r.notice for r in summary.report.results}
    assert shown == set(summary.shown)
    assert len(summary.report.results) >= min(20, len(full.results))
    assert sorted(map(repr, summary.report.results)) == sorted(
        repr(r) for r in full.results if r.notice in shown
    )
    worst = min(full.results, key=lambda r: ["Violation", "Warning", "Info"].index(str(r.severity)))
    assert any(r.severity == worst.severity for r in summary.report.results)
    again = summarize_build(built, shapes, max_results=20)
    assert again.digest == summary.digest and again.validated == 0


def test_the_workers_parts_are_the_parts_read_from_the_store(built: Path, tmp_path: Path) -> None:
    """The index rows and chart numbers the workers compute on their chunk's in-memory
    store equal those read from the build's store, notice by notice."""
    from kgtools.build.store import open_read_only
    from kgtools.site.storedata import NoticePart, notice_parts

    out = tmp_path / "build"
    collector = _built_by_workers(built.parent / "src", out, tmp_path / "report")
    from_store = notice_parts(open_read_only(out / "store"))
    assert len(from_store) == 24 and collector.parts.keys() == from_store.keys()
    for nid, (_, part) in collector.parts.items():
        assert NoticePart.from_json(json.loads(part)) == from_store[nid], nid
    some = sorted(from_store)[:3]  # graph by graph (VALUES) gives the same as a whole scan
    assert notice_parts(open_read_only(out / "store"), some) == {n: from_store[n] for n in some}


def test_the_report_reads_only_the_changed_notices_parts(built: Path, tmp_path: Path) -> None:
    src, out = _edited_copy(built, tmp_path)
    build([src], out=out, jobs=1)  # no report: its parts are not prepared
    asked: list[list[str] | None] = []
    real = report_module.notice_parts

    def spy(store: object, notices: list[str] | None = None) -> object:
        asked.append(notices)
        return real(store, notices)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(report_module, "notice_parts", spy)
        result = write_report(out, run_queries=False)
    assert asked == [[SAMPLE.stem]]
    assert result.notices == 24
    from kgtools.build.notices_db import notice_digests

    saved = read_parts(out / "report")
    assert {n: d for n, (d, _) in saved.items()} == notice_digests(out)


def test_a_cache_in_use_by_a_build_is_reported_not_replaced(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """While a build holds the validation cache (its workers' results, one transaction),
    `kgtools validate` on the same folder says so and leaves the cache."""
    from kgtools.errors import UsageError
    from kgtools.validate import cache as cache_module
    from kgtools.validate.cache import CacheWriter

    out = tmp_path / "build"
    shutil.copytree(built, out)
    before = validate_build(out, load_shapes()).results
    writer = CacheWriter(out, "another key")
    writer.put("n", "0" * 64, b"", "{}")  # holds the cache's write lock
    monkeypatch.setattr(cache_module, "LOCK_WAIT", 0.2)
    try:
        with pytest.raises(UsageError, match="in use by another run"):
            validate_build(out, load_shapes())
    finally:
        writer.abandon()
    after = validate_build(out, load_shapes())
    assert after.from_cache == 24 and after.results == before  # the cache was kept
