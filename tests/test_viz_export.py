"""Exporters as text (GraphML/GEXF round-trip through networkx, Cytoscape JSON, DOT),
charts with Chinese titles in a CJK font, the same without one (one line, no glyph
warnings, SVG with its text as text) or without matplotlib (the report still has its
charts), and the `viz`/`report` commands."""

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
        written = write_charts(records, tmp_path)
    charts = written.charts
    assert written.notes == []
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
    for name in ("index.html", "notices/dandong-kexie-2024.html", "graph/dandong-kexie-2024.js", "graph/view.html",
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

    from kgtools.site import background
    from kgtools.site.report import write_report

    monkeypatch.setitem(
        sys.modules, "kgtools.query.library", None
    )  # as if another team's module were absent
    # the report's other processes as if they had failed: it then makes their parts itself
    monkeypatch.setattr(background.Background, "result", lambda self: self.close())
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


def _records(build: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(p.read_text(encoding="utf-8")) for p in (build / "notices").glob("*.json")]


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """matplotlib as on a machine without a CJK font (DejaVu Sans only)."""
    from kgtools.viz import fonts

    monkeypatch.setattr(fonts, "cjk_font", lambda: None)
    monkeypatch.setattr(fonts, "_said", [])


def test_without_a_cjk_font_svg_keeps_text_and_one_line_says_so(
    sample_build: Path, graph: nx.DiGraph, tmp_path: Path, no_cjk_font: None, capsys
) -> None:
    from kgtools.viz.charts import write_charts

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        written = write_charts(_records(sample_build), tmp_path / "charts")
        code, _, err = run(["viz", "dandong-kexie-2024", "--build", str(sample_build),
                            "--format", "svg", "--out", str(tmp_path / "g.svg")], capsys)  # fmt: skip
    assert not [w for w in caught if "Glyph" in str(w.message)]  # was 266-690 of them
    assert code == 0
    assert [line for line in err.splitlines() if "CJK" in line] == [
        "Note: no CJK font installed: Chinese text in PNG would be boxes (SVG keeps it as text, "
        "drawn in the reader's fonts); apt-get install fonts-noto-cjk"
    ]
    assert "在管理院士专家工作站不到位方面"[:8] in (tmp_path / "g.svg").read_text(encoding="utf-8")
    assert written.notes and "apt-get install fonts-noto-cjk" in written.notes[0]
    names = sorted(p.name for p in (tmp_path / "charts").iterdir())
    assert names and all(n.endswith(".svg") for n in names)  # no PNG full of boxes
    svg = (tmp_path / "charts" / "themes.svg").read_text(encoding="utf-8")
    assert "各问题主题出现在多少份通报中" in svg and "<text" in svg  # text as text
    code, _, err = run(["viz", "dandong-kexie-2024", "--build", str(sample_build),
                        "--format", "png", "--out", str(tmp_path / "g.png")], capsys)  # fmt: skip
    assert code == 2 and "PNG needs a CJK font" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "g.png").exists()


def test_the_report_has_its_charts_without_matplotlib(
    sample_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from kgtools.site.report import write_report

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as after a plain `pip install .`
    result = write_report(sample_build, tmp_path / "site")
    page = (tmp_path / "site" / "charts.html").read_text(encoding="utf-8")
    assert not any("chart" in n for n in result.notes)  # nothing is missing from the report
    assert page.count('class="echart"') == 7 and page.count('class="chart-data"') == 7
    assert "巡察驻点、反馈与公开的天数" in page and "assets/echarts.min.js" in page
    assert (tmp_path / "site" / "assets" / "echarts.min.js").stat().st_size > 500_000
    assert "no static chart files for print" in page and "pip install" in page
    assert not (tmp_path / "site" / "charts").exists()


def test_chart_tables_hold_the_numbers(sample_build: Path) -> None:
    from kgtools.viz.chartspec import chart_specs

    specs = {s.name: s for s in chart_specs(_records(sample_build))}
    head, rows = specs["durations"].table()
    assert head == ["通报 / notice", "驻点巡察 stationed", "驻点结束→反馈 to feedback",
                    "反馈→公开 to publication"]  # fmt: skip
    assert rows == [["dandong-kexie-2024", "95", "62", "235"]]
    head, rows = specs["concreteness"].table()
    assert rows == [["dandong-kexie-2024", "65% (37项措施)"]]
    assert sum(int(r[1]) for r in specs["measures-per-finding"].table()[1]) == 15  # findings
