"""The SPARQL engine's queries, generated from the Shapes it is given: one source for both
engines, so that ``--shapes`` means the same to each and nothing can drift.

Each SHACL Core constraint of a top-level shape becomes one SELECT over every notice
graph of a store at once (``GRAPH ?g``), returning its violations as ``?g ?this [?value]
[?path]``. Supported: targets (class, node, subjects of, objects of), paths (IRI,
sequence, inverse, alternative, zero-or-more, one-or-more, zero-or-one), sh:class,
sh:datatype, sh:nodeKind, sh:in, sh:hasValue, sh:minLength, sh:maxLength, sh:pattern,
sh:min/maxInclusive/Exclusive, sh:minCount, sh:maxCount, sh:qualifiedValueShape with its
counts, sh:closed, sh:or, sh:and, sh:not, sh:xone, sh:node, sh:property, sh:deactivated.
``sh:sparql`` constraints of node shapes run once over every graph, joined with their
targets on ``?this`` (see :func:`.sparql_engine.grouped_query`), or, when that cannot be
done safely, as they are, once per focus node with ``$this`` substituted (SHACL's
pre-binding), on the notice's graph.

Semantics follow pySHACL's, and tests/test_validate_differential.py holds the two engines
to the same results on every fixture and breakage: a class's instances include its
subclasses' (from the ontology's rdfs:subClassOf, which validation adds to every notice
graph); value sets are distinct; a datatype is matched only by well-formed literals (the
engine marks the ill-formed ones with rdflib's own judgement, as pySHACL does).

Anything else (sh:equals, sh:languageIn, SPARQL-based targets, sh:sparql on a property
shape …) raises :class:`Unsupported`: ``--engine auto`` then uses pySHACL, and
``--engine sparql`` is a usage error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..vocab import RDFS_NS, SH_NS
from .shapes import TARGETS, Shapes, path_text, top_level_shapes

#: the ill-formed literals of a datatype, filled in at run time: %BAD <datatype> ?var%
BAD = "%BAD {datatype} {var}%"
_HANDLED = {
    # shape syntax, not constraints
    "name", "description", "message", "severity", "path", "deactivated", "order", "group",
    "defaultValue", "property", "flags", "ignoredProperties", "qualifiedMinCount",
    "qualifiedMaxCount", "prefixes", "declare", *TARGETS,
    # constraints
    "class", "datatype", "nodeKind", "in", "hasValue", "minLength", "maxLength", "pattern",
    "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "minCount", "maxCount",
    "qualifiedValueShape", "closed", "or", "and", "not", "xone", "node", "sparql",
}  # fmt: skip
_COMPARE = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
_KINDS = {
    "IRI": "isIRI({v})",
    "BlankNode": "isBlank({v})",
    "Literal": "isLiteral({v})",
    "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))",
    "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
    "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
}
MAX_DISTINCT = 4  # counts up to this are written as distinct-value patterns


class Unsupported(Exception):
    """The shapes use something the SPARQL engine does not compile."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape as a query over every notice graph."""

    source: Any  # the shape results report as their source (rdflib node)
    component: str  # e.g. MinCountConstraintComponent
    severity: str
    query: str  # SELECT DISTINCT ?g ?this [?value] [?path]
    path: str | None  # the result path, as text (property shapes)
    # sh:closed: the predicates it allows; a store whose notice graphs use no other
    # predicate cannot violate it (the engine then skips the query)
    allowed: frozenset[str] | None = None


@dataclass(frozen=True)
class SparqlCheck:
    """A SHACL-SPARQL constraint of a node shape, run once per focus node."""

    source: Any
    constraint: Any
    severity: str
    targets: str  # SELECT DISTINCT ?g ?this
    select: str
    prefixes: dict[str, str]
    pattern: str = ""  # the targets as a group pattern binding ?this (inside GRAPH ?g)


@dataclass(frozen=True)
class Plan:
    """Everything the SPARQL engine runs for a shapes graph."""

    checks: tuple[Check, ...]
    sparql: tuple[SparqlCheck, ...]
    datatypes: frozenset[str]  # whose ill-formed literals the engine must find


