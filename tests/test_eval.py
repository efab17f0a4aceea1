"""`kgtools eval` and the sample notice against its gold record, written by hand by reading
the notice (tests/golden/dandong-kexie-2024.json, independent of the extractor)."""

from __future__ import annotations

import json
from pathlib import Path

from kgtools.compare.evaluate import compare, evaluate
from kgtools.compare.match import similarity
from kgtools.extract import extract_file
from kgtools.record import to_dict

from .conftest import ROOT, SAMPLE
from .test_cli import run

GOLD = ROOT / "tests" / "golden"


def test_sample_is_exact_against_the_hand_gold() -> None:
    report = evaluate(GOLD, [SAMPLE.parent])
    for element, score in report.totals().items():
        assert score.f1 == 1.0, (element, score)
    assert report.totals()["measures"].gold == 37


def test_spans_equal_the_gold_spans() -> None:
    gold = json.loads((GOLD / "dandong-kexie-2024.json").read_text(encoding="utf-8"))
    got = to_dict(extract_file(SAMPLE))
    assert [f["span"] for f in got["findings"]] == [f["span"] for f in gold["findings"]]
    assert [m["span"] for f in got["findings"] for m in f["measures"]] == [
        m["span"] for f in gold["findings"] for m in f["measures"]
    ]
    assert [o["span"] for o in got["outputs"]] == [o["span"] for o in gold["outputs"]]


def test_compare_counts_misses_and_spurious_items() -> None:
    gold = {"findings": [{"text": "政府采购管理不规范", "measures": [{"text": "制定采购办法。"}]}, "公务卡使用不规范"],
            "regulations": [{"title": "示例办法", "role": "formulated"}], "outputs": [{"value": 2, "unit": "人"}]}  # fmt: skip
    pred = {"findings": [{"text": "政府采购管理不规范的问题", "measures": [{"text": "制定采购办法"}]}],
            "regulations": [{"title": "示例办法", "role": "cited"}], "outputs": [{"value": 2.0, "unit": "人"}, {"value": 3, "unit": "次"}]}  # fmt: skip
    ne = compare(gold, pred, notice="x")
    assert (
        ne.scores["findings"].matched,
        ne.scores["findings"].gold,
        ne.scores["findings"].predicted,
    ) == (1, 2, 1)
    assert ne.scores["measures"].matched == 1
    assert ne.scores["regulations"].matched == 0  # same title, wrong role
    assert (ne.scores["outputs"].matched, ne.scores["outputs"].predicted) == (1, 2)
    assert "findings: 公务卡使用不规范" in ne.missed


def test_similarity_threshold() -> None:
    assert similarity("在采购管理有漏洞方面。", "在采购管理有漏洞方面") == 1.0
    assert similarity("政府采购管理不规范", "政府采购管理不规范的问题") >= 0.8
    assert similarity("政府采购管理不规范", "公务卡使用不规范") < 0.8


def test_eval_cli_text_and_json(capsys) -> None:
    code, out, _ = run(
        ["eval", "--gold", str(GOLD), str(SAMPLE.parent), "--min-f1", "0.95"], capsys
    )
    assert code == 0 and "findings" in out and "1.000" in out
    code, out, _ = run(
        ["eval", "--gold", str(GOLD), str(SAMPLE.parent), "--format", "json"], capsys
    )
    assert json.loads(out)["totals"]["outputs"]["f1"] == 1.0


def test_eval_min_f1_fails_with_exit_1(tmp_path: Path, capsys) -> None:
    gold = json.loads((GOLD / "dandong-kexie-2024.json").read_text(encoding="utf-8"))
    gold["findings"] = gold["findings"][:5]  # a gold with fewer findings: precision drops
    (tmp_path / "dandong-kexie-2024.json").write_text(
        json.dumps(gold, ensure_ascii=False), encoding="utf-8"
    )
    code, _, err = run(
        ["eval", "--gold", str(tmp_path), str(SAMPLE.parent), "--min-f1", "0.95"], capsys
    )
    assert code == 1 and "findings" in err
