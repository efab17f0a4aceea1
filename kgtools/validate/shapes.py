"""The SHACL shapes one validation runs with, loaded once and passed explicitly.

A :class:`Shapes` holds the parsed shapes graph of a folder (every ``*.ttl``, each parsed
on its own first, so a file that needs another one's prefixes is an error), the names of
its shapes and a digest of the files. Both engines read this one object: the pySHACL
engine runs the graph, the SPARQL engine compiles it (:mod:`.compile`).

Bad shapes are usage errors (exit 2) naming the file and, where it can be told, the line:
a syntax error or an unknown prefix (from the parser), and an ill-typed constraint such as
``sh:minCount "one"`` (from :func:`check_constraints`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .._version import __version__
from ..errors import UsageError
from ..resources import resource_dir
from ..vocab import SH_NS, XK_NS
from .checks import check_constraints

TARGETS = ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")


@dataclass(frozen=True)
class Shapes:
    """The shapes graph of one folder, the names of its shapes, and a content digest."""

    folder: Path
    graph: Any  # rdflib.Graph (rdflib is loaded only when shapes are)
    digest: str = ""
    #: name (en) → name (zh) of every top-level shape, in name order
    labels: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def names(self) -> list[str]:
        """The name of every top-level shape (its English sh:name, or one from its IRI),
        sorted; results name their shape the same way."""
        return list(self.labels)


def shapes_folder(shapes_dir: Path | None) -> Path:
    """The folder given, or the shipped shapes."""
    return Path(shapes_dir) if shapes_dir else resource_dir("shapes")


def shapes_hash(shapes_dir: Path | None) -> str:
    """A hash of kgtools' version, every shape file and the ontology (whose class hierarchy
    and declared terms validation reads), so that editing any of them empties a cache."""
    folder = shapes_folder(shapes_dir)
    digest = hashlib.sha256(__version__.encode())
    files = sorted(folder.glob("*.ttl")) if folder.is_dir() else []
    for path in [*files, *sorted(resource_dir("ontology").glob("*.ttl"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def load_shapes(shapes_dir: Path | None = None) -> Shapes:
    """All shapes files of ``shapes_dir`` (default: the shipped shapes).

    :raises UsageError: no shapes, a file that does not parse on its own, or an ill-typed
        constraint; the message is one line naming the file (and the line when known).
    """
    folder = shapes_folder(shapes_dir)
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such shapes directory")
    return _load(str(folder), shapes_hash(folder))


def _parse_error(path: Path, exc: Exception) -> UsageError:
    why = getattr(exc, "_why", None) or str(exc).strip().splitlines()[-1:] or [type(exc).__name__]
    why = why if isinstance(why, str) else why[0]
    line = getattr(exc, "lines", None)
    where = f"{path}:{line + 1}" if isinstance(line, int) else str(path)
    return UsageError(f"{where}: bad shapes file ({type(exc).__name__}: {why[:200]})")


@cache
def _load(folder_name: str, digest: str) -> Shapes:
    """Parsed once per process for each folder content (the digest is part of the key)."""
    from rdflib import Graph

    folder = Path(folder_name)
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise UsageError(f"{folder}: no shapes (*.ttl) found")
    graph = Graph()
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: cannot read the shapes file ({exc})") from None
        part = Graph()
        try:
            part.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
        except Exception as exc:  # rdflib's parser errors have no common base
            raise _parse_error(path, exc) from None
        check_constraints(part, path, text)
        for prefix, namespace in part.namespaces():
            graph.bind(prefix, namespace, override=False)
        graph += part
    labels = {en: zh for en, zh in sorted(top_level_names(graph).values())}
    return Shapes(folder=folder, graph=graph, digest=digest, labels=labels)


def top_level_shapes(graph: Any) -> list[Any]:
    """Shapes that validation starts from: node shapes, and any shape with a target."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    found = set(graph.subjects(RDF.type, URIRef(SH_NS + "NodeShape")))
    for target in TARGETS:
        found |= set(graph.subjects(URIRef(SH_NS + target), None))
    return sorted(found, key=str)


def top_level_names(graph: Any) -> dict[Any, tuple[str, str]]:
    """(en, zh) name of every top-level shape."""
    return {shape: shape_names(graph, shape) for shape in top_level_shapes(graph)}


def _fallback_name(graph: Any, shape: Any) -> str:
    """A stable name for a shape without sh:name: its IRI's local name, or for a blank
    node a digest of what it says (the same on every run)."""
    from rdflib import BNode

    if not isinstance(shape, BNode):
        return re.split(r"[#/]", str(shape).rstrip("#/"))[-1] or str(shape)
    said = sorted(
        f"{p} {o if not isinstance(o, BNode) else '_'}" for p, o in graph.predicate_objects(shape)
    )
    return "shape " + hashlib.sha1("\n".join(said).encode()).hexdigest()[:8]


def shape_names(graph: Any, shape: Any) -> tuple[str, str]:
    """(en, zh) names of a shape: its sh:name in each language (an untagged one counts as
    English), else those of the node shape it is a property of, else one from its IRI."""
    from rdflib import URIRef

    names = {n.language or "": str(n) for n in graph.objects(shape, URIRef(SH_NS + "name"))}
    if not names:
        parent = next(graph.subjects(URIRef(SH_NS + "property"), shape), None)
        if parent is not None:
            return shape_names(graph, parent)
        fallback = _fallback_name(graph, shape)
        return fallback, fallback
    en = names.get("en") or names.get("") or sorted(names.values())[0]
    return en, names.get("zh") or en


def owner_name(graph: Any, shape: Any) -> str:
    """The name a result reports for its source shape (see :func:`shape_names`)."""
    return shape_names(graph, shape)[0]


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
