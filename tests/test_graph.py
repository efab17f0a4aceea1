"""The emitted graph: provenance on every node, the lean graph, determinism, no blank nodes."""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Dataset, URIRef
from rdflib.namespace import RDFS

from kgtools.build.corpus import build
from kgtools.emit.terms import XK
from kgtools.emit.triples import notice_iri
from kgtools.vocab import LINKS_GRAPH as LINKS_IRI

from .conftest import FIXTURES, SAMPLE, build_dataset, build_nquads

LINKS_GRAPH = URIRef(LINKS_IRI)

EXTRACTED = (XK.ProblemArea, XK.Finding, XK.Measure, XK.Regulation, XK.Output, XK.Organization,
             XK.InspectionRound, XK.LeadershipAction, XK.NextStepPlan, XK.ContactPoint)  # fmt: skip


def _load(build_dir: Path) -> Dataset:
    return build_dataset(build_dir)


def test_every_node_points_into_the_clean_text(sample_build: Path) -> None:
    ds = _load(sample_build)
    graph = ds.graph(notice_iri("dandong-kexie-2024"))
    text = str(graph.value(notice_iri("dandong-kexie-2024"), XK.cleanText))
    nodes = set(graph.subjects(XK.startOffset, None))
    assert len(nodes) > 100
    for node in nodes:
        assert str(node).startswith(str(notice_iri("dandong-kexie-2024")) + "/"), node
        start = int(graph.value(node, XK.startOffset))
        end = int(graph.value(node, XK.endOffset))
        assert 0 <= start < end <= len(text), node
    # the node's text is the clean text at its offsets: a measure quoted in the sample
    measure = notice_iri("dandong-kexie-2024") + "/area/3/finding/2/measure/1"
    start, end = (int(graph.value(measure, p)) for p in (XK.startOffset, XK.endOffset))
    assert text[start:end].startswith("对采购人员强化业务培训，制定了《丹东市科学技术协会采购办法")


def test_the_graph_is_lean(sample_build: Path) -> None:
    """What the lean graph leaves out: each can be recovered (the README lists them)."""
    graph = _load(sample_build).graph(notice_iri("dandong-kexie-2024"))
    for dropped in (XK.quote, XK.sourceNotice, RDFS.label, XK.ordinal, XK.hasThemeAssignment):
        assert not list(graph.triples((None, dropped, None))), dropped
    assert not list(graph.subjects(None, XK.ThemeAssignment))
    assert len(graph) < 1100  # 1 686 quads before the lean graph


def test_every_extracted_node_has_provenance(sample_build: Path) -> None:
    graph = _load(sample_build).graph(notice_iri("dandong-kexie-2024"))
    for cls in EXTRACTED:
        members = set(graph.subjects(None, cls))
        assert members, cls
        for node in members:
            assert graph.value(node, XK.startOffset) is not None, node
            assert graph.value(node, XK.endOffset) is not None, node


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
    first = build_nquads(tmp_path / "a")
    assert first == build_nquads(tmp_path / "b")
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
    full = build_nquads(out)

    again = build([src], out=out, jobs=1)
    assert again.extracted == [] and again.unchanged == 3
    assert build_nquads(out) == full

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
    assert not (out / "notices" / "c.json").exists()
    assert sorted(p.name for p in (out / "notices").iterdir()) == ["a.json", "b.json"]
    graphs = {g.identifier: g for g in ds.graphs()}
    for notice, count in (("a", "175名"), ("b", "176名")):
        text = str(graphs[notice_iri(notice)].value(notice_iri(notice), XK.cleanText))
        assert count in text


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(10):
        (src / f"n{i}.txt").write_bytes(SAMPLE.read_bytes())
    build([src], out=tmp_path / "serial", jobs=1)
    build([src], out=tmp_path / "parallel", jobs=2)
    assert build_nquads(tmp_path / "serial") == build_nquads(tmp_path / "parallel")


def test_the_store_holds_exactly_the_emitted_quads(sample_build: Path) -> None:
    from kgtools.emit.serialize import record_nquads
    from kgtools.extract import extract_file

    emitted = Dataset()
    emitted.parse(data=record_nquads(extract_file(SAMPLE)), format="nquads")
    stored = Dataset()
    stored.parse(data=build_nquads(sample_build, links=False).decode("utf-8"), format="nquads")
    assert len(stored) == len(emitted) > 800  # the sample notice: 859 quads
    assert set(stored.quads()) == set(emitted.quads())