def subclass_closure(ontology: Any) -> dict[str, set[str]]:
    """Class → itself and every class below it (rdfs:subClassOf, transitively)."""
    from rdflib import URIRef

    below: dict[str, set[str]] = {}
    for sub, sup in ontology.subject_objects(URIRef(RDFS_NS + "subClassOf")):
        below.setdefault(str(sup), set()).add(str(sub))
    closure: dict[str, set[str]] = {}
    for cls in below:
        seen, todo = {cls}, [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        closure[cls] = seen
    return closure


def _sh(name: str) -> Any:
    from rdflib import URIRef

    return URIRef(SH_NS + name)


class _Compiler:
    def __init__(self, graph: Any, subclasses: dict[str, set[str]]) -> None:
        self.g = graph
        self.subclasses = subclasses
        self.n = 0
        self.datatypes: set[str] = set()

    # ---- terms, lists, paths ----

    def var(self, base: str = "v") -> str:
        self.n += 1
        return f"?{base}{self.n}"

    def term(self, node: Any) -> str:
        from rdflib import BNode

        if isinstance(node, BNode):
            raise Unsupported("a blank node as a value (sh:in, sh:hasValue)")
        return str(node.n3())

    def items(self, node: Any) -> list[Any]:
        from rdflib.collection import Collection

        return list(Collection(self.g, node))

    def path(self, node: Any) -> str:
        from rdflib import BNode, URIRef

        if isinstance(node, URIRef):
            if str(node) == RDFS_NS + "subClassOf":
                raise Unsupported("a path over rdfs:subClassOf")
            return self.term(node)
        if not isinstance(node, BNode):
            raise Unsupported(f"path {node!r}")
        if self.g.value(node, _sh("inversePath")) is not None:
            return f"^({self.path(self.g.value(node, _sh('inversePath')))})"
        for name, mod in (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?")):
            inner = self.g.value(node, _sh(name))
            if inner is not None:
                return f"({self.path(inner)}){mod}"
        alternative = self.g.value(node, _sh("alternativePath"))
        if alternative is not None:
            return "(" + "|".join(self.path(p) for p in self.items(alternative)) + ")"
        steps = self.items(node)
        if not steps:
            raise Unsupported("an empty or unknown path")
        return "(" + "/".join(self.path(p) for p in steps) + ")"

    def classes(self, cls: Any) -> str:
        return " ".join(f"<{c}>" for c in sorted(self.subclasses.get(str(cls), {str(cls)})))

    # ---- shapes ----

    def value(self, shape: Any, name: str) -> Any:
        return self.g.value(shape, _sh(name))

    def deactivated(self, shape: Any) -> bool:
        flag = self.value(shape, "deactivated")
        return flag is not None and bool(flag.toPython())

    def severity(self, shape: Any) -> str:
        severity = self.value(shape, "severity")
        return str(severity).removeprefix(SH_NS) if severity is not None else "Violation"

    def parameters(self, shape: Any) -> list[str]:
        names = set()
        for p in self.g.predicates(shape, None):
            if str(p).startswith(SH_NS):
                name = str(p).removeprefix(SH_NS)
                if name not in _HANDLED:
                    raise Unsupported(f"sh:{name}")
                names.add(name)
        if "closed" in names and self.value(shape, "path") is not None:
            raise Unsupported("sh:closed on a property shape")
        if self.value(shape, "qualifiedValueShapesDisjoint") is not None:
            raise Unsupported("sh:qualifiedValueShapesDisjoint")
        return sorted(names)

    def targets(self, shape: Any) -> str | None:
        branches = []
        classes = sorted({c for cls in self.g.objects(shape, _sh("targetClass"))
                          for c in self.classes(cls).split()})  # fmt: skip
        if classes:
            branches.append(f"{{ ?this a ?target . VALUES ?target {{ {' '.join(classes)} }} }}")
        nodes = [self.term(n) for n in self.g.objects(shape, _sh("targetNode"))]
        if nodes:
            branches.append(f"{{ VALUES ?this {{ {' '.join(sorted(nodes))} }} }}")
        for p in sorted(self.g.objects(shape, _sh("targetSubjectsOf")), key=str):
            branches.append(f"{{ ?this {self.term(p)} ?target }}")
        for p in sorted(self.g.objects(shape, _sh("targetObjectsOf")), key=str):
            branches.append(f"{{ ?target {self.term(p)} ?this }}")
        if self.value(shape, "target") is not None:
            raise Unsupported("SPARQL-based targets (sh:target)")
        return " UNION ".join(branches) if branches else None

    # ---- constraints ----

    def condition(self, shape: Any, name: str, param: Any, v: str, depth: int) -> str | None:
        """A FILTER expression true when value ``v`` violates the constraint, or None when
        the constraint is not about single values."""
        if name == "class":
            k = self.var("k")
            return f"NOT EXISTS {{ {v} a {k} . VALUES {k} {{ {self.classes(param)} }} }}"
        if name == "datatype":
            if str(param) == RDFS_NS + "Literal":
                return f"!isLiteral({v})"
            if str(param) in (RDFS_NS + "Datatype",):
                raise Unsupported("sh:datatype rdfs:Datatype")
            if str(param) == "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString":
                return f'!(isLiteral({v}) && LANG({v}) != "")'
            self.datatypes.add(str(param))
            bad = BAD.format(datatype=str(param), var=v)
            return f"(!(isLiteral({v}) && DATATYPE({v}) = {self.term(param)}) || {bad})"
        if name == "nodeKind":
            return "!" + _KINDS[str(param).removeprefix(SH_NS)].format(v=v)
        if name == "in":
            options = [f"sameTerm({v}, {self.term(t)})" for t in self.items(param)]
            return f"!({' || '.join(options)})" if options else "true"
        if name in ("minLength", "maxLength"):
            op = "<" if name == "minLength" else ">"
            return f"(isBlank({v}) || STRLEN(STR({v})) {op} {int(param)})"
        if name == "pattern":
            flags = self.value(shape, "flags")
            quoted = self.term(type(param)(str(param)))
            extra = f", {self.term(type(flags)(str(flags)))}" if flags is not None else ""
            return f"(isBlank({v}) || !REGEX(STR({v}), {quoted}{extra}))"
        if name in _COMPARE:
            return f"!COALESCE({v} {_COMPARE[name]} {self.term(param)}, false)"
        if name in ("or", "and", "xone"):
            parts = [f"EXISTS {{ {self.violation(s, v, depth + 1)} }}" for s in self.items(param)]
            if name == "or":
                return " && ".join(parts) if parts else "true"
            if name == "and":
                return "(" + " || ".join(parts) + ")" if parts else "false"
            count = " + ".join(f"IF({p}, 0, 1)" for p in parts)
            return f"({count or '0'}) != 1"
        if name == "not":
            return f"NOT EXISTS {{ {self.violation(param, v, depth + 1)} }}"
        if name == "node":
            return f"EXISTS {{ {self.violation(param, v, depth + 1)} }}"
        return None

    def distinct(self, focus: str, path: str, count: int, shape: Any = None) -> str:
        """A pattern with ``count`` distinct values at the end of ``path`` (each conforming
        to ``shape`` when given)."""
        if count > MAX_DISTINCT:
            raise Unsupported(f"a count above {MAX_DISTINCT}")
        values = [self.var("c") for _ in range(count)]
        parts = [f"{focus} {path} {x} ." for x in values]
        if shape is not None:
            parts += [f"FILTER NOT EXISTS {{ {self.violation(shape, x, 1)} }}" for x in values]
        parts += [
            f"FILTER (!sameTerm({a}, {b}))" for i, a in enumerate(values) for b in values[i + 1 :]
        ]
        return " ".join(parts)

    def counts(self, shape: Any, name: str, param: Any, focus: str, path: str) -> str | None:
        """A pattern matching when a count constraint fails at ``focus``."""
        if name == "minCount":
            n = int(param)
            return f"FILTER NOT EXISTS {{ {self.distinct(focus, path, n)} }}" if n > 0 else None
        if name == "maxCount":
            return f"FILTER EXISTS {{ {self.distinct(focus, path, int(param) + 1)} }}"
        if name == "qualifiedValueShape":
            parts = []
            low, high = (
                self.value(shape, "qualifiedMinCount"),
                self.value(shape, "qualifiedMaxCount"),
            )
            if low is not None and int(low) > 0:
                parts.append(f"NOT EXISTS {{ {self.distinct(focus, path, int(low), param)} }}")
            if high is not None:
                parts.append(f"EXISTS {{ {self.distinct(focus, path, int(high) + 1, param)} }}")
            return f"FILTER ({' || '.join(parts)})" if parts else None
        if name == "hasValue":
            return f"FILTER NOT EXISTS {{ {focus} {path} {self.term(param)} }}"
        return None

    def allowed(self, shape: Any) -> set[str]:
        """The predicates a closed shape allows: its sh:ignoredProperties and the
        sh:path of each of its property shapes that is one property."""
        from rdflib import URIRef

        allowed = {str(p) for p in self.items(self.value(shape, "ignoredProperties"))} if self.value(
            shape, "ignoredProperties") is not None else set()  # fmt: skip
        for prop in self.g.objects(shape, _sh("property")):
            step = self.value(prop, "path")
            if isinstance(step, URIRef):
                allowed.add(str(step))
        return allowed

    def closed(self, shape: Any, focus: str) -> tuple[str, str, str]:
        """(pattern, predicate var, object var) of the properties a closed shape forbids."""
        p, o = self.var("p"), self.var("o")
        listed = " ".join(f"<{a}>" for a in sorted(self.allowed(shape)))
        # MINUS with VALUES is a hash anti-join: far faster than NOT IN over a long list
        condition = f"MINUS {{ VALUES {p} {{ {listed} }} }}" if listed else ""
        return f"{focus} {p} {o} . {condition}", p, o

    def violation(self, shape: Any, focus: str, depth: int = 0) -> str:
        """A group pattern with a solution exactly when ``focus`` violates ``shape``."""
        if depth > 8:
            raise Unsupported("shapes nested deeper than 8")
        if self.deactivated(shape):
            return "FILTER (false)"
        groups = [c[2] for c in self.constraints(shape, focus, depth)]
        for prop in self.g.objects(shape, _sh("property")):
            if not self.deactivated(prop):
                groups += [c[2] for c in self.constraints(prop, focus, depth)]
        return " UNION ".join(f"{{ {g} }}" for g in groups) if groups else "FILTER (false)"

    def constraints(
        self, shape: Any, focus: str, depth: int = 0, *, top: bool = False
    ) -> Iterator[tuple[str, Any, str, str | None, str | None]]:
        """(constraint name, parameter, pattern, value var, path var) for each constraint
        of ``shape`` at ``focus``; the pattern matches once per violation. ``top``: a
        top-level shape, whose sh:sparql constraints run on their own."""
        path_node = self.value(shape, "path")
        path = self.path(path_node) if path_node is not None else None
        for name in self.parameters(shape):
            if name == "sparql":
                if top and path is None:
                    continue
                raise Unsupported("sh:sparql inside another shape or on a property shape")
            if name == "closed":
                if bool(self.value(shape, "closed").toPython()):
                    pattern, p, o = self.closed(shape, focus)
                    yield name, None, pattern, o, p
                continue
            for param in sorted(self.g.objects(shape, _sh(name)), key=str):
                if path is not None:
                    counted = self.counts(shape, name, param, focus, path)
                    if counted is not None:
                        yield name, param, counted, None, None
                        continue
                elif name == "hasValue":
                    yield (
                        name,
                        param,
                        f"FILTER (!sameTerm({focus}, {self.term(param)}))",
                        focus,
                        None,
                    )
                    continue
                v = self.var() if path is not None else focus
                cond = self.condition(shape, name, param, v, depth)
                if cond is None:
                    continue
                values = f"{focus} {path} {v} . " if path is not None else ""
                yield name, param, f"{values}FILTER ({cond})", v, None

    # ---- top level ----

    def plan(self) -> Plan:
        checks: list[Check] = []
        sparql: list[SparqlCheck] = []
        for shape in top_level_shapes(self.g):
            if self.deactivated(shape):
                continue
            from rdflib.namespace import OWL, RDF, RDFS

            if {RDFS.Class, OWL.Class} & set(self.g.objects(shape, RDF.type)):
                raise Unsupported("implicit class targets (a shape that is also a class)")
            targets = self.targets(shape)
            if targets is None:
                continue
            found = f"SELECT DISTINCT ?g ?this WHERE {{ GRAPH ?g {{ {targets} }} }}"
            if self.value(shape, "sparql") is not None:
                if self.value(shape, "path") is not None:
                    raise Unsupported("sh:sparql on a property shape")
                for constraint in sorted(self.g.objects(shape, _sh("sparql")), key=str):
                    if self.deactivated(constraint):
                        continue
                    sparql.append(SparqlCheck(
                        source=shape, constraint=constraint, severity=self.severity(shape),
                        targets=found, select=str(self.value(constraint, "select")),
                        prefixes=self.prefixes(constraint), pattern=targets,
                    ))  # fmt: skip
            parts = [shape] + [
                p for p in self.g.objects(shape, _sh("property")) if not self.deactivated(p)
            ]
            for part in sorted(parts, key=str) if len(parts) > 1 else parts:
                checks += self.checks(part, targets)
        return Plan(checks=tuple(checks), sparql=tuple(sparql), datatypes=frozenset(self.datatypes))

    def checks(self, shape: Any, targets: str) -> list[Check]:
        out = []
        path_node = self.value(shape, "path")
        shown = path_text(self.g, path_node)
        for name, param, pattern, value, path_var in self.constraints(shape, "?this", top=True):
            if name == "maxCount" and path_node is not None:
                out.append(Check(source=shape, component="MaxCountConstraintComponent",
                                 severity=self.severity(shape), path=shown,
                                 query=self.max_count(self.path(path_node), int(param), targets)))  # fmt: skip
                continue
            columns = "?g ?this"
            if value is not None:
                columns += f" ({value} AS ?value)" if value != "?this" else " (?this AS ?value)"
            if path_var is not None:
                columns += f" ({path_var} AS ?path)"
            if path_node is not None and value is not None and name != "closed":
                query = self.values_first(pattern, value, targets)
            else:
                if name == "closed":  # the few forbidden triples first (a group of their own),
                    pattern, targets_first = f"{{ {pattern} }}", False  # then: at a focus?
                else:
                    targets_first = True
                body = f"{targets} {pattern}" if targets_first else f"{pattern} {targets}"
                query = f"SELECT DISTINCT {columns} WHERE {{ GRAPH ?g {{ {body} }} }}"
            component = name[0].upper() + name[1:] + "ConstraintComponent"
            allowed = frozenset(self.allowed(shape)) if name == "closed" else None
            out.append(Check(source=shape, component=component, severity=self.severity(shape),
                             query=query, path=shown, allowed=allowed))  # fmt: skip
        return out

    def values_first(self, pattern: str, value: str, targets: str) -> str:
        """A property shape's constraint on each value (``pattern``: ``?this path value .
        FILTER (…)``): the values that fail it found first, in a subquery the engine cannot
        reorder, and the targets looked at only for their nodes (three times faster than
        the targets first when they are hundreds a notice and the failures few)."""
        failing = f"SELECT ?g ?this ({value} AS ?value) WHERE {{ GRAPH ?g {{ {pattern} }} }}"
        return f"SELECT DISTINCT ?g ?this ?value WHERE {{ {{ {failing} }} FILTER EXISTS {{ GRAPH ?g {{ {targets} }} }} }}"

    def max_count(self, path: str, most: int, targets: str) -> str:
        """The foci with more than ``most`` values at the end of ``path``: the values
        counted per node first, the targets looked at only for the nodes over the count
        (a few, where the targets are hundreds a notice: 2–3 times faster than the
        targets first with a distinct-values pattern at each). A path that is one
        property gives each value once (a graph is a set); any other is counted
        distinct."""
        count = "COUNT(*)" if path.startswith("<") else "COUNT(DISTINCT ?v)"
        over = (f"SELECT ?g ?this WHERE {{ GRAPH ?g {{ ?this {path} ?v }} }} "
                f"GROUP BY ?g ?this HAVING ({count} > {most})")  # fmt: skip
        return f"SELECT DISTINCT ?g ?this WHERE {{ {{ {over} }} FILTER EXISTS {{ GRAPH ?g {{ {targets} }} }} }}"

    def prefixes(self, constraint: Any) -> dict[str, str]:
        out = {}
        for holder in self.g.objects(constraint, _sh("prefixes")):
            for declare in self.g.objects(holder, _sh("declare")):
                prefix, namespace = self.value(declare, "prefix"), self.value(declare, "namespace")
                if prefix is not None and namespace is not None:
                    out[str(prefix)] = str(namespace)
        return out


def compile_shapes(shapes: Shapes, subclasses: dict[str, set[str]]) -> Plan:
    """The SPARQL engine's plan for ``shapes``.

    :raises Unsupported: the shapes use a feature the engine does not compile.
    """
    return _Compiler(shapes.graph, subclasses).plan()
