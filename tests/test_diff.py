"""``kgtools diff`` on a notice edited in known ways (a copy of the sample, edited here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgtools.build.corpus import build
from kgtools.cli import main

from .conftest import SAMPLE


def test_diff_reports_the_known_edits(tmp_path: Path, capsys) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    old_src, new_src = tmp_path / "old", tmp_path / "new"
    old_src.mkdir()
    new_src.mkdir()
    (old_src / "n.txt").write_text(text, encoding="utf-8")
    (old_src / "gone.txt").write_text(text, encoding="utf-8")
    edited = (
        text.replace("175名专家", "180名专家")  # an output changes value
        .replace("二是重新制订机关内控制度。", "")  # a measure is removed
        .replace(
            "三是成立市科技馆党支部。",
            "三是成立市科技馆党支部。四是制定《市科协党员发展工作细则》。",
        )  # measure + regulation added
    )
    (new_src / "n.txt").write_text(edited, encoding="utf-8")
    build([old_src], out=tmp_path / "b1", jobs=1)
    build([new_src], out=tmp_path / "b2", jobs=1)
    with pytest.raises(SystemExit) as exc:
        main(["diff", str(tmp_path / "b1"), str(tmp_path / "b2")])
    out = capsys.readouterr().out
    assert exc.value.code == 1
    assert "gone: removed" in out
    assert "~ output: 175名 专家 → 180名 专家" in out
    assert "- measure: 重新制订机关内控制度。" in out
    assert "+ measure: 制定《市科协党员发展工作细则》。" in out
    assert "+ regulation: 市科协党员发展工作细则 (formulated)" in out
    assert (
        "~ measure: 组建了由175名专家" in out and "→ 组建了由180名专家" in out
    )  # the measure's text changed too
    assert "n: changed (5 change(s))" in out


def test_diff_of_a_build_with_itself_is_empty(sample_build: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["diff", str(sample_build), str(sample_build)])
    assert exc.value.code == 0
    assert "0 notice(s) differ, 1 unchanged" in capsys.readouterr().out
