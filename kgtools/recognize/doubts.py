"""What the extractor is unsure of in one notice: machine-readable doubts with a message,
from the record's shape (no anchor in the text says so). A doubt does not change the
record; it tells a person which notices to read again."""

from __future__ import annotations

import re
from statistics import median

from ..record import Doubt, NoticeRecord, Span

_SIGNATURE_RE = re.compile(
    r"^(?:中共|中国共产党)?[^。，,；;]{2,40}(?:委员会|党组|党委|办公室|领导小组|纪委|局|中心)$"
    r"|^[0-9０-９〇零一二三四五六七八九十]{2,4}年[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日$"
    r"|^（[^）]{0,30}）$|^附件"
)
_OPEN = "ongoing"


def find_doubts(
    rec: NoticeRecord, closing_end: int | None, stated_units: int | None
) -> list[Doubt]:
    """Doubts about a recognized notice. ``closing_end``: where its closing (publication
    period, contact) ends, if found; ``stated_units``: how many units its opening counts."""
    doubts: list[Doubt] = []
    grouped = {f.area for f in rec.findings if f.area is not None}
    empty = {f.own_area for f in rec.findings
             if f.own_area is not None and not f.measures and not f.status}  # fmt: skip
    for i, area in enumerate(rec.problem_areas):
        if (not area.is_finding and i not in grouped) or i in empty:
            doubts.append(Doubt("area-without-findings",
                                f"problem area {i + 1} has no problem or measure under it: "
                                "its problems may have been read as something else", area.span))  # fmt: skip
    doubts += _long_findings(rec)
    bare = [
        f for f in rec.findings if not f.measures and not (f.status and f.status.value == _OPEN)
    ]
    if rec.findings and len(bare) * 2 > len(rec.findings):
        doubts.append(Doubt("findings-without-measures",
                            f"{len(bare)} of {len(rec.findings)} problems have no measure: the "
                            "measures may sit where they were not looked for (a table, a list)"))  # fmt: skip
    if stated_units is not None and rec.units and len(rec.units) < stated_units:
        doubts.append(Doubt("unit-count",
                            f"the opening counts {stated_units} units, {len(rec.units)} were found"))  # fmt: skip
    if closing_end is not None:
        doubts += _after_closing(rec.text, closing_end)
    return doubts


def _long_findings(rec: NoticeRecord) -> list[Doubt]:
    lengths = [len(f.text) for f in rec.findings]
    if len(lengths) < 3:
        return []
    typical = median(lengths)
    return [
        Doubt(
            "long-finding",
            f"problem {k} is {len(f.text)} characters long, {len(f.text) / typical:.0f}× its "
            "siblings: its measures may have been read into it",
            f.span,
        )  # fmt: skip
        for k, f in enumerate(rec.findings, 1)
        if len(f.text) > max(4 * typical, 80)
    ]


def _after_closing(text: str, end: int) -> list[Doubt]:
    """Paragraphs after the closing that are neither a signature nor a date."""
    extra: list[Span] = []
    pos = end
    for line in text[end:].split("\n"):
        stripped = line.strip(" \t\u3000\u00a0")
        start = pos + len(line) - len(line.lstrip(" \t\u3000\u00a0"))
        pos += len(line) + 1
        if len(stripped) > 30 and not _SIGNATURE_RE.match(stripped):
            extra.append((start, start + len(stripped)))
    if not extra:
        return []
    return [Doubt("text-after-closing",
                  f"{len(extra)} paragraph(s) follow the publication period and contact: "
                  "an appendix, another notice or page furniture?", extra[0])]  # fmt: skip
