"""The report's charts page: every chart of :mod:`kgtools.viz.chartspec` drawn in the
browser by Apache ECharts (vendored in ``kgtools/viz/static``, linked from
``assets/``, nothing fetched), with its data table beside it and buttons that save it as
PNG or SVG. ECharts draws with its SVG renderer, so titles and labels are text in the
page, in the reader's own fonts: the charts read in Chinese wherever a browser has a
Chinese font, and need no Python plotting library. When matplotlib is installed, static
files for print are written to ``charts/`` as well (:mod:`kgtools.viz.charts`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..viz.chartspec import ChartSpec
from ..viz.html import script_json, static_text
from .shell import esc

ECHARTS = "echarts.min.js"
FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
         '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif')  # fmt: skip


def _item(
    value: float | int | None, show: bool, percent: bool, label: str | None
) -> dict[str, Any]:
    shown = None if value is None else (round(value * 100, 1) if percent else value)
    item: dict[str, Any] = {"value": shown, "label": {"show": show and bool(value)}}
    if label is not None:
        item["label"]["formatter"] = label
    return item


def echarts_option(spec: ChartSpec) -> dict[str, Any]:
    """The ECharts option of a chart (plain JSON: the page's script adds the save tools)."""
    stacked = len(spec.series) > 1
    zh, _, en = spec.title.partition(" / ")
    subtext = " · ".join([en, *spec.notes]) if en else " · ".join(spec.notes)
    category: dict[str, Any] = {"type": "category", "data": spec.categories, "name": spec.category_label,
                "axisLabel": {"interval": 0}}  # fmt: skip
    value: dict[str, Any] = {"type": "value", "name": spec.value_label, "minInterval": 1}
    if spec.percent:
        value.update(max=100, minInterval=0, axisLabel={"formatter": "{value}%"})
    if spec.horizontal:
        category.update(inverse=True, nameLocation="start", nameTextStyle={"align": "right"})
        value.update(nameLocation="middle", nameGap=28)
        x_axis, y_axis = value, category
    else:
        category.update(nameLocation="middle", nameGap=28)
        x_axis, y_axis = category, value
    series = []
    for s in spec.series:
        labels = spec.labels if spec.labels is not None else [None] * len(s.values)
        series.append({
            "type": "bar", "name": s.name or spec.value_label, "itemStyle": {"color": s.color},
            "stack": "total" if stacked else None,
            "label": {"position": "inside" if stacked else ("right" if spec.horizontal else "top"),
                      "color": "#fff" if stacked else "#333"},
            "data": [_item(v, True, spec.percent, lab) for v, lab in zip(s.values, labels, strict=True)],
        })  # fmt: skip
    return {
        "animation": False,
        "textStyle": {"fontFamily": FONTS},
        "title": {"text": zh, "subtext": subtext, "left": "center", "top": 4},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"show": stacked, "top": 52, "data": [s.name for s in spec.series]},
        "grid": {"top": 96 if stacked else 72, "left": 24, "right": 120 if spec.labels else 48, "bottom": 48,
                 "containLabel": True},
        "xAxis": x_axis,
        "yAxis": y_axis,
        "series": series,
    }  # fmt: skip


def _height(spec: ChartSpec) -> int:
    rows = len(spec.categories) if spec.horizontal else 8
    return max(320, min(1400, 150 + 30 * rows))


def _table(spec: ChartSpec) -> str:
    head, rows = spec.table()
    cells = "".join(
        "<tr>" + f"<th scope='row'>{esc(r[0])}</th>" + "".join(f'<td class="num">{esc(c)}</td>' for c in r[1:]) + "</tr>"
        for r in rows
    )  # fmt: skip
    return ('<div class="chart-table"><table class="chart-data"><caption>数据 / data</caption><thead><tr>'
            + "".join(f"<th>{esc(h)}</th>" for h in head) + f"</tr></thead><tbody>{cells}</tbody></table></div>")  # fmt: skip


def _static_files(specs: list[ChartSpec], out: Path) -> tuple[set[str], list[str], list[str]]:
    """Static SVG/PNG for print in ``charts/``, when matplotlib is installed: the file names
    written, notes for this page, notes for the whole report (a missing CJK font)."""
    try:
        from ..viz.charts import write_chart_specs

        written = write_chart_specs(specs, out / "charts")
    except UsageError as exc:
        return set(), [f"静态图表文件未生成 / no static chart files for print: {exc}"], []
    return {p.name for c in written.charts for p in c.paths}, written.notes, written.notes


def charts_page(
    specs: list[ChartSpec], out: Path, notes: list[str], *, redraw: set[str] | None = None
) -> str:
    """The body of ``charts.html`` drawing ``specs`` (:func:`~kgtools.viz.chartspec.specs_of`),
    their static files for print in ``out/charts`` (only the charts named in ``redraw``
    when given: the others' files are kept), the ECharts library in ``out/assets``."""
    from .written import write_if_changed

    write_if_changed(out / "assets" / ECHARTS, static_text(ECHARTS))
    drawn = [s for s in specs if redraw is None or s.name in redraw]
    files, here, report_notes = _static_files(drawn, out)
    if files or not here:  # matplotlib is there: the files kept count too
        files |= {f"{s.name}.{fmt}" for s in specs if s not in drawn for fmt in ("svg", "png")
                  if (out / "charts" / f"{s.name}.{fmt}").is_file()}  # fmt: skip
    notes.extend(report_notes)
    options = {spec.name: echarts_option(spec) for spec in specs}
    parts = ['<p class="en">用 Apache ECharts 在浏览器中绘制；每个图表旁附数据表，可保存为 PNG 或 SVG。'
             " Drawn in the browser with Apache ECharts; each chart has its data beside it and "
             "saves as PNG or SVG.</p>"]  # fmt: skip
    parts += [f'<p class="note">{esc(n)}</p>' for n in here]
    for spec in specs:
        name = esc(spec.name)
        static = " · ".join(
            f'<a href="charts/{esc(f)}">{esc(f.rsplit(".", 1)[1].upper())}</a>'
            for f in (f"{spec.name}.svg", f"{spec.name}.png") if f in files
        )  # fmt: skip
        parts.append(
            f'<section class="chart" id="chart-{name}"><h2>{esc(spec.title)}</h2>'
            f'<div class="chart-row"><div class="echart" id="ec-{name}" data-chart="{name}" '
            f'role="img" aria-label="{esc(spec.title)}" style="height:{_height(spec)}px"></div>'
            f"{_table(spec)}</div>"
            f'<p class="chart-tools"><button type="button" data-save="png" data-chart="{name}">保存 PNG / save PNG</button> '
            f'<button type="button" data-save="svg" data-chart="{name}">保存 SVG / save SVG</button>'
            + (f' <span class="en">印刷用文件 / files for print: {static}</span>' if static else "")
            + "</p></section>"
        )  # fmt: skip
    parts.append(f'<script type="application/json" id="kg-charts">{script_json(options)}</script>')
    parts.append(f'<script src="assets/{ECHARTS}"></script>')
    parts.append(
        "<script>" + static_text("charts.js").replace("</script", "<\\/script") + "</script>"
    )
    return '<div class="charts">' + "\n".join(parts) + "</div>"
