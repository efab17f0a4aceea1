"""The extractor across the genre: `kgtools eval` on the fictional notices of
tests/fixtures/genre/ (each with a gold record written by hand) and refusal of the
near-genre documents of tests/fixtures/near-genre/."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgtools.compare.evaluate import evaluate, format_text
from kgtools.errors import NotANoticeError
from kgtools.extract import extract_file

from .conftest import FIXTURES

GENRE = FIXTURES / "genre"
THRESHOLDS = {"findings": 0.95, "measures": 0.95, "regulations": 0.95, "outputs": 0.9, "dates": 1.0}


def test_enough_fixtures_with_gold_and_formats() -> None:
    notices = sorted(p for p in GENRE.iterdir() if p.is_file())
    assert len(notices) >= 15
    assert {p.stem for p in notices} == {p.stem for p in (GENRE / "gold").glob("*.json")}
    assert any(p.suffix == ".html" for p in notices)


def test_eval_meets_the_thresholds(capsys) -> None:
    report = evaluate(GENRE / "gold", [GENRE])
    with capsys.disabled():
        print("\n" + format_text(report, worst=3, unmatched=5))
    assert not [n.notice for n in report.notices if n.error]
    totals = report.totals()
    for element, threshold in THRESHOLDS.items():
        assert totals[element].f1 >= threshold, (element, totals[element])


@pytest.mark.parametrize(
    "path", sorted((FIXTURES / "near-genre").glob("*.txt")), ids=lambda p: p.stem
)
def test_near_genre_document_is_refused(path: Path) -> None:
    kind = path.stem.split("-")[0]
    reason = {"announcement": "announces an inspection", "news": "feedback or mobilization meeting",
              "plan": "rectification plan", "speech": "speech"}[kind]  # fmt: skip
    with pytest.raises(NotANoticeError, match=reason):
        extract_file(path)
