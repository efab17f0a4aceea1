"""The fast engine: the queries :mod:`.compile` generates from the shapes, run over every
notice graph of an embedded pyoxigraph store at once; SHACL-SPARQL constraints run as they
are, once per focus node. Tests hold it to pySHACL's results on every fixture and breakage.

Before the queries run, the store's typed literals are put in rdflib's lexical form (as
pySHACL sees them after parsing) and the ill-formed ones (``"2024-02-30"^^xsd:date``)
are found with rdflib's own judgement, so that both engines agree on what a well-formed
date is. A notice graph that states rdfs:subClassOf triples itself (its class hierarchy
would differ from the ontology's) is validated with pySHACL instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..errors import UsageError
from ..vocab import RDFS_NS, SH_NS, XSD_NS
from .compile import Plan, SparqlCheck, Unsupported, compile_shapes, subclass_closure
from .pyshacl_engine import quiet_rdflib, validate_one
from .report import ValidationResult
from .results import Raw, build, generic, ontology_subclass_triples, templates
from .shapes import Shapes, owner_name, path_text

_BAD = re.compile(r"%BAD (\S+) (\?\w+)%")
PARALLEL_FROM = 200  # notices: below, one process (a pool costs more than it saves)
_PLACEHOLDER = "{{[?$]{}}}"
_PLAIN = (
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
)


_PLANS: dict[tuple[str, str], Plan] = {}


def _plan(shapes: Shapes) -> Plan:
    """Compiled once per process and shapes content (a cache: the digest is the key)."""
    from ..resources import load_ontology

    key = (str(shapes.folder), shapes.digest)
    if key not in _PLANS:
        _PLANS[key] = compile_shapes(shapes, subclass_closure(load_ontology()))
    return _PLANS[key]


def plan_for(shapes: Shapes) -> Plan:
    """The compiled plan of ``shapes``.

    :raises UsageError: the shapes use something the SPARQL engine does not compile.
    """
    try:
        return _plan(shapes)
    except Unsupported as exc:
        raise UsageError(
            f"{shapes.folder}: the SPARQL engine cannot run these shapes ({exc}); use --engine pyshacl"
        ) from None


def supports(shapes: Shapes) -> bool:
    """The SPARQL engine compiles every shape of ``shapes``."""
    try:
        _plan(shapes)
    except Unsupported:
        return False
    return True


_CANONICAL = {
    XSD_NS + "integer": re.compile(r"0|-?[1-9][0-9]{0,17}"),
    XSD_NS + "boolean": re.compile(r"true|false"),
    XSD_NS + "date": re.compile(r"[1-9][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"),
}


def _matches(lexical: str, datatype: str) -> tuple[str, bool]:
    """(rdflib's lexical form, matches its datatype) of a typed literal, as pySHACL's
    sh:datatype decides: not ill-typed, and a value of the datatype's Python type. A
    canonical integer, boolean or existing date is its own form and well typed (no rdflib
    literal needed: most of a notice's literals are offsets and dates)."""
    from datetime import date

    canonical = _CANONICAL.get(datatype)
    if canonical is not None and canonical.fullmatch(lexical):
        if datatype != XSD_NS + "date":
            return lexical, True
        try:
            date.fromisoformat(lexical)
            return lexical, True
        except ValueError:
            pass  # 2024-02-30: rdflib decides
    from decimal import Decimal

    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    literal = Literal(lexical, datatype=URIRef(datatype))  # the caller keeps rdflib quiet
    value = literal.value
    if literal.ill_typed:
        return str(literal), False
    python = {
        XSD.integer: int,
        XSD.float: float,
        XSD.decimal: Decimal,
        XSD.boolean: bool,
        XSD.date: date,
    }
    kind = python.get(URIRef(datatype))
    return str(literal), kind is None or isinstance(value, kind)


def _prepare_literals(
    store: Any, datatypes: frozenset[str]
) -> tuple[dict[str, list[Any]], set[str]]:
    """Put the notice graphs' typed literals in rdflib's lexical form: (the ill-formed ones
    of each checked datatype, every predicate the notice graphs use). Both come from one
    scan of the graphs (the predicates cost nothing more)."""
    from pyoxigraph import Literal, NamedNode, Quad

    query = ("SELECT DISTINCT ?p ?o WHERE { GRAPH ?g { ?s ?p ?x } BIND (IF(isLiteral(?x) && "
             f"LANG(?x) = \"\" && DATATYPE(?x) != <{_PLAIN[0]}>, ?x, ?none) AS ?o) }}")  # fmt: skip
    bad: dict[str, list[Any]] = {}
    predicates: set[str] = set()
    literals: set[Any] = set()
    for row in store.query(query):
        predicates.add(row["p"].value)
        literal = row["o"]
        if literal is None or literal in literals:
            continue
        literals.add(literal)
        datatype = literal.datatype.value
        lexical, ok = _matches(literal.value, datatype)
        if lexical != literal.value:
            fixed = Literal(lexical, datatype=NamedNode(datatype))
            for quad in list(store.quads_for_pattern(None, None, literal, None)):
                store.remove(quad)
                store.add(Quad(quad.subject, quad.predicate, fixed, quad.graph_name))
            literal = fixed
        if not ok and datatype in datatypes:
            bad.setdefault(datatype, []).append(literal)
    return bad, predicates


def _fill_bad(query: str, bad: dict[str, list[Any]]) -> str:
    def disjunction(match: re.Match[str]) -> str:
        terms = [f"sameTerm({match.group(2)}, {lit})" for lit in bad.get(match.group(1), [])]
        return "(" + " || ".join(terms) + ")" if terms else "false"

    return _BAD.sub(disjunction, query)


def _text(term: Any) -> str:
    return str(term.value)


def _lookup(store: Any, graph: Any) -> Any:
    """The objects of (subject, predicate) in a notice's graph, remembered (the results of
    a notice ask for its clean text and their nodes' offsets again and again)."""
    from pyoxigraph import NamedNode

    seen: dict[tuple[str, str], list[str]] = {}

    def lookup(subject: str, predicate: str) -> list[str]:
        key = (subject, predicate)
        if key not in seen:
            seen[key] = [q.object.value for q in store.quads_for_pattern(
                NamedNode(subject), NamedNode(predicate), None, graph)]  # fmt: skip
        return seen[key]

    return lookup


def _is_iri(term: Any) -> bool:
    from pyoxigraph import NamedNode

    return isinstance(term, NamedNode)


def _core(
    store: Any,
    plan: Plan,
    shapes: Shapes,
    bad: dict[str, list[Any]],
    lookups: dict[str, Any],
    predicates: set[str],
) -> Iterator[ValidationResult]:
    """The results of the compiled constraints; ``predicates``: every predicate of the
    notice graphs (a closed shape that allows them all has no result to find)."""
    from pyoxigraph import Literal

    for check in plan.checks:
        if check.allowed is not None and predicates <= check.allowed:
            continue
        name = owner_name(shapes.graph, check.source)
        messages = templates(shapes.graph, check.source) or generic(name, check.component)
        for row in store.query(_fill_bad(check.query, bad)):
            graph, focus, value, path = row["g"], row["this"], _get(row, "value"), _get(row, "path")
            raw = Raw(
                notice=graph.value, severity=check.severity, source=check.source, messages=messages,
                focus=_text(focus), path=path_text(None, _rdflib(path)) if path is not None else check.path,
                path_iri=path.value if path is not None else _single(shapes, check.source),
                value=_text(value) if value is not None else None, value_is_iri=_is_iri(value),
                focus_is_iri=not isinstance(focus, Literal), shape_name=name,
            )  # fmt: skip
            yield build(raw, shapes, lookups.setdefault(graph.value, _lookup(store, graph)))


def _get(row: Any, name: str) -> Any:
    try:
        return row[name]
    except (KeyError, IndexError, TypeError):
        return None


def _single(shapes: Shapes, shape: Any) -> str | None:
    """The shape's path when it is one property."""
    from rdflib import URIRef

    path = shapes.graph.value(shape, URIRef(SH_NS + "path"))
    return str(path) if isinstance(path, URIRef) else None


def _rdflib(term: Any) -> Any:
    from rdflib import URIRef

    return URIRef(term.value)


def _fill(message: str, values: dict[str, str]) -> str:
    """Fill {?var} placeholders as pySHACL does (in the same order)."""
    for var, text in values.items():
        message = re.sub(_PLACEHOLDER.format(var), text.replace("\\", "\\\\"), message)
    return message


_HEADER = re.compile(r"\s*SELECT\s+((?:[?$]\w+\s+)+)WHERE\s*\{", re.IGNORECASE)
_NOT_GROUPED = re.compile(
    r"\$(?:shapesGraph|currentShape)\b|subClassOf|\b(?:GRAPH|SERVICE|FROM|LIMIT|OFFSET|GROUP|HAVING)\b",
    re.IGNORECASE,
)


def grouped_query(check: SparqlCheck) -> str | None:
    """The constraint's query for every focus node of every graph at once: its WHERE
    clause, with ``$this`` a variable, joined with the shape's targets inside ``GRAPH ?g``. The
    same solutions as pre-binding ``$this`` to each focus node in turn, when the query
    projects ``$this`` (so that the join binds it) and uses nothing whose meaning would
    change inside a join or a named graph (a subquery, LIMIT, aggregates, another GRAPH,
    the shapes graph, the class hierarchy of the default graph); else None."""
    header = _HEADER.match(check.select)
    if not check.pattern or header is None or _NOT_GROUPED.search(check.select):
        return None
    names = [n[1:] for n in header.group(1).split()]
    if "this" not in names or check.select.upper().count("SELECT") != 1:
        return None
    body = re.sub(r"\$this\b", "?this", check.select[header.end() :]).rstrip()
    if not body.endswith("}"):
        return None
    columns = " ".join(f"?{n}" for n in dict.fromkeys(names))
    # the body inline, not as a subquery (a subquery inside GRAPH ?g is not bound to ?g)
    return f"SELECT ?g {columns} WHERE {{ GRAPH ?g {{ {{ {check.pattern} }} {{ {body[:-1]} }} }} }}"


def _solutions(store: Any, check: SparqlCheck, shapes: Shapes, name: str) -> Iterator[tuple[Any, Any, list[dict[str, Any]]]]:  # fmt: skip
    """(graph, focus node, its solutions as {variable: term}) for every focus node with
    solutions: one query over every graph when the constraint allows it, else one per
    focus node."""
    from pyoxigraph import DefaultGraph, Variable

    grouped = grouped_query(check)
    try:
        if grouped is not None:
            solutions = store.query(grouped, prefixes=check.prefixes)
            names = [v.value for v in solutions.variables]
            by_focus: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
            for solution in solutions:
                row = {n: solution[n] for n in names if solution[n] is not None}
                by_focus.setdefault((row.pop("g"), row["this"]), []).append(row)
            for (graph, focus), rows in by_focus.items():
                yield graph, focus, rows
            return
        for target in store.query(check.targets):
            graph, focus = target["g"], target["this"]
            solutions = store.query(check.select, prefixes=check.prefixes, default_graph=[graph, DefaultGraph()],
                                    substitutions={Variable("this"): focus})  # fmt: skip
            names = [v.value for v in solutions.variables]
            rows = [{n: s[n] for n in names if s[n] is not None} for s in solutions]
            if rows:
                yield graph, focus, rows
    except (SyntaxError, ValueError, OSError) as exc:
        raise UsageError(
            f"{shapes.folder}: a SHACL-SPARQL query of “{name}” fails ({exc})"
        ) from None


def _sparql(
    store: Any, check: SparqlCheck, shapes: Shapes, lookups: dict[str, Any]
) -> Iterator[ValidationResult]:
    from pyoxigraph import Literal

    name = owner_name(shapes.graph, check.source)
    messages = templates(shapes.graph, check.constraint) or templates(shapes.graph, check.source)
    messages = messages or generic(name, "SPARQLConstraintComponent")
    for graph, focus, rows in _solutions(store, check, shapes, name):
        seen = set()
        for row in rows:
            row = dict(row)
            if "failure" in row:
                key: tuple = ("failure",)
                this, path, value, others = None, None, focus, {}
            else:
                this, path, value = (
                    row.pop("this", None),
                    row.pop("path", None),
                    row.pop("value", None),
                )
                others = row
                if this is None and path is None and value is None:
                    continue  # pySHACL ignores such rows
                key = (this, path, value, tuple(sorted((k, str(v)) for k, v in others.items())))
                value = value if value is not None else focus
            if key in seen:
                continue
            seen.add(key)
            fill = {k: _text(v) for k, v in others.items()}
            fill.update(
                {
                    k: _text(v)
                    for k, v in (("this", this), ("path", path), ("value", value))
                    if v is not None
                }
            )
            shown = this if this is not None else focus
            raw = Raw(
                notice=graph.value, severity=check.severity, source=check.source,
                messages={lang: _fill(text, fill) for lang, text in messages.items()},
                focus=_text(shown), path=path_text(None, _rdflib(path)) if path is not None else None,
                path_iri=path.value if path is not None else None,
                value=_text(value), value_is_iri=_is_iri(value), focus_is_iri=not isinstance(shown, Literal),
                shape_name=name,
            )  # fmt: skip
            yield build(raw, shapes, lookups.setdefault(graph.value, _lookup(store, graph)))


def results_from_store(store: Any, shapes: Shapes) -> list[ValidationResult]:
    """Run the compiled shapes on an in-memory store whose named graphs are notices and
    whose default graph is the ontology's class hierarchy. Its literals are normalized in
    place.

    :raises UsageError: shapes the engine does not compile.
    """
    plan = plan_for(shapes)
    with quiet_rdflib():
        bad, predicates = _prepare_literals(store, plan.datatypes)
    lookups: dict[str, Any] = {}  # one per notice graph
    out = list(_core(store, plan, shapes, bad, lookups, predicates))
    for check in plan.sparql:
        out += _sparql(store, check, shapes, lookups)
    return out


def new_store() -> Any:
    """An in-memory store holding the ontology's class hierarchy in its default graph."""
    from pyoxigraph import DefaultGraph, NamedNode, Quad, Store

    store = Store()
    store.extend(Quad(NamedNode(str(s)), NamedNode(str(p)), NamedNode(str(o)), DefaultGraph())
                 for s, p, o in ontology_subclass_triples())  # fmt: skip
    return store


def _own_hierarchy(store: Any) -> list[str]:
    """Notice graphs that state rdfs:subClassOf triples themselves."""
    query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?a <{RDFS_NS}subClassOf> ?b }} }}"
    return [row["g"].value for row in store.query(query)]


