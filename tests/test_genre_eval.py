"""The extractor across the genre: `kgtools eval` on every fictional fixture with a gold
record written by hand — tests/fixtures/genre/ and the two batches of
tests/fixtures/atlas/ (every class of the genre atlas, in txt, html, docx and pdf; batch B
was held out and scored once before the extractor was tuned on it) — and refusal of every
near-genre document, each with the reason naming its class."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgtools.compare.evaluate import evaluate, format_text
from kgtools.errors import NotANoticeError
from kgtools.extract import extract_file

from .conftest import FIXTURES

GENRE = FIXTURES / "genre"
ATLAS = [FIXTURES / "atlas" / "batch-a", FIXTURES / "atlas" / "batch-b"]
FOLDERS = [GENRE, *ATLAS]
THRESHOLDS = {
    "findings": 0.95,
    "measures": 0.95,
    "regulations": 0.95,
    "outputs": 0.9,
    "dates": 0.95,
}
CLASSES = {
    f"{kind}{n}"
    for kind, count in (("A", 8), ("B", 12), ("C", 2), ("D", 8))
    for n in range(1, count + 1)
}
NEAR_GENRE = {  # class → words the refusal must use
    "D1": "announces an inspection", "D2": "feedback or mobilization meeting",
    "D3": "feedback itself", "D4": "rectification plan", "D5": "work news",
    "D6": "another kind of rectification", "D7": "speech", "D8": "statistics of inspection work",
}  # fmt: skip


def _golds(folder: Path) -> list[Path]:
    return sorted((folder / "gold").glob("*.json"))


def test_every_fixture_has_gold_and_the_atlas_is_covered() -> None:
    for folder in FOLDERS:
        notices = {
            p.stem
            for p in folder.iterdir()
            if p.is_file() and p.suffix in (".txt", ".html", ".docx", ".pdf")
        }
        assert notices == {p.stem for p in _golds(folder)}, folder.name
    suffixes = {p.suffix for folder in ATLAS for p in folder.iterdir()}
    assert {".txt", ".html", ".docx", ".pdf"} <= suffixes
    covered = {c for folder in ATLAS for entry in json.loads((folder / "index.json").read_text(encoding="utf-8"))
               for c in entry["classes"]}  # fmt: skip
    assert CLASSES <= covered, sorted(CLASSES - covered)
    assert sum(len(_golds(f)) for f in ATLAS) >= 40


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_eval_meets_the_thresholds(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = evaluate(folder / "gold", [folder])
    with capsys.disabled():
        print(f"\n{folder.name}: " + format_text(report, worst=2, unmatched=3))
    assert not [n.notice for n in report.notices if n.error]
    totals = report.totals()
    for element, threshold in THRESHOLDS.items():
        assert totals[element].f1 >= threshold, (element, totals[element])
    refusals = totals["genre"]
    assert refusals.matched == refusals.gold == refusals.predicted  # every near-genre refused


def _negatives() -> list[tuple[Path, str]]:
    out = []
    for folder in ATLAS:
        for gold in _golds(folder):
            data = json.loads(gold.read_text(encoding="utf-8"))
            if data.get("genre") == "negative":
                source = next(
                    p for p in folder.iterdir() if p.stem == gold.stem and p.suffix != ".json"
                )
                out.append((source, data["class"]))
    return out


@pytest.mark.parametrize("path,atlas_class", _negatives(), ids=lambda v: getattr(v, "stem", v))
def test_a_near_genre_document_is_refused_naming_its_class(path: Path, atlas_class: str) -> None:
    with pytest.raises(NotANoticeError) as refusal:
        extract_file(path)
    assert f"({atlas_class})" in str(refusal.value) and NEAR_GENRE[atlas_class] in str(
        refusal.value
    )


@pytest.mark.parametrize(
    "path", sorted((FIXTURES / "near-genre").glob("*.txt")), ids=lambda p: p.stem
)
def test_older_near_genre_fixtures_are_refused(path: Path) -> None:
    kind = path.stem.split("-")[0]
    reason = {"announcement": "announces an inspection", "news": "feedback or mobilization meeting",
              "plan": "rectification plan", "speech": "speech"}[kind]  # fmt: skip
    with pytest.raises(NotANoticeError, match=reason):
        extract_file(path)
