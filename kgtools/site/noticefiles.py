"""A notice's files in the report: ``graph/<id>.js`` (its text and graph, read by its text
page and by the report's one graph page, ``graph/view.html#<id>``) and ``notices/<id>.html``
(which shows its validation status), and the key they are written for. Written by the report (:mod:`.report`) or, during a
build, by the worker that built the notice (:mod:`.prepare`): the same functions, so the
same bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..viz.html import data_script, page_data
from ..viz.model import NoticeView
from .pages import notice_page
from .written import write_if_changed

Counts = dict[str, int]
SEVERITIES = ("Violation", "Warning", "Info")


def status_html(counts: Counts | None, up: str = "") -> str:
    """A notice's validation status (None: not validated)."""
    if counts is None:
        return '<span class="en">—</span>'
    if counts["Violation"]:
        return f'<a class="bad" href="{up}validation.html">✗ {counts["Violation"]} violation(s)</a>'
    if counts["Warning"]:
        return f'<span class="warn">✓ 符合 conforms, {counts["Warning"]} warning(s)</span>'
    return '<span class="ok">✓ 符合 conforms</span>'


def page_key(digest: str, status: str) -> str:
    """What a notice's pages are written for: its graph's digest and its status."""
    return f"{digest} {hashlib.sha256(status.encode()).hexdigest()[:16]}" if digest else ""


def write_graph_files(out: Path, view: NoticeView) -> None:
    """A notice's data file ``graph/<id>.js``."""
    nid = view.notice_id
    data = page_data(view.graph, texts={nid: view.text}, notice_href="../notices/{page}")
    write_if_changed(out / "graph" / f"{nid}.js", data_script(data))


def write_notice_page(out: Path, view: NoticeView, record: dict[str, Any] | None, status: str) -> None:  # fmt: skip
    """A notice's text page with its status (:func:`status_html` with ``up="../"``)."""
    write_if_changed(out / "notices" / f"{view.notice_id}.html", notice_page(view, record, status))
