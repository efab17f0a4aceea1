"""The interactive graph page: one HTML file with Cytoscape.js, the graph and its positions.

The JavaScript library is vendored from the npm registry (``static/cytoscape.min.js``, see
``static/VENDORED.txt``) and inlined with the page's style and script, so the page works
offline and requests nothing; the report's pages link one shared copy of each instead
(``assets=``). The graph travels as compact JSON (:func:`page_data`) inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped: a node is a row,
its IRI relative to its notice, and when the notice's text is given its quote and label are
cut from the text at its offsets by the page's script instead of repeated. The page's
script writes notice text only through ``textContent``: a notice containing ``<script>``
shows it as text.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib.resources import files
from typing import Any

import networkx as nx

from ..display import clip
from ..vocab import NOTICE_BASE, notice_iri_text
from .draw import tree_layout
from .model import CLASSES, LABEL_LENGTH, page_href

LIBRARY = "cytoscape.min.js"
VIEWER = "view.html"  # the report's graph page (graph/view.html#<notice>)
ASSETS = (LIBRARY, "graph.css", "graph.js")  # what a graph page links from ``assets=``
X_STEP, Y_STEP = 260, 26
# the attributes the page shows (graph.js); the others stay in the exports
SHOWN = ("title", "name", "value", "unit", "counts", "approximate", "role", "stationingStart",
         "stationingEnd", "feedbackDate", "publicationStart", "publicationEnd",
         "durationStationingDays", "daysToFeedback", "daysToPublication", "concrete",
         "concretenessShare", "findingCount", "measureCount", "regulationCount", "outputCount")  # fmt: skip


@cache
def static_text(name: str) -> str:
    """A file of ``kgtools/viz/static``."""
    return files("kgtools.viz").joinpath("static").joinpath(name).read_text(encoding="utf-8")


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _inline_script(code: str) -> str:
    return "<script>" + code.replace("</script", "<\\/script") + "</script>"


def _pixel(value: float) -> int:
    """A position in whole pixels (a tenth of a pixel cost bytes on every node, unseen)."""
    return round(value)


def page_data(graph: nx.DiGraph, *, texts: dict[str, str] | None = None,
              notice_href: str | None = None) -> dict[str, Any]:  # fmt: skip
    """The graph as the page's script reads it.

    ``{"base": NOTICE_BASE, "classes": {cls: [zh, en, colour]}, "kinds": [cls],
    "relations": [relation], "notices": [[id, IRI tail, text, link to its page]],
    "nodes": [[notice index, IRI relative to the notice, class (index into kinds), label
    or 0, start, end, x, y, {shown attributes, and "classes" when it has several}]],
    "edges": [[source row, target row, relation (index into relations)]]}``.
    A label of 0 is the quote clipped to 24 characters; a quote is the notice's text at
    the node's offsets when the text is given (else it is in the attributes). Classes and
    relations are numbered because every report page carries its notice's rows (a tenth
    of the data file).
    """
    texts = texts or {}
    pos = tree_layout(graph)
    notices: list[list[str]] = []
    index: dict[str, int] = {}
    rows: list[list[Any]] = []
    at: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for node, d in graph.nodes(data=True):
        nid = str(d.get("notice", ""))
        if nid not in index:
            index[nid] = len(notices)
            link = notice_href.format(page=page_href(nid)) if notice_href and nid else ""
            notices.append(
                [nid, notice_iri_text(nid).removeprefix(NOTICE_BASE), texts.get(nid, ""), link]
            )
        k = index[nid]
        base = NOTICE_BASE + notices[k][1]
        rel = node[len(base) :] if node.startswith(base) else None
        if rel is None:
            k, rel = -1, node
        extra = {key: d[key] for key in SHOWN if key in d}
        if " " in str(d.get("classes", "")):  # e.g. a problem area that is also a finding
            extra["classes"] = d["classes"]
        has_text = nid in texts and "startOffset" in d
        quote = str(d.get("quote", ""))
        if quote and not has_text:
            extra["quote"] = quote
        label = 0 if has_text and quote and d["label"] == clip(quote, LABEL_LENGTH) else d["label"]
        x, y = pos.get(node, (0.0, 0.0))
        at[node] = len(rows)
        kind = kinds.setdefault(str(d["cls"]), len(kinds))
        rows.append([k, rel, kind, label, d.get("startOffset", -1), d.get("endOffset", -1),
                     _pixel(x * X_STEP), _pixel(-y * Y_STEP), extra or 0])  # fmt: skip
    relations: dict[str, int] = {}
    edges = [[at[u], at[v], relations.setdefault(str(d["relation"]), len(relations))]
             for u, v, d in graph.edges(data=True)]  # fmt: skip
    return {"base": NOTICE_BASE, "classes": {c: list(v) for c, v in CLASSES.items()},
            "kinds": list(kinds), "relations": list(relations),
            "notices": notices, "nodes": rows, "edges": edges}  # fmt: skip


def data_script(data: dict[str, Any]) -> str:
    """A script file setting ``window.kgData`` to :func:`page_data`'s value: the report's
    notice page and graph page of a notice share one (``graph/<id>.js``)."""
    return f"window.kgData={script_json(data)};\n"


def graph_page(
    graph: nx.DiGraph,
    *,
    title: str = "",
    texts: dict[str, str] | None = None,
    assets: str | None = None,
    notice_href: str | None = None,
    back_href: str | None = None,
) -> str:
    """The page of ``graph``.

    ``texts`` (notice id → clean text) lets the page cut quotes from the text instead of
    carrying each; ``assets`` links the library, style and script from that folder (the
    report shares one copy) instead of inlining them; ``notice_href``
    (``../notices/{page}``) links each node to its notice's text page; ``back_href`` adds
    a link back to the report's index.
    """
    data = page_data(graph, texts=texts, notice_href=notice_href)
    data_tag = f'<script type="application/json" id="kg-data">{script_json(data)}</script>'
    title = title or f"通报知识图谱 · {graph.graph.get('notice', '')}"
    return _page(title, data_tag, assets, back_href)


def viewer_page(assets: str, back_href: str) -> str:
    """The report's one graph page for every notice, ``graph/{VIEWER}#<notice IRI tail>``:
    its script loads the notice's data file (:func:`data_script`) named by the hash, so a
    notice's pages add only that file to the report."""
    return _page("通报知识图谱", "", assets, back_href)


def _page(title: str, data_tag: str, assets: str | None, back_href: str | None) -> str:
    if assets:
        href = html.escape(assets.rstrip("/"))
        style = f'<link rel="stylesheet" href="{href}/graph.css">'
        scripts = (
            f'<script src="{href}/{LIBRARY}"></script>\n<script src="{href}/graph.js"></script>'
        )
    else:
        style = f"<style>{static_text('graph.css')}</style>"
        scripts = (
            _inline_script(static_text(LIBRARY)) + "\n" + _inline_script(static_text("graph.js"))
        )
    back = f'<a href="{html.escape(back_href)}">报告首页 / report</a>' if back_href else ""
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'self' file:; style-src 'unsafe-inline' 'self' file:; img-src data:; connect-src 'none'">
<title>{html.escape(title)}</title>
{style}
</head>
<body>
<header>
  <h1 title="{html.escape(title)}">{html.escape(title)}</h1>
  <input id="search" type="search" placeholder="搜索 / search: 文本、引文…" aria-label="search">
  <span id="count"></span>
  <select id="layout" aria-label="layout">
    <option value="preset">树 / tree</option>
    <option value="breadthfirst">层次 / breadth-first</option>
    <option value="cose">力导向 / force (cose)</option>
    <option value="concentric">同心 / concentric</option>
  </select>
  <button id="fit" type="button">适应窗口 / fit</button>
  {back}
</header>
<nav id="filters"><h2>节点类别 / classes</h2><div id="classfilters"></div>
<p class="muted">点击节点查看引文与偏移；滚轮缩放，拖动平移。<br>Click a node for its quote and offsets; wheel to zoom, drag to pan.</p></nav>
<main id="cy" aria-label="graph"></main>
<aside id="panel"><h2>详情 / details</h2><div id="details"><p class="muted">未选择节点 / no node selected</p></div>
<h2>搜索结果 / search results</h2><ul id="results"></ul></aside>
{data_tag}
{scripts}
</body>
</html>
"""
