"""Word's automatic numbering (word/numbering.xml) → the markers a reader sees (一、 （一） 1. ①).

A paragraph is numbered by its ``w:numPr`` (``w:numId``, ``w:ilvl``) or, when it has none,
by its paragraph style's (through ``w:basedOn``). ``w:num`` points to a ``w:abstractNum``
whose ``w:lvl`` gives the start, the number format and the level text (``%1、``, ``（%2）``);
``w:lvlOverride`` / ``w:startOverride`` of the ``w:num`` take precedence. Counters are kept
per numId and level; numbering a level restarts the levels below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_IDEO_CIRCLED = "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百〇五 (as Word writes them)."""
    if n <= 0 or n >= 10_000:
        return str(n)
    out = ""
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero and out:
            out += digits[0]
        zero = False
        out += ("" if (d == 1 and unit == units[0] and not out) else digits[d]) + unit
    return out


def _table(n: int, chars: str) -> str:
    return chars[n - 1] if 1 <= n <= len(chars) else str(n)


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """A counter value in a Word number format (``w:numFmt``); unknown formats as decimal."""
    formats = {
        "decimal": lambda: str(n),
        "decimalZero": lambda: f"{n:02d}",
        "decimalFullWidth": lambda: str(n).translate(
            str.maketrans("0123456789", "０１２３４５６７８９")
        ),
        "decimalEnclosedCircle": lambda: _table(n, _CIRCLED),
        "decimalEnclosedCircleChinese": lambda: _table(n, _CIRCLED),
        "decimalEnclosedParen": lambda: _table(n, _PAREN),
        "decimalEnclosedFullstop": lambda: _table(n, _FULLSTOP),
        "ideographEnclosedCircle": lambda: _table(n, _IDEO_CIRCLED),
        "chineseCounting": lambda: _chinese(n),
        "chineseCountingThousand": lambda: _chinese(n),
        "taiwaneseCounting": lambda: _chinese(n),
        "taiwaneseCountingThousand": lambda: _chinese(n),
        "japaneseCounting": lambda: _chinese(n),
        "ideographLegalTraditional": lambda: _chinese(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟"),
        "chineseLegalSimplified": lambda: _chinese(n, _CN_LEGAL, "拾佰仟"),
        "ideographDigital": lambda: "".join(_CN_DIGITS[int(d)] for d in str(n)),
        "taiwaneseDigital": lambda: "".join(_CN_DIGITS[int(d)] for d in str(n)),
        "ideographTraditional": lambda: _table(n, _STEMS),
        "ideographZodiac": lambda: _table(n, _BRANCHES),
        "upperRoman": lambda: _roman(n).upper(),
        "lowerRoman": lambda: _roman(n),
        "upperLetter": lambda: _letters(n).upper(),
        "lowerLetter": lambda: _letters(n),
        "none": lambda: "",
    }
    make = formats.get(fmt)
    return make() if make else str(n)


@dataclass
class Level:
    """One ``w:lvl``: start value, number format, level text, restart rule."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False  # w:isLgl: every number in the text as decimal
    restart: int | None = None  # w:lvlRestart
    style: str | None = None  # w:pStyle: the paragraph style numbered at this level


def _val(el: Any, tag: str) -> str | None:
    child = el.find(f"{W}{tag}") if el is not None else None
    return child.get(f"{W}val") if child is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(el: Any, base: Level | None = None) -> Level:
    lvl = Level(**vars(base)) if base else Level()
    lvl.start = _int(_val(el, "start"), lvl.start)
    lvl.fmt = _val(el, "numFmt") or lvl.fmt
    text = _val(el, "lvlText")
    lvl.text = text if text is not None else lvl.text
    if el.find(f"{W}isLgl") is not None:
        lvl.legal = _val(el, "isLgl") not in ("0", "false")
    restart = _val(el, "lvlRestart")
    lvl.restart = _int(restart, 0) if restart is not None else lvl.restart
    lvl.style = _val(el, "pStyle") or lvl.style
    return lvl


@dataclass
class Numbering:
    """The numbering definitions of one document and the running counters."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId → ilvl → Level
    style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    style_base: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, numbering: Any | None, styles: Any | None) -> Numbering:
        """From the parsed roots of word/numbering.xml and word/styles.xml (either may be None)."""
        self = cls()
        for style in styles.iter(f"{W}style") if styles is not None else ():
            sid = style.get(f"{W}styleId")
            if not sid:
                continue
            based = _val(style, "basedOn")
            if based:
                self.style_base[sid] = based
            numpr = style.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                level = _val(numpr, "ilvl")
                self.style_num[sid] = (_val(numpr, "numId"), _int(level, 0) if level else None)
        if numbering is None:
            return self
        abstracts: dict[str, Any] = {
            a.get(f"{W}abstractNumId"): a for a in numbering.iter(f"{W}abstractNum")
        }
        nums: dict[str, Any] = {n.get(f"{W}numId"): n for n in numbering.iter(f"{W}num")}
        for num_id, num in nums.items():
            abstract = self._abstract(_val(num, "abstractNumId"), abstracts, nums)
            levels = {
                _int(lvl.get(f"{W}ilvl"), 0): _level(lvl)
                for lvl in (abstract.iter(f"{W}lvl") if abstract is not None else ())
            }
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0)
                lvl_el = override.find(f"{W}lvl")
                if lvl_el is not None:
                    levels[ilvl] = _level(lvl_el, levels.get(ilvl))
                start = _val(override, "startOverride")
                if start is not None:
                    levels.setdefault(ilvl, Level()).start = _int(start, 1)
            self.levels[num_id] = levels
        return self

    def _abstract(self, aid: str | None, abstracts: dict[str, Any], nums: dict[str, Any]) -> Any:
        """The abstractNum, following w:numStyleLink to the style's list (a few hops at most)."""
        abstract = abstracts.get(aid or "")
        for _ in range(4):
            link = _val(abstract, "numStyleLink") if abstract is not None else None
            if not link:
                break
            num_id, _ = self.style_num.get(link, (None, None))
            num = nums.get(num_id or "")
            target = abstracts.get(_val(num, "abstractNumId") or "") if num is not None else None
            if target is None or target is abstract:
                break
            abstract = target
        return abstract

    def _style_numpr(self, style: str | None) -> tuple[str | None, int | None, str | None]:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_num:
                num_id, ilvl = self.style_num[style]
                return num_id, ilvl, style
            style = self.style_base.get(style)
        return None, None, None

    def marker(self, para: Any) -> str:
        """The marker Word shows before this paragraph ("" if none); advances the counters."""
        ppr = para.find(f"{W}pPr")
        numpr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id = _val(numpr, "numId") if numpr is not None else None
        ilvl_text = _val(numpr, "ilvl") if numpr is not None else None
        ilvl = _int(ilvl_text, 0) if ilvl_text is not None else None
        if num_id is None:
            num_id, style_ilvl, style = self._style_numpr(_val(ppr, "pStyle"))
            if ilvl is None:
                ilvl = style_ilvl
            if ilvl is None and num_id is not None:
                ilvl = next(
                    (i for i, lvl in self.levels.get(num_id, {}).items() if lvl.style == style), 0
                )
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        return self._advance(num_id, ilvl or 0)

    def _advance(self, num_id: str, ilvl: int) -> str:
        levels = self.levels[num_id]
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                del counters[deeper]
        if level.fmt == "bullet":
            return level.text if level.text and not 0xE000 <= ord(level.text[0]) <= 0xF8FF else "●"
        text = level.text
        for k in range(8, -1, -1):
            token = f"%{k + 1}"
            if token in text:
                ref = levels.get(k, Level())
                value = counters.get(k, ref.start)
                fmt = "decimal" if level.legal and ref.fmt != "none" else ref.fmt
                text = text.replace(token, format_number(value, fmt))
        return text
