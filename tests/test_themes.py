"""Problem-theme tagging: hand-labelled fictional problem statements, precision and recall
per concept, and the sample notice (every finding gets a theme, with its matched words)."""

from __future__ import annotations

from collections import Counter

from kgtools.recognize.themes import classify, load_themes

# Fictional problem and measure statements (invented, in the genre's wording), labelled by hand.
LABELLED: list[tuple[str, set[str]]] = [
    ("贯彻落实党中央决策部署不到位，政治站位不高", {"ThemePolitical"}),
    ("学习贯彻习近平总书记重要讲话精神不深入", {"ThemePolitical"}),
    ("落实全面从严治党主体责任不力，一岗双责履行不到位", {"ThemeStrictGovernance"}),
    ("党风廉政建设存在薄弱环节，警示教育开展不经常", {"ThemeStrictGovernance"}),
    ("落实中央八项规定精神不严格，存在公车私用现象", {"ThemeEightRules"}),
    ("违规发放津贴补贴，公务接待超标准", {"ThemeEightRules"}),
    ("财务制度执行不严格，报销审核把关不严", {"ThemeFinance"}),
    ("专项资金使用不规范，预算执行率低", {"ThemeFinance"}),
    ("政府采购程序不规范，部分项目未按规定招标", {"ThemeProcurement"}),
    ("公务卡使用率低，现金支付问题突出", {"ThemeOfficialCard"}),
    ("选人用人工作不规范，干部选拔任用程序执行不严", {"ThemeCadreSelection"}),
    ("干部档案管理不规范，人事档案材料缺失", {"ThemeCadreFiles"}),
    ("执行民主集中制不到位，“三重一大”事项未经集体决策", {"ThemeDemocraticCentralism"}),
    ("基层党组织建设薄弱，三会一课制度落实不到位", {"ThemeGrassrootsParty"}),
    ("意识形态工作责任制落实不到位，舆情处置不及时", {"ThemeIdeology"}),
    ("上轮巡察整改不彻底，部分问题反弹回潮", {"ThemeRectification"}),
    ("形式主义官僚主义问题仍然存在，文山会海现象突出", {"ThemeFormalism"}),
    ("履行主责主业不到位，服务群众能力不足", {"ThemeCoreBusiness"}),
    ("对违规吃喝问题查处不力，节约意识不强", {"ThemeEightRules"}),
    ("合同管理不规范，采购验收不严", {"ThemeProcurement"}),
    ("理论学习中心组学习流于形式", {"ThemeIdeology"}),
    ("党支部组织生活会质量不高", {"ThemeGrassrootsParty"}),
    ("干部轮岗交流制度执行不到位", {"ThemeCadreSelection"}),
    ("内控制度不健全，资产管理混乱", {"ThemeFinance"}),
]


def per_concept_scores() -> dict[str, tuple[float, float]]:
    """Precision and recall per concept on the labelled statements."""
    tp: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for text, expected in LABELLED:
        got = {a.theme for a in classify(text)}
        for theme in got:
            predicted[theme] += 1
            tp[theme] += theme in expected
        for theme in expected:
            gold[theme] += 1
    return {t: (tp[t] / predicted[t] if predicted[t] else 1.0, tp[t] / gold[t] if gold[t] else 1.0)
            for t in sorted(set(gold) | set(predicted))}  # fmt: skip


def test_precision_and_recall_per_concept(capsys) -> None:
    scores = per_concept_scores()
    with capsys.disabled():
        print("\ntheme                       precision  recall")
        for theme, (p, r) in scores.items():
            print(f"{theme:<28}{p:>9.2f}{r:>8.2f}")
    assert all(r == 1.0 for _, r in scores.values())
    assert sum(p for p, _ in scores.values()) / len(scores) >= 0.9


def test_all_fourteen_themes_are_loaded_with_keywords() -> None:
    themes = load_themes()
    assert len(themes) == 14 and all(t.keywords and t.label for t in themes)


def test_assignments_keep_the_matched_words() -> None:
    [assignment] = classify("政府采购程序不规范")
    assert assignment.theme == "ThemeProcurement" and assignment.words == ("采购",)


def test_every_finding_of_the_sample_has_a_theme(sample_record) -> None:
    for finding in sample_record.findings:
        assert finding.themes, finding.text
    by_text = {f.text: {a.theme for a in f.themes} for f in sample_record.findings}
    assert by_text["在采购管理有漏洞方面"] == {"ThemeProcurement"}
    assert by_text["在执行财务制度不严格方面"] == {"ThemeFinance"}
    assert by_text["在选人用人工作存在短板弱项方面"] == {"ThemeCadreSelection"}
    assert by_text["巡察整改用力不足，铺张浪费问题整改不彻底"] == {
        "ThemeEightRules",
        "ThemeRectification",
    }
