"""HTML pages saved from government sites → the notice's text, without site chrome.

The article is the deepest element holding most of the page's Chinese text. Inside it,
tables follow :mod:`.tables` (a metadata table is dropped, a table with a header row gives
``<header>：<cell>`` lines), and lines of site chrome (:mod:`.furniture`) are dropped even
when they sit in the article's container.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from ..errors import NoticeFormatError
from .decode import MAX_BYTES, decode
from .furniture import drop_site_chrome
from .tables import BLANK, Cell, Row, cell_text, has_header, render

_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-.:]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""",
    re.I,
)
# text encodings a page may declare (canonical codec names); anything else is ignored
_TEXT_CODECS = re.compile(
    r"utf-8|utf-16(-[lb]e)?|utf-32(-[lb]e)?|gb2312|gbk|gb18030|big5|big5hkscs|cp9[35][0-9]|"
    r"euc_jp|euc_kr|shift_jis|iso2022_jp|iso8859-\d+|cp125\d|ascii|koi8-[ru]|mac-roman"
)
_ALIASES = {"x-gbk": "gbk", "csgb2312": "gb2312", "x-euc-cn": "gb2312", "gb_2312-80": "gb2312",
            "windows-31j": "cp932", "x-sjis": "shift_jis", "iso-8859-8-i": "iso8859-8"}  # fmt: skip
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th",
          "section", "article", "table", "ul", "ol", "blockquote", "pre", "center", "dd", "dt",
          "dl", "main", "aside", "figure", "figcaption", "caption", "hr", "address"}  # fmt: skip
_DROP = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "iframe",
    "form",
    "select",
    "button",
    "head",
    "template",
    "object",
)
_CHROME_RE = re.compile(
    r"nav|menu|foot|header|breadcrumb|crumb|copyright|share|sidebar|banner|toolbar|position|location|guide",
    re.I,
)
_CONTENT_HINTS = re.compile(
    r"TRS_Editor|zoom|article|content|main|detail|text|ccontent|pages_content|view", re.I
)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_WS_RE = re.compile(r"[ \t\r\f\v]+")
_BRACKET_HEAD = re.compile(r"[【\[〖][^】\]〗]{1,30}[】\]〗]")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜)\s*|\s+[-—–]+\s+|-(?=[^\d-]*$)")


def _declared(data: bytes) -> str | None:
    """The page's declared charset as a text codec name, or None (absent, unknown, not text)."""
    m = _CHARSET_RE.search(data[:4096])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(_ALIASES.get(label, label)).name
    except LookupError:
        return None
    if not _TEXT_CODECS.fullmatch(name):
        return None  # unicode_escape, rot13, base64 …: never a page's encoding
    return "gb18030" if name in ("gb2312", "gbk") else name


