"""Locate the ontology, shapes and queries shipped with kgtools.

An installed wheel carries them in ``kgtools/_resources``; a source checkout
(editable install or tests) has them at the repository root.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

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


@cache
def load_ontology() -> Any:  # an rdflib Graph; rdflib is loaded here only
    """The shipped ontology (every .ttl of ontology/) as one rdflib Graph, parsed once per
    process; callers must not change it."""
    from rdflib import Graph

    graph = Graph()
    for path in sorted(resource_dir("ontology").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph
