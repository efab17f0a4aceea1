"""The two engines cannot disagree: every breakage kind (tests/shapes_cases/breakages/)
applied to every fixture notice graph, and the graphs unbroken, validated by pySHACL (the
reference; once per graph, in worker processes) and by the SPARQL engine generated from
the same shapes (every graph in one store), give the same results — focus node, path,
severity, shape, value, messages, quote and offsets. And every breakage is caught, by the
shapes its file names, with a message in Chinese and one in English."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import astuple

import pytest
from rdflib import URIRef

from kgtools.validate import load_shapes, validate_graphs
from kgtools.validate.report import ValidationResult
from kgtools.validate.shapes import shape_names
from kgtools.vocab import NOTICE_BASE

from .test_validate_breakages import breakages, corpus, key, notices

XKS = "https://w3id.org/xuncha/shapes#"


@pytest.fixture(scope="module")
def runs() -> tuple[tuple[tuple[str, str], ...], list[ValidationResult], list[ValidationResult]]:
    graphs = corpus()
    reference = validate_graphs(list(graphs), engine="pyshacl")  # a process per core
    fast = validate_graphs(list(graphs), engine="sparql")
    return graphs, reference, fast


def test_the_corpus_is_every_breakage_on_every_notice(runs) -> None:  # type: ignore[no-untyped-def]
    graphs, _, _ = runs
    kinds = {k.rsplit("/~", 1)[1] for k, _ in graphs} - {"none"}
    assert len(kinds) == len(breakages()) >= 40
    assert len(graphs) >= 30 * 40  # a breakage without hold on a notice is left out


def test_both_engines_give_the_same_results_on_every_graph(runs) -> None:  # type: ignore[no-untyped-def]
    _, reference, fast = runs
    left, right = Counter(astuple(r) for r in reference), Counter(astuple(r) for r in fast)
    only_reference = sorted(left - right, key=str)[:5]
    only_fast = sorted(right - left, key=str)[:5]
    assert not only_reference and not only_fast, (only_reference, only_fast)
    assert len(reference) > 1000


def test_every_breakage_is_caught_with_messages_in_both_languages(runs) -> None:  # type: ignore[no-untyped-def]
    graphs, reference, _ = runs
    shapes = load_shapes().graph
    by_graph: dict[str, Counter] = defaultdict(Counter)
    for r in reference:
        by_graph[NOTICE_BASE + r.notice].update(
            [(r.shape, str(r.severity), r.focus, r.path, r.value)]
        )
        assert re.search("[\u4e00-\u9fff]", r.message_zh) and re.match("[A-Za-z]", r.message_en), r
    present = {k for k, _ in graphs}
    for breakage, _, caught in breakages():
        wanted = {shape_names(shapes, URIRef(XKS + s))[0] for s in caught}
        new = [by_graph[key(n, breakage)] - by_graph[key(n, "none")]
               for n, _ in notices() if key(n, breakage) in present]  # fmt: skip
        assert new, breakage
        if caught:
            assert any(wanted <= {shape for shape, *_ in found} for found in new), breakage
        else:  # a boundary case: it must stay free of violations
            assert not any(severity == "Violation" for found in new for _, severity, *_ in found), (
                breakage
            )
