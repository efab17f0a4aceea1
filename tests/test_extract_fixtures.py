"""The extractor on fictional notices written for these tests (tests/fixtures/).

Expected values were written by reading each fixture, not copied from output.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kgtools.errors import NotANoticeError
from kgtools.extract import extract_file
from kgtools.record import to_dict

from .conftest import FIXTURES


def _measures(rec) -> list[tuple[str, list[str]]]:
    return [(f.text, [m.text for m in f.measures]) for f in rec.findings]


def test_county_notice_in_gbk_with_crlf() -> None:
    rec = extract_file(FIXTURES / "county-gbk-crlf.txt")
    j = to_dict(rec)
    assert (j["level"], j["inspection_kind"]) == ("county", "巡察")
    assert j["issuing_org"] == "中共某县示例局党组"
    assert j["inspected_org"] == "县示例局党组"
    assert j["inspecting_body"] == "县委第三巡察组"
    assert (j["inspection_start"], j["inspection_end"]) == ("2024-03-04", "2024-04-30")
    assert j["feedback_date"] == "2024-06-12"
    assert j["publication_period"] == ["2024-09-02", "2024-09-10"]  # 至10日 inherits year and month
    assert j["contact_phone"] == "0000-1234567"
    assert j["contact_email"] == "xuncha@example.cn"
    assert j["totals"] == {
        "problems": 12,
        "rectified": 10,
        "measures": None,
        "rules": None,
        "rate": 83.3,
    }
    assert [a["text"] for a in j["problem_areas"]] == [
        "落实全面从严治党主体责任不到位",
        "选人用人工作存在短板",
    ]
    assert _measures(rec) == [
        (
            "政府采购管理不规范的问题",
            ["修订《某县示例局政府采购管理办法》。", "组织采购人员培训2次，参训人员30余人。"],
        ),
        ("公务卡使用不规范的问题", ["清退违规报销资金3.5万元，给予党纪处分2人。"]),
        ("干部档案管理不严格", ["对120份干部档案进行专项审核。"]),
    ]
    assert [f["parent"] for f in j["findings"]] == [
        "落实全面从严治党主体责任不到位", "落实全面从严治党主体责任不到位", "选人用人工作存在短板",
    ]  # fmt: skip
    assert j["regulations"] == [
        {"title": "中国共产党巡视工作条例", "role": "cited"},
        {"title": "某县示例局政府采购管理办法", "role": "formulated"},
    ]
    outputs = [(o.value, o.unit, o.approximate) for o in rec.outputs]
    assert outputs == [
        (2, "次", False), (30, "人", True), (Decimal("3.5"), "万元", False), (2, "人", False), (120, "份", False),
    ]  # fmt: skip
    assert [o.what for o in rec.outputs][2:4] == ["违规报销资金", "党纪处分"]
    assert [i.text for i in rec.leadership] == [
        "县示例局党组召开专题会议研究部署整改工作，成立整改工作领导小组。"
    ]
    assert [i.text for i in rec.next_steps] == ["持续巩固整改成果，建立长效机制。"]


def test_province_notice_with_bom_chinese_numeral_dates_and_no_sections() -> None:
    rec = extract_file(FIXTURES / "province-bom.txt")
    j = to_dict(rec)
    assert (j["level"], j["inspection_kind"]) == ("province", "巡视")
    assert j["issuing_org"] == "中共示例省示例厅党组"  # taken from the title's prefix
    assert (j["inspection_start"], j["inspection_end"], j["feedback_date"]) == (
        "2023-10-09",
        "2023-12-08",
        "2024-01-15",
    )
    assert _measures(rec) == [
        (
            "学习贯彻党的创新理论不深入",
            ["修订《示例厅党组理论学习中心组学习规则》。", "组织专题学习研讨6次。"],
        ),
        (
            "意识形态工作责任制落实不到位",
            ["建立意识形态工作台账。", "开展意识形态风险排查，排查风险点15个。"],
        ),
    ]
    assert all(f["parent"] is None for f in j["findings"])  # areas that are findings themselves
    assert [i.text for i in rec.next_steps] == ["持续推进整改。"]
    assert [(o.value, o.unit, o.what) for o in rec.outputs] == [
        (6, "次", "专题学习研讨"),
        (15, "个", "风险点"),
    ]
    assert j["totals"]["problems"] is None


def test_news_of_a_feedback_meeting_is_refused_with_the_reason() -> None:
    with pytest.raises(NotANoticeError, match="feedback or mobilization meeting"):
        extract_file(FIXTURES / "news-feedback-meeting.txt")


def test_offsets_refer_to_the_decoded_text_after_crlf_normalization() -> None:
    rec = extract_file(FIXTURES / "county-gbk-crlf.txt")
    assert "\r" not in rec.text
    for f in rec.findings:
        assert rec.text[f.span[0] : f.span[1]] == f.text
        for m in f.measures:
            assert rec.text[m.span[0] : m.span[1]] == m.text


def test_concreteness_counts_measures_with_a_rule_number_date_or_partner() -> None:
    county = extract_file(FIXTURES / "county-gbk-crlf.txt").concreteness()
    assert (county["measures"], county["slogan_only"], county["share"]) == (4, 0, 1.0)
    province = extract_file(FIXTURES / "province-bom.txt").concreteness()
    # 建立意识形态工作台账。 has no rule in 《》, no number, no date, no partner
    assert (province["measures"], province["with_regulation"], province["with_output"]) == (4, 1, 2)
    assert (province["slogan_only"], province["share"]) == (1, 0.75)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("news-feedback-meeting.txt", "feedback or mobilization meeting"),
        ("plan-fictional.txt", "rectification plan"),
        ("speech-fictional.txt", "it is a speech"),
        ("announcement-fictional.txt", "announces an inspection"),
    ],
)
def test_near_genre_documents_are_refused_with_the_reason(name: str, reason: str) -> None:
    with pytest.raises(NotANoticeError, match=reason):
        extract_file(FIXTURES / name)
