"""HTML of the report's notice page (in the shell of :mod:`.shell`), whose text shows every
extracted node highlighted at its offsets and linked to the graph view.

Everything from a notice goes through :func:`html.escape`. The notice's text is not in the
page: ``assets/notice.js`` draws it, highlights and all (``<mark class="hl hl-{class}"
id="n-{node IRI after the notice's}">``), from ``graph/<id>.js``, the data the notice's
graph page reads too, so the text is stored once per notice; a click on a highlight opens
its node in the graph page. The lists beside the text (findings and their measures,
regulations, outputs) are drawn from that data as well: written into every page, they took
a third of the report's bytes.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ..viz.html import VIEWER
from ..viz.model import CLASSES, NoticeView, page_href
from .shell import esc, shell

HIGHLIGHT = ("ProblemArea", "Finding", "Measure", "Regulation", "Output", "Organization",
             "LeadershipAction", "NextStepPlan")  # fmt: skip
NOTICE_SCRIPT = "notice.js"  # draws the highlighted text (kgtools/viz/static)


def notice_page(view: NoticeView, record: dict[str, Any] | None, validation: str) -> str:
    """The page of one notice: its facts and doubts; ``assets/notice.js`` draws its text,
    highlighted, and the lists of what was extracted from ``graph/<id>.js``."""
    nid = view.notice_id
    graph_page = f"../graph/{VIEWER}#{quote(nid, safe='-_.~')}"
    side = []
    doubts = (record or {}).get("doubts") or []
    if doubts:
        items = "".join(
            f"<li><code>{esc(d['code'])}</code> {esc(d['message'])}</li>" for d in doubts
        )
        side.append(
            f"<h2 class='doubts'>存疑，请复核 / To check ({len(doubts)})</h2><ul>{items}</ul>"
        )
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
<div><h2>通报原文 / Notice text</h2><div class="text" id="notice-text" data-graph="{esc(graph_page)}" data-classes="{" ".join(HIGHLIGHT)}"><noscript>原文由脚本绘制 / the text is drawn by the page's script</noscript></div></div>
<div class="side">{"".join(side)}</div>
</div>"""
    title = (record or {}).get("title") or nid
    script = (f'<script src="../graph/{esc(page_href(nid).removesuffix(".html"))}.js"></script>\n'
              f'<script src="../assets/{NOTICE_SCRIPT}"></script>')  # fmt: skip
    return shell(f"{title} · {nid}", body, depth=1, script=script)
