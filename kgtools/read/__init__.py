"""Stage 1, read: bytes → clean text, for every input format: plain text, HTML pages saved from government sites, .docx, PDF with text.

Each converter turns the file's bytes into clean text (line ends ``\\n``); offsets in the
graph refer to that text, which the graph keeps.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import NoticeFormatError
from .decode import MAX_BYTES, clean_text, normalize_newlines

SUFFIXES = (".txt", ".text", ".html", ".htm", ".shtml", ".docx", ".pdf")


def sniff(data: bytes, suffix: str) -> str:
    """The format of the bytes: text, html, docx or pdf (content first, then the suffix)."""
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if (
        head.startswith((b"<!doctype html", b"<html", b"<?xml"))
        or b"<body" in head
        or b"<meta" in head
    ):
        return "html"
    return {".html": "html", ".htm": "html", ".shtml": "html", ".docx": "docx", ".pdf": "pdf"}.get(
        suffix, "text"
    )


def to_clean_text(data: bytes, *, name: str) -> str:
    """Clean text of a notice in any supported format.

    :raises NoticeFormatError: the file cannot be read as that format.
    """
    fmt = sniff(data, Path(name).suffix.lower())
    if fmt == "text":
        return clean_text(data, name=name)
    if fmt == "html":
        from .html import html_to_text

        text = html_to_text(data, name=name)
    elif fmt == "docx":
        from .docx import docx_to_text

        text = docx_to_text(data, name=name)
    else:
        from .pdf import pdf_to_text

        text = pdf_to_text(data, name=name)
    text = normalize_newlines(text)
    if not text.strip():
        raise NoticeFormatError(f"{name}: no text found in the {fmt} file")
    return text


def read_notice(path: Path) -> tuple[str, bytes]:
    """Read a notice file (text, HTML, .docx or PDF); return its clean text and raw bytes.

    :raises NoticeFormatError: unreadable, empty, binary or undecodable file.
    """
    try:
        if path.stat().st_size > MAX_BYTES:
            raise NoticeFormatError(
                f"{path}: larger than the {MAX_BYTES}-byte limit for one notice"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise NoticeFormatError(f"{path}: cannot read ({exc.strerror})") from None
    return to_clean_text(data, name=str(path)), data
