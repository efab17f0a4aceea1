"""Word .docx → text, one paragraph per line, guarded against zip bombs and XML entities.

Paragraphs and tables come in document order. A paragraph numbered by Word's automatic
numbering gets its marker back (一、 （一） 1., see :mod:`.numbering`); a table is rendered
by the convention of :mod:`.tables` (header row → ``<header>：<cell>`` lines).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..errors import NoticeFormatError
from .numbering import Numbering
from .numbering import W as _W
from .tables import Cell, Row, cell_text, render

MAX_XML_BYTES = 50_000_000
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n",
              f"{_W}noBreakHyphen": "-"}  # fmt: skip
_SKIP = {f"{_W}txbxContent", _MC_FALLBACK, f"{_W}del", f"{_W}instrText", f"{_W}pPr", f"{_W}rPr"}


def _part(archive: zipfile.ZipFile, part: str, name: str, *, required: bool) -> Any:
    """A parsed XML part of the archive (None if optional and absent); size-limited, no entities.

    :raises NoticeFormatError: part missing, over the limit, or broken.
    """
    from lxml import etree

    try:
        info = archive.getinfo(part)
    except KeyError:
        if required:
            raise NoticeFormatError(f"{name}: not a readable .docx file (no {part})") from None
        return None
    if info.file_size > MAX_XML_BYTES:
        raise NoticeFormatError(
            f"{name}: the .docx unpacks to {info.file_size} bytes, over the {MAX_XML_BYTES}-byte limit"
        )
    try:
        with archive.open(info) as f:
            xml = f.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise NoticeFormatError(f"{name}: broken .docx archive ({exc})") from None
    if len(xml) > MAX_XML_BYTES:
        raise NoticeFormatError(f"{name}: the .docx unpacks to more than {MAX_XML_BYTES} bytes")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        if not required:
            return None
        raise NoticeFormatError(f"{name}: broken {part} in the .docx ({exc})") from None


def _runs(node: Any, parts: list[str], boxes: list[Any]) -> None:
    """Text of a paragraph's runs (hyperlinks, insertions, fields included); text boxes aside."""
    for child in node:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag in _TEXT_TAGS:
            parts.append(child.text or "" if tag == f"{_W}t" else _TEXT_TAGS[tag] or "")
        elif tag not in _SKIP:
            _runs(child, parts, boxes)


class _Reader:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering

    def paragraph(self, para: Any) -> list[str]:
        parts: list[str] = []
        boxes: list[Any] = []
        _runs(para, parts, boxes)
        text = "".join(parts)
        marker = self.numbering.marker(para)
        if marker and text.strip() and not text.lstrip(" \u3000\t").startswith(marker):
            indent = text[: len(text) - len(text.lstrip(" \u3000\t"))]
            text = indent + marker + text[len(indent) :]
        lines = [text]
        for box in boxes:
            lines += self.block(box)
        return lines

    def block(self, container: Any) -> list[str]:
        """Lines of the paragraphs and tables directly in a container, in document order."""
        lines: list[str] = []
        for child in container:
            tag = child.tag
            if tag == f"{_W}p":
                lines += self.paragraph(child)
            elif tag == f"{_W}tbl":
                lines += self.table(child)
            elif isinstance(tag, str) and tag not in _SKIP and tag != f"{_W}sectPr":
                lines += self.block(child)  # w:sdt, w:sdtContent, w:customXml, w:ins …
        return lines

    def table(self, tbl: Any) -> list[str]:
        rows: list[Row] = []
        for tr in _within(tbl, f"{_W}tr"):
            row: Row = []
            before = tr.find(f"{_W}trPr/{_W}gridBefore")
            col = _number(before.get(f"{_W}val") if before is not None else None, 0)
            for tc in _within(tr, f"{_W}tc"):
                pr = tc.find(f"{_W}tcPr")
                span_el = pr.find(f"{_W}gridSpan") if pr is not None else None
                span = max(1, _number(span_el.get(f"{_W}val") if span_el is not None else None, 1))
                merge = pr.find(f"{_W}vMerge") if pr is not None else None
                covered = merge is not None and merge.get(f"{_W}val", "continue") == "continue"
                text = "" if covered else cell_text(self.block(tc))
                row.append(Cell(col, text, span, covered))
                col += span
            rows.append(row)
        return render(rows)


def _within(parent: Any, tag: str) -> list[Any]:
    """Elements ``tag`` under ``parent`` through content controls, not inside cells or tables."""
    found = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
            found += _within(child, tag)
    return found


def _number(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def docx_to_text(data: bytes, *, name: str) -> str:
    """Paragraph texts of word/document.xml, with automatic numbering and tables.

    :raises NoticeFormatError: not a zip, no document part, too large when unpacked.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise NoticeFormatError(f"{name}: not a readable .docx file ({exc})") from None
    try:
        archive.getinfo("word/document.xml")
    except KeyError as exc:
        raise NoticeFormatError(f"{name}: not a readable .docx file ({exc})") from None
    root = _part(archive, "word/document.xml", name, required=True)
    numbering = Numbering.parse(
        _part(archive, "word/numbering.xml", name, required=False),
        _part(archive, "word/styles.xml", name, required=False),
    )
    body = root.find(f"{_W}body")
    return "\n".join(_Reader(numbering).block(body if body is not None else root))
