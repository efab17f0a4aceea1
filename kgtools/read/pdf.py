"""PDF with a text layer → text, one paragraph per line. Scanned PDFs (no text layer) are refused.

The text of each page is read with its positions, its lines put in reading order (top to
bottom, left to right), then :mod:`.pdflayout` removes the page furniture (running header,
page numbers) and joins the lines of a paragraph across hard line breaks and page breaks.
"""

from __future__ import annotations

import io
import logging
import math
from typing import Any

from ..display import display_width
from ..errors import NoticeFormatError
from .pdflayout import Line, drop_furniture, paragraphs

MAX_PAGES = 500


def _fragments(page: Any) -> tuple[str, list[Line]]:
    """The page's plain text and its text pieces with positions (one per show-text run)."""
    pieces: list[Line] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
        height = abs(size * scale) if size and scale else 12.0
        for k, part in enumerate(text.split("\n")):
            if part.strip():  # a later part of one run: on the next line, place unknown
                pieces.append(Line(part, x, y - k * 1.2 * height, height))

    plain = page.extract_text(visitor_text=visit) or ""
    return plain, pieces


def _lines(pieces: list[Line]) -> list[Line]:
    """Pieces on one baseline joined into lines, top to bottom; far-apart pieces stay apart."""
    steps = [b.y - a.y for a, b in zip(pieces, pieces[1:], strict=False) if abs(b.y - a.y) > 1]
    if sum(s > 0 for s in steps) > 2 * sum(s < 0 for s in steps):  # y grows downwards
        pieces = [Line(p.text, p.x, -p.y, p.size) for p in pieces]
    pieces = sorted(pieces, key=lambda p: (-p.y, p.x))
    rows: list[list[Line]] = []
    for piece in pieces:
        if rows and abs(rows[-1][0].y - piece.y) <= 0.4 * max(piece.size, rows[-1][0].size):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda p: p.x)
        current = Line(row[0].text, row[0].x, row[0].y, row[0].size)
        end = row[0].x + display_width(row[0].text) / 2 * row[0].size
        for piece in row[1:]:
            if piece.x - end > 2.5 * piece.size:  # a separate column (a signature, a date)
                current.end = end
                lines.append(current)
                current = Line(piece.text, piece.x, piece.y, piece.size)
            else:
                current.text += piece.text
                current.size = max(current.size, piece.size)
            end = max(end, piece.x + display_width(piece.text) / 2 * piece.size)
        current.end = end
        lines.append(current)
    for line in lines:  # blanks typed as an indent move the line's start
        lead = line.text[: len(line.text) - len(line.text.lstrip(" \u3000\xa0\t\r"))]
        line.x += display_width(lead.replace("\xa0", " ")) / 2 * line.size
        line.text = line.text.strip(" \u3000\xa0\t\r")
    return [line for line in lines if line.text]


def _plain_lines(plain: str) -> list[Line]:
    """Lines of the plain text when positions are unusable; indentation from leading blanks."""
    out = []
    for k, raw in enumerate(plain.split("\n")):
        text = raw.strip(" \u3000\xa0\t\r")
        if text:
            lead = raw[: len(raw) - len(raw.lstrip(" \u3000\xa0\t"))]
            indent = (
                max(1.0, sum(1.0 if ch == "\u3000" else 0.5 for ch in lead)) * 12.0 if lead else 0.0
            )
            out.append(Line(text, indent, -k * 14.0, 12.0))
    return out


def _usable(plain: str, lines: list[Line]) -> bool:
    """Positions agree with the plain text: the same characters, and more than one baseline."""
    flat = "".join(plain.split())
    got = "".join("".join(line.text.split()) for line in lines)
    many = len({round(line.y) for line in lines}) > 1 or len(flat) < 40
    return bool(lines) and many and sorted(got) == sorted(flat)


def pdf_to_text(data: bytes, *, name: str) -> str:
    """Paragraphs of the PDF's text, page furniture removed.

    :raises NoticeFormatError: unreadable PDF, too many pages, or no text layer.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > MAX_PAGES:
            raise NoticeFormatError(
                f"{name}: {len(reader.pages)} pages, over the {MAX_PAGES}-page limit"
            )
        read = [_fragments(page) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise NoticeFormatError(f"{name}: not a readable PDF ({exc})") from None
    if not any(plain.strip() for plain, _ in read):
        raise NoticeFormatError(
            f"{name}: the PDF has no text layer (a scan?); run OCR and give the text"
        )
    pages = [_lines(pieces) for _, pieces in read]
    positioned = all(
        _usable(plain, lines)
        for (plain, _), lines in zip(read, pages, strict=True)
        if plain.strip()
    )
    if not positioned:
        pages = [_plain_lines(plain) for plain, _ in read]
    pages = drop_furniture(pages, positioned=positioned)
    return "\n".join(paragraphs(pages))
