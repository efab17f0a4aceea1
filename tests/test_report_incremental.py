"""The report on the lean build: the viz model computes labels and quotes from the text at
the offsets; the index and the charts come from the store by SPARQL with the numbers the
records give; a rerun writes only the pages of notices whose graph changed and deletes
those of removed notices, reading no other notice's graph or record; a sample notice's
pages stay small."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kgtools.build.corpus import build
from kgtools.build.notices_db import notice_digests
from kgtools.build.store import open_read_only
from kgtools.display import clip
from kgtools.site import report as report_module
from kgtools.site.partstable import read_parts
from kgtools.site.report import write_report
from kgtools.site.storedata import chart_data_of_store, notice_rows
from kgtools.viz.chartspec import chart_specs, specs_of
from kgtools.viz.html import script_json
from kgtools.viz.model import view_from_store, view_from_triples, view_of_record

from .conftest import FIXTURES, SAMPLE
from .test_queries import CORPUS

SAMPLE_ID = "dandong-kexie-2024"
DROPPED = {"http://www.w3.org/2000/01/rdf-schema#label", "https://w3id.org/xuncha/ontology#quote",
           "https://w3id.org/xuncha/ontology#sourceNotice"}  # fmt: skip


def _sources(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(SAMPLE, folder)
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, folder)
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A build of the sample and the query corpus (7 notices), in ``tmp_path / "build"``."""
    build([_sources(tmp_path / "src")], out=tmp_path / "build", jobs=1)
    return tmp_path / "build"


def test_labels_and_quotes_come_from_the_text_at_the_offsets(sample_record) -> None:  # type: ignore[no-untyped-def]
    from pyoxigraph import RdfFormat, parse

    from kgtools.emit.serialize import record_nquads

    quads = list(parse(record_nquads(sample_record), format=RdfFormat.N_QUADS))
    full = view_of_record(sample_record)
    lean = view_from_triples([q for q in quads if q.predicate.value not in DROPPED])
    assert dict(lean.graph.nodes(data=True)) == dict(full.graph.nodes(data=True))
    assert sorted(lean.graph.edges(data=True)) == sorted(full.graph.edges(data=True))
    text = lean.text
    nodes = dict(lean.graph.nodes(data=True))
    for d in nodes.values():
        if "startOffset" in d:
            assert d["quote"] == text[d["startOffset"] : d["endOffset"]]
    measure = next(d for d in nodes.values() if d["cls"] == "Measure")
    assert measure["label"] == clip(measure["quote"], 24)
    output = next(d for d in nodes.values() if d["cls"] == "Output" and d["unit"] == "人")
    assert output["label"] == clip(f"{output['value']:g}人 {output['counts']}", 24)
    assert "." not in output["label"].split("人")[0]  # 140人, not 140.0人


@pytest.mark.parametrize(
    "source",
    [SAMPLE, *sorted(CORPUS.glob("*.txt")), *sorted((FIXTURES / "genre").glob("*.txt"))],
    ids=lambda p: p.stem,
)
def test_the_view_from_the_emitted_quads_is_the_view_from_their_n_quads(source: Path) -> None:
    """The build's workers make a notice's pages from the quads they just emitted, without
    parsing the N-Quads written from them: every node, attribute, edge and the text agree."""
    from pyoxigraph import RdfFormat, parse

    from kgtools.emit.ntriples import nquads_text
    from kgtools.emit.quads import record_quads
    from kgtools.extract import extract_file
    from kgtools.viz.model import view_from_quads
    from kgtools.vocab import notice_iri_text

    rec = extract_file(source)
    quads = record_quads(rec)
    parsed = view_from_triples(parse(nquads_text(notice_iri_text(rec.notice_id), quads),
                                     format=RdfFormat.N_QUADS))  # fmt: skip
    direct = view_from_quads(quads + quads[:5])  # a repeated quad changes nothing
    assert (direct.notice_id, direct.text) == (parsed.notice_id, parsed.text)
    assert list(direct.graph.nodes(data=True)) == list(parsed.graph.nodes(data=True))
    assert sorted(direct.graph.edges(data=True)) == sorted(parsed.graph.edges(data=True))
    assert direct.graph.number_of_nodes() > 5 and direct.graph.number_of_edges() > 4


