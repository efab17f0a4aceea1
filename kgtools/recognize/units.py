"""The inspected units of a centralized notice (C1, C2): one notice for a round that
covered several organizations. They are named in the opening (``对县示例局、县示例中心等3家
单位开展了常规巡察``) and, in C2, head a section each (``【县示例局】`` / ``一、县示例局：反馈
问题8个…``) with the unit's own totals."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..record import Span

_N = r"[0-9０-９一二三四五六七八九十两]{1,3}"
# 对<units>（等N家单位）（党组织）开展了（常规|专项）巡察 — the clause that names the units
UNITS_CLAUSE_RE = re.compile(
    rf"对(?P<list>[^。；;对]{{2,400}}?)(?:等?(?P<n>{_N})(?:家|个)(?:单位|部门|乡镇|街道|镇街|乡镇（街道）|企业|学校|医院|村|社区)?)?"
    r"(?:的)?(?:党组织|党组|党委|党总支|党支部|领导班子)?\s*(?:开展|进行|实施)了?"
    r"[^。；;，,]{0,12}(?:巡察|巡视)"
)
_SPLIT_RE = re.compile(r"[、，,]")
_AND_RE = re.compile(r"以及|和|及")
_PARTY_SUFFIX_RE = re.compile(r"(?:的)?(?:党组织|党组|党委|党总支|党支部|领导班子|机关党委)$")
ORG_END_RE = re.compile(
    r"(?:局|委员会|委|办公室|办|中心|院|校|学院|大学|公司|集团|镇|街道|乡|所|馆|站|会|部|处|队|社|厂|行|署|园区|管委会|医院|学校)$"
)


@dataclass(frozen=True)
class UnitMention:
    """A unit's name as written (line breaks removed) and its span."""

    name: str
    span: Span


def _clean(text: str) -> str:
    return _PARTY_SUFFIX_RE.sub("", "".join(text.split()))


def _pieces(names: str) -> list[str]:
    """A list of names split at 、 and commas, and at 和/及 only where every part is a name
    (市发展和改革委员会 stays whole)."""
    out: list[str] = []
    for piece in _SPLIT_RE.split(names):
        parts = _AND_RE.split(piece)
        whole = len(parts) > 1 and all(ORG_END_RE.search(_clean(p)) for p in parts)
        out += parts if whole else [piece]
    return out


def units_in_opening(text: str, start: int, end: int) -> list[UnitMention]:
    """Units named in the opening's inspection clauses; [] when it names a single unit."""
    found: list[UnitMention] = []
    for m in UNITS_CLAUSE_RE.finditer(text, start, end):
        s = m.start("list")
        parts: list[UnitMention] = []
        pos = s
        for piece in _pieces(m.group("list")):
            name = _clean(piece)
            offset = text.find(piece, pos, m.end("list"))
            if name and ORG_END_RE.search(name) and 2 <= len(name) <= 40:
                parts.append(UnitMention(name, (offset, offset + len(piece.rstrip()))))
            pos = offset + len(piece) if offset >= 0 else pos
        if parts and (len(parts) >= 2 or m.group("n") or found):
            found += parts
    names = {u.name for u in found}
    return found if len(names) >= 2 else []


SECTION_NAME_RE = re.compile(r"[^：:，,。；;\s（(【】]{2,30}")


def unit_heading(text: str, start: int, end: int, known: set[str]) -> str | None:
    """The unit a section heading names: a known unit, or an organization's name followed by
    that unit's totals (反馈问题X个…)."""
    m = SECTION_NAME_RE.match(text, start, end)
    if not m:
        return None
    name = _clean(m.group(0))
    if name in known:
        return name
    rest = text[m.end() : end]
    if ORG_END_RE.search(name) and (
        not rest.strip(" ：:】") or re.match(r"\s*[】]?\s*[：:]\s*(?:反馈|巡察|共)", rest)
    ):
        return name
    return None