def _decode(data: bytes, name: str) -> str:
    """UTF-8 when the bytes are UTF-8, else the declared charset (strictly), else GB18030.

    :raises NoticeFormatError: undecodable.
    """
    declared = _declared(data)
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        # a single-byte charset decodes any bytes: it is tried last, never before GB18030
        if declared and not declared.startswith(
            ("utf-", "iso8859", "cp125", "ascii", "koi8", "mac")
        ):
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
    try:
        return decode(data, name=name)
    except NoticeFormatError:
        if not data.strip() or len(data) > MAX_BYTES or b"\x00" in data[:4096]:
            raise  # empty, too large or binary: no lenient second try
        for encoding in (declared, "gb18030"):
            if encoding and not encoding.startswith("utf-"):
                text = data.decode(encoding, errors="replace")
                if text.count("\ufffd") <= max(4, len(text) // 2000):
                    return text  # a few broken bytes (a truncated character in a script)
        raise


def _heading_break(root: Any) -> None:
    """A 【…】 heading in bold or a span at the start of a paragraph of sentences gets its own line."""
    from lxml import etree

    for block in list(root.iter("p", "div", "section", "li")):
        first = next((c for c in block if isinstance(c.tag, str)), None)
        if first is None or (block.text or "").strip() or first.tag in _BLOCK:
            continue
        if not _BRACKET_HEAD.fullmatch(first.text_content().strip()):
            continue
        rest = (first.tail or "") + "".join(
            c.text_content() + (c.tail or "") for c in first.itersiblings()
        )
        rest = rest.strip()
        if "。" in rest[:-1] or len(rest) > 60:
            br = etree.Element("br")
            br.tail, first.tail = first.tail, None
            first.addnext(br)


def _text(el: Any) -> str:
    """Text of an element, a line break around block elements, tables by :mod:`.tables`."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag == "table" and not any(True for _ in node.iterdescendants("table")):
            lines = render(_rows(node))
            parts.append("\n" + "\n".join(line or "\x1e" for line in lines) + "\n")
            return
        if tag in _BLOCK:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK:
            parts.append("\n")

    walk(el)
    lines = (
        _WS_RE.sub(" ", line).strip(" ") for line in "".join(parts).replace("\xa0", " ").split("\n")
    )
    return "\n".join(BLANK if line == "\x1e" else line for line in lines if line)


def _rows(table: Any) -> list[Row]:
    """The rows of an HTML table as grid cells: colspan kept on one cell, rowspan positions covered."""
    rows: list[Row] = []
    pending: dict[int, int] = {}  # grid column → rows still covered by a rowspan above
    for tr in table.iter("tr"):
        row: Row = []
        col = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            while pending.get(col, 0) > 0:
                row.append(Cell(col, "", 1, covered=True))
                pending[col] -= 1
                col += 1
            span, down = _span(td.get("colspan")), _span(td.get("rowspan"))
            row.append(Cell(col, cell_text(_text(td).split("\n")), span))
            pending.update({c: down - 1 for c in range(col, col + span)})
            col += span
        for c in sorted(pending):
            if c >= col and pending[c] > 0:
                row.append(Cell(c, "", 1, covered=True))
                pending[c] -= 1
        rows.append(row)
    return rows


def _span(value: str | None) -> int:
    try:
        return min(max(1, int(value or "1")), 100)
    except ValueError:
        return 1


def _cjk(el: Any) -> int:
    return len(_CJK_RE.findall(el.text_content()))


def _title(root: Any) -> str:
    """The article's title: a heading with 关于, or the heading that repeats the page's <title>."""
    names = set()
    for meta in root.iter("meta"):
        if (meta.get("name") or meta.get("property") or "").lower() in ("articletitle", "og:title"):
            names.add((meta.get("content") or "").strip())
    page_title = root.find(".//title")
    if page_title is not None and page_title.text_content().strip():
        names.add(_TITLE_SPLIT.split(page_title.text_content().strip())[0])
    names = {n for n in names if len(n) >= 6}
    heads = [
        " ".join(el.text_content().split())
        for el in root.iter("h1", "h2", "h3", "td", "div", "p")
        if el.tag in ("h1", "h2", "h3") or re.search(r"title|tit\b|bt\b", el.get("class") or "")
    ]
    heads = [h for h in heads if 6 <= len(h) <= 100]
    top = [
        " ".join(el.text_content().split())
        for el in root.iter("h1", "h2")
        if "关于" in el.text_content()
    ]
    return next(iter(top), "") or next((h for h in heads if h in names), "")


def _has_title(lines: list[str], title: str) -> bool:
    """The title is already a line, or two or three lines near the top, of the text."""
    flat = ["".join(line.split()) for line in lines]
    want = "".join(title.split())
    return want in flat or any(
        "".join(flat[i : i + n]) == want for n in (2, 3) for i in range(min(len(flat), 8))
    )


def html_to_text(data: bytes, *, name: str) -> str:
    """The main content of an HTML page as text, one paragraph per line.

    :raises NoticeFormatError: the page cannot be parsed or has no text.
    """
    import lxml.html

    try:
        root = lxml.html.document_fromstring(_decode(data, name))
    except (ValueError, lxml.etree.ParserError) as exc:
        raise NoticeFormatError(f"{name}: cannot parse the HTML page ({exc})") from None
    title = _title(root)
    for el in list(root.iter(*_DROP)):
        el.drop_tree()
    for el in list(root.iter("div", "ul", "span", "p", "table")):
        marker = f"{el.get('class', '')} {el.get('id', '')}"
        if (
            _CHROME_RE.search(marker)
            and not _CONTENT_HINTS.search(marker)
            and el.getparent() is not None
        ):
            el.drop_tree()
    data_tables = set()
    for table in list(root.iter("table")):
        if any(True for _ in table.iterdescendants("table")):
            continue  # a layout table
        rows = _rows(table)
        if not render(rows):
            table.drop_tree()  # a site's metadata table (索引号, 发布机构 …) or an empty one
        elif has_header(rows):
            data_tables.add(table)
    _heading_break(root)
    body = root.find("body") if root.find("body") is not None else root
    total = max(_cjk(body), 1)
    candidates = [
        el
        for el in body.iter("div", "article", "section", "td", "main")
        if _cjk(el) >= 0.5 * total and not any(t in data_tables for t in el.iterancestors("table"))
    ]  # a cell of a problem table is never the article, however long
    # The deepest container that still holds most of the page's Chinese text is the article.
    best = (
        min(candidates, key=lambda el: (_cjk(el) < 0.8 * total, len(list(el.iterdescendants()))))
        if candidates
        else body
    )
    lines = drop_site_chrome(_text(best).split("\n"))
    if title and not _has_title(lines, title):
        lines.insert(0, title)
    text = "\n".join(lines)
    if not text.strip():
        raise NoticeFormatError(f"{name}: the HTML page has no text")
    return text
