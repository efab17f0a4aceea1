"""The body of a notice: sections, problem areas, findings, measures, leadership, next steps.

Works on spans only; the content of measures (regulations, outputs, dates) is recognized
elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..record import Span
from ..segment import Block, Document, Paragraph
from .enumerate import find_enumeration
from .labels import OPEN_RE, Role, is_totals_statement, label_role, status_of
from .leads import split_leads
from .units import unit_heading

_WS = " \t\n\u3000\u00a0"
_TRAILING = _WS + "；;，,、】"

LEADERSHIP_RE = re.compile(
    r"主体责任|组织领导|领导班子|整改工作(?:的)?(?:组织|开展|推进)|总体情况|基本情况|工作开展情况|整改工作情况|(?:推进|抓好|抓实)整改"
)
NEXT_PARAGRAPH_RE = re.compile(r"下一步[，,：:]|今后[，,]")
NEXT_RE = re.compile(r"下一步|今后|工作打算|打算|长效机制建设")
RECTIFY_RE = re.compile(
    r"整改落实情况|落实情况|整改情况|问题整改|反馈(?:意见|问题)|具体问题|进展情况|整改成效"
)
CLOSING_RE = re.compile(
    r"公开期限|公示期|联系电话|举报电话|邮政信箱|电子邮箱|通信地址|通讯地址|欢迎.{0,20}监督"
)
PROBLEM_RE = re.compile(
    r"方面|问题|不到位|不足|不够|不严|不实|不力|不强|不高|不深|不细|不全|不规范|不完善|不健全|不彻底"
    r"|不充分|不主动|不扎实|不及时|不精准|缺位|缺失|欠缺|差距|薄弱|短板|漏洞|滞后|偏低|偏高|乏力|迟缓"
    r"|虚化|弱化|淡化|缺乏|未能|没有|存在|有待|混乱|闲置|流于形式|不平衡|表面化|形式化|老化|缓慢|不畅"
    r"|过多|过高|过低|违规|违纪|虚报|冒领|腐败|带病|隐患|风险|难以|较难|难、|难$|不准|不优|不佳|不当|不够|弱项"
)
# Verbs a measure opens with and a problem statement does not (修订《…》, 开展…专项治理).
ACTION_RE = re.compile(
    r"(?:开展|建立|制定|修订|出台|印发|组织|召开|成立|设立|举办|聘请|选派|联合|督促|清理|清退|追回"
    r"|追缴|约谈|编制|梳理|排查|核查|新建|投入|配备|引进|完成|累计|截至|先后|已|重新|全面开展|研究制定)"
)
# Markers that always open a problem: problem/measure pairs and 关于……的问题 headings.
PROBLEM_KINDS = ("problem_label", "guanyu")
# Markers that number problems, not areas, when a section lists problems directly (B6).
FINDING_KINDS = ("arabic", "paren_arabic", "problem_label", "guanyu")
# Markers that number measures (or list items), never problems.
MEASURE_KINDS = ("shi", "ordinal", "circled", "bullet")
# Labels that open a measure paragraph in problem/measure pairs.
MEASURE_LABEL_RE = re.compile(r"(?:整改情况|整改措施|整改成效|整改进展|落实情况|主要措施)[：:]")
HEADING_END = "。：:"
PROBLEM_LABEL_RE = re.compile(
    r"\s*(?:存在|反馈|具体)?问题\s*[0-9０-９一二三四五六七八九十]{0,3}\s*[：:]\s*"
)


@dataclass
class FindingSpans:
    """A finding's text span, the spans of its measures and of its labelled attributes."""

    span: Span
    area: int | None
    measures: list[Span] = field(default_factory=list)
    own_area: int | None = None
    status: tuple[str, Span] | None = None  # (completed | basically | ongoing, statement)
    deadline: Span | None = None
    responsible: list[Span] = field(default_factory=list)
    results: list[Span] = field(default_factory=list)
    unit: int | None = None  # index into Structure.units


def finding_parts(text: str, found: FindingSpans, regions: list[Span]) -> FindingSpans:
    """Sort a finding's regions into measures and labelled attributes (整改状态, 整改时限,
    责任单位, 整改成效), take a lone "正在整改" statement as its status (B9), and leave out
    a totals statement (反馈的6个问题已完成整改4个) that trails the last problem."""
    measure_regions: list[Span] = []
    for s, e in regions:
        s, e = trim(text, s, e)
        if e <= s or is_totals_statement(text[s:e]):
            continue
        role = label_role(text, s, e)
        kind, content = role if role else (None, s)
        span = trim(text, content, e, _TRAILING + "。")
        if kind in (None, Role.MEASURES, Role.PROBLEM):
            if OPEN_RE.match(text[span[0] : e]) and not measure_regions:
                _set_status(found, "ongoing", span)
            else:
                measure_regions.append((content, e) if kind is Role.MEASURES else (s, e))
        elif span[1] <= span[0]:
            continue
        elif kind is Role.RESULTS:
            found.results.append(trim(text, content, e))
        elif kind is Role.STATUS:
            code = status_of(text[span[0] : span[1]])
            if code:
                _set_status(found, code, span)
        elif kind is Role.DEADLINE:
            found.deadline = span  # a problem over several rows: the last deadline
        elif kind is Role.RESPONSIBLE:
            found.responsible.append(span)
    if not measure_regions and found.results:
        # 整改成效 as the only content under a problem: it states what was done
        measure_regions, found.results = found.results, []
    found.measures = split_measures(text, measure_regions)
    if found.status is None and len(found.measures) == 1:
        ((s, e),) = found.measures
        if OPEN_RE.match(text[s:e]):
            found.status, found.measures = ("ongoing", (s, e)), []
    return found


_PROGRESS_RANK = {"completed": 0, "basically": 1, "ongoing": 2}


def _set_status(found: FindingSpans, code: str, span: Span) -> None:
    """A problem over several rows is only as far along as its least finished row."""
    if found.status is None or _PROGRESS_RANK[code] >= _PROGRESS_RANK[found.status[0]]:
        found.status = (code, span)


@dataclass
class Structure:
    """Spans of the body's parts."""

    areas: list[Span] = field(default_factory=list)
    area_is_finding: list[bool] = field(default_factory=list)
    findings: list[FindingSpans] = field(default_factory=list)
    leadership: list[Span] = field(default_factory=list)
    next_steps: list[Span] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    units: list[UnitSection] = field(default_factory=list)


@dataclass
class UnitSection:
    """A section of a centralized notice given to one inspected unit (C2)."""

    name: str
    heading: Span
    block_span: Span


def trim(text: str, start: int, end: int, chars: str = _TRAILING) -> Span:
    """Shrink ``[start, end)`` past surrounding whitespace and trailing separators."""
    while start < end and text[start] in _WS:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


# 关于“……”问题的整改情况 (B5): the problem is the quoted text
QUOTED_HEADING_RE = re.compile(
    r"关于\s*[“\"「『](?P<problem>[^”\"」』\n]{2,120})[”\"」』]\s*(?:的)?(?:问题)?(?:的)?"
    r"(?:整改(?:落实)?(?:情况|进展)?)?\s*[。：:]?\s*$"
)


def _heading(text: str, block: Block) -> tuple[Span, int]:
    """The statement a heading makes, and where the text after it starts."""
    found = block.memo.get("heading")
    if found is None:
        found = block.memo["heading"] = _read_heading(text, block)
    return found


def _read_heading(text: str, block: Block) -> tuple[Span, int]:
    start, end = block.body_start, block.heading.end
    quoted = QUOTED_HEADING_RE.match(text, start, end)
    if quoted:
        return quoted.span("problem"), end
    label = PROBLEM_LABEL_RE.match(text, start, end)
    if label:
        start = label.end()
    enum = find_enumeration(text, start, end)
    stop = enum[0][0] if enum else end
    for i in range(start, stop):
        if text[i] in HEADING_END and text[i + 1 : end].strip(_WS):
            return trim(text, start, i), i + 1
    if enum:
        return trim(text, start, stop, _TRAILING + HEADING_END), stop
    return trim(text, start, end, _TRAILING + HEADING_END), end


def _regions(block: Block, after: int) -> list[Span]:
    """Text spans of a block after offset ``after``: rest of heading, paragraphs, sub-blocks."""
    spans: list[Span] = []
    if after < block.heading.end:
        spans.append((after, block.heading.end))
    spans += [(p.start, p.end) for p in block.paragraphs]
    for child in block.children:
        spans.append((child.heading.start, child.heading.end))
        spans += _regions(child, child.heading.end)
    return sorted(spans)


def split_measures(text: str, regions: list[Span]) -> list[Span]:
    """Measures in a finding's text: one per enumeration item, else one per paragraph."""
    regions = [trim(text, s, e) for s, e in regions]
    regions = [(s, e) for s, e in regions if e > s]
    if not regions:
        return []
    runs = _runs(text, regions)
    enum = [m for s, e in runs for m in find_enumeration(text, s, e)] if len(runs) > 1 else []
    enum = enum or find_enumeration(text, runs[0][0], runs[-1][1])
    measures: list[Span] = []
    if enum:
        bounds = [m[1] for m in enum]
        ends = [m[0] for m in enum[1:]] + [runs[-1][1]]
        # an item never runs past the end of its stretch of text (closing lines may lie between)
        measures = [trim(text, s, min(e, next((r_end for r_start, r_end in runs if r_start <= s <= r_end), e)))
                    for s, e in zip(bounds, ends, strict=True)]  # fmt: skip
    else:
        for s, e in regions:
            label = MEASURE_LABEL_RE.match(text, s, e)
            measures.append(trim(text, label.end() if label else s, e))
    return [(s, e) for s, e in measures if e - s > 1]


def _runs(text: str, regions: list[Span]) -> list[Span]:
    """Regions joined where only whitespace lies between them."""
    runs = [regions[0]]
    for s, e in regions[1:]:
        if not text[runs[-1][1] : s].strip(_WS):
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
    return runs


def _is_problem(text: str, block: Block) -> bool:
    found = block.memo.get("is_problem")
    if found is None:
        found = block.memo["is_problem"] = _states_problem(text, block)
    return bool(found)


def _states_problem(text: str, block: Block) -> bool:
    if block.kind in PROBLEM_KINDS:
        return True
    if block.kind in MEASURE_KINDS:
        return False
    (s, e), _ = _heading(text, block)
    if ACTION_RE.match(text, s, e) and not block.children:
        return False  # it opens with what was done: a measure
    return bool(PROBLEM_RE.search(text, s, e)) or bool(block.children)


def _problems(text: str, blocks: list[Block]) -> list[Block]:
    """The blocks that state problems. Siblings numbered alike are alike: when most of a
    kind state a problem, all of that kind do (医德医风教育流于形式 next to …不力)."""
    votes: dict[str, list[bool]] = {}
    for b in blocks:
        votes.setdefault(b.kind, []).append(_is_problem(text, b))
    kinds = {k for k, v in votes.items() if sum(v) * 2 >= len(v) and any(v)}
    return [b for b in blocks if b.kind in kinds and b.kind not in MEASURE_KINDS]


def _section_kind(text: str, block: Block) -> str:
    """rectify (a section of problem areas), area (a problem area itself), leadership, next, other."""
    heading = text[block.body_start : block.heading.end]
    if NEXT_RE.search(heading):
        return "next"
    if not block.children and (
        PROBLEM_RE.search(heading) or find_enumeration(text, block.body_start, block.heading.end)
    ):
        return "area"  # no sub-blocks: a problem stated with its measures, not a section
    mostly_problems = len(_problems(text, block.children)) * 2 > len(block.children) >= 2
    if RECTIFY_RE.search(heading) and (not LEADERSHIP_RE.search(heading) or mostly_problems):
        return "rectify"
    if LEADERSHIP_RE.search(heading):
        return "leadership"
    if mostly_problems and any(_problems(text, c.children) for c in block.children):
        return "rectify"  # its children are areas with problems of their own
    if PROBLEM_RE.search(heading):
        return "area"
    return "rectify" if any(_is_problem(text, c) for c in block.children) else "other"


def _items(text: str, block: Block) -> list[Span]:
    """Leadership or next-step items: the section's own paragraphs, then its sub-blocks."""
    items = [trim(text, p.start, p.end) for p in block.paragraphs]
    return sorted(items + [trim(text, c.body_start, c.end) for c in block.children])


def _add_area(text: str, st: Structure, block: Block) -> None:
    (a_start, a_end), rest = _heading(text, block)
    if a_end <= a_start:  # a bare marker (（二）：): no area of nothing; its problems stand alone
        for child in _problems(text, block.children):
            _add_finding(text, st, child, None)
        return
    area = len(st.areas)
    st.areas.append((a_start, a_end))
    problems = _problems(text, block.children)
    if not problems:
        regions = _regions(block, rest)
        leads = split_leads(text, [trim(text, s, e) for s, e in regions])
        st.area_is_finding.append(not leads)
        if leads:
            for problem, parts in leads:
                st.findings.append(finding_parts(text, FindingSpans(problem, area), parts))
            return
        own = FindingSpans((a_start, a_end), None, own_area=area)
        st.findings.append(finding_parts(text, own, regions))
        return
    st.area_is_finding.append(False)
    for child in problems:
        _add_finding(text, st, child, area)


def _add_finding(text: str, st: Structure, block: Block, area: int | None) -> None:
    span, after = _heading(text, block)
    if span[1] <= span[0]:
        return  # a bare marker states no problem
    st.findings.append(finding_parts(text, FindingSpans(span, area), _regions(block, after)))


def _headings(blocks: list[Block]) -> list[int]:
    return [h for b in blocks for h in (b.heading.start, *_headings(b.children))]


def _drop_closing(text: str, blocks: list[Block], st: Structure, after: int | None = None) -> None:
    """Move closing paragraphs (publication, contact, and the signature and date after
    them) and unnumbered next-step paragraphs (下一步，……) out of the blocks they trail."""
    if after is None:
        last_heading = max(_headings(blocks), default=0)
        closings = [p.start for b in _all(blocks) for p in b.paragraphs
                    if p.start > last_heading and CLOSING_RE.search(text, p.start, p.end)]  # fmt: skip
        after = min(closings, default=len(text))
    for block in blocks:
        keep = []
        for p in block.paragraphs:
            if p.start >= after or CLOSING_RE.search(text, p.start, p.end):
                st.closing.append(p)
            elif NEXT_PARAGRAPH_RE.match(text, p.start, p.end):
                st.next_steps.append((p.start, p.end))
            else:
                keep.append(p)
        block.paragraphs = keep
        _drop_closing(text, block.children, st, after)


def _all(blocks: list[Block]) -> list[Block]:
    return [x for b in blocks for x in (b, *_all(b.children))]


def _unit_sections(text: str, blocks: list[Block], known: set[str]) -> list[tuple[Block, str]]:
    """Blocks that each hold one inspected unit's section: at the top, or in one section."""
    for level in (blocks, *[b.children for b in blocks]):
        found = [(b, name) for b in level
                 if (name := unit_heading(text, b.body_start, b.heading.end, known))]  # fmt: skip
        if len(found) >= 2:
            return found
    return []


def _add_unit(text: str, st: Structure, block: Block, name: str) -> None:
    """A unit's section: its areas or problems, each finding marked with the unit."""
    first = len(st.findings)
    problems = _problems(text, block.children)
    for child in problems:
        if _problems(text, child.children) and child.kind not in FINDING_KINDS:
            _add_area(text, st, child)
        else:
            _add_finding(text, st, child, None)
    for f in st.findings[first:]:
        f.unit = len(st.units)
    head = block.heading
    st.units.append(UnitSection(name, (head.start, head.end), (head.start, block.end)))


def recognize_structure(doc: Document, known_units: set[str] | None = None) -> Structure:
    """Find the body's parts in a segmented notice (``known_units``: the units its opening
    names, for a centralized notice)."""
    text = doc.text
    st = Structure()
    _drop_closing(text, doc.blocks, st)
    st.closing.sort(key=lambda p: p.start)
    sections = _unit_sections(text, doc.blocks, known_units or set())
    if sections:
        for block, name in sections:
            _add_unit(text, st, block, name)
        inside = {id(b) for b, _ in sections}
        for block in doc.blocks:
            if id(block) in inside:
                continue
            kind = _section_kind(text, block)
            if kind == "leadership":
                st.leadership += _items(text, block)
            elif kind == "next":
                st.next_steps += _items(text, block)
        return st
    kinds = [_section_kind(text, b) for b in doc.blocks]
    if "rectify" not in kinds and "area" not in kinds:
        # No section level and no telling headings: problem-like top blocks are the areas.
        kinds = [
            "area" if _is_problem(text, b) else k for b, k in zip(doc.blocks, kinds, strict=True)
        ]
    for block, kind in zip(doc.blocks, kinds, strict=True):
        if kind == "area":
            _add_area(text, st, block)
        elif kind == "rectify":
            for child in block.children:
                if child.kind in PROBLEM_KINDS or (
                    child.kind in FINDING_KINDS and not _problems(text, child.children)
                ):
                    _add_finding(text, st, child, None)  # B6: problems with no areas
                else:
                    _add_area(text, st, child)
    for block, kind in zip(doc.blocks, kinds, strict=True):
        if kind == "leadership":
            st.leadership += _items(text, block)
        elif kind == "next":
            st.next_steps += _items(text, block)
    return st