def test_charts_and_index_from_the_store_equal_those_from_the_records(tmp_path: Path) -> None:
    corpus = tmp_path / "build"
    build([SAMPLE, CORPUS, FIXTURES], out=corpus)  # 53 notices; the fixtures' others fail
    records = [
        json.loads(p.read_text(encoding="utf-8")) for p in (corpus / "notices").glob("*.json")
    ]
    store = open_read_only(corpus / "store")
    rows = notice_rows(store)
    assert [r.notice_id for r in rows] == sorted(r["id"] for r in records)
    assert len(rows) > 40  # the per-notice charts show the first 40
    assert specs_of(chart_data_of_store(store)) == chart_specs(records)
    by_id = {r["id"]: r for r in records}
    for row in rows:
        rec = by_id[row.notice_id]
        assert (row.findings, row.measures, row.regulations, row.outputs) == (
            len(rec["findings"]), sum(len(f["measures"]) for f in rec["findings"]),
            len(rec["regulations"]), len(rec["outputs"]))  # fmt: skip
        assert (row.title, row.issuer) == (rec["title"] or "", rec["issuing_org"] or "")
        assert row.share == rec["concreteness"]["share"]


def _stamps(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns
            for sub in ("notices", "graph") for p in (site / sub).iterdir()}  # fmt: skip


def test_a_rerun_writes_only_the_changed_notices_pages(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    first = write_report(corpus, site)
    assert first.notices == 7 and first.pages_written == 7
    before = _stamps(site)
    assert f"graph/{SAMPLE_ID}.js" in before and "graph/all.html" in before

    # nothing changed: no notice's graph or record is read, no page written
    def forbidden(*args: object) -> None:
        raise AssertionError("read a notice that did not change")

    with monkeypatch.context() as m:
        m.setattr(report_module, "view_from_store", forbidden)
        m.setattr(report_module, "_record", forbidden)
        again = write_report(corpus, site)
    assert again.pages_written == 0 and _stamps(site) == before
    parts = read_parts(site)
    assert len(parts) == 7

    # one notice edited, one removed
    src = tmp_path / "src"
    edited = src / "shili-daxue-2024.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("2024", "2025", 1), encoding="utf-8"
    )
    (src / "mou-qu-weijianju-2022.txt").unlink()
    build([src], out=corpus, jobs=1)
    read: list[str] = []
    real = report_module.view_from_store

    def counted(store: object, notice: str):  # type: ignore[no-untyped-def]
        read.append(notice)
        return real(store, notice)

    monkeypatch.setattr(report_module, "view_from_store", counted)
    third = write_report(corpus, site)
    assert third.notices == 6 and third.pages_written == 1
    after = _stamps(site)
    changed = {p for p in after if after[p] != before.get(p)}
    assert changed <= {"notices/shili-daxue-2024.html", "graph/shili-daxue-2024.js",
                       "graph/all.html"}  # fmt: skip
    assert "graph/shili-daxue-2024.js" in changed
    assert not any("mou-qu-weijianju-2022" in p for p in after)  # its pages are gone
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "mou-qu-weijianju-2022" not in index and "shili-daxue-2024" in index
    assert read.count("shili-daxue-2024") == 1  # and the others only for graph/all.html
    # the parts kept for the report are exactly the build's notices, at their digests
    saved = read_parts(site)
    assert {n: d for n, (d, _) in saved.items()} == notice_digests(corpus)
    assert saved["shili-daxue-2024"] != parts["shili-daxue-2024"]
    assert set(read) <= {r.notice_id for r in notice_rows(open_read_only(corpus / "store"))}
    # a notice removed, nothing else changed: its part goes too
    gone = sorted(saved)[0]
    next(src.glob(f"{gone}.*")).unlink()
    build([src], out=corpus, jobs=1)
    write_report(corpus, site)
    saved = read_parts(site)
    assert gone not in saved and {n: d for n, (d, _) in saved.items()} == notice_digests(corpus)


