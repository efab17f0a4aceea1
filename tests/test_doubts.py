"""Doubts: the extractor says which notices a person should read again, in the record,
the graph and the build's summary; a clean notice has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgtools.cli import main
from kgtools.extract import extract_text
from kgtools.record import to_dict

from .conftest import SAMPLE, notice_nquads

# Fictional (示例县, 某局): the second problem area has nothing under it.
EMPTY_AREA = """（虚构示例，非真实通报：示例县某局为虚构机构，仅供测试。）
中共示例县某局党组
关于县委巡察反馈意见整改进展情况的通报
　　根据县委统一部署，2024年3月4日至4月30日，县委第一巡察组对县某局党组进行了常规巡察，并于2024年6月3日反馈了巡察意见。现将整改进展情况予以公布。
　　一、巡察反馈问题整改情况
　　（一）制度建设不健全
　　一是制定《某局内部控制管理办法》。二是清理过期合同12份。
　　（二）干部队伍建设有短板
　　（三）财务管理不规范
　　一是追回违规报销费用3.2万元。二是修订《某局财务报销规定》。
　　欢迎广大干部群众监督。公开期限：2024年9月1日至9月10日。联系电话：0000-1234567。
"""


def test_an_area_with_nothing_under_it_is_a_doubt_with_its_span() -> None:
    rec = extract_text(EMPTY_AREA, notice_id="doubt-fictional")
    codes = [d.code for d in rec.doubts]
    assert codes == ["area-without-findings"]
    s, e = rec.doubts[0].span or (0, 0)
    assert EMPTY_AREA[s:e] == "干部队伍建设有短板"
    assert to_dict(rec)["doubts"][0]["code"] == "area-without-findings"


def test_the_sample_has_no_doubt() -> None:
    rec = extract_text(SAMPLE.read_text(encoding="utf-8"), notice_id="sample")
    assert rec.doubts == []


def test_build_lists_the_notices_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "doubt-fictional.txt").write_text(EMPTY_AREA, encoding="utf-8")
    (src / "sample.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["build", str(src), "--out", str(tmp_path / "out"), "--no-report"])
        raise SystemExit(0)
    assert (exc.value.code or 0) == 0
    out = capsys.readouterr().out
    assert "1 notice(s) to check: doubt-fictional (area-without-findings)" in out
    graph = notice_nquads(tmp_path / "out", "doubt-fictional")
    assert '"area-without-findings"' in graph and "#Doubt>" in graph
