"""Cross-notice linking: one canonical node per organization and per regulation.

Organizations: a name as written (市科协党组) is resolved to a canonical name
(丹东市科学技术协会党组) by deterministic rules — drop 中共, split off the party organ
(党组, 党委 …), take the region from the name or, for names that start with a bare level
(市…, 县…), from the issuer of the same notice, and expand common abbreviations
(科协 → 科学技术协会). Names whose region cannot be resolved are reported as ambiguous
and get no canonical node. Regulations: titles are normalized (NFKC, whitespace, quotes,
（试行）, a leading 中国共产党) and each normalized title is one node; its kind comes from the
title's ending, its issuer from the notice that formulated it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

ABBREVIATIONS = {
    "科协": "科学技术协会", "发改委": "发展和改革委员会", "发改局": "发展和改革局",
    "人社局": "人力资源和社会保障局", "住建局": "住房和城乡建设局", "卫健委": "卫生健康委员会",
    "卫健局": "卫生健康局", "市场监管局": "市场监督管理局", "生态环境局": "生态环境局",
    "文旅局": "文化和旅游局", "农业农村局": "农业农村局", "自然资源局": "自然资源局",
    "工信局": "工业和信息化局", "住建委": "住房和城乡建设委员会", "国资委": "国有资产监督管理委员会",
    "统计局": "统计局", "审计局": "审计局", "妇联": "妇女联合会", "团委": "共青团委员会",
    "总工会": "总工会", "残联": "残疾人联合会", "侨联": "归国华侨联合会", "文联": "文学艺术界联合会",
    "社科联": "社会科学界联合会", "工商联": "工商业联合会", "红十字会": "红十字会",
}  # fmt: skip
PARTY_ORGANS = ("党工委", "党总支", "党支部", "党组", "党委")
_REGION_RE = re.compile(r"^(.{1,10}?(?:自治区|自治州|自治县|特别行政区|省|市|县|区|州|旗|盟))(?=.)")
_BARE_LEVEL = ("省", "市", "县", "区", "州", "旗")
_SELF = ("学校", "本校", "公司", "集团")  # the issuing institution itself
INSTITUTION_RE = re.compile(r"大学|学院|学校|公司|集团|医院|银行|研究院|研究所")
_COMMITTEE_RE = re.compile(r"^委(?=第|巡|$)")
_QUOTES = "“”\"'‘’「」『』"
_TRIAL_RE = re.compile(r"[（(](?:试行|暂行|修订|修订稿|征求意见稿|\d{4}年?修订)[）)]")
KINDS = (
    ("RegKindRules", ("细则",)), ("RegKindMeasures", ("办法",)), ("RegKindList", ("清单",)),
    ("RegKindRegulations", ("条例",)), ("RegKindOpinions", ("意见",)),
    ("RegKindPlan", ("方案", "计划", "规划")), ("RegKindProvisions", ("规定", "规则", "准则", "规范")),
    ("RegKindSystem", ("制度", "机制")),
)  # fmt: skip


@dataclass(frozen=True)
class OrgName:
    """A resolved organization name."""

    canonical: str
    region: str
    base: str  # the organization without its party organ
    organ: str | None  # 党组, 党委 … when the name is a party organ


@dataclass
class LinkReport:
    """What linking merged and what it could not resolve."""

    merged: dict[str, list[str]] = field(default_factory=dict)  # canonical → aliases (≥ 2)
    ambiguous: list[tuple[str, str]] = field(default_factory=list)  # (notice, name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "merged": self.merged,
            "ambiguous": [{"notice": n, "name": s} for n, s in self.ambiguous],
        }


def _expand(rest: str) -> str:
    for short in sorted(ABBREVIATIONS, key=len, reverse=True):
        if rest == short or rest.startswith(short):
            return ABBREVIATIONS[short] + rest[len(short) :]
    return rest


def region_of(name: str) -> str | None:
    """The leading place name: 丹东市 in 中共丹东市科学技术协会党组."""
    name = unicodedata.normalize("NFKC", name).removeprefix("中共").removeprefix("中国共产党")
    m = _REGION_RE.match(name)
    return m.group(1) if m and m.group(1) not in _BARE_LEVEL else None


def resolve_org(
    name: str, context_region: str | None, issuer_base: str | None = None
) -> OrgName | None:
    """Resolve a name as written; None when its region cannot be told.

    ``context_region`` and ``issuer_base`` come from the issuer of the same notice.
    """
    text = "".join(unicodedata.normalize("NFKC", name).split())
    party = text.startswith(("中共", "中国共产党"))
    text = text.removeprefix("中共").removeprefix("中国共产党")
    if party and text.endswith("委员会") and INSTITUTION_RE.search(text):
        text = text[: -len("委员会")] + "党委"  # 中共示例大学委员会 is 示例大学党委
    organ = next((o for o in PARTY_ORGANS if text.endswith(o) and len(text) > len(o)), None)
    body = text[: -len(organ)] if organ else text
    region = region_of(body)
    if body.startswith(_SELF) and issuer_base:
        found = region_of(issuer_base) or ""
        region, rest = found, issuer_base.removeprefix(found) + body[2:]  # 学校党委 → 示例大学党委
    elif region:
        rest = body[len(region) :]
    elif INSTITUTION_RE.search(body) and not body.startswith(_BARE_LEVEL):
        region, rest = "", body  # a university or enterprise names itself
    elif body.startswith(_BARE_LEVEL) and context_region and context_region.endswith(body[0]):
        region, rest = str(context_region), body[1:]
    elif issuer_base and issuer_base.endswith(body) and (issuer_region := region_of(issuer_base)):
        region, rest = issuer_region, body  # 示例厅党组 in a notice of 中共示例省示例厅党组
    else:
        return None
    rest = (
        _COMMITTEE_RE.sub("委员会", _expand(rest), count=1)
        if rest.startswith("委")
        else _expand(rest)
    )
    base = region + rest
    return OrgName(base + (organ or ""), region, base, organ)


def level_of_region(region: str) -> str:
    """province, city, county or other (no region: an institution) from the region's suffix."""
    if not region:
        return "other"
    if region.endswith(("省", "自治区")) or region in ("北京市", "天津市", "上海市", "重庆市"):
        return "province"
    if region.endswith(("县", "区", "旗", "自治县")):
        return "county"
    return "city"


def normalize_title(title: str) -> str:
    """The key of a regulation title: NFKC, no whitespace or quotes, no （试行）, no 中国共产党 prefix."""
    text = "".join(unicodedata.normalize("NFKC", title).split())
    text = _TRIAL_RE.sub("", text.translate({ord(c): None for c in _QUOTES}))
    return text.removeprefix("中国共产党")


def regulation_kind(title: str) -> str:
    """The kind (a RegulationKind local name) from the title's ending."""
    key = normalize_title(title)
    for kind, endings in KINDS:
        if key.endswith(endings):
            return kind
    for kind, endings in KINDS:
        if any(e in key for e in endings):
            return kind
    return "RegKindOther"


@lru_cache(maxsize=1 << 16)
def key_hash(text: str) -> str:
    """A short stable hash for IRIs (cached: the links graph hashes every name of the
    corpus on each build, and names repeat)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
