"""The frame of a notice: title, issuer, the opening paragraph (who inspected whom, when,
feedback) and the closing paragraph (publication period, contact)."""

from __future__ import annotations

import re

from ..numerals import to_int
from ..record import Field, Frame
from ..segment import Paragraph
from .dates import find_dates

ORG_SUFFIX = (
    "党组", "党委", "委员会", "党工委", "党总支", "党支部", "纪委", "监委", "局", "厅", "办公室",
    "公司", "集团", "大学", "学院", "医院", "协会", "中心", "政府", "人大常委会", "政协", "法院",
    "检察院", "委", "部", "院", "所", "站", "校", "社",
)  # fmt: skip
TITLE_RE = re.compile(
    r"关于.{2,80}(?:通报|情况|公告|公示)|.{0,40}(?:整改|巡视|巡察).{0,40}(?:通报|情况|公告)$"
)
TEAM_RE = re.compile(r"(?:巡视|巡察)(?:组|办|工作组)")
_TEAM_LEFT_STOP = "，,。；;：:、（）()《》“”\"' \u3000\n对向由和及与于在经"
_TEAM_LEAD_RE = re.compile(r".*(?:派出|抽调|组建|组成|成立|安排)")
INSPECTED_RE = re.compile(
    r"对([^，,。；;：:]{2,40}?)(?:党组织|领导班子)?(?:进行|开展|实施)了?"
    r"(?:常规|专项|机动|提级|联动|交叉)?(?:巡视|巡察|“回头看”|回头看)"
)
FEEDBACK_TO_RE = re.compile(r"向([^，,。；;：:]{2,40}?)(?:党组织|领导班子)?(?:集中)?反馈")
DECIDER_RE = re.compile(
    r"(?:根据|按照)([^，,。；;]{2,60}?)(?:的)?(?:统一|工作|总体)?(?:部署|安排|要求)"
)
DECIDER_SPLIT_RE = re.compile(r"和|、|及|与")
ROUND_RE = re.compile(r"第([一二三四五六七八九十\d]{1,3})轮")
PUBLICATION_RE = re.compile(r"公开期限|公示期|公开时间|公示时间")
PHONE_RE = re.compile(
    r"(?:联系|举报|监督|咨询)?电话[：:\s]*((?:[（(]?0\d{2,3}[）)]?[-－—\s]?)?\d{5,8}(?:[-－—]\d{1,4})?|1\d{10})"
)
HOURS_RE = re.compile(r"[（(]([^）)]{0,12}\d{1,2}[:：]\d{2}[^）)]{0,20})[）)]")
ADDRESS_RE = re.compile(
    r"(?:邮政信箱|通信地址|通讯地址|邮寄地址|来信地址|信件地址|地址)[：:\s]*([^，,。；;\n]{4,80}?)(?=[，,。；;\n]|$)"
)
POSTCODE_RE = re.compile(r"邮编[：:\s]*(\d{6})|邮政编码[：:\s]*(\d{6})")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


Header = Frame  # what recognize_header fills in; the record extends it


def _field(text: str, start: int, end: int) -> Field:
    return Field(text[start:end], (start, end))


def looks_like_org(name: str) -> bool:
    """A short line that ends like an organization's name."""
    return (
        2 <= len(name) <= 40
        and name.endswith(ORG_SUFFIX)
        and "关于" not in name
        and not any(ch in name for ch in "：:，,。")  # 来源：……党委 is a byline, not a name
    )


def _title_and_issuer(text: str, preamble: list[Paragraph], h: Header) -> int:
    """Find title and issuer in the lines before the body; return index of the opening."""
    for i, p in enumerate(preamble[:4]):
        line = text[p.start : p.end]
        if TITLE_RE.search(line) and len(line) <= 100:
            h.title = _field(text, p.start, p.end)
            cut = line.find("关于")
            if cut > 0 and looks_like_org(line[:cut]):
                h.issuing_org = _field(text, p.start, p.start + cut)
            for q in reversed(preamble[:i]):
                name = text[q.start : q.end]
                if looks_like_org(name) and (h.issuing_org is None or _fuller(name, h.issuing_org)):
                    h.issuing_org = _field(text, q.start, q.end)
            return i + 1
    return 0


def _fuller(name: str, current: Field) -> bool:
    """A formal name (中共……委员会) where the issuer found so far is an abbreviation."""
    formal = ("中共", "中国共产党")
    return name.startswith(formal) and not current.value.startswith(formal)


