"""Run the SHACL shapes with pySHACL, one notice graph (plus the ontology) at a time,
in worker processes when there are many notices."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

from ..errors import UsageError
from ..resources import resource_dir
from .inputs import notice_graphs
from .report import ID_BASE, ValidationReport, ValidationResult

SH = "http://www.w3.org/ns/shacl#"
_CJK = re.compile(r"[\u4e00-\u9fff]")
XK = "https://w3id.org/xuncha/ontology#"
PARALLEL_FROM = 8
AUTO_SPARQL_FROM = 50


def load_shapes(shapes_dir: Path | None = None):  # type: ignore[no-untyped-def]
    """All shapes files of ``shapes_dir`` (default: the shipped shapes) as one rdflib Graph.

    :raises UsageError: no shapes, or a file that does not parse.
    """
    from rdflib import Graph

    folder = shapes_dir or resource_dir("shapes")
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
    return graph


@cache
def _ontology():  # type: ignore[no-untyped-def]
    from rdflib import Graph

    graph = Graph()
    for path in sorted(resource_dir("ontology").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


_SHAPES = {}


def _init(shapes_dir: str | None) -> None:
    _SHAPES["graph"] = load_shapes(Path(shapes_dir) if shapes_dir else None)


def shape_names(shapes) -> list[str]:  # type: ignore[no-untyped-def]
    from rdflib import URIRef
    from rdflib.namespace import RDF

    return sorted({str(n) for s in shapes.subjects(RDF.type, URIRef(SH + "NodeShape"))
                   for n in shapes.objects(s, URIRef(SH + "name"))})  # fmt: skip


def _owner_name(shapes, shape) -> str:  # type: ignore[no-untyped-def]
    from rdflib import URIRef

    name = shapes.value(shape, URIRef(SH + "name"))
    if name is None:
        parent = next(shapes.subjects(URIRef(SH + "property"), shape), None)
        name = shapes.value(parent, URIRef(SH + "name")) if parent is not None else None
    return str(name) if name is not None else str(shape)


def _path_text(graph, path) -> str | None:  # type: ignore[no-untyped-def]
    """A result path as text: ``hasMeasure``, ``^hasMeasure``, ``reportsOn / inspects``."""
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection

    if path is None:
        return None
    if not isinstance(path, BNode):
        return str(path).removeprefix(XK)
    inverse = graph.value(path, URIRef(SH + "inversePath"))
    if inverse is not None:
        return "^" + str(inverse).removeprefix(XK)
    steps = list(Collection(graph, path))
    return " / ".join(str(p).removeprefix(XK) for p in steps) if steps else "complex path"


def _language(message) -> str:  # type: ignore[no-untyped-def]
    """zh or en: pySHACL drops the language tag when it fills in {?var} placeholders."""
    return message.language or ("zh" if _CJK.search(str(message)) else "en")


_PREPARED: dict[str, object] = {}


@cache
def _data_graph_class():  # type: ignore[no-untyped-def]
    """An rdflib Graph that parses each SPARQL query text once per process.

    pySHACL sends the same few SHACL-SPARQL queries for every focus node and notice, as
    text; parsing them dominated per-notice time. Prepared queries are reusable in rdflib.
    """
    from rdflib import Graph
    from rdflib.plugins.sparql import prepareQuery

    class PreparedQueryGraph(Graph):
        # rdflib's signature, names included
        def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # type: ignore[no-untyped-def]
                  initBindings=None, use_store_provided=True, **kwargs):  # fmt: skip
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


def validate_one(notice: str, ntriples: str) -> list[ValidationResult]:
    """Validate one notice's triples with the ontology; return its results."""
    import pyshacl
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    shapes = _SHAPES.get("graph") or load_shapes()
    data = _data_graph_class()()
    data.parse(data=ntriples, format="nt")
    for triple in _ontology():
        data.add(triple)
    _, results_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    out = []
    for result in results_graph.subjects(RDF.type, URIRef(SH + "ValidationResult")):

        def get(name: str, result=result):  # type: ignore[no-untyped-def]
            return results_graph.value(result, URIRef(SH + name))

        focus, value = get("focusNode"), get("value")
        messages = {_language(m): str(m) for m in results_graph.objects(result, URIRef(SH + "resultMessage"))
                    if isinstance(m, Literal)}  # fmt: skip
        located = (
            value
            if isinstance(value, URIRef) and data.value(value, URIRef(XK + "quote"))
            else focus
        )
        start, end = (
            data.value(located, URIRef(XK + "startOffset")),
            data.value(located, URIRef(XK + "endOffset")),
        )
        quote, label = data.value(located, URIRef(XK + "quote")), data.value(located, RDFS.label)
        out.append(ValidationResult(
            severity=str(get("resultSeverity")).removeprefix(SH),
            notice=notice.removeprefix(ID_BASE),
            focus=str(focus),
            shape=_owner_name(shapes, get("sourceShape")),
            message_zh=messages.get("zh", messages.get(None, "")),
            message_en=messages.get("en", messages.get(None, "")),
            path=_path_text(results_graph, get("resultPath")),
            value=str(value) if value is not None else None,
            label=str(label) if label is not None else None,
            quote=str(quote) if quote is not None else None,
            start=int(start) if start is not None else None,
            end=int(end) if end is not None else None,
        ))  # fmt: skip
    return out


