"""Word .docx → text, one paragraph per line, guarded against zip bombs."""

from __future__ import annotations

import io
import zipfile

from ..errors import NoticeFormatError

MAX_XML_BYTES = 50_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_to_text(data: bytes, *, name: str) -> str:
    """Paragraph texts of word/document.xml.

    :raises NoticeFormatError: not a zip, no document part, too large when unpacked.
    """
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise NoticeFormatError(f"{name}: not a readable .docx file ({exc})") from None
    if info.file_size > MAX_XML_BYTES:
        raise NoticeFormatError(
            f"{name}: the .docx unpacks to {info.file_size} bytes, over the {MAX_XML_BYTES}-byte limit"
        )
    try:
        with archive.open(info) as f:
            xml = f.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise NoticeFormatError(f"{name}: broken .docx archive ({exc})") from None
    if len(xml) > MAX_XML_BYTES:
        raise NoticeFormatError(f"{name}: the .docx unpacks to more than {MAX_XML_BYTES} bytes")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise NoticeFormatError(f"{name}: broken document.xml in the .docx ({exc})") from None
    lines = []
    for para in root.iter(f"{_W}p"):
        parts = []
        for node in para.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
            parts.append(
                node.text or ""
                if node.tag == f"{_W}t"
                else ("\t" if node.tag == f"{_W}tab" else "\n")
            )
        lines.append("".join(parts))
    return "\n".join(lines)