def _team(text: str, start: int, end: int) -> Field | None:
    m = TEAM_RE.search(text, start, end)
    if not m:
        return None
    left = m.start()
    while left > start and m.start() - left < 20 and text[left - 1] not in _TEAM_LEFT_STOP:
        left -= 1
    lead = _TEAM_LEAD_RE.search(text, left, m.start())
    if lead:  # 第二轮巡察派出市委第一至第六巡察组: the team is what was sent
        left = lead.end()
    if text.startswith(("各", "本轮", "有关"), left):
        return None  # 各巡察组: no single team is named
    return _field(text, left, m.end())


def _opening(text: str, start: int, end: int, h: Header) -> None:
    h.inspecting_body = _team(text, start, end)
    m = INSPECTED_RE.search(text, start, end) or FEEDBACK_TO_RE.search(text, start, end)
    if m:
        h.inspected_org = _field(text, m.start(1), m.end(1))
    m = DECIDER_RE.search(text, start, end)
    if m:
        pos = m.start(1)
        for part in DECIDER_SPLIT_RE.split(m.group(1)):
            name = part.strip()
            if name and "《" not in name:
                s = text.index(name, pos)
                h.deciding_bodies.append(_field(text, s, s + len(name)))
                pos = s + len(name)
    m = ROUND_RE.search(text, start, end)
    if m:
        h.round_number = to_int(m.group(1))
    kinds = [
        k for k in ("巡视", "巡察") if k in (h.inspecting_body.value if h.inspecting_body else "")
    ]
    if not kinds:
        segment = text[start:end]
        kinds = sorted(("巡视", "巡察"), key=lambda k: -segment.count(k))
        kinds = [kinds[0]] if segment.count(kinds[0]) else []
    h.inspection_kind = kinds[0] if kinds else None
    for d in find_dates(text[start:end]):
        s, e = d.span[0] + start, d.span[1] + start
        sentence_end = min((text.find(c, e, end) % (end + 1) for c in "。；"), default=end)
        after = text[e : sentence_end if sentence_end > e else end]
        if d.is_range and h.stationing is None and "反馈" not in after[:6]:
            h.stationing = (d.start.isoformat(), d.end.isoformat(), (s, e))
        elif not d.is_range and h.feedback is None and "反馈" in after:
            h.feedback = Field(d.start.isoformat(), (s, e))


def _closing(text: str, start: int, end: int, h: Header) -> None:
    m = PUBLICATION_RE.search(text, start, end)
    # 公开期限：…至…; else the first date range of the closing (请于…至…期间反映)
    begin = m.end() if m else start
    for d in find_dates(text[begin:end]):
        if d.is_range:
            h.publication = (
                d.start.isoformat(),
                d.end.isoformat(),
                (begin + d.span[0], begin + d.span[1]),
            )
            break
    for attr, pattern in (("phone", PHONE_RE), ("address", ADDRESS_RE), ("postcode", POSTCODE_RE)):
        m = pattern.search(text, start, end)
        if m:
            group = next(g for g in range(1, (m.lastindex or 0) + 1) if m.group(g))
            setattr(h, attr, _field(text, m.start(group), m.end(group)))
    if h.phone:
        m = HOURS_RE.search(text, h.phone.span[1], min(end, h.phone.span[1] + 40))
        if m:
            h.hours = _field(text, m.start(1), m.end(1))
    m = EMAIL_RE.search(text, start, end)
    if m:
        h.email = _field(text, m.start(), m.end())


def recognize_header(text: str, preamble: list[Paragraph], closing: list[Paragraph]) -> Header:
    """Recognize the frame from the paragraphs before the body and the closing paragraphs."""
    h = Header()
    first = _title_and_issuer(text, preamble, h)
    opening = preamble[first:]
    if opening:
        _opening(text, opening[0].start, opening[-1].end, h)
    if h.inspected_org is None and h.issuing_org is None and not opening:
        pass
    tail = closing or [p for p in preamble if PUBLICATION_RE.search(text, p.start, p.end)]
    if tail:
        _closing(text, tail[0].start, tail[-1].end, h)
    signature = next((p for p in reversed(closing) if looks_like_org(text[p.start : p.end])), None)
    if signature is not None:
        name = text[signature.start : signature.end]
        if h.issuing_org is None or _fuller(name, h.issuing_org):
            h.issuing_org = _field(text, signature.start, signature.end)  # the full name signs
    return h
