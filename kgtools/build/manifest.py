"""The build's manifest: its format (the build code's hash: a change re-extracts every
notice) and the previous build's notices."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from .. import layout
from .._version import __version__
from ..resources import resource_dir

MANIFEST_VERSION = "xuncha-build/1"


def build_code() -> list[Path]:
    """The modules that shape the build's files (by the package map), and the ontology."""
    return sorted([*layout.build_code(), *resource_dir("ontology").glob("*.ttl")])


@cache
def manifest_format() -> str:
    """The build format and a hash of the extractor's code and vocabularies: any change to
    them makes the next build re-extract every notice, so no graph is stale."""
    digest = hashlib.sha256(__version__.encode())
    for path in build_code():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{MANIFEST_VERSION} {digest.hexdigest()[:16]}"


def load_manifest(out: Path) -> tuple[dict[str, dict[str, Any]], int]:
    """The previous build's notices, and when it started (ns; 0 when unknown)."""
    try:
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, 0
    if not isinstance(data, dict) or data.get("format") != manifest_format():
        return {}, 0  # another extractor version: rebuild everything
    notices, started = data.get("notices"), data.get("started_ns")
    return (notices if isinstance(notices, dict) else {}), (
        started if isinstance(started, int) else 0
    )
