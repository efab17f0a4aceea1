"""The SPARQL engine gives the same results as pySHACL: on the sample, on the fictional
fixtures, and on every breaking edit of tests/test_validate_shapes.py."""

from __future__ import annotations

from dataclasses import astuple

import pytest
from rdflib import Graph

from kgtools.emit.serialize import ntriples_lines
from kgtools.emit.triples import notice_iri, record_triples
from kgtools.extract import extract_file
from kgtools.validate import validate_graphs

from .conftest import FIXTURES, SAMPLE
from .test_validate_shapes import CASES, PREFIXES, N


def _pair(path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    rec = extract_file(path)
    return str(notice_iri(rec.notice_id)), "".join(ntriples_lines(record_triples(rec)))


def _same(pairs: list[tuple[str, str]]) -> None:
    reference = sorted(astuple(r) for r in validate_graphs(pairs, jobs=1, engine="pyshacl"))
    fast = sorted(astuple(r) for r in validate_graphs(pairs, engine="sparql"))
    assert fast == reference


def test_every_shape_has_a_query() -> None:
    from kgtools.validate import load_shapes

    shapes = load_shapes()
    graph = shapes.graph
    node_shapes = {str(s).rsplit("#", 1)[1] for s in graph.subjects(None, None)
                   if str(s).startswith("https://w3id.org/xuncha/shapes#") and (s, None, None) in graph
                   and graph.value(s, __import__("rdflib").URIRef("http://www.w3.org/ns/shacl#name"))}  # fmt: skip
    assert node_shapes == set(shapes.queries)


def test_same_results_on_the_sample_and_fixtures() -> None:
    _same(
        [
            _pair(SAMPLE),
            _pair(FIXTURES / "county-gbk-crlf.txt"),
            _pair(FIXTURES / "province-bom.txt"),
        ]
    )


@pytest.mark.parametrize("shape", sorted(CASES))
def test_same_results_on_each_breaking_edit(shape: str) -> None:
    _, base = _pair(FIXTURES / "county-gbk-crlf.txt")
    graph = Graph().parse(data=base, format="nt")
    graph.update(PREFIXES + CASES[shape][0])
    _same([(N, graph.serialize(format="nt"))])
