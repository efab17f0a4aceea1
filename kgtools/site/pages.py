"""HTML of the report's pages: the shared shell and the notice page, whose text shows every
extracted node highlighted at its offsets and linked to the graph view.

Everything from a notice goes through :func:`html.escape`; the only script is a fixed
click handler that follows a highlight's ``data-graph`` link.
"""

from __future__ import annotations

import html
from typing import Any

from ..viz.model import CLASSES, NoticeView, anchor, page_href, short_id

HIGHLIGHT = ("ProblemArea", "Finding", "Measure", "Regulation", "Output", "Organization",
             "LeadershipAction", "NextStepPlan")  # fmt: skip
NAV = (("index.html", "通报 notices"), ("graph/all.html", "总图 graph"), ("charts.html", "图表 charts"),
       ("queries.html", "查询 queries"), ("validation.html", "验证 validation"),
       ("ontology.html", "本体 ontology"))  # fmt: skip
_CLICK = ("<script>document.addEventListener('click',function(e){var m=e.target.closest('mark[data-graph]');"
          "if(m&&!e.target.closest('a')){location.href=m.getAttribute('data-graph');}});</script>")  # fmt: skip


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


def highlight(text: str, spans: list[tuple[int, int, str, str, str, str]]) -> str:
    """``text`` escaped, with ``<mark>`` around each span ``(start, end, cls, id, title, href)``.

    Spans nest; one that crosses the end of an enclosing span is cut at that end.
    """
    out: list[str] = []
    pos, stack = 0, list[int]()  # stack: end offsets of the open marks
    for start, end, cls, ident, title, href in sorted(spans, key=lambda s: (s[0], -s[1])):
        while stack and stack[-1] <= start:
            out.append(esc(text[pos : stack[-1]]))
            pos = stack.pop()
            out.append("</mark>")
        end = min(end, stack[-1]) if stack else end
        if end <= start or start < pos:
            continue
        out.append(esc(text[pos:start]))
        pos = start
        out.append(
            f'<mark class="hl hl-{cls}" id="{esc(ident)}" title="{esc(title)}" data-graph="{esc(href)}">'
        )
        stack.append(end)
    while stack:
        out.append(esc(text[pos : stack[-1]]))
        pos = stack.pop()
        out.append("</mark>")
    out.append(esc(text[pos:]))
    return "".join(out)


def _item(view: NoticeView, node: str, d: dict[str, Any], text: str) -> str:
    graph = f"../graph/{page_href(view.notice_id)}#{short_id(node)}"
    return (f'<a href="#{anchor(node, view.notice_id)}">{esc(text)}</a> '
            f'<a class="en" href="{esc(graph)}">[图 graph]</a>')  # fmt: skip


def notice_page(view: NoticeView, record: dict[str, Any] | None, validation: str) -> str:
    """The page of one notice: its text highlighted, and lists of what was extracted."""
    g, nid = view.graph, view.notice_id
    graph_page = f"../graph/{page_href(nid)}"
    spans = []
    for node, d in g.nodes(data=True):
        if d["cls"] in HIGHLIGHT and "startOffset" in d:
            zh, en, _ = CLASSES[d["cls"]]
            href = f"{graph_page}#{short_id(node)}"
            title = f"{zh} {en} [{d['startOffset']}, {d['endOffset']})"
            spans.append(
                (d["startOffset"], d["endOffset"], d["cls"], anchor(node, nid), title, href)
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
        measures = [m for m in g.successors(node) if g.nodes[m]["cls"] == "Measure"]
        lines.append(f"<li>{_item(view, node, d, d['quote'] or d['label'])} — {len(measures)} 项措施 measures<ol>"
                     + "".join(f"<li>{_item(view, m, g.nodes[m], g.nodes[m]['label'])}</li>" for m in measures)
                     + "</ol></li>")  # fmt: skip
    side.append(
        f"<h2>问题与措施 / Findings and measures ({len(findings)})</h2><ol>{''.join(lines)}</ol>"
    )
    regs = [f"<li>{_item(view, n, d, '《' + str(d.get('title', d['label'])) + '》')} "
            f"<span class='en'>{esc(d.get('role', '').removeprefix('Role').lower())}</span></li>"
            for n, d in by_cls["Regulation"]]  # fmt: skip
    side.append(f"<h2>制度文件 / Regulations ({len(regs)})</h2><ol>{''.join(regs)}</ol>")
    outs = [f"<li>{_item(view, n, d, d['label'])}</li>" for n, d in by_cls["Output"]]
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
<div><h2>通报原文 / Notice text</h2><div class="text" id="notice-text">{highlight(view.text, spans)}</div></div>
<div class="side">{"".join(side)}</div>
</div>"""
    title = (record or {}).get("title") or nid
    return shell(f"{title} · {nid}", body, depth=1, script=_CLICK)
