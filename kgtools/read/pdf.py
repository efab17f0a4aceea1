"""PDF with a text layer → text. Scanned PDFs (no text layer) are refused."""

from __future__ import annotations

import io
import logging

from ..errors import NoticeFormatError

MAX_PAGES = 500


def pdf_to_text(data: bytes, *, name: str) -> str:
    """Text of each page, pages separated by a line break.

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
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise NoticeFormatError(f"{name}: not a readable PDF ({exc})") from None
    text = "\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise NoticeFormatError(
            f"{name}: the PDF has no text layer (a scan?); run OCR and give the text"
        )
    return text
