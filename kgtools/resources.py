"""Locate the ontology, shapes and queries shipped with kgtools.

An installed wheel carries them in ``kgtools/_resources``; a source checkout
(editable install or tests) has them at the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the directory ``name`` (ontology, shapes or queries)."""
    for base in (_PACKAGE / "_resources", _PACKAGE.parent):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kgtools resource directory {name!r} not found; reinstall kgtools")


def ontology_path() -> Path:
    """Path of the ontology in Turtle."""
    return resource_dir("ontology") / "xuncha.ttl"