def test_over_the_cap_the_all_graph_reads_no_notice(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    write_report(corpus, site)
    monkeypatch.setattr(report_module, "MAX_ALL_NODES", 50)
    (site / "graph" / "all.html").unlink()
    monkeypatch.setattr(report_module, "view_from_store", lambda *a: pytest.fail("read a graph"))
    result = write_report(corpus, site)
    assert any("too many for one page" in n for n in result.notes)
    assert "too many for one page" in (site / "graph" / "all.html").read_text(encoding="utf-8")


def test_a_sample_notice_takes_under_26_kb_of_pages(sample_build: Path, tmp_path: Path) -> None:
    """Its text page and its data file (the graph page is one for all notices): 172 KB
    before the lean build, 33.4 KB before the lists and the graph page were drawn from
    the data file."""
    site = tmp_path / "site"
    write_report(sample_build, site)
    files = [site / "notices" / f"{SAMPLE_ID}.html", site / "graph" / f"{SAMPLE_ID}.js"]
    assert sorted(p.name for p in (site / "graph").iterdir()) == sorted(
        ["all.html", "view.html", f"{SAMPLE_ID}.js"]
    )
    total = sum(p.stat().st_size for p in files)
    assert total <= 26_000, total
    text = view_from_store(open_read_only(sample_build / "store"), SAMPLE_ID)
    assert text is not None
    piece = script_json(text.text[100:140])[1:-1]  # as the data holds it (JSON, escaped)
    assert files[1].read_text(encoding="utf-8").count(piece) == 1  # the text once, shared
    assert text.text[100:110] not in files[0].read_text(encoding="utf-8")


def test_nothing_changed_means_no_validation_and_the_same_notes(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    shapes = importlib.import_module("kgtools.validate.shapes")
    site = tmp_path / "site"
    monkeypatch.setattr(report_module, "MAX_ALL_NODES", 50)
    first = write_report(corpus, site)
    assert any("too many for one page" in n for n in first.notes)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "conforms" in index or "violation" in index
    started: list[object] = []
    real = report_module.Pending

    def pending(*args: object) -> object:
        started.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(report_module, "Pending", pending)
    again = write_report(corpus, site)
    assert started == [] and again.notes == first.notes  # the same graphs, shapes, kgtools
    assert (site / "index.html").read_text(encoding="utf-8") == index
    monkeypatch.setattr(shapes, "shapes_hash", lambda folder: "other shapes")
    write_report(corpus, site)
    assert len(started) == 1  # other shapes: validated again (from the cache's point of view)


def test_a_notice_file_deleted_from_the_report_is_written_again(corpus: Path, tmp_path: Path) -> None:  # fmt: skip
    site = tmp_path / "site"
    write_report(corpus, site)
    gone = [site / "notices" / f"{SAMPLE_ID}.html", site / "graph" / "shili-daxue-2024.js"]
    for path in gone:
        path.unlink()
    before = _stamps(site)
    again = write_report(corpus, site)
    assert all(path.is_file() for path in gone)
    assert again.pages_written == 2  # the one deleted, and the one whose graph was read again
    after = _stamps(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {
        f"notices/{SAMPLE_ID}.html",
        "graph/shili-daxue-2024.js",
    }  # the same bytes elsewhere


def test_a_damaged_or_earlier_parts_file_means_every_part_read_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kgtools.site.partstable import PARTS_DB

    site = tmp_path / "site"
    write_report(corpus, site)
    index = (site / "index.html").read_text(encoding="utf-8")
    digests = notice_digests(corpus)
    assert {n: d for n, (d, _) in read_parts(site).items()} == digests

    asked: list[list[str] | None] = []
    real = report_module.notice_parts

    def spy(store: object, notices: list[str] | None = None) -> object:
        asked.append(notices)
        return real(store, notices)

    monkeypatch.setattr(report_module, "notice_parts", spy)
    (site / PARTS_DB).write_bytes(b"not a database, half written")
    (site / ".kgtools-report-parts.json").write_text("{}", encoding="utf-8")  # the old file
    (site / "index.html").unlink()
    write_report(corpus, site)
    assert asked and sorted(asked[0] or []) == sorted(digests)  # each part from the store
    assert (site / "index.html").read_text(encoding="utf-8") == index
    assert {n: d for n, (d, _) in read_parts(site).items()} == digests
    assert not (site / ".kgtools-report-parts.json").exists()

    asked.clear()
    write_report(corpus, site)  # and the next run reads none
    assert asked == [[]]
