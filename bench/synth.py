"""Realistic fictional notices for benchmarks: text, not triples, so that the whole pipeline
(read, extract, emit, load, validate, query) is exercised.

Every notice is invented and says so in its first line; organizations are built from
made-up place names (示例, 某, 虚构 …). Varies level, year, numbering scheme, layout,
5–60 findings, 1–5 measures each, regulations, outputs, totals.

    python bench/synth.py --notices 1000 --out /tmp/synth [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

PLACES = ["示例", "某", "虚构", "样例", "测试", "假设", "演示", "范例"]
UNITS = ["教育局", "财政局", "卫生健康局", "交通运输局", "科学技术协会", "民政局", "文化和旅游局", "住房和城乡建设局",
         "市场监督管理局", "农业农村局", "统计局", "审计局", "自然资源局", "生态环境局"]  # fmt: skip
AREAS = [
    (
        "落实全面从严治党主体责任不到位",
        ["主体责任落实不力", "党风廉政建设存在薄弱环节", "警示教育开展不经常"],
    ),
    (
        "贯彻落实党中央决策部署有差距",
        ["政治站位不高", "重要讲话精神学习不深入", "决策部署落实不到位"],
    ),
    (
        "财务管理不规范",
        ["预算执行不严格", "专项资金使用不规范", "报销审核把关不严", "资产管理混乱"],
    ),
    ("政府采购管理存在漏洞", ["采购程序不规范", "采购验收不严格", "未按规定招标"]),
    (
        "选人用人工作存在短板",
        ["干部选拔任用程序执行不严", "干部轮岗交流不到位", "干部档案管理不规范"],
    ),
    ("民主集中制执行不严格", ["“三重一大”事项集体决策不规范", "议事规则不健全"]),
    ("基层党建工作薄弱", ["党支部组织生活不规范", "三会一课制度落实不到位"]),
    ("中央八项规定精神落实不到位", ["违规发放津贴补贴", "公务接待超标准", "公务卡使用不规范"]),
    ("意识形态工作责任制落实不到位", ["理论学习中心组学习流于形式", "舆情处置不及时"]),
    ("形式主义官僚主义问题仍然存在", ["文山会海问题突出", "督查检查考核过多"]),
]
RULE_KINDS = ["管理办法", "实施细则", "工作制度", "责任清单", "议事规则", "考核办法", "工作规程"]
ACTIONS = [
    "制定《{org}{topic}{kind}》，进一步规范工作流程。",
    "修订《{org}{topic}{kind}》。",
    "组织开展专题培训{n}次，培训{m}人。",
    "开展专项检查，排查风险点{n}个。",
    "清退违规资金{x}万元。",
    "给予党纪处分{n}人，诫勉谈话{n2}人。",
    "组织党员干部深入学习《中国共产党纪律处分条例》。",
    "召开专题会议研究整改工作，明确责任分工。",
    "建立问题清单和整改台账，逐项销号管理。",
    "与{partner}开展联合检查，完成整改{n}项。",
    "{month}月{day}日召开整改推进会，督促落实。",
]
TOPICS = [
    "政府采购",
    "财务报销",
    "公务卡使用",
    "干部轮岗交流",
    "党组会议",
    "内部控制",
    "专项资金",
    "意识形态工作",
]
CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    """1..99 as Chinese numerals."""
    if n <= 10:
        return CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens - 1]) + "十" + (CN[ones - 1] if ones else "")


def _measure(rng: random.Random, org: str, year: int) -> str:
    template = rng.choice(ACTIONS)
    return template.format(org=org, topic=rng.choice(TOPICS), kind=rng.choice(RULE_KINDS), n=rng.randint(1, 30),
                           m=rng.randint(20, 500), n2=rng.randint(1, 9), x=round(rng.uniform(0.5, 90), 2),
                           partner=rng.choice(["市审计局", "县财政局", "区纪委监委派驻纪检监察组"]),
                           month=rng.randint(1, 12), day=rng.randint(1, 28))  # fmt: skip


def notice(i: int, seed: int = 0) -> tuple[str, str]:
    """(file name, text) of fictional notice number ``i``."""
    rng = random.Random(seed * 1_000_003 + i)
    level = rng.choice(["province", "city", "city", "county", "county", "other"])
    place = (
        rng.choice(PLACES) + {"province": "省", "city": "市", "county": "县", "other": ""}[level]
    )
    unit = rng.choice(UNITS)
    if level == "other":
        place, unit = rng.choice(PLACES), rng.choice(["大学", "集团有限公司", "学院"])
    short = {"province": "省", "city": "市", "county": "县", "other": ""}[level]
    kind = "巡视" if level == "province" else "巡察"
    committee = {"province": "省委", "city": "市委", "county": "县委", "other": "党委"}[level]
    team = f"{committee}第{cn(rng.randint(1, 12))}{kind}组"
    year = rng.randint(2019, 2025)
    start = date(year, rng.randint(1, 6), rng.randint(1, 28))
    end = start + timedelta(days=rng.randint(30, 90))
    feedback = end + timedelta(days=rng.randint(20, 80))
    published = feedback + timedelta(days=rng.randint(60, 240))
    issuer = f"中共{place}{unit}党组" if level != "other" else f"中共{place}{unit}委员会"
    inspected = f"{short}{unit}党组" if level != "other" else f"{place}{unit}后勤处党支部"
    d = lambda x: f"{x.year}年{x.month}月{x.day}日"  # noqa: E731
    end_text = f"{end.month}月{end.day}日" if end.year == start.year else d(end)
    pub_end = published + timedelta(days=14)
    lines = [f"（虚构示例，非真实通报：{place}{unit}为虚构机构，由 bench/synth.py 生成，仅供测试。）", issuer,
             f"关于{committee}{kind}整改进展情况的通报",
             f"　　根据{committee}统一部署，{d(start)}至{end_text}，{team}对{inspected}进行了{kind}。{d(feedback)}，"
             f"{team}向{inspected}反馈了{kind}意见。"]  # fmt: skip
    n_findings = rng.randint(5, 60)
    if rng.random() < 0.5:
        lines[-1] += (
            f"{kind}反馈问题{n_findings}个，已完成整改{rng.randint(n_findings // 2, n_findings)}个。"
        )
    lines[-1] += "按照《中国共产党巡视工作条例》要求，现将整改进展情况予以公布。"
    scheme = rng.choice(["dot", "dun", "paren"])
    enum = rng.choice(["shi", "ordinal", "paren"])
    lines += [
        "一、整改工作开展情况",
        f"{inspected}召开专题会议，研究部署整改工作。",
        "二、反馈问题整改落实情况",
    ]
    areas = rng.sample(AREAS, rng.randint(2, min(6, n_findings)))
    per_area = [
        n_findings // len(areas) + (1 if k < n_findings % len(areas) else 0)
        for k in range(len(areas))
    ]
    org = f"{place}{unit}"
    for a, ((area, problems), count) in enumerate(zip(areas, per_area, strict=True), 1):
        lines.append(f"（{cn(a)}）{area}")
        for f in range(1, count + 1):
            marker = {"dot": f"{f}.", "dun": f"{f}、", "paren": f"（{f}）"}[scheme]
            measures = [_measure(rng, org, year) for _ in range(rng.randint(1, 5))]
            if enum == "shi":
                body = "".join(f"{cn(k)}是{m}" for k, m in enumerate(measures, 1))
            elif enum == "ordinal":
                body = "".join(f"第{cn(k)}，{m}" for k, m in enumerate(measures, 1))
            else:
                body = "".join(f"（{k}）{m}" for k, m in enumerate(measures, 1))
            lines.append(f"{marker}{rng.choice(problems)}的问题。{body}")
    lines += ["三、下一步工作打算", "持续巩固整改成果，建立长效机制。",
              f"公开期限：{d(published)}至{d(pub_end)}。联系电话：0000-{rng.randint(1000000, 9999999)}。"]  # fmt: skip
    return f"synth-{seed}-{i:06d}.txt", "\n".join(lines) + "\n"


def write_corpus(out: Path, n: int, *, seed: int = 0, start: int = 0) -> list[Path]:
    """Write notices ``start``…``start+n-1`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        name, text = notice(i, seed)
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_corpus(args.out, args.notices, seed=args.seed)
    print(f"{args.notices} fictional notices in {args.out}")


if __name__ == "__main__":
    main()
