"""`kgtools eval` with gold records whose sources it cannot find: exit 2 with one line that
says which and how to name the sources, not a report of F1 0.000 that exits 0."""

from __future__ import annotations

from .conftest import ROOT, SAMPLE
from .test_cli import run

GOLD = ROOT / "tests" / "golden"


def test_a_gold_record_without_its_source_exits_2(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(["eval", "--gold", str(GOLD)], capsys)  # default: the gold's parent
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert "1 of 1 gold record(s) have no source" in line and "dandong-kexie-2024.json" in line
    assert f"kgtools eval --gold {GOLD} SOURCES" in line
    code, out, _ = run(["eval", "--gold", str(GOLD), str(SAMPLE.parent)], capsys)
    assert code == 0 and "findings" in out
