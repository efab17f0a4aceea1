"""Tables of HTML pages and .docx files → clean-text lines, by one convention for both.

* A metadata table of a government site (索引号, 发布机构, 成文日期, 公开方式 … as keys) is
  site chrome: it gives no lines at all.
* A table whose first row is a header row (short cells, no sentence punctuation) is read row
  by row: for each data row one line ``<header>：<cell text>`` per non-empty cell, the
  序号/编号 column left out; a cell's own line breaks stay ``\\n`` inside it; an empty line
  between rows. A position covered by a rowspan from a row above is not repeated, so a row
  under a spanning problem cell has no problem line.
  A caption row spanning the table above the header row (……整改情况表) stays a line of
  its own; a table of labels down its first column (反馈问题 │ …, 整改措施 │ …) has no
  header row.
* Any other table: each cell's text as its own line(s), row by row.

A cell spanning several columns (colspan, gridSpan) is one cell; it takes the header of
the first column it covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLANK = ""  # the line between two rendered rows

_WS = re.compile(r"[\s\u3000\xa0]+")
_SENTENCE_PUNCT = re.compile(r"[。；，,;！？!?]")
_META_KEYS = (
    "索引号", "发布机构", "成文日期", "发文字号", "文号", "公开方式", "主题分类", "发布日期",
    "信息分类", "公开范围", "有效性", "名称", "生成日期", "主题词", "内容概述", "文件编号",
    "所属机构", "公开时限", "信息来源", "体裁分类", "组配分类", "发文机关", "发布单位",
    "公文种类", "公开类别", "服务对象", "效力状态", "实施日期", "废止日期", "信息名称",
)  # fmt: skip
_STRONG_META = frozenset(
    {"索引号", "发布机构", "成文日期", "发文字号", "公开方式", "主题分类", "信息分类",
     "公开范围", "发文机关", "公开类别", "组配分类", "体裁分类"}
)  # fmt: skip
_SEQUENCE = frozenset({"序号", "编号", "序", "no", "no.", "序列号", "排序"})


@dataclass(frozen=True)
class Cell:
    """One cell of a table row: its grid column, its text (own breaks as ``\\n``)."""

    col: int
    text: str
    span: int = 1  # grid columns the cell covers (colspan, gridSpan)
    covered: bool = False  # the position is covered by a rowspan from a row above


Row = list[Cell]


def cell_text(lines: list[str]) -> str:
    """A cell's lines, each stripped of blanks and indents, empty ones dropped."""
    kept = (_WS.sub(" ", line).strip(" ") for line in lines)
    return "\n".join(line for line in kept if line)


def _norm(text: str) -> str:
    return _WS.sub("", text).rstrip(":：")


def _meta_key(text: str) -> str | None:
    flat = _WS.sub("", text)
    if len(flat) > 60:
        return None
    for key in _META_KEYS:
        if flat.startswith(key) and (flat == key or flat[len(key)] in ":："):
            return key
    return None


def is_metadata(rows: list[Row]) -> bool:
    """A site's metadata table: two or more metadata keys, one of them a strong one."""
    keys = {k for row in rows for cell in row if (k := _meta_key(cell.text))}
    return len(keys) >= 2 and bool(keys & _STRONG_META)


# words of column headers (序号, 反馈问题, 整改措施, 整改时限, 完成情况, 责任单位 …)
_HEADER_WORDS = re.compile(
    r"序|号|问题|措施|情况|时限|时间|期限|日期|单位|部门|科室|责任|领导|成效|进展|状态|完成|内容|"
    r"任务|名称|事项|类别|类型|项目|备注|结果|金额|数量|人数|对象|整改|方面|清单|要求|目标|举措|落实"
)


def _header_like(row: Row) -> bool:
    texts = [_norm(c.text) for c in row if not c.covered and c.text.strip()]
    return (
        len(texts) >= 2
        and any(_HEADER_WORDS.search(t) for t in texts)
        and all(len(t) <= 16 and not _SENTENCE_PUNCT.search(t) for t in texts)
        and any(re.search(r"[\u4e00-\u9fff]", t) for t in texts)
        and not all(re.fullmatch(r"[\d.、]+", t) for t in texts)
    )


_LABEL = re.compile(
    r"(问题|措施|情况|时限|期限|单位|部门|责任人?|成效|进展|状态|内容|任务|名称|事项|类别|备注|"
    r"结果|目标|要求|领导|科室|时间|日期|序号)$"
)


def _key_value(rows: list[Row]) -> bool:
    """Labels down the first column (反馈问题 │ …, 整改措施 │ …): no header row across."""
    pairs = [[c for c in row if not c.covered and c.text.strip()] for row in rows]
    return all(len(p) <= 2 for p in pairs) and all(
        p and len(_norm(p[0].text)) <= 8 and _LABEL.search(_norm(p[0].text)) for p in pairs
    )


def _headers(rows: list[Row]) -> tuple[dict[int, str], int] | None:
    """Column → header text and the number of header rows, or None when no header row."""
    if len(rows) < 2 or not _header_like(rows[0]) or _key_value(rows):
        return None
    heads = {}
    for cell in rows[0]:
        for col in range(cell.col, cell.col + cell.span):
            heads[col] = _norm(cell.text)
    body = 1
    # a second header row under spanning header cells (整改情况 over 措施 │ 时限)
    if len(rows) > 2 and any(c.span > 1 for c in rows[0]):
        if _header_like(rows[1]) or all(
            len(_norm(c.text)) <= 16 and not _SENTENCE_PUNCT.search(c.text) for c in rows[1]
        ):
            for cell in rows[1]:
                if not cell.covered and cell.text.strip():
                    heads[cell.col] = _norm(cell.text)
            body = 2
    longest = max(len(h) for h in heads.values())
    data = [c.text for row in rows[body:] for c in row if not c.covered]
    if not any(len(_norm(t)) > longest or _SENTENCE_PUNCT.search(t) for t in data):
        return None  # a grid of short names, not a header over data
    return heads, body


def _captions(rows: list[Row]) -> tuple[list[str], list[Row]]:
    """Caption rows spanning the table (……整改情况表) above its header row, and the rest."""
    titles: list[str] = []
    while len(rows) > 2 and len([c for c in rows[0] if c.text.strip()]) == 1 and _headers(rows[1:]):
        titles += [c.text for c in rows[0] if c.text.strip()]
        rows = rows[1:]
    return titles, rows


def has_header(rows: list[Row]) -> bool:
    """The table has a header row over its data (and it is no metadata table)."""
    rows = [row for row in rows if row]
    return bool(rows) and not is_metadata(rows) and _headers(_captions(rows)[1]) is not None


def render(rows: list[Row]) -> list[str]:
    """The clean-text lines of a table (see the module docstring); [] for chrome."""
    rows = [row for row in rows if row]
    if not rows or is_metadata(rows):
        return []
    titles, rows = _captions(rows)
    found = _headers(rows)
    if found is None:
        return [c.text for row in rows for c in row if not c.covered and c.text.strip()]
    heads, body = found
    skip = {col for col, head in heads.items() if head.lower() in _SEQUENCE}
    lines: list[str] = list(titles)
    for row in rows[body:]:
        out = []
        for cell in row:
            if cell.covered or cell.col in skip or not cell.text.strip():
                continue
            head = heads.get(cell.col, "")
            out.append(f"{head}：{cell.text}" if head else cell.text)
        if out:
            if len(lines) > len(titles):
                lines.append(BLANK)
            lines.extend(out)
    return lines
