"""The reference engine: pySHACL on one notice graph at a time (with the ontology's class
hierarchy), in worker processes when there are many notices."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..vocab import SH_NS, XSD_STRING
from .report import ValidationResult
from .results import Raw, as_regex, build, generic, ontology_subclass_triples, templates
from .shapes import Shapes, load_shapes, owner_name, path_text

SH = SH_NS
PARALLEL_FROM = 8
_PREPARED: dict[str, object] = {}


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback for every ill-formed literal (``"2024-02-30"^^xsd:date``);
    the shapes report those as results, so the log is noise."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


@cache
def _data_graph_class() -> Any:
    """An rdflib Graph that parses each SPARQL query text once per process.

    pySHACL sends the same few SHACL-SPARQL queries for every focus node and notice, as
    text; parsing them dominated per-notice time. Prepared queries are reusable in rdflib.
    """
    from rdflib import Graph
    from rdflib.plugins.sparql import prepareQuery

    class PreparedQueryGraph(Graph):
        # rdflib's signature, names included
        def query(self, query_object: Any, processor: Any = "sparql", result: Any = "sparql",  # noqa: E501
                  initNs: Any = None, initBindings: Any = None, use_store_provided: bool = True,
                  **kwargs: Any) -> Any:  # fmt: skip
            if isinstance(query_object, str) and not initNs and processor == "sparql":
                # pySHACL writes the PREFIX lines in a varying order: sort them for the key
                lines = query_object.split("\n")
                head = 0
                while head < len(lines) and lines[head].startswith("PREFIX "):
                    head += 1
                text = "\n".join(sorted(lines[:head]) + lines[head:])
                prepared = _PREPARED.get(text)
                if prepared is None:
                    if len(_PREPARED) > 256:  # custom shapes with many queries: stay bounded
                        _PREPARED.clear()
                    prepared = _PREPARED[text] = prepareQuery(text)
                query_object = prepared
            return super().query(query_object, processor, result, initNs, initBindings,
                                 use_store_provided, **kwargs)  # fmt: skip

    return PreparedQueryGraph


@cache
def _faster_parameter_lookup() -> None:
    """pySHACL looks every predicate of a shape up in a list of ~35 constraint parameters,
    each time the shape is validated (once per focus node for a property shape): a fifth
    of its time. The same list with set membership changes nothing but the time."""
    import pyshacl.shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    class SetList(list):
        def __init__(self, items: Any) -> None:
            super().__init__(items)
            self.members = frozenset(items)

        def __contains__(self, item: object) -> bool:
            return item in self.members

        def copy(self) -> list:  # advanced and JS modes append to their copy
            return list(self)

    params = (SetList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)
    setattr(pyshacl.shape, "CONSTRAINT_PARAMS", params)  # noqa: B010 (read by pyshacl.shape)


def _rdflib_terms() -> Any:
    """A converter of pyoxigraph terms to rdflib's (N-Triples parsed by pyoxigraph, a
    third faster than rdflib's own parser; literals built by rdflib, so normalized alike)."""
    from pyoxigraph import Literal as OxLiteral
    from pyoxigraph import NamedNode
    from rdflib import BNode, Literal, URIRef

    iris: dict[str, Any] = {}

    def term(node: Any) -> Any:
        if isinstance(node, NamedNode):
            iri = iris.get(node.value)
            if iri is None:
                iri = iris[node.value] = URIRef(node.value)
            return iri
        if isinstance(node, OxLiteral):
            if node.language:
                return Literal(node.value, lang=node.language)
            datatype = node.datatype.value
            if datatype == XSD_STRING:
                return Literal(node.value)
            return Literal(node.value, datatype=term(node.datatype))
        return BNode(node.value)

    return term


def data_graph(ntriples: str) -> Any:
    """A notice's triples and the ontology's class hierarchy, as one rdflib graph."""
    from pyoxigraph import RdfFormat, parse

    data = _data_graph_class()()
    term = _rdflib_terms()
    with quiet_rdflib():
        data.addN((term(t.subject), term(t.predicate), term(t.object), data)
                  for t in parse(ntriples.encode("utf-8"), format=RdfFormat.N_TRIPLES))  # fmt: skip
    data.addN((s, p, o, data) for s, p, o in ontology_subclass_triples())
    return data


