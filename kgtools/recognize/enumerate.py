"""Inline enumerations inside a paragraph or region: 一是…二是…, 第一，…第二，…, （1）…（2）…"""

from __future__ import annotations

import re

from ..numerals import ascii_digits, cn_to_int

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# A marker opens a region, a line, or follows sentence or clause punctuation.
_BOUNDARY = r"(?:(?<=^)|(?<=[\n。；;！!？?：:，,\s\u3000]))"
_SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}

FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("shi", re.compile(rf"{_BOUNDARY}([{_CN}]{{1,2}})是(?:要)?[，,：:]?")),
    ("ordinal", re.compile(rf"{_BOUNDARY}第([{_CN}]{{1,2}})[，,、：:]")),
    ("sequence", re.compile(rf"{_BOUNDARY}(首先|其次|再次|最后)[，,：:]")),
    ("paren_arabic", re.compile(rf"{_BOUNDARY}[（(]([0-9０-９]{{1,2}})[）)]")),
    ("circled", re.compile(rf"{_BOUNDARY}([{_CIRCLED}])")),
    (
        "line_arabic",
        re.compile(r"(?:(?<=^)|(?<=\n))[ \t\u3000]*([0-9０-９]{1,2})(?:[、．]|\.(?![0-9]))"),
    ),
    ("line_paren_cn", re.compile(rf"(?:(?<=^)|(?<=\n))[ \t\u3000]*[（(]([{_CN}]{{1,3}})[）)]")),
)


# A character every marker of the family contains.
_PROBES = {
    "shi": "是", "ordinal": "第", "sequence": "首其再最", "paren_arabic": "（(",
    "circled": _CIRCLED, "line_arabic": "\n", "line_paren_cn": "（(",
}  # fmt: skip


def _number(family: str, raw: str) -> int:
    if family == "sequence":
        return _SEQUENCE_WORDS[raw]
    if family == "circled":
        return _CIRCLED.index(raw) + 1
    if raw[0] in _CN:
        return cn_to_int(raw)
    return int(ascii_digits(raw))


def find_enumeration(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Markers (start, end) of the longest 1, 2, 3… enumeration in ``text[start:end]``.

    The family with the most items wins; an enumeration needs two items, except
    一是 which marks a list even alone.
    """
    region = text[start:end]
    best: list[tuple[int, int]] = []
    for family, pattern in FAMILIES:
        if not any(ch in region for ch in _PROBES[family]):
            continue  # cheap test first: most regions hold no marker of most families
        found: list[tuple[int, int]] = []
        expected = 1
        for m in pattern.finditer(region):
            number = _number(family, m.group(1))
            if family == "sequence" and m.group(1) == "最后" and found:
                number = expected
            if number == expected:
                found.append((start + m.start(), start + m.end()))
                expected += 1
        if len(found) > len(best) and (len(found) >= 2 or family == "shi"):
            best = found
    return best
