"""The lean graph's flags and accountability totals (issue 20): a flag is stated only when
true, an output total only for accountability results, and the graph pages still show a
flag left out as false. On the real sample and the fictional genre fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgtools.emit.quads import record_quads
from kgtools.emit.tallies import output_totals
from kgtools.extract import extract_file
from kgtools.viz.model import view_from_quads
from kgtools.vocab import XK_NS

from .conftest import FIXTURES, SAMPLE

SOURCES = [SAMPLE, *sorted((FIXTURES / "genre").glob("*.txt"))]
FLAGS = {XK_NS + "concrete", XK_NS + "approximate", XK_NS + "accountability"}


def _objects(quads: list, predicate: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for s, p, o in quads:
        if p == predicate:
            found.setdefault(s, []).append(o)
    return found


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_flags_are_stated_true_or_not_at_all(source: Path) -> None:
    rec = extract_file(source)
    quads = record_quads(rec)
    for s, p, o in quads:
        if p in FLAGS:
            assert o[0] == "true", (s, p, o)
    concrete = _objects(quads, XK_NS + "concrete")
    approximate = _objects(quads, XK_NS + "approximate")
    assert len(concrete) == sum(m.concrete for m in rec.measures)
    assert len(approximate) == sum(o.approximate for o in rec.outputs)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_output_totals_are_made_for_accountability_results_only(source: Path) -> None:
    rec = extract_file(source)
    quads = record_quads(rec)
    totals = output_totals(rec)
    made = _objects(quads, XK_NS + "totalValue")
    expected = {
        f"https://w3id.org/xuncha/id/notice/{rec.notice_id}/output-total/{k}"
        for k, t in enumerate(totals, 1)
        if t.accountability
    }
    assert set(made) == expected  # numbered among all totals: the IRIs did not change
    assert set(_objects(quads, XK_NS + "accountability")) == expected


def test_some_fixture_has_accountability_totals_and_some_output_is_exact() -> None:
    recs = [extract_file(s) for s in SOURCES]
    assert any(t.accountability for r in recs for t in output_totals(r))
    assert any(not t.accountability for r in recs for t in output_totals(r))
    assert any(not o.approximate for r in recs for o in r.outputs)
    assert any(not m.concrete for r in recs for m in r.measures)


def test_graph_pages_show_a_flag_left_out_as_false() -> None:
    rec = extract_file(SAMPLE)
    graph = view_from_quads(record_quads(rec)).graph
    measures = [d for _, d in graph.nodes(data=True) if d["cls"] == "Measure"]
    outputs = [d for _, d in graph.nodes(data=True) if d["cls"] == "Output"]
    assert len(measures) == len(rec.measures) and len(outputs) == len(rec.outputs)
    assert sorted(d["concrete"] for d in measures) == sorted(m.concrete for m in rec.measures)
    assert sorted(d["approximate"] for d in outputs) == sorted(o.approximate for o in rec.outputs)
    assert False in {d["concrete"] for d in measures}
