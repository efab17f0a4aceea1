"""Printed pages → paragraphs: page furniture removed, hard line breaks and page breaks undone.

Works on the lines of each page, top to bottom, with their position (left x, baseline y,
font size) when the PDF gives them.

* Furniture: among the first two and last two lines of a page, a page number in one of its
  printed forms, and a running header or footer, the same text (digits aside) at the same
  height on most pages. The issuer and contact lines, at other heights, stay.
* Paragraphs: a line that reaches the typical right edge continues on the next line unless
  it ends a sentence (。；！？：…) and the next line is indented or starts with a numbering
  marker; a short line ends its paragraph, except the last line of a page whose sentence
  goes on at the top of the next (a number cut from its unit: ``1.`` / ``3万人``). Lines are
  joined with no separator (Chinese has no spaces).
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ..display import display_width
from .furniture import is_page_number

_FINAL = re.compile(r"[。；;！!？?：:…][”’」』）)】〕\]》]*$")
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d{1,3}[、.．](?!\d)|"
    r"[①-⑳⑴-⒇⒈-⒛]|第[一二三四五六七八九十\d]+[，、,]|[【■◆●▲▶★☆◇□]|"
    r"(?:问题|整改措施|整改情况|整改成效|整改状态|责任单位|整改时限)[\d一二三四五六七八九十]*[：:])"
)
_EDGE = 2  # lines at the top and at the bottom of a page that may be furniture


@dataclass
class Line:
    """One printed line: its text, left edge, baseline (up is larger), font size."""

    text: str
    x: float = 0.0
    y: float = 0.0
    size: float = 12.0
    end: float = 0.0  # right edge of the last piece, when known


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def drop_furniture(pages: list[list[Line]], *, positioned: bool) -> list[list[Line]]:
    """The pages without page numbers and running headers/footers (see the module docstring)."""
    edges: list[dict[int, str]] = []  # page → {index: side}
    for page in pages:
        n = len(page)
        sides = {i: "top" for i in range(min(_EDGE, n))}
        sides.update({i: "bottom" for i in range(max(0, n - _EDGE), n) if i not in sides})
        edges.append(sides)
    drop: list[set[int]] = [set() for _ in pages]
    for p, page in enumerate(pages):
        for i in edges[p]:
            if is_page_number(page[i].text, edge=i in (0, len(page) - 1)):
                drop[p].add(i)
    # running lines: the same text (up to a number) at the same place on most pages
    places: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for p, page in enumerate(pages):
        for i, side in edges[p].items():
            if i not in drop[p] and len(_key(page[i].text)) >= 2:
                places.setdefault((side, _key(page[i].text)), []).append((p, i))
    need = max(2, math.ceil(0.6 * len(pages)))
    for (side, _), found in places.items():
        if positioned:
            ys = [pages[p][i].y for p, i in found]
            at = statistics.median(ys)
            found = [
                (p, i) for p, i in found if abs(pages[p][i].y - at) <= 3 + 0.3 * pages[p][i].size
            ]
        else:
            rank = Counter(_rank(pages[p], i, side) for p, i in found).most_common(1)[0][0]
            found = [(p, i) for p, i in found if _rank(pages[p], i, side) == rank]
        by_page: dict[int, int] = {}
        for p, i in found:
            by_page.setdefault(p, i)  # one occurrence per page
        if len(by_page) >= need:
            for p, i in by_page.items():
                drop[p].add(i)
    return [
        [line for i, line in enumerate(page) if i not in drop[p]] for p, page in enumerate(pages)
    ]


def _rank(page: list[Line], i: int, side: str) -> int:
    return i if side == "top" else len(page) - 1 - i


@dataclass
class _Measure:
    left: float
    right: float | None  # right edge shared by the full lines, in points (None: no wrapping)
    chars: float | None  # length of a full line in characters, indent included
    size: float  # body font size


def _cluster(values: list[float], below: float, above: float, *, need: int) -> float | None:
    """The value the most others fall near (within ``below`` under, ``above`` over it)."""
    ordered = sorted(values)
    best, count = None, 0
    for v in ordered:
        n = bisect.bisect_right(ordered, v + above) - bisect.bisect_left(ordered, v - below)
        if n >= count:
            best, count = v, n
    return best if count >= need else None


def _measure(lines: list[Line]) -> _Measure:
    sizes = Counter(round(line.size * 2) / 2 for line in lines for _ in line.text)
    size = sizes.most_common(1)[0][0] if sizes else 12.0
    body = [line for line in lines if abs(line.size - size) <= 0.6] or lines
    lefts = Counter(round(line.x) for line in body)
    left = float(min(x for x, n in lefts.items() if n >= 0.5 * lefts.most_common(1)[0][1]))
    need = max(3, math.ceil(0.2 * len(body)))
    right = _cluster([_right(line) for line in body], size, 0.5 * size, need=need)
    chars = _cluster(
        [len(line.text) + max(0.0, line.x - left) / size for line in body], 1.5, 1.0, need=need
    )
    return _Measure(left, right, chars, size)


def _right(line: Line) -> float:
    return line.end or line.x + display_width(line.text) / 2 * line.size


def _full(line: Line, m: _Measure) -> bool:
    if line.x - m.left > 2.5 * m.size:
        return False  # centred or right-aligned: a title, a signature, a date
    if m.right is not None and _right(line) >= m.right - 2 * m.size:
        return True
    body = abs(line.size - m.size) <= 0.6
    indent = max(0.0, line.x - m.left) / m.size
    return body and m.chars is not None and len(line.text) + indent >= m.chars - 1.5


def _indented(line: Line, m: _Measure) -> bool:
    return line.x - m.left >= 0.9 * m.size


def _joins(a: Line, b: Line, m: _Measure, *, page_break: bool) -> bool:
    """Whether line ``b`` continues the paragraph of line ``a``."""
    if abs(a.size - b.size) > 1:
        return False  # a title over the body text
    new = _indented(b, m) or bool(_MARKER.match(b.text))
    final = bool(_FINAL.search(a.text))
    if _full(a, m):
        if final:
            return not new
        return not (_indented(b, m) and _MARKER.match(b.text))
    if page_break and not final and not new and a.x - m.left <= 2.5 * m.size:
        # the page ended inside a sentence: a heading (short, numbered) does not go on
        return not (_MARKER.match(a.text) and len(a.text) < 0.6 * (m.chars or 30))
    return False


def paragraphs(pages: list[list[Line]]) -> list[str]:
    """Paragraph texts of the pages (furniture already removed), one per item."""
    lines = [line for page in pages for line in page if line.text.strip()]
    if not lines:
        return []
    m = _measure(lines)
    out: list[str] = []
    prev: Line | None = None
    firsts = {id(page[0]) for page in pages[1:] if page}
    for line in lines:
        text = line.text.strip(" \u3000\xa0\t")
        if prev is not None and _joins(prev, line, m, page_break=id(line) in firsts):
            out[-1] += text
        else:
            out.append(text)
        prev = line
    return out
