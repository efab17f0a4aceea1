"""Totals a notice states: 反馈问题X个，已完成整改Y个，完成率Z%，建立制度N项."""

from __future__ import annotations

import re
from decimal import Decimal

from ..numerals import NumberTooLong, ascii_digits, to_number
from ..record import Totals

_N = r"([0-9０-９]+|[〇零一二两三四五六七八九十百千]{1,6})"
_U = r"(?:个|项|条|件|类)"
_AREAS = r"(?:(?:[0-9０-９]+|[〇零一二两三四五六七八九十]{1,3})个方面的?)?"  # 3个方面7个问题
PATTERNS: dict[str, re.Pattern[str]] = {
    "problems": re.compile(
        rf"(?:反馈|指出|交办|移交)(?:的)?(?:各类|具体|各项)?问题(?:共计?|总计)?{_N}{_U}"
        rf"|(?:反馈|指出|交办)的?{_AREAS}{_N}(?:个|项|条)(?:具体)?问题"
        rf"|{_N}(?:个|项|条)(?:巡视|巡察)?反馈问题|{_N}(?:个|项)具体问题"
    ),
    "rectified": re.compile(
        rf"(?:已完成整改|已整改到位|已整改|已完成|已办结|整改完成|完成整改)(?:到位)?(?:问题)?{_N}{_U}(?!、销号)"
        rf"|{_N}(?:个|项)(?:具体)?问题(?:均|全部)?已(?:全部)?(?:完成整改|整改到位|整改完成)(?![0-9０-９一二三四五六七八九十])"
    ),
    "measures": re.compile(rf"(?:整改措施|具体措施|细化措施|制定措施)(?:共计?)?{_N}(?:条|项|个)"),
    "rules": re.compile(
        rf"(?:建立|新建|制定|修订|完善|健全|出台)(?:和|、)?(?:完善|修订|健全)?(?:各项|各类|相关)?(?:规章)?制度(?:机制|文件)?(?:共计?)?{_N}(?:项|个|件|条|份)"
    ),
}
RATE_RE = re.compile(r"(?:整改)?完成率(?:为|达到?)?\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*[%％]")


def find_totals(
    text: str, start: int = 0, end: int | None = None, *, wrapped: bool = False
) -> Totals | None:
    """The first statement of each total in ``text[start:end]``; None when it states none.
    ``wrapped``: the text is hard-wrapped, so a number or phrase may be cut by a line break."""
    end = len(text) if end is None else end
    if wrapped and "\n" in text[start:end]:
        return _across_line_breaks(text, start, end)
    values: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    for key, pattern in PATTERNS.items():
        m = pattern.search(text, start, end)
        if m:
            try:
                values[key] = int(to_number(next(g for g in m.groups() if g)))
            except NumberTooLong:
                continue  # a stated total no one can mean: not a total
            spans.append(m.span())
    rate = None
    m = RATE_RE.search(text, start, end)
    if m:
        rate = Decimal(ascii_digits(m.group(1)))
        spans.append(m.span())
    if not spans:
        return None
    span = (min(s for s, _ in spans), max(e for _, e in spans))
    return Totals(span=span, rate=rate, **values)


def _across_line_breaks(text: str, start: int, end: int) -> Totals | None:
    """Totals in hard-wrapped text, where a number or a phrase may be cut by a line break:
    read with the breaks removed, spans mapped back to the text."""
    keep = [i for i in range(start, end) if text[i] != "\n"]
    found = find_totals("".join(text[i] for i in keep), wrapped=False)
    if found is None:
        return None
    s, e = found.span
    found.span = (keep[s], keep[e - 1] + 1)
    return found