def _validate_pair(pair: tuple[str, str]) -> list[ValidationResult]:
    return validate_one(*pair)


def validate_pairs(
    pairs: list[tuple[str, str]],
    *,
    jobs: int | None = None,
    engine: str = "pyshacl",
    shapes_dir: Path | None = None,
) -> list[ValidationResult]:
    """Results for (notice IRI, N-Triples) pairs with pySHACL (per notice, in parallel)
    or with the SPARQL engine (all notices at once on an embedded store)."""
    shapes = _SHAPES.get("graph")
    if shapes is None:
        shapes = _SHAPES["graph"] = load_shapes(shapes_dir)
    if engine == "sparql":
        from .sparql_engine import validate_pairs_sparql

        return validate_pairs_sparql(pairs, shapes, _ontology())
    jobs = jobs or os.cpu_count() or 1
    results: list[ValidationResult] = []
    if jobs > 1 and len(pairs) >= PARALLEL_FROM:
        arg = str(shapes_dir) if shapes_dir else None
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(arg,)) as pool:
            for part in pool.map(_validate_pair, pairs, chunksize=max(1, len(pairs) // (jobs * 4))):
                results += part
    else:
        for pair in pairs:
            results += _validate_pair(pair)
    return results


def validate(
    data: Iterable[Path] | Path,
    *,
    shapes_dir: Path | None = None,
    jobs: int | None = None,
    engine: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> ValidationReport:
    """Validate every notice in ``data`` (graph files, build or notice directories, or a store).

    ``engine`` is ``pyshacl`` (the reference), ``sparql`` (the same checks as SPARQL
    queries on an embedded store; much faster on large corpora) or ``auto`` (sparql from
    AUTO_SPARQL_FROM notices on).

    :raises UsageError: unreadable data or shapes, no notice in ``data``, or an unknown engine.
    """
    if engine not in ("auto", "pyshacl", "sparql"):
        raise UsageError(f"unknown engine {engine!r}; use auto, pyshacl or sparql")
    shapes = load_shapes(shapes_dir)
    _SHAPES["graph"] = shapes
    paths = [data] if isinstance(data, Path) else list(data)
    from .cached import is_build, validate_build
    from .store_engine import is_store, validate_build_store

    if len(paths) == 1 and is_store(paths[0]):
        return validate_build_store(
            paths[0], shapes_dir=shapes_dir
        )  # a store: the SPARQL engine in place
    if len(paths) == 1 and is_build(paths[0]):
        manifest = json.loads((paths[0] / "manifest.json").read_text(encoding="utf-8"))
        if engine == "auto":
            many = len(manifest.get("notices", {})) >= AUTO_SPARQL_FROM
            engine = "sparql" if many else "pyshacl"
        report, fresh = validate_build(
            paths[0], shapes_dir=shapes_dir, engine=engine, jobs=jobs, progress=progress
        )
        report.from_cache = len(report.notices) - fresh
        return report
    pairs = [pair for path in paths for pair in notice_graphs(path)]
    if not pairs:
        names = ", ".join(str(p) for p in paths)
        raise UsageError(
            f"{names}: no notice to validate (no graph with an xk:Notice, no notice file); "
            "run `kgtools build` first or give a graph file or notices"
        )
    report = ValidationReport(
        notices=[n.removeprefix(ID_BASE) for n, _ in pairs], shapes=shape_names(shapes)
    )
    if engine == "auto":
        engine = "sparql" if len(pairs) >= AUTO_SPARQL_FROM else "pyshacl"
    report.results = validate_pairs(pairs, jobs=jobs, engine=engine, shapes_dir=shapes_dir)
    return report
