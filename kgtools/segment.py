"""Stage 2, segment: clean text → a tree of numbered blocks with offsets.

Each non-empty line is a paragraph. A paragraph that opens with a numbering marker
(一、 （一） 1. 1、 （1） ① 第一， 一是) starts a block; other paragraphs belong to the
block before them. Nesting follows the order in which marker kinds first appear, so
skipped levels, re-used levels and jumps in numbering (二 then 四) need no rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numerals import cn_to_int, to_int

_WS = " \t\u3000\u00a0\ufeff\u200b"
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

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
    # "问题1：…" / "存在问题：…" paragraphs open a problem in problem/measure pairs.
    ("problem_label", re.compile(rf"(?:存在|反馈|具体)?问题\s*([0-9０-９{_CN}]{{0,3}})\s*[：:]")),
)


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
    """Non-empty lines of ``text`` with surrounding whitespace trimmed."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip(_WS)
        if stripped:
            start = pos + len(line) - len(line.lstrip(_WS))
            out.append(Paragraph(start, start + len(stripped)))
        pos += len(line) + 1
    return out


def _number(kind: str, raw: str) -> int:
    if not raw:
        return 0
    if kind == "circled":
        return _CIRCLED.index(raw) + 1
    return to_int(raw) if raw[0].isdigit() or raw[0] in "０１２３４５６７８９" else cn_to_int(raw)


def match_marker(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The numbering marker opening ``text[start:end]``: (kind, number, marker end)."""
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
