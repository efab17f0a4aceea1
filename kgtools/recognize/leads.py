"""Run-in lead sentences (B2): under a problem area, a paragraph that opens with
``着力解决……的问题。`` or ``针对……问题，`` states one problem, and its measures follow in the
same paragraph and in the paragraphs (or bullets) up to the next lead sentence."""

from __future__ import annotations

import re

from ..record import Span

LEAD_RE = re.compile(
    r"(?:(?:着力|重点|集中|切实|认真|全力|坚决)?(?:解决|整改|纠正|破解|整治|扭转)|针对|聚焦)"
    r"(?P<problem>[^。；;！!？?\n]{4,160}?(?:的?问题|短板|弱项|不足|差距|不到位|不够|不力))"
    r"\s*(?P<sep>[。，,：:；;]|$)"
)


def lead_of(text: str, start: int, end: int) -> tuple[Span, int] | None:
    """The problem a paragraph's lead sentence states, and where the rest begins."""
    m = LEAD_RE.match(text, start, end)
    if not m:
        return None
    return m.span("problem"), m.end()


def split_leads(text: str, regions: list[Span]) -> list[tuple[Span, list[Span]]]:
    """(problem span, its regions) for each lead sentence, when the first region opens with
    one; [] otherwise (the area states its measures directly)."""
    if not regions or lead_of(text, *regions[0]) is None:
        return []
    out: list[tuple[Span, list[Span]]] = []
    for s, e in regions:
        lead = lead_of(text, s, e)
        if lead:
            problem, rest = lead
            out.append((problem, [(rest, e)] if rest < e else []))
        else:
            out[-1][1].append((s, e))
    return out
