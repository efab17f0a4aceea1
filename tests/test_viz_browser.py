"""The HTML outputs in a real headless Chromium: the interactive graph renders every node,
search finds a measure, clicking a node shows its quote, nothing leaves the machine; the
report's pages show highlights; a fictional notice with `<script>` in it shows it as text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kgtools.viz import VizFormat, export, load_graph

from .browser import external_requests, wait_for
from .conftest import FIXTURES, SAMPLE

HOSTILE = "<script>document.title='pwned'</script>开展档案自查。"


@pytest.fixture(scope="module")
def site(sample_build: Path, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    from kgtools.site.report import write_report

    out = tmp_path_factory.mktemp("site")
    write_report(sample_build, out)
    return out


def test_graph_page_renders_searches_and_shows_quotes(
    sample_build: Path, tmp_path: Path, browser
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    graph = load_graph("dandong-kexie-2024", build=sample_build)
    page = tmp_path / "graph.html"
    with page.open("wb") as f:
        export(graph, f, VizFormat.HTML)
    assert "cdn" not in page.read_text(encoding="utf-8").lower().split("<script>")[0]
    browser.get(page.as_uri())
    wait_for(browser, "return window.kgGraph && window.kgGraph.ready")
    assert browser.execute_script("return kgGraph.cy.nodes().length") == graph.number_of_nodes()
    assert (
        browser.execute_script("return kgGraph.cy.nodes(':visible').length")
        == graph.number_of_nodes()
    )

    box = browser.find_element(By.ID, "search")
    box.send_keys("公务卡使用管理")
    hits = wait_for(browser, "return kgGraph.cy.nodes('.match').map(n => n.data('cls'))")
    assert "Measure" in hits
    assert "公务卡" in browser.find_element(By.ID, "results").text

    # a real click on a measure, where Cytoscape drew it
    iri = next(
        n
        for n, d in graph.nodes(data=True)
        if d["cls"] == "Measure" and "公务卡使用管理" in d["quote"]
    )
    browser.execute_script(
        "kgGraph.cy.zoom(1.5); kgGraph.cy.center(kgGraph.cy.getElementById(arguments[0]))", iri
    )
    time.sleep(0.3)
    x, y = browser.execute_script(
        "var p = kgGraph.cy.getElementById(arguments[0]).renderedPosition(); return [p.x, p.y]", iri
    )
    canvas = browser.find_element(By.ID, "cy")
    ActionChains(browser).move_to_element_with_offset(canvas, 0, 0).move_by_offset(
        int(x - canvas.size["width"] / 2), int(y - canvas.size["height"] / 2)).click().perform()  # fmt: skip
    details = wait_for(
        browser,
        "var t = document.getElementById('details').innerText; return t.indexOf('offsets') >= 0 && t",
    )
    assert graph.nodes[iri]["quote"] in details
    assert f"[{graph.nodes[iri]['startOffset']}, {graph.nodes[iri]['endOffset']})" in details

    browser.find_element(By.CSS_SELECTOR, "#classfilters input[value='Output']").click()
    visible = graph.number_of_nodes() - 24
    wait_for(browser, f"return kgGraph.cy.nodes(':visible').length === {visible}")
    browser.save_screenshot(str(tmp_path / "graph.png"))
    assert (tmp_path / "graph.png").stat().st_size > 10_000
    assert external_requests(browser) == []


def test_report_index_and_notice_page(site: Path, tmp_path: Path, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    table = browser.find_element(By.TAG_NAME, "table").text
    assert "dandong-kexie-2024" in table and "37" in table and "conforms" in table
    browser.find_element(By.LINK_TEXT, "dandong-kexie-2024").click()
    marks = browser.find_elements(By.CSS_SELECTOR, "#notice-text mark.hl-Measure")
    assert len(marks) == 37
    assert len(browser.find_elements(By.CSS_SELECTOR, "#notice-text mark.hl-Output")) == 24
    assert len(browser.find_elements(By.CSS_SELECTOR, "#notice-text mark.hl-Regulation")) >= 11
    regulation = browser.find_element(By.CSS_SELECTOR, "#notice-text mark.hl-Regulation").text
    assert regulation == "巡视工作条例"
    browser.save_screenshot(str(tmp_path / "notice.png"))
    marks[0].click()  # follows the link to the graph view, which selects the node clicked
    wait_for(browser, "return window.kgGraph && window.kgGraph.ready")
    assert "/graph/view.html#dandong-kexie-2024/" in browser.current_url
    details = wait_for(
        browser,
        "var t = document.getElementById('details').innerText; return t.indexOf('offsets') >= 0 && t",
    )
    assert "丹东市院士专家工作站管理办法" in details  # the measure, or the regulation inside it
    for page in ("charts.html", "queries.html", "ontology.html"):
        browser.get((site / page).as_uri())
        assert "xuncha-kg" in browser.find_element(By.TAG_NAME, "nav").text
    browser.get((site / "charts.html").as_uri())
    wait_for(browser, "return window.kgCharts && window.kgCharts.ready")  # test_charts_browser.py
    assert browser.execute_script("return document.querySelectorAll('.echart svg').length") == 7
    assert external_requests(browser) == []


def test_fictional_notice_with_script_shows_as_text(tmp_path: Path, browser) -> None:
    from selenium.webdriver.common.by import By

    from kgtools.build.corpus import build
    from kgtools.site.report import write_report

    # fictional: 某县示例局 (the fixture is marked 虚构示例)
    text = (FIXTURES / "county-gbk-crlf.txt").read_bytes().decode("gbk")
    src = tmp_path / "src"
    src.mkdir()
    (src / "示例市-hostile.txt").write_text(
        text.replace("对120份干部档案进行专项审核。", HOSTILE), encoding="utf-8"
    )
    build([src], out=tmp_path / "build")
    write_report(tmp_path / "build", tmp_path / "site")
    notice = tmp_path / "site" / "notices" / "示例市-hostile.html"
    assert "<script>document.title" not in notice.read_text(encoding="utf-8")
    browser.get(notice.as_uri())
    assert browser.title != "pwned"
    assert HOSTILE in browser.find_element(By.ID, "notice-text").text
    data = tmp_path / "site" / "graph" / "示例市-hostile.js"
    assert "<script>document.title" not in data.read_text(encoding="utf-8")
    # the index's link to the notice's graph: the shared graph page, which loads the data
    # file its hash names (a Chinese id, percent-encoded)
    browser.get((tmp_path / "site" / "index.html").as_uri())
    browser.find_element(By.LINK_TEXT, "图 graph").click()
    wait_for(browser, "return window.kgGraph && window.kgGraph.ready")
    assert browser.current_url.endswith("/graph/view.html#%E7%A4%BA%E4%BE%8B%E5%B8%82-hostile")
    assert browser.title == "通报知识图谱 · 示例市-hostile"
    assert browser.title != "pwned"
    browser.execute_script("kgGraph.search('pwned')")
    assert "<script>document.title" in browser.find_element(By.ID, "results").text
    assert external_requests(browser) == []


def test_a_node_of_the_graph_page_opens_its_place_in_the_text(site: Path, browser) -> None:
    """The graph page and the text page read one data file (graph/<id>.js); a node's link
    lands on its highlight, drawn by the text page's script."""
    from selenium.webdriver.common.by import By

    page = site / "graph" / "view.html"
    assert "kg-data" not in page.read_text(encoding="utf-8")  # the data is in the shared file
    assert not (site / "graph" / "dandong-kexie-2024.html").exists()  # one page for all
    browser.get(page.as_uri() + "#dandong-kexie-2024/area/1/finding/2")
    wait_for(browser, "return window.kgGraph && window.kgGraph.ready")
    details = wait_for(browser, "var t = document.getElementById('details').innerText;"
                                "return t.indexOf('offsets') >= 0 && t")  # fmt: skip
    assert "在推进智库建设行动迟缓方面" in details  # the quote, cut from the text at the offsets
    browser.find_element(By.PARTIAL_LINK_TEXT, "show in the notice text").click()
    target = wait_for(browser, "var m = document.querySelector('#notice-text mark.target');"
                               "return m && [m.id, m.textContent, m.title]")  # fmt: skip
    assert target[0] == "n-area/1/finding/2" and target[1].startswith("在推进智库建设行动迟缓方面")
    assert target[2].startswith("问题 finding [")  # the class and offsets on hover
    assert "/notices/dandong-kexie-2024.html#n-area/1/finding/2" in browser.current_url
    # a link of the side list moves the highlight
    browser.find_element(By.CSS_SELECTOR, '.side a[href="#n-area/1/finding/1"]').click()
    wait_for(browser, "var m = document.querySelector('#notice-text mark.target');"
                      "return m && m.id === 'n-area/1/finding/1'")  # fmt: skip
    browser.get(page.as_uri())  # no notice named
    wait_for(browser, "return window.kgGraph && window.kgGraph.missing")
    assert "no notice given" in browser.find_element(By.ID, "details").text
    browser.get("about:blank")
    # a path is no notice, even one to a data file (graph/../graph/dandong-kexie-2024.js)
    browser.get(page.as_uri() + "#..%2Fgraph%2Fdandong-kexie-2024")
    wait_for(browser, "return window.kgGraph && window.kgGraph.missing")
    assert "no graph data for this notice" in browser.find_element(By.ID, "details").text
    assert external_requests(browser) == []


