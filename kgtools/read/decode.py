"""Stage 1, read: bytes → clean text.

Clean text is the decoded text with line ends normalized to ``\\n`` and a leading
byte-order mark dropped, and nothing else changed: every character offset in the
graph refers to it.
"""

from __future__ import annotations

import codecs

from ..errors import NoticeFormatError

MAX_BYTES = 20_000_000

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, *, name: str = "<bytes>") -> str:
    """Decode notice bytes: BOM-marked Unicode, UTF-8, else GB18030 (a superset of GBK/GB2312).

    :raises NoticeFormatError: empty, binary or undecodable input.
    """
    if not data.strip():
        raise NoticeFormatError(f"{name}: the file is empty; give a notice with text")
    if len(data) > MAX_BYTES:
        raise NoticeFormatError(
            f"{name}: {len(data)} bytes is more than the {MAX_BYTES}-byte limit for one notice"
        )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise NoticeFormatError(f"{name}: broken {encoding} text ({exc.reason})") from None
            if "\x00" in text:
                raise NoticeFormatError(f"{name}: binary file (NUL characters); give a text notice")
            return text
    if b"\x00" in data:  # anywhere: a NUL late in a file is no more text than an early one
        raise NoticeFormatError(f"{name}: binary file (NUL bytes); give a text notice")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(data) - 3 and exc.end == len(data):
                return data[: exc.start].decode(encoding)  # truncated inside the last character
            continue
    raise NoticeFormatError(
        f"{name}: undecodable bytes, neither UTF-8 nor GB18030/GBK; re-save the file as UTF-8"
    )


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(data: bytes, *, name: str = "<bytes>") -> str:
    """Bytes → clean text (decoded, line ends normalized).

    :raises NoticeFormatError: empty, binary or undecodable input.
    """
    text = normalize_newlines(decode(data, name=name))
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f\v")
    if controls > max(8, len(text) // 100):
        raise NoticeFormatError(f"{name}: binary file (control bytes); give a text notice")
    if not text.strip():
        raise NoticeFormatError(f"{name}: the file holds only whitespace; give a notice with text")
    return text
