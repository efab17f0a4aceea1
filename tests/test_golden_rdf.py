"""Golden RDF: each case's graph compared with its reviewed N-Quads as a graph (the set of
its quads; the emitter writes no blank nodes, so equal sets are isomorphic graphs).

The expected files are snapshots, reviewed when written: the sample's facts are checked
against a reading by hand in test_golden_sample.py and the fixtures' in test_genre_eval.py;
this test catches every other change to the graph. After an intended change, run
``pytest tests/test_golden_rdf.py --update-golden`` and review ``git diff tests/golden/rdf``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kgtools.emit.serialize import record_nquads
from kgtools.extract import extract_file

from .conftest import FIXTURES, SAMPLE

GOLDEN = Path(__file__).resolve().parent / "golden" / "rdf"
CASES = [SAMPLE, *sorted(p for p in (FIXTURES / "genre").iterdir() if p.is_file())]


def test_there_are_cases() -> None:
    assert len(CASES) >= 15 and SAMPLE.is_file()


@pytest.mark.parametrize("source", CASES, ids=lambda p: p.stem)
def test_graph_equals_its_golden_graph(source: Path, update_golden: bool) -> None:
    quads = record_nquads(extract_file(source))
    assert "_:" not in quads, "blank nodes: compare by isomorphism instead of quad sets"
    golden = GOLDEN / f"{source.stem}.nq"
    if update_golden:
        golden.write_text(quads, encoding="utf-8")
    assert golden.is_file(), f"no {golden.name}: run pytest --update-golden and review it"
    expected = set(golden.read_text(encoding="utf-8").splitlines())
    got = set(quads.splitlines())
    missing, extra = sorted(expected - got), sorted(got - expected)
    assert not missing and not extra, (
        f"{len(missing)} quad(s) lost, {len(extra)} new:\n- "
        + "\n- ".join(missing[:10])
        + "\n+ "
        + "\n+ ".join(extra[:10])
    )
