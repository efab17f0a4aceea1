"""HTML of the report's pages: the shared shell and the notice page, whose text shows every
extracted node highlighted at its offsets and linked to the graph view.

Everything from a notice goes through :func:`html.escape`. The notice's text is not in the
page: ``assets/notice.js`` draws it, highlights and all (``<mark class="hl hl-{class}"
id="n-{node IRI after the notice's}">``), from ``graph/<id>.js``, the data the notice's
graph page reads too, so the text is stored once per notice; a click on a highlight opens
its node in the graph page.
"""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import quote

from ..viz.model import CLASSES, NoticeView, anchor, page_href

HIGHLIGHT = ("ProblemArea", "Finding", "Measure", "Regulation", "Output", "Organization",
             "LeadershipAction", "NextStepPlan")  # fmt: skip
NAV = (("index.html", "通报 notices"), ("graph/all.html", "总图 graph"), ("charts.html", "图表 charts"),
       ("queries.html", "查询 queries"), ("validation.html", "验证 validation"),
       ("ontology.html", "本体 ontology"))  # fmt: skip
NOTICE_SCRIPT = "notice.js"  # draws the highlighted text (kgtools/viz/static)


def esc(value: object) -> str:
    """Text escaped for HTML content and attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


def shell(title: str, body: str, *, depth: int = 0, script: str = "") -> str:
    """A report page: navigation bar, title, body (already HTML)."""
    up = "../" * depth
    nav = "".join(f'<a href="{up}{href}">{esc(text)}</a>' for href, text in NAV)
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'self' file:; style-src 'unsafe-inline' 'self' file:; img-src 'self' file: data:">
<title>{esc(title)}</title>
<link rel="stylesheet" href="{up}assets/report.css">
</head>
<body>
<nav class="top"><span class="brand"><a href="{up}index.html">xuncha-kg 报告 / report</a></span>{nav}</nav>
<main>
<h1>{esc(title)}</h1>
{body}
</main>
{script}
</body>
</html>
"""


def _item(view: NoticeView, node: str, text: str) -> str:
    return f'<a href="#{esc(anchor(node, view.notice_id))}">{esc(text)}</a>'


def notice_page(view: NoticeView, record: dict[str, Any] | None, validation: str) -> str:
    """The page of one notice: its text highlighted, and lists of what was extracted."""
    g, nid = view.graph, view.notice_id
    graph_page = f"../graph/{page_href(nid)}"
    classes = json.dumps(
        {c: f"{CLASSES[c][0]} {CLASSES[c][1]}" for c in HIGHLIGHT}, ensure_ascii=False
    )
    by_cls: dict[str, list[tuple[str, dict[str, Any]]]] = {c: [] for c in CLASSES}
    for node, d in sorted(g.nodes(data=True), key=lambda nd: nd[1].get("startOffset", -1)):
        by_cls[d["cls"]].append((node, d))
    side = []
    doubts = (record or {}).get("doubts") or []
    if doubts:
        items = "".join(
            f"<li><code>{esc(d['code'])}</code> {esc(d['message'])}</li>" for d in doubts
        )
        side.append(
            f"<h2 class='doubts'>存疑，请复核 / To check ({len(doubts)})</h2><ul>{items}</ul>"
        )
    findings = by_cls["Finding"] + [
        (n, d) for n, d in by_cls["ProblemArea"] if "Finding" in d["classes"]
    ]
    findings.sort(key=lambda nd: nd[1].get("startOffset", 0))
    lines = []
    for node, d in findings:
        measures = sorted((m for m in g.successors(node) if g.nodes[m]["cls"] == "Measure"),
                          key=lambda m: g.nodes[m].get("startOffset", 0))  # fmt: skip
        numbers = " ".join(_item(view, m, str(k)) for k, m in enumerate(measures, 1))
        lines.append(
            f"<li>{_item(view, node, d['label'])} — {len(measures)} 项措施 measures {numbers}</li>"
        )
    side.append(
        f"<h2>问题与措施 / Findings and measures ({len(findings)})</h2><ol>{''.join(lines)}</ol>"
    )
    regs = [f"<li>{_item(view, n, '《' + str(d.get('title', d['label'])) + '》')} "
            f"<span class='en'>{esc(d.get('role', '').removeprefix('Role').lower())}</span></li>"
            for n, d in by_cls["Regulation"]]  # fmt: skip
    side.append(f"<h2>制度文件 / Regulations ({len(regs)})</h2><ol>{''.join(regs)}</ol>")
    outs = [f"<li>{_item(view, n, d['label'])}</li>" for n, d in by_cls["Output"]]
    side.append(f"<h2>量化成果 / Outputs ({len(outs)})</h2><ol>{''.join(outs)}</ol>")
    legend = "".join(
        f'<span><mark class="hl hl-{c}">{esc(CLASSES[c][0])} {esc(CLASSES[c][1])}</mark></span>'
        for c in HIGHLIGHT[:6]
    )
    facts = ""
    if record:
        rows = [("发布单位 issuer", record.get("issuing_org")), ("被巡察单位 inspected", record.get("inspected_org")),
                ("巡察组 team", record.get("inspecting_body")),
                ("驻点 stationed", f"{record.get('inspection_start')} – {record.get('inspection_end')}"),
                ("反馈 feedback", record.get("feedback_date")),
                ("公开 published", " – ".join(record.get("publication_period") or [])),
                ("具体措施占比 concreteness", f"{record['concreteness']['share']:.0%}"),
                ("验证 validation", None)]  # fmt: skip
        facts = "<table>" + "".join(
            f"<tr><th>{esc(k)}</th><td>{esc(v) if v is not None else validation}</td></tr>" for k, v in rows
        ) + "</table>"  # fmt: skip
    body = f"""<p><a href="{esc(graph_page)}">交互式图谱 / interactive graph</a> · <code>{esc(nid)}</code></p>
{facts}
<p class="legend">{legend}</p>
<div class="layout">
<div><h2>通报原文 / Notice text</h2><div class="text" id="notice-text" data-graph="{esc(graph_page)}#{esc(quote(nid, safe="-_.~"))}" data-classes="{esc(classes)}"><noscript>原文由脚本绘制 / the text is drawn by the page's script</noscript></div></div>
<div class="side">{"".join(side)}</div>
</div>"""
    title = (record or {}).get("title") or nid
    script = (f'<script src="../graph/{esc(page_href(nid).removesuffix(".html"))}.js"></script>\n'
              f'<script src="../assets/{NOTICE_SCRIPT}"></script>')  # fmt: skip
    return shell(f"{title} · {nid}", body, depth=1, script=script)
