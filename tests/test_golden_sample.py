"""Golden test on the real sample notice: every field checked against a reading by hand.

The expected values below were written by reading data/notices/dandong-kexie-2024.txt
(see ../shared/notice-record.md for the hand-counted totals), not copied from output.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

AREAS = [
    "贯彻习近平总书记关于科技创新发展的重要指示精神有差距，落实省委市委重要工作部署要求不到位",
    "推动科学普及工作不扎实，公众具备科学素质比例偏低",
    "履行全面从严治党责任有欠缺，党风廉政建设存在薄弱环节",
    "党建引领作用发挥不充分，选人用人工作存在短板弱项",
    "巡察整改用力不足，铺张浪费问题整改不彻底",
]
# (area index, finding text or None for the area itself, first words of each measure)
FINDINGS = [
    (
        0,
        "在管理院士专家工作站不到位方面",
        ["重新制定《丹东市院士专家工作站管理办法》", "加强与建站单位的沟通"],
    ),
    (
        0,
        "在推进智库建设行动迟缓方面",
        ["成立6个丹东市科技创新智库研究基地", "组建了由175名专家组成", "确定了21个"],
    ),
    (
        0,
        "在协调引导学会发展缺位方面",
        [
            "制定了《关于进一步加强全市基层科协组织建设实施意见》",
            "督促10个市级学会",
            "组织开展了创新方法培训",
        ],
    ),
    (
        0,
        "在汇聚科技工作者智慧措施不足方面",
        [
            "设立科技工作者状况调查专项课题",
            "制定出台《丹东市科技工作者意见建议收集和反馈制度》",
            "充分发挥科协“三型”组织作用",
        ],
    ),
    (
        1,
        "在科普阵地建设乏力方面",
        ["更新市科技馆展品、展具28件", "科普放映厅增加播放", "科普中国e站整改工作全部完成"],
    ),
    (
        1,
        "在科普活动实效不足方面",
        ["联合相关农业企业开展辽宁省第36届", "积极通过市科协“晓科抖”抖音平台"],
    ),
    (
        1,
        "在科普项目监管不严方面",
        [
            "制定《丹东市基层科普行动计划项目管理办法实施细则》",
            "对各县（市）区科协2024年",
            "明确项目所在县（市）区科协责任",
        ],
    ),
    (
        1,
        "在推动公众科学素质提升不主动方面",
        ["根据全市各相关单位任务分工", "组织各单位、县（市）区科协"],
    ),
    (2, "在主体责任落得不实方面", ["结合党纪学习教育", "开展警示教育", "召开党风廉政工作会议"]),
    (2, "在采购管理有漏洞方面", ["对采购人员强化业务培训", "重新制订机关内控制度"]),
    (
        2,
        "在执行财务制度不严格方面",
        ["制定《市科协公务卡使用管理办法》", "加强了对市科技馆“三重一大”事项"],
    ),
    (3, "在执行民主集中制不严格方面", ["制定了《市科协党组会议“三重一大”决策规则的实施细则》"]),
    (
        3,
        "在党建工作质量不高方面",
        ["2023年12月21日党组专题听取", "为了开展好巡察整改专题民主生活会", "成立市科技馆党支部"],
    ),
    (
        3,
        "在选人用人工作存在短板弱项方面",
        [
            "认真学习组织人事政策规定等",
            "积极参加人事档案工作培训",
            "制定了《市科协机关干部轮岗交流制度》",
        ],
    ),
    (
        4,
        None,
        [
            "组织机关全体党员干部深入学习《党政机关厉行节约反对浪费条例》",
            "凡专业性、技术性较强的事项",
        ],
    ),
]
REGULATIONS = {
    "巡视工作条例": "cited",
    "丹东市院士专家工作站管理办法": "formulated",
    "关于进一步加强全市基层科协组织建设实施意见": "formulated",
    "丹东市科技工作者意见建议收集和反馈制度": "formulated",
    "丹东市基层科普行动计划项目管理办法实施细则": "formulated",
    "市科协党组落实全面从严治党主体责任清单": "formulated",
    "丹东市科学技术协会采购办法（试行）": "formulated",
    "市科协公务卡使用管理办法": "formulated",
    "市科协党组会议“三重一大”决策规则的实施细则": "formulated",
    "市科协机关干部轮岗交流制度": "formulated",
    "党政机关厉行节约反对浪费条例": "studied",
}
# (value, unit, approximate) in reading order
OUTPUTS = [
    (6, "个", False), (6, "个", False), (175, "名", False), (20, "名", False), (21, "个", False),
    (10, "个", False), (2, "次", False), (140, "人", True), (32, "个", False),
    (28, "件", False), (115, "块", False), (28, "部", False), (88, "部", False), (4, "所", False),
    (4, "次", False), (75894, "条", False), (4, "个", False), (10, "家", False), (11, "个", False),
    (13000, "人", False), (7, "场", False), (400, "人", True), (500, "场次", True), (10, "条", False),
]  # fmt: skip
WHAT = {
    "6个": "专家工作站",
    "175名": "专家",
    "400余人": "受众",
    "1.3万人": "关注人数",
    "10条": "廉政风险点",
}


@pytest.fixture(scope="module")
def rec(sample_record):
    return sample_record


def test_frame_fields(rec) -> None:
    assert rec.genre == "progress"
    assert rec.title.value == "关于市委巡察整改落实进展情况的通报"
    assert rec.inspection_kind == "巡察" and rec.level == "city"
    assert rec.issuing_org.value == "中共丹东市科学技术协会党组"
    assert rec.inspected_org.value == "市科协党组"
    assert rec.inspecting_body.value == "市委第四巡察组"
    assert [f.value for f in rec.deciding_bodies] == ["市委", "市委巡察工作领导小组"]
    assert rec.stationing[:2] == ("2023-09-25", "2023-12-29")
    assert rec.feedback.value == "2024-02-29"
    assert rec.publication[:2] == ("2024-10-21", "2024-11-11")
    assert rec.phone.value == "2126352"
    assert rec.hours.value == "工作日9:00-17:00"
    assert rec.address.value == "丹东市十一经街99号丹东市科协收"
    assert rec.postcode.value == "118000"
    assert rec.email is None and rec.round_number is None
    assert rec.totals is None  # the notice states no totals


def test_problem_areas(rec) -> None:
    assert [a.text for a in rec.problem_areas] == AREAS
    assert [a.is_finding for a in rec.problem_areas] == [False, False, False, False, True]


def test_findings_and_their_measures(rec) -> None:
    assert len(rec.findings) == 15
    assert sum(len(f.measures) for f in rec.findings) == 37
    for finding, (area, text, measures) in zip(rec.findings, FINDINGS, strict=True):
        if text is None:
            assert finding.own_area == area and finding.area is None and finding.text == AREAS[area]
        else:
            assert (finding.area, finding.text) == (area, text)
        assert len(finding.measures) == len(measures), finding.text
        for measure, start in zip(finding.measures, measures, strict=True):
            assert measure.text.startswith(start), (measure.text, start)
            assert measure.text.endswith("。")
            assert not measure.text.startswith(("一是", "二是", "三是"))


def test_leadership_and_next_steps_are_not_measures(rec) -> None:
    measure_texts = " ".join(m.text for m in rec.measures)
    assert len(rec.leadership) == 4 and len(rec.next_steps) == 3
    assert rec.leadership[1].text.startswith("提高政治站位，加强组织领导")
    assert rec.next_steps[0].text.startswith("提高政治能力，扛牢从严治党政治责任")
    assert "成立巡察整改工作领导小组" not in measure_texts  # leadership section
    assert "防止出现反弹" not in measure_texts  # next steps


def test_regulations_with_their_roles(rec) -> None:
    assert rec.regulations() == REGULATIONS


def test_outputs(rec) -> None:
    assert [(o.value, o.unit, o.approximate) for o in rec.outputs] == [
        (Decimal(v), u, a) for v, u, a in OUTPUTS
    ]
    by_quote: dict[str, str] = {}
    for o in rec.outputs:  # the first output with each quote
        by_quote.setdefault(rec.text[o.span[0] : o.span[1]], o.what)
    for quote, what in WHAT.items():
        assert by_quote[quote] == what
    assert all(o.marker == "余" for o in rec.outputs if o.approximate)


def test_measure_dates(rec) -> None:
    dated = {d.date for m in rec.measures for d in m.dates}
    assert dated == {"2023-12-21", "2024-07-31"}  # 2023年12月21日, 截止7月底 (year of the notice)
