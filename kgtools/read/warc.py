"""Web archives (WARC, ISO 28500: wget ``--warc-file``, Heritrix, Browsertrix): the
captured documents of a ``.warc`` or ``.warc.gz`` file, one at a time, read with warcio.

:func:`captures` yields every successful capture of an HTML page, a PDF or a Word
``.docx`` — from ``response`` records (HTTP status 200, the body without its transfer
and content encodings), ``resource`` records, and ``revisit`` records (a capture whose
body equals an earlier one, named by its payload digest). Nothing is decided here about
notices: which capture to keep and how it becomes a source is the build's business.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import NoticeFormatError
from .decode import MAX_BYTES

WARC_SUFFIXES = (".warc", ".warc.gz")

#: MIME type → the suffix the reader expects.
KINDS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
_BY_URL_SUFFIX = {".html": ".html", ".htm": ".html", ".shtml": ".html", ".pdf": ".pdf",
                  ".docx": ".docx"}  # fmt: skip


@dataclass
class Capture:
    """One captured document. ``body`` is None for a revisit, whose body is the earlier
    capture's with the same ``digest`` (and when bodies were not asked for)."""

    url: str
    date: str  # WARC-Date, ISO 8601 UTC (2024-05-01T10:00:00Z)
    suffix: str  # .html, .pdf or .docx
    body: bytes | None
    digest: str | None  # WARC-Payload-Digest (sha1:…)
    record_id: str
    order: int  # position in the file: a later record of the same date wins
    revisit: bool = False


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _suffix(content_type: str | None, url: str, head: bytes | None) -> str | None:
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in KINDS:
        return KINDS[mime]
    if head is not None and head.startswith(b"%PDF-"):
        return ".pdf"
    if mime in ("", "application/octet-stream", "binary/octet-stream"):
        path = url.split("?")[0].split("#")[0].lower()
        return next((s for k, s in _BY_URL_SUFFIX.items() if path.endswith(k)), None)
    return None


def captures(path: Path, *, bodies: bool = True) -> Iterator[Capture]:
    """The HTML, PDF and .docx captures of a WARC file, in file order (without their
    bodies unless ``bodies``). A revisit whose HTTP headers do not say what it holds has
    ``suffix`` "" (that of the capture it repeats).

    :raises NoticeFormatError: not a WARC file, or one cut short (a record that ends
        before its length: a crawl stopped while writing).
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as stream:
            for order, record in enumerate(ArchiveIterator(stream, arc2warc=True)):
                capture = _capture(record, order, bodies)
                while record.raw_stream.read(1 << 16):
                    pass  # the rest of the record, to see that it is all there
                if getattr(record.raw_stream, "limit", 0) > 0:
                    url = record.rec_headers.get_header("WARC-Target-URI") or "?"
                    raise NoticeFormatError(
                        f"{path}: the WARC file is cut short (its record of {url} ends "
                        "before its length); a crawl stopped while writing? Give the whole file"
                    )
                if capture is not None:
                    yield capture
    except ArchiveLoadFailed as exc:
        raise NoticeFormatError(f"{path}: not a readable WARC file ({exc})") from None
    except (OSError, EOFError, ValueError) as exc:  # zlib.error is not an OSError
        raise NoticeFormatError(f"{path}: cannot read the WARC file ({exc})") from None


def _capture(record: Any, order: int, bodies: bool) -> Capture | None:
    kind = record.rec_type
    if kind not in ("response", "resource", "revisit"):
        return None
    headers = record.rec_headers
    url = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    if not url.lower().startswith(("http://", "https://")):
        return None
    http = record.http_headers
    if kind == "resource" or http is None:
        content_type = None if kind == "revisit" else headers.get_header("Content-Type")
    else:
        if http.get_statuscode() != "200":
            return None  # redirects, errors, not-modified: no document
        content_type = http.get_header("Content-Type")
    body = head = None
    if kind != "revisit":
        stream = record.content_stream()
        body = stream.read(MAX_BYTES + 1) if bodies else None
        head = body[:8] if body is not None else stream.read(8)
    suffix = _suffix(content_type, url, head)
    if suffix is None:
        if kind != "revisit" or content_type:
            return None
        suffix = ""  # as the capture it repeats
    return Capture(url=url.split("#")[0], date=headers.get_header("WARC-Date") or "",
                   suffix=suffix, body=body, digest=headers.get_header("WARC-Payload-Digest"),
                   record_id=headers.get_header("WARC-Record-ID") or "", order=order,
                   revisit=kind == "revisit")  # fmt: skip