def test_notice_pages_list_what_the_record_holds(tmp_path: Path, browser) -> None:
    """The lists beside a notice's text, drawn by its page's script from graph/<id>.js,
    give the record's findings in text order with the number of measures of each, its
    regulations with their roles and its outputs; every link lands on a highlight. The
    fictional province fixture's two problem areas are findings themselves."""
    import json

    from kgtools.build.corpus import build
    from kgtools.display import clip
    from kgtools.site.report import write_report

    src = tmp_path / "src"
    src.mkdir()
    for path in (SAMPLE, FIXTURES / "province-bom.txt"):
        (src / path.name).write_bytes(path.read_bytes())
    build([src], out=tmp_path / "build")
    write_report(tmp_path / "build", tmp_path / "site")
    for notice in ("dandong-kexie-2024", "province-bom"):
        record = json.loads((tmp_path / "build" / "notices" / f"{notice}.json").read_text("utf-8"))
        page = tmp_path / "site" / "notices" / f"{notice}.html"
        assert "项措施" not in page.read_text(encoding="utf-8")  # the lists are not in the page
        browser.get(page.as_uri())
        wait_for(browser, "return window.kgNotice && window.kgNotice.ready")
        lists = browser.execute_script(
            "return Array.from(document.querySelectorAll('.side ol')).map(function (ol) {"
            "  return Array.from(ol.children).map(function (li) { return li.textContent; }); })"
        )
        findings = sorted(record["findings"], key=lambda f: f["span"])
        assert lists[0] == [
            f"{clip(f['text'], 24)} — {len(f['measures'])} 项措施 measures"
            + "".join(f" {k}" for k in range(1, len(f["measures"]) + 1))
            for f in findings
        ]
        roles = {(r["title"], r["role"]) for r in record["regulations"]}
        assert sorted(lists[1]) == sorted(f"《{t}》 {role}" for t, role in roles)
        assert len(lists[2]) == len(record["outputs"])
        links = browser.execute_script(
            "return Array.from(document.querySelectorAll('.side a')).map(function (a) {"
            "  var m = document.getElementById(a.getAttribute('href').slice(1));"
            "  return m && m.tagName === 'MARK' && a.textContent; })"
        )
        assert len(links) == sum(1 + len(f["measures"]) for f in findings) + len(roles) + len(
            record["outputs"]
        )
        assert all(links), "a link of the side lists has no highlight"
    assert lists[0][0].endswith(" — 2 项措施 measures 1 2")  # the province's first area
    # the graph page of one notice, then the hash names the other: its graph is loaded
    browser.get((tmp_path / "site" / "graph" / "view.html").as_uri() + "#dandong-kexie-2024")
    wait_for(browser, "return window.kgGraph && window.kgGraph.ready")
    browser.execute_script("location.hash = 'province-bom'")
    wait_for(browser, "return document.title === '通报知识图谱 · province-bom' && window.kgGraph"
                      " && window.kgGraph.ready && kgGraph.cy.nodes().length")  # fmt: skip
    assert external_requests(browser) == []
