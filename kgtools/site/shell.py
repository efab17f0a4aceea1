"""The report's page shell: the navigation bar every page shares, escaping, notes. Kept
apart from the notice pages (and so from networkx): the report's validation process
imports it, and its start is on the way of every rebuild's report.
"""

from __future__ import annotations

import html

NAV = (("index.html", "通报 notices"), ("graph/all.html", "总图 graph"), ("charts.html", "图表 charts"),
       ("queries.html", "查询 queries"), ("validation.html", "验证 validation"),
       ("ontology.html", "本体 ontology"))  # fmt: skip


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


def note(text: str) -> str:
    """A note paragraph (a skipped part, a cap reached)."""
    return f'<p class="note">{esc(text)}</p>'
