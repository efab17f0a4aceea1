"""HTML pages saved from government sites → the notice's text, without site chrome."""

from __future__ import annotations

import re
from typing import Any

from ..errors import NoticeFormatError
from .decode import decode

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
          "table", "ul", "ol", "blockquote", "pre", "center", "dd", "dt"}  # fmt: skip
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
)
_CHROME_RE = re.compile(
    r"nav|menu|footer|header|breadcrumb|crumb|copyright|share|sidebar|banner|toolbar|position|location|guide",
    re.I,
)
_CONTENT_HINTS = re.compile(
    r"TRS_Editor|zoom|article|content|main|detail|text|ccontent|pages_content|view", re.I
)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_WS_RE = re.compile(r"[ \t\r\f\v]+")


def _decode(data: bytes, name: str) -> str:
    m = _CHARSET_RE.search(data[:4096])
    if m:
        charset = m.group(1).decode("ascii").lower()
        if charset in ("gb2312", "gbk", "gb18030"):
            charset = "gb18030"
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name=name)


def _text(el: Any) -> str:
    """Text of an element with a line break around block elements."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.lower() in _BLOCK:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag.lower() in _BLOCK:
            parts.append("\n")

    walk(el)
    lines = (
        _WS_RE.sub(" ", line).strip(" ") for line in "".join(parts).replace("\xa0", " ").split("\n")
    )
    return "\n".join(line for line in lines if line)


def _cjk(el: Any) -> int:
    return len(_CJK_RE.findall(el.text_content()))


def html_to_text(data: bytes, *, name: str) -> str:
    """The main content of an HTML page as text, one paragraph per line.

    :raises NoticeFormatError: the page cannot be parsed or has no text.
    """
    import lxml.html

    try:
        root = lxml.html.document_fromstring(_decode(data, name))
    except (ValueError, lxml.etree.ParserError) as exc:
        raise NoticeFormatError(f"{name}: cannot parse the HTML page ({exc})") from None
    title = next(
        (t.text_content().strip() for t in root.iter("h1", "h2") if "关于" in t.text_content()), ""
    )
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
    body = root.find("body") if root.find("body") is not None else root
    total = max(_cjk(body), 1)
    candidates = [
        el for el in body.iter("div", "article", "section", "td", "main") if _cjk(el) >= 0.5 * total
    ]
    # The deepest container that still holds most of the page's Chinese text is the article.
    best = (
        min(candidates, key=lambda el: (_cjk(el) < 0.8 * total, len(list(el.iterdescendants()))))
        if candidates
        else body
    )
    text = _text(best)
    if title and title not in text:
        text = title + "\n" + text
    if not text.strip():
        raise NoticeFormatError(f"{name}: the HTML page has no text")
    return text
