"""Quantified outputs of measures: 6个专家工作站, 140余人, 1.3万人, 清退资金66.57万元."""

from __future__ import annotations

import re
from decimal import Decimal, Inexact, localcontext

from ..numerals import to_number
from ..record import Output

UNITS = (
    "人次", "场次", "万元", "亿元", "元", "个", "名", "人", "次", "场", "件", "块", "部", "条",
    "所", "家", "项", "篇", "期", "户", "处", "份", "批", "台", "套", "本", "起", "例", "封",
    "册", "轮", "卷", "家次", "户次", "分钟", "亩", "座", "辆", "间", "公顷", "课时", "学时", "小时", "天", "公里", "平方米", "吨", "%", "％",
)  # fmt: skip
_UNIT_RE = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
_CN_NUM = "〇零一二两三四五六七八九十百千"
QUANTITY_RE = re.compile(
    rf"(?P<pre>约|近|超过|逾|达|共计?|累计)?"
    rf"(?P<num>[0-9０-９]+(?:[.．][0-9０-９]+)?|[{_CN_NUM}]{{2,6}}|[二两三四五六七八九十])"
    rf"(?P<mult>万|亿)?(?P<post>余|多)?(?P<unit>{_UNIT_RE})(?P<after>左右)?"
)
# Things that look like quantities but are not: ordinals, dates, times, numbering.
_NOT_BEFORE = "第0123456789０１２３４５６７８９.．:：/-－" + _CN_NUM
_NOT_AFTER = "年月日号时分届是"
_CLAUSE_STOP = "，,。；;！!？?、：:（）()\n"
_LEFT_STOP = _CLAUSE_STOP.replace("、", "")
_VERBS = (
    r"(?:组织开展了?|开展了?|组织|成立了?|建立了?|设立了?|组建了?|转发了?|排查出?|更新了?|制作了?|"
    r"确定了?|举办了?|召开了?|完成了?|推动|增加|播放|督促|聘任|发放|查处|给予|清退|追回|挽回|收回|"
    r"新建|修订|制定|收集|走访|整改|处理|约谈|问责|谈话|共|累计|其中)"
)
# Strip up to the last verb before the quantity, else up to the first one.
_LEFT_VERBS = (re.compile(r"^.*" + _VERBS), re.compile(r"^.*?" + _VERBS))
_RIGHT_STOP = re.compile(r"组成|入库|按期|开展|参加|参与|进行|完成|合作|的|和|与|及|并|，|。")
_CONNECTORS = "及和与并、"


def _inside_quotes(text: str, pos: int, start: int) -> bool:
    """True when ``pos`` lies inside “…” or 《…》 within the measure."""
    segment = text[start:pos]
    return segment.count("“") > segment.count("”") or segment.count("《") > segment.count("》")


def _what(text: str, m: re.Match[str], start: int, end: int, prev_end: int) -> str:
    right_end = m.end()
    while right_end < end and right_end - m.end() < 24 and text[right_end] not in _CLAUSE_STOP:
        right_end += 1
    right = _RIGHT_STOP.split(text[m.end() : right_end], maxsplit=1)[0]
    if len(right) >= 2:
        return right
    left_start = m.start()
    while left_start > max(start, prev_end) and text[left_start - 1] not in _LEFT_STOP:
        left_start -= 1
    left = text[left_start : m.start()]
    for pattern in _LEFT_VERBS:
        stripped = pattern.sub("", left, count=1).lstrip(_CONNECTORS)
        if len(stripped) >= 2:
            return stripped
    return left.lstrip(_CONNECTORS)


def _value(num: str, mult: str | None) -> Decimal:
    """The quantity's value, multiplied by 万 or 亿, written without exponent or trailing
    zeros (1.30 → 1.3, 1E+4 → 10000).

    :raises ValueError, ArithmeticError: not a number, or more digits than a Decimal holds.
    """
    with localcontext() as context:
        context.traps[Inexact] = True  # a value rounded to 28 digits would be wrong
        value = to_number(num)
        if mult:
            value *= Decimal(10_000 if mult == "万" else 100_000_000)
        if value != value.to_integral_value():
            return value.normalize()
        return value.quantize(Decimal(1))


def find_outputs(text: str, start: int, end: int) -> list[Output]:
    """Quantities with a unit in a measure's text, with what each counts."""
    found: list[Output] = []
    prev_end = start
    for m in QUANTITY_RE.finditer(text, start, end):
        num_start = m.start("num")
        if num_start > start and text[num_start - 1] in _NOT_BEFORE and not m.group("pre"):
            continue
        if m.end() < len(text) and text[m.end()] in _NOT_AFTER:
            continue
        if m.group("num") in ("一", "两") or _inside_quotes(text, m.start(), start):
            continue
        unit = m.group("unit").replace("％", "%")
        mult = m.group("mult")
        if mult and unit == "元":
            unit = mult + "元"
            mult = None
        try:
            value = _value(m.group("num"), mult)
        except (ValueError, ArithmeticError):  # not a number, or too long to be a quantity
            continue
        marker = m.group("post") or m.group("pre") or m.group("after")
        approximate = marker in ("余", "多", "约", "近", "左右", "超过", "逾")
        span_start = m.start("pre") if approximate and m.group("pre") else num_start
        found.append(
            Output(
                value=value,
                unit=unit,
                what=_what(text, m, start, end, prev_end),
                span=(span_start, m.end()),
                approximate=approximate,
                marker=marker if approximate else None,
            )
        )
        prev_end = m.end()
    return found