def _validate_part(args: tuple[list[tuple[str, str]], str]) -> list[ValidationResult]:
    """A part of the notices in a worker process (its own store; shapes loaded there)."""
    from pathlib import Path

    from .shapes import load_shapes

    pairs, folder = args
    return validate_pairs_sparql(pairs, load_shapes(Path(folder)), jobs=1)


def validate_pairs_sparql(
    pairs: list[tuple[str, str]], shapes: Shapes, *, jobs: int | None = None
) -> list[ValidationResult]:
    """Load (notice IRI, N-Triples) pairs into an in-memory store and run the shapes; from
    PARALLEL_FROM notices on, a part of them per worker process (notices do not meet, so
    the results are the same).

    :raises UsageError: shapes the engine does not compile, or unreadable N-Triples.
    """
    import os
    from concurrent.futures import ProcessPoolExecutor

    from pyoxigraph import NamedNode, RdfFormat

    plan_for(shapes)
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(pairs) >= PARALLEL_FROM:
        size = -(-len(pairs) // jobs)
        parts = [(pairs[i : i + size], str(shapes.folder)) for i in range(0, len(pairs), size)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return [r for part in pool.map(_validate_part, parts) for r in part]
    store = new_store()
    for notice, nt in pairs:
        try:
            store.bulk_load(
                nt.encode("utf-8"), format=RdfFormat.N_TRIPLES, to_graph=NamedNode(notice)
            )
        except (SyntaxError, ValueError) as exc:
            raise UsageError(f"{notice}: cannot read its graph ({exc})") from None
    return validate_store(store, shapes, dict(pairs))


def validate_store(
    store: Any, shapes: Shapes, ntriples: dict[str, str] | None = None
) -> list[ValidationResult]:
    """Results for every notice graph of an in-memory store (see :func:`new_store`).
    Graphs with their own class hierarchy go to pySHACL (from ``ntriples`` or the store)."""
    from pyoxigraph import NamedNode, RdfFormat

    out: list[ValidationResult] = []
    for notice in _own_hierarchy(store):
        graph = NamedNode(notice)
        nt = (ntriples or {}).get(notice)
        if nt is None:
            nt = store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph).decode("utf-8")
        out += validate_one(notice, nt, shapes)
        store.remove_graph(graph)
    return out + results_from_store(store, shapes)


__all__ = ["plan_for", "results_from_store", "supports", "validate_pairs_sparql", "validate_store"]
