"""The reference engine: pySHACL on one notice graph (plus the ontology) at a time, in
worker processes when there are many notices."""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

from ..resources import load_ontology
from ..vocab import NOTICE_BASE, SH_NS, XK_NS
from .report import ValidationResult, severity_of
from .shapes import Shapes, load_shapes, owner_name, path_text

SH = SH_NS
XK = XK_NS
_CJK = re.compile(r"[\u4e00-\u9fff]")
PARALLEL_FROM = 8


def _language(message: Any) -> str:
    """zh or en: pySHACL drops the language tag when it fills in {?var} placeholders."""
    return message.language or ("zh" if _CJK.search(str(message)) else "en")


_PREPARED: dict[str, object] = {}


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


def validate_one(notice: str, ntriples: str, shapes: Shapes) -> list[ValidationResult]:
    """Validate one notice's triples with the ontology; return its results."""
    import pyshacl
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    data = _data_graph_class()()
    data.parse(data=ntriples, format="nt")
    for triple in load_ontology():
        data.add(triple)
    _, results_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes.graph, inference="none", allow_warnings=True
    )
    out = []
    for result in results_graph.subjects(RDF.type, URIRef(SH + "ValidationResult")):

        def get(name: str, result: Any = result) -> Any:
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
            severity=severity_of(str(get("resultSeverity"))),
            notice=notice.removeprefix(NOTICE_BASE),
            focus=str(focus),
            shape=owner_name(shapes.graph, get("sourceShape")),
            message_zh=messages.get("zh", ""),
            message_en=messages.get("en", ""),
            path=path_text(results_graph, get("resultPath")),
            value=str(value) if value is not None else None,
            label=str(label) if label is not None else None,
            quote=str(quote) if quote is not None else None,
            start=int(start) if start is not None else None,
            end=int(end) if end is not None else None,
        ))  # fmt: skip
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
