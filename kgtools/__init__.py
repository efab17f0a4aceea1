"""xuncha-kg: build, check and query the knowledge graph of inspection-rectification notices.

The pipeline: :func:`read_notice` (bytes → clean text) → segment → recognize
(:func:`extract_file`, :func:`extract_text` → :class:`NoticeRecord`) → emit
(:func:`record_graph`) → :func:`build` (many notices → files); :func:`validate` checks
graphs against the SHACL shapes and returns a :class:`ValidationReport`; :func:`query`
runs a library query and returns :class:`Rows`.

Every name is imported on first use, so ``import kgtools`` (and ``kgtools --help``) loads
neither rdflib nor the pipeline.
"""

from __future__ import annotations

import importlib
import types
from typing import TYPE_CHECKING, Any

from ._version import __version__

# public name → the module that defines it
_API: dict[str, str] = {
    "BuildResult": "kgtools.build",
    "KgtoolsError": "kgtools.errors",
    "NotANoticeError": "kgtools.errors",
    "NoticeFormatError": "kgtools.errors",
    "NoticeRecord": "kgtools.record",
    "QueryFileError": "kgtools.errors",
    "RemoteError": "kgtools.errors",
    "Rows": "kgtools.query",
    "Severity": "kgtools.validate",
    "UsageError": "kgtools.errors",
    "ValidationReport": "kgtools.validate",
    "ValidationResult": "kgtools.validate",
    "build": "kgtools.site.buildstep",  # the corpus build with the kept query rows
    "catalog": "kgtools.query",
    "extract_bytes": "kgtools.extract",
    "extract_file": "kgtools.extract",
    "extract_text": "kgtools.extract",
    "notice_iri": "kgtools.emit",
    "query": "kgtools.query",
    "read_notice": "kgtools.read",
    "record_graph": "kgtools.emit",
    "to_dict": "kgtools.record",
    "to_json": "kgtools.record",
    "validate": "kgtools.validate",
}

__all__ = sorted([*_API, "__version__"])


class _Api(types.ModuleType):
    """The package module: three public functions share their name with their stage's
    subpackage (``build``, ``query``, ``validate``); importing the subpackage must not
    replace the function on the package."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _API and isinstance(value, types.ModuleType):
            return  # the import system records a subpackage; the public name stays the function
        super().__setattr__(name, value)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kgtools' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    types.ModuleType.__setattr__(_this, name, value)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})


_this = importlib.import_module(__name__)
_this.__class__ = _Api

if TYPE_CHECKING:  # what type checkers and IDEs see  # noqa: F401 (re-exported)
    from .build import BuildResult
    from .emit import notice_iri, record_graph
    from .errors import (
        KgtoolsError,
        NotANoticeError,
        NoticeFormatError,
        QueryFileError,
        RemoteError,
        UsageError,
    )
    from .extract import extract_bytes, extract_file, extract_text
    from .query import Rows, catalog, query
    from .read import read_notice
    from .record import NoticeRecord, to_dict, to_json
    from .site.buildstep import build
    from .validate import Severity, ValidationReport, ValidationResult, validate