def _messages(
    results: Any, result: Any, shapes: Shapes, source: Any, component: str
) -> dict[str, str]:
    """The result's messages by language: pySHACL drops the language tag when it fills in
    {?var} placeholders, so each is matched back to the template it came from."""
    from rdflib import Literal, URIRef

    constraint = results.value(result, URIRef(SH + "sourceConstraint"))
    wanted = templates(shapes.graph, constraint) if constraint is not None else {}
    wanted = wanted or templates(shapes.graph, source)
    if not wanted:
        return generic(owner_name(shapes.graph, source), component)
    said = sorted(
        str(m)
        for m in results.objects(result, URIRef(SH + "resultMessage"))
        if isinstance(m, Literal)
    )
    out = {}
    for lang, template in sorted(wanted.items()):
        pattern = as_regex(template)
        out[lang] = next((m for m in said if pattern.fullmatch(m)), "")
    return out


def validate_one(notice: str, ntriples: str, shapes: Shapes) -> list[ValidationResult]:
    """Validate one notice's triples with the ontology's class hierarchy; its results.

    :raises UsageError: shapes pySHACL cannot load (a constraint it rejects).
    """
    import pyshacl
    from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF

    _faster_parameter_lookup()
    data = data_graph(ntriples)
    try:
        with quiet_rdflib():
            _, results, _ = pyshacl.validate(
                data, shacl_graph=shapes.graph, inference="none", allow_warnings=True
            )
    except (ConstraintLoadError, ShapeLoadError, ReportableRuntimeError) as exc:
        message = str(getattr(exc, "message", exc)).splitlines()[0]
        raise UsageError(
            f"{shapes.folder}: bad shapes ({type(exc).__name__}: {message[:200]})"
        ) from None

    def lookup(subject: str, predicate: str) -> list[str]:
        return [str(o) for o in data.objects(URIRef(subject), URIRef(predicate))]

    out = []
    for result in results.subjects(RDF.type, URIRef(SH + "ValidationResult")):

        def get(name: str, result: Any = result) -> Any:
            return results.value(result, URIRef(SH + name))

        source, focus, value, path = (
            get("sourceShape"),
            get("focusNode"),
            get("value"),
            get("resultPath"),
        )
        component = str(get("sourceConstraintComponent") or "")
        raw = Raw(
            notice=notice,
            severity=str(get("resultSeverity")),
            source=source,
            messages=_messages(results, result, shapes, source, component),
            focus=str(focus),
            path=path_text(results, path),
            path_iri=str(path) if isinstance(path, URIRef) else None,
            value=str(value) if value is not None else None,
            value_is_iri=isinstance(value, URIRef),
            focus_is_iri=not isinstance(focus, Literal),
        )
        out.append(build(raw, shapes, lookup))
    return out


def _validate_pair(args: tuple[str, str, str | None]) -> list[ValidationResult]:
    """One notice in a worker: the shapes are loaded there once per folder content."""
    notice, ntriples, folder = args
    return validate_one(notice, ntriples, load_shapes(Path(folder) if folder else None))


def validate_pairs(
    pairs: list[tuple[str, str]], shapes: Shapes, *, jobs: int | None = None
) -> list[ValidationResult]:
    """Results for (notice IRI, N-Triples) pairs, one notice at a time, in parallel when
    there are many."""
    jobs = jobs or os.cpu_count() or 1
    results: list[ValidationResult] = []
    if jobs > 1 and len(pairs) >= PARALLEL_FROM:
        args = [(n, nt, str(shapes.folder)) for n, nt in pairs]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for part in pool.map(_validate_pair, args, chunksize=max(1, len(pairs) // (jobs * 4))):
                results += part
    else:
        for notice, nt in pairs:
            results += validate_one(notice, nt, shapes)
    return results
