"""Stage 2, segment: clean text → a tree of numbered blocks with offsets.

Each non-empty line is a paragraph, except in hard-wrapped text (lines cut at one width,
copied from a PDF or a fax), where a full-width line continues on the next one. A paragraph
that opens with a numbering marker (一、 （一） 1. 1、 （1） ① 第一， 一是, 【…】 headings,
■ headings, ● bullets, 问题1： labels) starts a block; other paragraphs belong to the block
before them. Nesting follows the order in which marker kinds first appear, so skipped
levels, re-used levels and jumps in numbering (二 then 四) need no rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .numerals import cn_to_int, to_int

_WS = " \t\u3000\u00a0\ufeff\u200b"
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SQUARES = "■◆□◇"  # headings in public-account articles
BULLETS = "●▲▶►•○◎★☆▪▸◉"  # list items

# (kind, pattern): the first group is the number.
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn", re.compile(rf"([{_CN}]{{1,3}})\s*[、．.，,](?![{_CN}]是)")),
    ("paren_cn", re.compile(rf"[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*[、．.]?")),
    ("arabic", re.compile(r"([0-9０-９]{1,4})\s*(?:[、．]|\.(?![0-9０-９]))")),
    ("paren_arabic", re.compile(r"[（(]\s*([0-9０-９]{1,4})\s*[）)]\s*[、．.]?")),
    ("circled", re.compile(rf"([{_CIRCLED}])\s*")),
    ("ordinal", re.compile(rf"第([{_CN}]{{1,3}})[，,、：:]")),
    ("shi", re.compile(rf"([{_CN}]{{1,3}})是[，,：:]?")),
    # A paragraph that is only "关于……的问题" opens a problem (the heading keeps 关于).
    ("guanyu", re.compile(r"()(?=关于[^。\n]{2,80}的?问题[。．.]?\s*$)", re.MULTILINE)),
    # "问题1：…" / "存在问题：…" / "第一个问题：" / "【问题一】" open a problem.
    (
        "problem_label",
        re.compile(
            rf"[^\s：:。，,；;（(]{{0,4}}问题(?:描述|清单|内容|表现)?\s*([0-9０-９{_CN}]{{0,3}})\s*[：:]"
        ),
    ),
    ("problem_label", re.compile(rf"第([{_CN}]{{1,3}}|[0-9０-９]{{1,3}})个问题\s*[：:，,]?")),
    ("problem_label", re.compile(rf"【\s*问题\s*([{_CN}]{{1,3}}|[0-9０-９]{{1,3}})\s*】\s*[：:]?")),
    ("square", re.compile(rf"()[{SQUARES}]\s*")),
    ("bullet", re.compile(rf"()[{BULLETS}]\s*")),
)
# 【一、…】 / 【…】 headings: the marker inside the brackets counts, else a "bracket" block.
_BRACKET = re.compile(r"【([^】\n]{1,60})】")


@dataclass(frozen=True)
class Paragraph:
    """One non-empty line, ``start``/``end`` without surrounding whitespace."""

    start: int
    end: int


@dataclass
class Block:
    """A numbered block: its heading paragraph, the paragraphs after it, its sub-blocks."""

    kind: str
    number: int
    heading: Paragraph
    body_start: int  # first offset after the marker
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    # what recognize reads of the heading, worked out once (the text never changes)
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def end(self) -> int:
        last = self.children[-1].end if self.children else self.heading.end
        if self.paragraphs:
            last = max(last, self.paragraphs[-1].end)
        return last


@dataclass
class Document:
    """The segmented notice: paragraphs before the first block, then the top-level blocks."""

    text: str
    preamble: list[Paragraph]
    blocks: list[Block]


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines of ``text`` with surrounding whitespace trimmed; in hard-wrapped
    text, a full line and the lines that continue it are one paragraph."""
    lines: list[tuple[int, str]] = []  # (offset, raw line)
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    width = wrap_width([line for _, line in lines])
    out: list[Paragraph] = []
    previous_full = False
    for pos, line in lines:
        stripped = line.strip(_WS)
        if not stripped:
            previous_full = False
            continue
        start = pos + len(line) - len(line.lstrip(_WS))
        end = start + len(stripped)
        if previous_full and out and _continues(line):
            out[-1] = Paragraph(out[-1].start, end)
        else:
            out.append(Paragraph(start, end))
        previous_full = width is not None and len(line.rstrip(_WS)) >= width - 1
    return out


_LABEL_START = re.compile(r"[^\s：:。，,]{1,8}[：:]")


def _continues(line: str) -> bool:
    """A line of hard-wrapped text that goes on with the paragraph above it: no indent, no
    numbering marker, no label of its own."""
    if line[:1] in _WS:
        return False
    return match_marker(line, 0, len(line)) is None and not _LABEL_START.match(line)


def wrap_width(lines: list[str]) -> int | None:
    """The width text was hard-wrapped at, when most of its long lines end at one width."""
    lengths = [len(line.rstrip(_WS)) for line in lines if line.strip(_WS)]
    long = [n for n in lengths if n >= 20]
    if len(long) < 6:
        return None
    top = max(set(long), key=lambda n: (sum(1 for m in long if n - 2 <= m <= n), n))
    near = sum(1 for m in long if top - 2 <= m <= top)
    if near < 0.4 * len(lengths) or sum(1 for m in lengths if m > top + 2) > 0.05 * len(lengths):
        return None
    return top - 2


def _number(kind: str, raw: str) -> int:
    if not raw:
        return 0
    if kind == "circled":
        return _CIRCLED.index(raw) + 1
    return to_int(raw) if raw[0].isdigit() or raw[0] in "０１２３４５６７８９" else cn_to_int(raw)


def match_marker(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The numbering marker opening ``text[start:end]``: (kind, number, marker end)."""
    bracket = _BRACKET.match(text, start, end)
    plain = _match_plain(text, start, end)
    if plain and plain[0] == "problem_label":  # 【问题一】
        return plain
    if bracket:
        inner = _match_plain(text, bracket.start(1), bracket.end(1))
        if inner and inner[0] != "guanyu":
            return inner[0], inner[1], inner[2]
        if bracket.end() < end or bracket.end() - bracket.start() > 4:
            return "bracket", 0, bracket.start(1)
    return plain


def _match_plain(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    for kind, pattern in MARKERS:
        m = pattern.match(text, start, end)
        if m and (m.end() < end or kind == "guanyu"):
            return kind, _number(kind, m.group(1)), m.end()
    return None


def segment(text: str) -> Document:
    """Split clean text into a :class:`Document` tree."""
    preamble: list[Paragraph] = []
    roots: list[Block] = []
    stack: list[Block] = []
    for para in paragraphs(text):
        marker = match_marker(text, para.start, para.end)
        if marker is None:
            (stack[-1].paragraphs if stack else preamble).append(para)
            continue
        kind, number, body_start = marker
        block = Block(kind, number, para, body_start)
        kinds = [b.kind for b in stack]
        if kind in kinds:
            del stack[kinds.index(kind) :]
        (stack[-1].children if stack else roots).append(block)
        stack.append(block)
    return Document(text, preamble, roots)
