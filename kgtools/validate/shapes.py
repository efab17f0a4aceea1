"""The SHACL shapes one validation runs with, loaded once and passed explicitly.

A :class:`Shapes` holds the parsed shapes graph of a folder and the SPARQL queries of its
``sparql/`` subfolder (the fast engine's form of the same shapes), so that both engines
see the folder the user gave, never a copy kept in module state.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .._version import __version__
from ..errors import UsageError
from ..resources import resource_dir
from ..vocab import SH_NS, XK_NS


@dataclass(frozen=True)
class Shapes:
    """The shapes graph of one folder, its SPARQL form, and their content hash."""

    folder: Path
    graph: Any  # rdflib.Graph (rdflib is loaded only when shapes are)
    queries: dict[str, str] = field(default_factory=dict)
    digest: str = ""

    @property
    def names(self) -> list[str]:
        """The sh:name of every node shape, sorted."""
        return shape_names(self.graph)


def shapes_folder(shapes_dir: Path | None) -> Path:
    """The folder given, or the shipped shapes."""
    return Path(shapes_dir) if shapes_dir else resource_dir("shapes")


def shapes_hash(shapes_dir: Path | None) -> str:
    """A hash of every shape file and shape query, so that editing a shape empties a cache."""
    folder = shapes_folder(shapes_dir)
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*folder.glob("*.ttl"), *(folder / "sparql").glob("*.rq")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def load_shapes(shapes_dir: Path | None = None) -> Shapes:
    """All shapes files of ``shapes_dir`` (default: the shipped shapes) and their queries.

    :raises UsageError: no shapes, or a file that does not parse.
    """
    folder = shapes_folder(shapes_dir)
    return _load(str(folder), shapes_hash(folder))


@cache
def _load(folder_name: str, digest: str) -> Shapes:
    """Parsed once per process for each folder content (the digest is part of the key)."""
    from rdflib import Graph

    folder = Path(folder_name)
    files = sorted(folder.glob("*.ttl")) if folder.is_dir() else []
    if not files:
        raise UsageError(f"{folder}: no shapes (*.ttl) found")
    graph = Graph()
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib's parser errors have no common base
            raise UsageError(
                f"{path}: bad shapes file ({type(exc).__name__}: {str(exc)[:200]})"
            ) from None
    queries = {
        p.stem: p.read_text(encoding="utf-8") for p in sorted((folder / "sparql").glob("*.rq"))
    }
    return Shapes(folder=folder, graph=graph, queries=queries, digest=digest)


def shape_names(graph: Any) -> list[str]:
    """The sh:name of every node shape of an rdflib shapes graph, sorted."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    return sorted({str(n) for s in graph.subjects(RDF.type, URIRef(SH_NS + "NodeShape"))
                   for n in graph.objects(s, URIRef(SH_NS + "name"))})  # fmt: skip


def owner_name(graph: Any, shape: Any) -> str:
    """The sh:name of a shape, or of the node shape a property shape belongs to."""
    from rdflib import URIRef

    name = graph.value(shape, URIRef(SH_NS + "name"))
    if name is None:
        parent = next(graph.subjects(URIRef(SH_NS + "property"), shape), None)
        name = graph.value(parent, URIRef(SH_NS + "name")) if parent is not None else None
    return str(name) if name is not None else str(shape)


def path_text(graph: Any, path: Any) -> str | None:
    """A SHACL path as text: ``hasMeasure``, ``^hasMeasure``, ``reportsOn / inspects``."""
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection

    if path is None:
        return None
    if not isinstance(path, BNode):
        return str(path).removeprefix(XK_NS)
    inverse = graph.value(path, URIRef(SH_NS + "inversePath"))
    if inverse is not None:
        return "^" + str(inverse).removeprefix(XK_NS)
    steps = list(Collection(graph, path))
    return " / ".join(str(p).removeprefix(XK_NS) for p in steps) if steps else "complex path"
