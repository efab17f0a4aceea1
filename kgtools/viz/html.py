"""The interactive graph page: one HTML file with Cytoscape.js, the graph and its positions.

The JavaScript library is vendored from the npm registry (``static/cytoscape.min.js``, see
``static/VENDORED.txt``) and inlined, so the page works offline and requests nothing.
The graph travels as JSON inside ``<script type="application/json">`` with ``<``, ``>``
and ``&`` escaped, and the page's script writes notice text only through ``textContent``:
a notice containing ``<script>`` shows it as text.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib.resources import files

import networkx as nx

from .draw import tree_layout
from .export import cytoscape_elements
from .model import CLASSES, anchor, page_href

LIBRARY = "cytoscape.min.js"
X_STEP, Y_STEP = 260, 26


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


def graph_page(
    graph: nx.DiGraph,
    *,
    title: str = "",
    library_src: str | None = None,
    notice_href: str | None = None,
    back_href: str | None = None,
) -> str:
    """The page of ``graph``.

    ``library_src`` links the library from that URL (the report shares one copy) instead of
    inlining it; ``notice_href`` (``../notices/{page}``) links each node to its notice's
    text page; ``back_href`` adds a link back to the report's index.
    """
    pos = tree_layout(graph)
    elements = cytoscape_elements(graph)
    if notice_href:
        for node in elements["elements"]["nodes"]:
            d = node["data"]
            d["link"] = (
                notice_href.format(page=page_href(d["notice"])) + "#" + anchor(d["id"], d["notice"])
            )
    data = {
        "graph": elements,
        "positions": {n: {"x": x * X_STEP, "y": -y * Y_STEP} for n, (x, y) in pos.items()},
        "classes": {c: list(v) for c, v in CLASSES.items()},
    }
    title = title or f"通报知识图谱 · {graph.graph.get('notice', '')}"
    library = (
        f'<script src="{html.escape(library_src)}"></script>'
        if library_src
        else _inline_script(static_text(LIBRARY))
    )
    back = f'<a href="{html.escape(back_href)}">报告首页 / report</a>' if back_href else ""
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'self' file:; style-src 'unsafe-inline'; img-src data:; connect-src 'none'">
<title>{html.escape(title)}</title>
<style>{static_text("graph.css")}</style>
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
<script type="application/json" id="kg-data">{script_json(data)}</script>
{library}
{_inline_script(static_text("graph.js"))}
</body>
</html>
"""
