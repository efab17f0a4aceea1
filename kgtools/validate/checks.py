"""Ill-typed constraints in a shapes file (``sh:minCount "one"``, ``sh:class "x"``, a
SHACL-SPARQL query with an unknown prefix or that does not parse …), found before any
engine runs, so that bad shapes are a usage error naming the file and line rather than
an engine's traceback."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..vocab import SH_NS, XSD_NS

_COUNTS = (
    "minCount",
    "maxCount",
    "minLength",
    "maxLength",
    "qualifiedMinCount",
    "qualifiedMaxCount",
)
_IRIS = (
    "class",
    "datatype",
    "targetClass",
    "targetSubjectsOf",
    "targetObjectsOf",
    "severity",
    "nodeKind",
)
_NODES = ("path", "property", "node", "qualifiedValueShape", "not", "sparql", "prefixes")
_LISTS = ("in", "or", "and", "xone", "ignoredProperties")
_BOOLEANS = ("closed", "deactivated", "qualifiedValueShapesDisjoint")
_LITERALS = ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "message", "name")
_INTEGERS = {XSD_NS + t for t in ("integer", "nonNegativeInteger", "positiveInteger", "int", "long",
                                  "short", "byte", "unsignedInt", "unsignedLong", "unsignedShort")}  # fmt: skip
SEVERITIES = {SH_NS + s for s in ("Violation", "Warning", "Info")}
NODE_KINDS = {
    SH_NS + k
    for k in ("IRI", "BlankNode", "Literal", "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral")
}


def _line_of(text: str, name: str, value: Any) -> int | None:
    """The first line of ``text`` that gives sh:<name> this value, if it can be found."""
    shown = re.escape(str(value).rsplit("#", 1)[-1])
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(rf"\b{name}\b", line) and re.search(shown, line):
            return number
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(rf"sh:{name}\b", line):
            return number
    return None


def _fail(path: Path, text: str, name: str, value: Any, why: str) -> UsageError:
    line = _line_of(text, name, value)
    where = f"{path}:{line}" if line else str(path)
    shown = str(value)[:60]
    return UsageError(f"{where}: bad shapes file (sh:{name} {shown!r}: {why})")


def _is_list(graph: Any, node: Any) -> bool:
    from rdflib import BNode, URIRef
    from rdflib.namespace import RDF

    seen = set()
    while node != RDF.nil:
        if not isinstance(node, BNode | URIRef) or node in seen:
            return False
        seen.add(node)
        if graph.value(node, RDF.first) is None:
            return False
        node = graph.value(node, RDF.rest)
        if node is None:
            return False
    return True


def _prefixes(graph: Any, constraint: Any) -> dict[str, str]:
    from rdflib import URIRef

    out = {}
    for holder in graph.objects(constraint, URIRef(SH_NS + "prefixes")):
        for declare in graph.objects(holder, URIRef(SH_NS + "declare")):
            prefix = graph.value(declare, URIRef(SH_NS + "prefix"))
            namespace = graph.value(declare, URIRef(SH_NS + "namespace"))
            if prefix is not None and namespace is not None:
                out[str(prefix)] = str(namespace)
    return out


def _check_sparql(graph: Any, path: Path, text: str, constraint: Any) -> None:
    """The constraint's query parses (Oxigraph's parser: 0.1 ms a query where rdflib's took
    0.1 s, in every process that loads the shapes). It is parsed, never run."""
    from pyoxigraph import Store
    from rdflib import Literal, URIRef

    select = graph.value(constraint, URIRef(SH_NS + "select"))
    if not isinstance(select, Literal):
        raise _fail(path, text, "sparql", constraint, "needs an sh:select query as a string")
    try:
        Store().query(str(select), prefixes=_prefixes(graph, constraint))
    except SyntaxError as exc:
        raise _fail(
            path, text, "select", "SELECT", f"the query does not parse: {_why(str(select), exc)}"
        ) from None


def _why(query: str, exc: SyntaxError) -> str:
    """Oxigraph's parse error said shortly: where, and an unknown prefix by its name (the
    parser lists every token it expected)."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    where = re.match(r"error at (\d+):(\d+)", message)
    if where and "Prefix not found" in message:
        line, column = int(where[1]), int(where[2])
        lines = query.splitlines() or [""]
        before = lines[min(line, len(lines)) - 1][: max(column - 1, 0)]
        name = re.search(r"([^\s:{}()<>]*):[^\s:{}()<>]*$", before)  # it points past the name
        return f"unknown prefix {name[1] + ':' if name else ''!r} at {line}:{column}"
    return message.split(", [")[0][:150]


def check_constraints(graph: Any, path: Path, text: str) -> None:
    """Raise a UsageError for the first ill-typed constraint of a shapes file's graph.

    :raises UsageError: ``<file>:<line>: bad shapes file (sh:minCount 'one': …)``.
    """
    import rdflib
    from rdflib import BNode, Literal, URIRef

    def values(name: str) -> list[tuple[Any, Any]]:
        return sorted(graph.subject_objects(URIRef(SH_NS + name)), key=str)

    for name in _COUNTS:
        for _, value in values(name):
            ok = (
                isinstance(value, Literal)
                and str(value.datatype) in _INTEGERS
                and not value.ill_typed
            )
            if not ok or int(value) < 0:
                raise _fail(path, text, name, value, "must be a non-negative xsd:integer")
    for name in _IRIS:
        for _, value in values(name):
            if not isinstance(value, URIRef):
                raise _fail(path, text, name, value, "must be an IRI")
            if name == "severity" and str(value) not in SEVERITIES:
                raise _fail(path, text, name, value, "must be sh:Violation, sh:Warning or sh:Info")
            if name == "nodeKind" and str(value) not in NODE_KINDS:
                raise _fail(path, text, name, value, "must be one of the six SHACL node kinds")
    for name in _NODES:
        for _, value in values(name):
            if not isinstance(value, URIRef | BNode):
                raise _fail(path, text, name, value, "must be an IRI or a blank node")
    for name in _LISTS:
        for _, value in values(name):
            if not _is_list(graph, value):
                raise _fail(path, text, name, value, "must be a well-formed RDF list ( … )")
    for name in _BOOLEANS:
        for _, value in values(name):
            if not (
                isinstance(value, Literal)
                and value.datatype == rdflib.XSD.boolean
                and not value.ill_typed
            ):
                raise _fail(path, text, name, value, "must be true or false")
    for name in _LITERALS:
        for _, value in values(name):
            if not isinstance(value, Literal):
                raise _fail(path, text, name, value, "must be a literal")
    for _, value in values("pattern"):
        try:
            re.compile(str(value))
        except re.error as exc:
            raise _fail(path, text, "pattern", value, f"not a regular expression ({exc})") from None
    for _, constraint in values("sparql"):
        _check_sparql(graph, path, text, constraint)
