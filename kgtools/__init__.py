"""xuncha-kg: build, check and query the knowledge graph of inspection-rectification notices.

The pipeline: :func:`read_notice` (bytes → clean text) → segment → recognize
(:func:`extract_file`, :func:`extract_text` → :class:`NoticeRecord`) → emit
(:func:`record_graph`) → :func:`build` (many notices → files); :func:`validate` checks
graphs against the SHACL shapes and returns a :class:`ValidationReport`.
"""

from __future__ import annotations

from ._version import __version__  # noqa: E402
from .build import BuildResult, build
from .emit import notice_iri, record_graph
from .errors import KgtoolsError, NotANoticeError, NoticeFormatError, UsageError
from .extract import extract_bytes, extract_file, extract_text
from .query import Rows, catalog, query
from .read import read_notice
from .record import NoticeRecord, to_json
from .validate import ValidationReport, ValidationResult, validate

__all__ = [
    "BuildResult",
    "KgtoolsError",
    "NotANoticeError",
    "NoticeFormatError",
    "NoticeRecord",
    "UsageError",
    "ValidationReport",
    "ValidationResult",
    "__version__",
    "build",
    "extract_bytes",
    "extract_file",
    "extract_text",
    "notice_iri",
    "Rows",
    "catalog",
    "query",
    "read_notice",
    "validate",
    "record_graph",
    "to_json",
]
