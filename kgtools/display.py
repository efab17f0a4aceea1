"""Text for people: plain-text tables that stay aligned with Chinese (double-width)
characters, and one-line clips of long texts."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


class _Widths(dict[str, int]):
    """Each character's width, looked up once (a table of 10 000 rows measures a few
    hundred thousand characters: a dictionary lookup each, not a Unicode query)."""

    def __missing__(self, ch: str) -> int:
        self[ch] = width = _char_width(ch)
        return width


_WIDTH_OF = _Widths().__getitem__


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide and full-width characters count two."""
    return len(text) if text.isascii() else sum(map(_WIDTH_OF, text))


def _pad(text: str, width: int, right: bool, own: int) -> str:
    gap = " " * (width - own)
    return gap + text if right else text + gap


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, max_width: int = 60
) -> str:
    """Rows under headers, columns padded to their widest cell; numbers right-aligned."""
    cells = [[_clip(str(c if c is not None else ""), max_width) for c in row] for row in rows]
    sizes = [[display_width(c) for c in row] for row in cells]  # each cell measured once
    widths = [display_width(h) for h in headers]
    for row_sizes in sizes:
        for i, size in enumerate(row_sizes):
            widths[i] = max(widths[i], size)
    numeric = [
        all(isinstance(r[i], (int, float)) for r in rows) if rows else False
        for i in range(len(headers))
    ]
    lines = ["  ".join(_pad(h, w, n, display_width(h))
                       for h, w, n in zip(headers, widths, numeric, strict=True))]  # fmt: skip
    lines.append("  ".join("-" * w for w in widths))
    for row, row_sizes in zip(cells, sizes, strict=True):
        lines.append("  ".join(_pad(c, w, n, size) for c, w, n, size
                               in zip(row, widths, numeric, row_sizes, strict=True)))  # fmt: skip
    return "\n".join(line.rstrip() for line in lines)


def _clip(text: str, max_width: int) -> str:
    text = " ".join(text.split())
    if display_width(text) <= max_width:
        return text
    used, end = 0, 0
    for end, ch in enumerate(text):  # noqa: B007 — the index is what the loop finds
        used += _WIDTH_OF(ch)
        if used > max_width - 1:
            break
    return text[:end] + "…"


def clip(text: str, width: int) -> str:
    """The text on one line (white space folded), cut to ``width`` characters with "…"."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
