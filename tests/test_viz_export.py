"""Exporters as text (GraphML/GEXF round-trip through networkx, Cytoscape JSON, DOT),
charts with Chinese titles in a CJK font, and the `viz`/`report` commands."""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import networkx as nx
import pytest

from kgtools.viz import VizFormat, export, load_graph
from kgtools.viz.model import CLASSES

from .test_cli import run


@pytest.fixture(scope="module")
def graph(sample_build: Path) -> nx.DiGraph:
    return load_graph("dandong-kexie-2024", build=sample_build)


def _bytes(graph: nx.DiGraph, fmt: VizFormat) -> bytes:
    buf = io.BytesIO()
    export(graph, buf, fmt)
    return buf.getvalue()


def test_model_has_the_notice_structure(graph: nx.DiGraph) -> None:
    counts = {c: sum(d["cls"] == c for _, d in graph.nodes(data=True)) for c in CLASSES}
    assert counts["Measure"] == 37 and counts["Output"] == 24 and counts["Regulation"] == 11
    assert counts["Notice"] == 1 and counts["InspectionRound"] == 1 and counts["ProblemArea"] == 5
    measure = next(d for _, d in graph.nodes(data=True) if d["cls"] == "Measure")
    assert measure["quote"] and measure["endOffset"] > measure["startOffset"]
    rnd = next(d for _, d in graph.nodes(data=True) if d["cls"] == "InspectionRound")
    assert (rnd["stationingStart"], rnd["feedbackDate"]) == ("2023-09-25", "2024-02-29")
    assert rnd["durationStationingDays"] == 95 and nx.is_weakly_connected(graph)


@pytest.mark.parametrize("fmt", [VizFormat.GRAPHML, VizFormat.GEXF])
def test_graphml_and_gexf_round_trip(graph: nx.DiGraph, fmt: VizFormat, tmp_path: Path) -> None:
    path = tmp_path / f"g{fmt.suffix}"
    path.write_bytes(_bytes(graph, fmt))
    back = nx.read_graphml(path) if fmt is VizFormat.GRAPHML else nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    iri = next(n for n, d in graph.nodes(data=True) if d["cls"] == "Measure")
    assert graph.nodes[iri]["quote"] in path.read_text(encoding="utf-8")


def test_gexf_has_dates_for_the_timeline(graph: nx.DiGraph) -> None:
    text = _bytes(graph, VizFormat.GEXF).decode("utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert 'start="2024-10-21"' in text and "viz:color" in text


def test_cytoscape_json_loads(graph: nx.DiGraph) -> None:
    data = json.loads(_bytes(graph, VizFormat.CYTOSCAPE))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert {"id", "label", "cls", "color"} <= set(nodes[0]["data"])
    ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)


def test_dot_has_every_node_and_edge(graph: nx.DiGraph) -> None:
    text = _bytes(graph, VizFormat.DOT).decode("utf-8")
    assert text.startswith("digraph") and text.rstrip().endswith("}")
    for node in graph:
        assert f'"{node}" [' in text
    assert text.count(" -> ") == graph.number_of_edges()


def test_svg_and_png_pictures(graph: nx.DiGraph) -> None:
    svg = _bytes(graph, VizFormat.SVG).decode("utf-8")
    assert "<svg" in svg and "在管理院士专家工作站不到位方面" in svg
    assert _bytes(graph, VizFormat.PNG).startswith(b"\x89PNG")


def test_charts_have_chinese_titles_in_a_cjk_font(sample_build: Path, tmp_path: Path) -> None:
    from fontTools.ttLib import TTCollection, TTFont
    from matplotlib import font_manager

    from kgtools.viz.charts import write_charts
    from kgtools.viz.fonts import cjk_font, setup

    from .browser import require_system

    require_system(cjk_font() is not None, "needs a CJK font: apt-get install fonts-noto-cjk")

    records = [
        json.loads(p.read_text(encoding="utf-8")) for p in (sample_build / "notices").glob("*.json")
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would fail here
        charts = write_charts(records, tmp_path)
    font = setup()
    assert font and "CJK" in font, "install fonts-noto-cjk"
    path = font_manager.findfont(
        font_manager.FontProperties(family=["sans-serif"]), fallback_to_default=False
    )
    assert "CJK" in Path(path).name
    face = TTCollection(path).fonts[0] if path.endswith(".ttc") else TTFont(path)
    cmap = face.getBestCmap()
    for chart in charts:
        svg = (tmp_path / f"{chart.name}.svg").read_text(encoding="utf-8")
        assert (tmp_path / f"{chart.name}.png").read_bytes().startswith(b"\x89PNG")
        for text in (chart.title.split(" / ")[0], chart.xlabel, chart.ylabel):
            assert text in svg, (chart.name, text)
            assert all(ord(c) in cmap for c in text if not c.isspace()), (chart.name, text)
        assert "Noto Sans CJK" in svg  # the font the text is drawn in
    assert {c.name for c in charts} == {"durations", "measures-per-finding", "outputs-by-unit",
                                        "regulations-per-notice", "concreteness", "themes", "regulation-kinds"}  # fmt: skip


def test_viz_command_formats(sample_build: Path, tmp_path: Path, capsys) -> None:
    for fmt in ("graphml", "dot", "html"):
        out = tmp_path / f"g.{fmt}"
        code, _, err = run(
            ["viz", "all", "--build", str(sample_build), "--format", fmt, "--out", str(out)], capsys
        )
        assert code == 0 and out.stat().st_size > 1000, err
    code, out, _ = run(
        ["viz", "dandong-kexie-2024", "--build", str(sample_build), "--format", "dot"], capsys
    )
    assert code == 0 and out.startswith("digraph")
    code, _, err = run(["viz", "no-such-notice", "--build", str(sample_build)], capsys)
    assert code == 2 and "no-such-notice" in err


def test_report_command_writes_the_site(sample_build: Path, tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    code, out, _ = run(["report", "--build", str(sample_build), "--out", str(site)], capsys)
    assert code == 0 and "index.html" in out
    for name in ("index.html", "notices/dandong-kexie-2024.html", "graph/dandong-kexie-2024.html",
                 "graph/all.html", "charts.html", "queries.html", "ontology.html", "validation.html",
                 "charts/durations.svg", "assets/cytoscape.min.js"):  # fmt: skip
        assert (site / name).is_file(), name
    ontology = (site / "ontology.html").read_text(encoding="utf-8")
    assert "整改措施" in ontology and "measure" in ontology
    assert "concreteness" in (site / "queries.html").read_text(encoding="utf-8")


def test_report_skips_missing_sections_with_a_note(
    sample_build: Path, tmp_path: Path, monkeypatch
) -> None:
    import sys

    from kgtools.site.report import write_report

    monkeypatch.setitem(
        sys.modules, "kgtools.query.library", None
    )  # as if another team's module were absent
    result = write_report(sample_build, tmp_path / "site")
    assert any("query catalog skipped" in n for n in result.notes)
    assert "query catalog skipped" in (tmp_path / "site" / "queries.html").read_text(
        encoding="utf-8"
    )


def test_build_writes_the_report_unless_told_not_to(tmp_path: Path, capsys) -> None:
    from .conftest import SAMPLE

    code, out, _ = run(["build", str(SAMPLE), "--out", str(tmp_path / "a")], capsys)
    assert code == 0 and (tmp_path / "a" / "report" / "index.html").is_file() and "report:" in out
    code, _, _ = run(["build", str(SAMPLE), "--out", str(tmp_path / "b"), "--no-report"], capsys)
    assert code == 0 and not (tmp_path / "b" / "report").exists()
