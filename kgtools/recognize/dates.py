"""Dates in notice text: 2023年9月25日, 二〇二四年三月, ranges that inherit year and month
(2023年9月25日至12月29日, 9月2日至10日) and month ends (截至7月底)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ..numerals import to_int

_NUM = r"[0-9０-９]{1,4}|[〇零○一二三四五六七八九十]{1,4}"
_Y = rf"(?P<@y>{_NUM})\s*年"
_M = rf"(?P<@m>{_NUM})\s*月"
_D = rf"(?P<@d>{_NUM})\s*[日号]"


def _part(prefix: str) -> str:
    y, m, d = (s.replace("@", prefix) for s in (_Y, _M, _D))
    return rf"(?P<{prefix}all>(?:{y}\s*)?(?:{m}\s*)?(?:{d}|(?P<{prefix}e>底))?)"


_RANGE_SEP = r"\s*(?:至|到|—|－|-|~|～)\s*"
# Every date starts with a numeral; the lookahead keeps the scan from stopping at every character.
DATE_RE = re.compile(
    rf"(?=[0-9０-９〇零○一二三四五六七八九十]){_part('a')}(?:{_RANGE_SEP}{_part('b')})?"
)


@dataclass(frozen=True)
class DateMention:
    """A date or date range found in text; ``end`` equals ``start`` for a single day."""

    start: date
    end: date
    span: tuple[int, int]
    precision: str  # "day" | "month"

    @property
    def is_range(self) -> bool:
        return self.start != self.end


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _resolve(m: re.Match[str], p: str, year: int | None, month: int | None
             ) -> tuple[date, str] | None:  # fmt: skip
    gy, gm, gd, ge = (m.group(p + k) for k in "ymde")
    try:
        y = to_int(gy) if gy else year
        mo = to_int(gm) if gm else month
        if y is None or mo is None or not 1900 <= y <= 2100 or not 1 <= mo <= 12:
            return None
        if gd:
            return date(y, mo, to_int(gd)), "day"
        if ge:
            return date(y, mo, _month_end(y, mo)), "day"
        return date(y, mo, 1), "month"
    except ValueError:
        return None


def find_dates(text: str, *, default_year: int | None = None) -> list[DateMention]:
    """All dates and date ranges in ``text``, in order.

    A date without a year takes the year of the date before it in the text, else
    ``default_year``; the end of a range inherits year and month from its start.
    """
    found: list[DateMention] = []
    year = default_year
    pos = 0
    while pos < len(text) and (m := DATE_RE.search(text, pos)) is not None:
        pos = max(m.end(), m.start() + 1)
        if not (m.group("am") or (m.group("ad") and m.group("bd"))):
            pos = m.start() + 1  # a bare 年, 日 or separator is not a date; look again after it
            continue
        first = _resolve(m, "a", year, None)
        if first is None:
            continue
        start, precision = first
        end = start
        span_end = m.end()
        if m.group("bm") or m.group("bd") or m.group("be"):
            second = _resolve(m, "b", start.year, start.month)
            if second is not None and second[0] >= start:
                end = second[0]
            else:
                span_end = m.end("aall")
        else:
            span_end = m.end("aall")
        while span_end > m.start() and text[span_end - 1].isspace():
            span_end -= 1
        year = start.year
        found.append(DateMention(start, end, (m.start(), span_end), precision))
    return found
