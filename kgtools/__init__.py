"""xuncha-kg: build, check and query the knowledge graph of inspection-rectification notices.

The pipeline: :func:`read_notice` (bytes → clean text) → segment → recognize
(:func:`extract_file`, :func:`extract_text` → :class:`NoticeRecord`) → emit
(:func:`record_graph`) → :func:`build` (many notices → files).
"""

from __future__ import annotations

from ._version import __version__  # noqa: E402
from .build import BuildResult, build
from .emit import notice_iri, record_graph
from .errors import KgtoolsError, NotANoticeError, NoticeFormatError, UsageError
from .extract import extract_bytes, extract_file, extract_text
from .read import read_notice
from .record import NoticeRecord, to_json

__all__ = [
    "BuildResult",
    "KgtoolsError",
    "NotANoticeError",
    "NoticeFormatError",
    "NoticeRecord",
    "UsageError",
    "__version__",
    "build",
    "extract_bytes",
    "extract_file",
    "extract_text",
    "notice_iri",
    "read_notice",
    "record_graph",
    "to_json",
]
