"""The emitted graph: provenance on every node, determinism, no blank nodes."""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Dataset, URIRef

from kgtools.build.corpus import build
from kgtools.build.linkgraph import LINKS_GRAPH
from kgtools.emit.terms import XK
from kgtools.emit.triples import notice_iri

from .conftest import FIXTURES, SAMPLE

EXTRACTED = (XK.ProblemArea, XK.Finding, XK.Measure, XK.Regulation, XK.Output, XK.Organization,
             XK.InspectionRound, XK.LeadershipAction, XK.NextStepPlan, XK.ContactPoint)  # fmt: skip


def _load(build_dir: Path) -> Dataset:
    ds = Dataset()
    ds.parse(build_dir / "graph.trig", format="trig")
    return ds


def test_every_quote_equals_the_clean_text_at_its_offsets(sample_build: Path) -> None:
    ds = _load(sample_build)
    graph = ds.graph(notice_iri("dandong-kexie-2024"))
    text = str(graph.value(notice_iri("dandong-kexie-2024"), XK.cleanText))
    nodes = set(graph.subjects(XK.quote, None))
    assert len(nodes) > 100
    for node in nodes:
        start = int(graph.value(node, XK.startOffset))
        end = int(graph.value(node, XK.endOffset))
        assert 0 <= start < end <= len(text), node
        assert text[start:end] == str(graph.value(node, XK.quote)), node
        assert graph.value(node, XK.sourceNotice) == notice_iri("dandong-kexie-2024")


def test_every_extracted_node_has_provenance(sample_build: Path) -> None:
    graph = _load(sample_build).graph(notice_iri("dandong-kexie-2024"))
    for cls in EXTRACTED:
        members = set(graph.subjects(None, cls))
        assert members, cls
        for node in members:
            assert graph.value(node, XK.quote) is not None, node


def test_sample_graph_counts(sample_build: Path) -> None:
    graph = _load(sample_build).graph(notice_iri("dandong-kexie-2024"))

    def count(cls: URIRef) -> int:
        return len(set(graph.subjects(None, cls)))

    assert (count(XK.ProblemArea), count(XK.Finding), count(XK.Measure)) == (5, 15, 37)
    assert (count(XK.Regulation), count(XK.Output)) == (11, 24)
    # each measure hangs under exactly one finding
    measures = list(graph.objects(None, XK.hasMeasure))
    assert len(measures) == len(set(measures)) == 37
    roles = sorted(
        str(graph.value(r, XK.role)).rsplit("#", 1)[1] for r in graph.subjects(None, XK.Regulation)
    )
    assert (
        roles.count("RoleFormulated") == 9
        and roles.count("RoleCited") == 1
        and roles.count("RoleStudied") == 1
    )


def test_no_blank_nodes(sample_build: Path) -> None:
    ds = _load(sample_build)
    for s, _, o, _ in ds.quads():
        assert not isinstance(s, BNode) and not isinstance(o, BNode)


def test_rebuilding_gives_byte_identical_sorted_nquads(tmp_path: Path) -> None:
    sources = [SAMPLE, FIXTURES / "county-gbk-crlf.txt", FIXTURES / "province-bom.txt"]
    build(sources, out=tmp_path / "a")
    build(list(reversed(sources)), out=tmp_path / "b")
    first = (tmp_path / "a" / "graph.nq").read_bytes()
    assert first == (tmp_path / "b" / "graph.nq").read_bytes()
    assert first.count(b"\n") > 1000


def test_one_named_graph_per_notice(tmp_path: Path) -> None:
    build([SAMPLE, FIXTURES / "county-gbk-crlf.txt"], out=tmp_path)
    ds = _load(tmp_path)
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {notice_iri("dandong-kexie-2024"), notice_iri("county-gbk-crlf"), LINKS_GRAPH}


def test_round_durations_in_days(sample_build: Path) -> None:
    graph = _load(sample_build).graph(notice_iri("dandong-kexie-2024"))
    rnd = graph.value(notice_iri("dandong-kexie-2024"), XK.reportsOn)
    # 2023-09-25 → 12-29; 12-29 → 2024-02-29 (leap year); 02-29 → 10-21, counted by hand
    assert int(graph.value(rnd, XK.durationStationingDays)) == 95
    assert int(graph.value(rnd, XK.daysToFeedback)) == 2 + 31 + 29
    assert int(graph.value(rnd, XK.daysToPublication)) == 31 + 30 + 31 + 30 + 31 + 31 + 30 + 21


def test_incremental_build_extracts_only_changed_and_removes_deleted(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (src / name).write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    first = build([src], out=out, jobs=1)
    assert sorted(first.extracted) == ["a", "b", "c"]
    full = (out / "graph.nq").read_bytes()

    again = build([src], out=out, jobs=1)
    assert again.extracted == [] and again.unchanged == 3
    assert (out / "graph.nq").read_bytes() == full

    (src / "b.txt").write_bytes(SAMPLE.read_bytes().replace("175名".encode(), "176名".encode()))
    (src / "c.txt").unlink()
    third = build([src], out=out, jobs=1)
    assert third.extracted == ["b"] and third.unchanged == 1 and third.removed == ["c"]
    ds = _load(out)
    assert {g.identifier for g in ds.graphs() if len(g)} == {
        notice_iri("a"),
        notice_iri("b"),
        LINKS_GRAPH,
    }
    assert not (out / "notices" / "c.nq").exists()
    text = (out / "graph.nq").read_text(encoding="utf-8")
    assert '"176名"' in text and text.count('"175名"') == 1


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(10):
        (src / f"n{i}.txt").write_bytes(SAMPLE.read_bytes())
    build([src], out=tmp_path / "serial", jobs=1)
    build([src], out=tmp_path / "parallel", jobs=2)
    for name in ("graph.nq", "graph.trig"):
        assert (tmp_path / "serial" / name).read_bytes() == (
            tmp_path / "parallel" / name
        ).read_bytes()


def test_graph_nq_is_valid_nquads_with_the_same_triples_as_trig(sample_build: Path) -> None:
    nq = Dataset()
    nq.parse(sample_build / "graph.nq", format="nquads")  # multi-line literals must be escaped
    trig = _load(sample_build)
    assert len(nq) == len(trig) > 1000
    assert set(nq.quads()) == set(trig.quads())
