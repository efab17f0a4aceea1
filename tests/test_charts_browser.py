"""The report's charts page in a real headless Chromium: every chart is drawn by ECharts
with its Chinese title, axis names and categories as text in the page (read back from the
SVG the page drew), its data table beside it holds the chart's numbers, the PNG and SVG
buttons download real files, nothing leaves the machine; a screenshot is kept in the
test's tmp_path."""

from __future__ import annotations

import base64
import json
import time
import urllib.parse
from pathlib import Path

import pytest

from kgtools.build.corpus import build
from kgtools.site.report import write_report
from kgtools.viz.chartspec import chart_specs

from .browser import external_requests, wait_for
from .conftest import SAMPLE
from .test_queries import CORPUS


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("charts")
    build([SAMPLE, CORPUS], out=out / "build", jobs=1)
    write_report(out / "build", out / "site")
    return out


def _specs(site: Path):  # type: ignore[no-untyped-def]
    records = [json.loads(p.read_text(encoding="utf-8"))
               for p in (site / "build" / "notices").glob("*.json")]  # fmt: skip
    return chart_specs(records)


def test_charts_read_in_chinese_with_their_data_beside_them(site: Path, browser) -> None:
    browser.set_window_size(1280, 4200)
    browser.get((site / "site" / "charts.html").as_uri())
    wait_for(browser, "return window.kgCharts && window.kgCharts.ready")
    specs = _specs(site)
    assert len(specs) == 7
    for spec in specs:
        texts = browser.execute_script(
            "return Array.from(document.querySelectorAll('#ec-' + arguments[0] + ' svg text'))"
            ".map(t => t.textContent)",
            spec.name,
        )
        for label in (spec.title_zh, spec.xlabel, spec.ylabel, *spec.categories[:12]):
            assert label in texts, (spec.name, label)
        for s in spec.series:
            if s.name:
                assert s.name in texts, (spec.name, s.name)  # the legend
        table = browser.execute_script(
            "var t = document.querySelector('#chart-' + arguments[0] + ' table.chart-data');"
            "return Array.from(t.rows).map(r => Array.from(r.cells).map(c => c.innerText.trim()))",
            spec.name,
        )
        head, rows = spec.table()
        assert table == [head, *rows], spec.name
        chart_box, table_box = browser.execute_script(
            "var s = document.getElementById('chart-' + arguments[0]);"
            "return [s.querySelector('.echart').getBoundingClientRect().toJSON(),"
            " s.querySelector('table.chart-data').getBoundingClientRect().toJSON()]",
            spec.name,
        )
        assert table_box["left"] >= chart_box["right"] and table_box["top"] < chart_box["bottom"]
    themes = next(s for s in specs if s.name == "themes")
    assert "政府采购" in themes.categories  # a Chinese category label, read back above
    shot = site / "charts-page.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 100_000
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    assert external_requests(browser) == []


def _saved(stem: Path) -> bool:
    """Both files are there and whole: the browser creates a download's file before it has
    written all of it (an empty SVG was once read)."""
    try:
        png = stem.with_suffix(".png").read_bytes()
        svg = stem.with_suffix(".svg").read_bytes()
    except OSError:
        return False
    return png.endswith(b"IEND\xaeB`\x82") and svg.rstrip().endswith(b"</svg>")


def test_a_chart_saves_as_png_and_svg(site: Path, tmp_path: Path, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    browser.get((site / "site" / "charts.html").as_uri())
    wait_for(browser, "return window.kgCharts && window.kgCharts.ready")
    for kind in ("png", "svg"):
        browser.find_element(
            By.CSS_SELECTOR, f'button[data-save="{kind}"][data-chart="durations"]'
        ).click()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not _saved(tmp_path / "durations"):
        time.sleep(0.1)
    png = (tmp_path / "durations.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    svg = (tmp_path / "durations.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "巡察驻点、反馈与公开的天数" in svg and "dandong-kexie-2024" in svg
    url = browser.execute_script("return kgCharts.png('themes')")
    assert base64.b64decode(url.split(",", 1)[1]).startswith(b"\x89PNG")
    url = browser.execute_script("return kgCharts.svg('themes')")
    assert "政府采购" in urllib.parse.unquote(url)
    assert external_requests(browser) == []


def test_names_from_notices_show_as_text_in_tooltips(site: Path, browser) -> None:
    """A notice id or unit is data: in the tooltip (HTML) it is escaped, not run."""
    browser.get((site / "site" / "charts.html").as_uri())
    wait_for(browser, "return window.kgCharts && window.kgCharts.ready")
    browser.execute_script(
        "var c = kgCharts.charts['themes'];"
        "c.setOption({yAxis: {data: ['<img src=x onerror=\"document.title=1\">', 'b']},"
        " series: [{name: '<b id=bold>n</b>'}]});"
        "c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});"
    )
    shown = wait_for(browser, "var t = document.querySelector('#ec-themes').innerText;"
                           "return t.indexOf('onerror') >= 0 && t")  # fmt: skip
    assert "<b id=bold>n</b>" in shown
    assert browser.title == "图表 / Charts"
    assert browser.execute_script("return document.getElementById('bold')") is None
