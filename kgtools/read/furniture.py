"""Lines that belong to the page, not to the notice: a site's chrome (footer, breadcrumb,
counters, print/share buttons, metadata keys) and a printed page's numbers.

Every test here is on one line of text and cautious: a line with a full stop (。) is text of
the notice, never chrome, and so is a long line.
"""

from __future__ import annotations

import re

_MAX_CHROME = 150
# the site's footer: copyright, registration numbers, the organizer of the site
_FOOTER = re.compile(
    r"版权所有|Copyright|©|\(c\)\s*\d{4}|ICP[备证]|网站标识码|公网安备|网站地图|网站维护|"
    r"(主办|承办|协办|技术支持|运维|维护|网站管理)(单位)?\s*[:：]|"
    r"建议使用.{0,24}(分辨率|浏览器)|All\s+Rights\s+Reserved",
    re.I,
)
# buttons and counters of an article page
_WIDGET = re.compile(
    r"浏览量|浏览次数|浏览[:：]\s*\d|访问量|访问次数|阅读次数|阅读量|阅读数|点击数|点击量|点击次数|"
    r"点击率|人次浏览|打印本页|打印此页|打印文章|【\s*打印\s*】|\[\s*打印\s*\]|关闭窗口|关闭本页|"
    r"【\s*关闭\s*】|分享到|分享至|收藏本页|加入收藏|设为首页|返回顶部|返回首页|上一篇|下一篇|"
    r"字号[:：]?\s*[【\[]?\s*大|【\s*大\s*中\s*小\s*】|\[\s*大\s*中\s*小\s*\]|扫一扫(在手机|分享)|"
    r"^(阅读|在看|点赞|赞)\s*\d+"
)
_BREADCRUMB = re.compile(
    r"^(当前位置|您(现在)?的?位置|您所在的?位置|所在位置|现在位置|位置)\s*[:：]|"
    r"^首页\s*(>|>>|＞|›|»|→|/|\\|-|—)\s*\S"
)
# fields of an article's information line (发布时间：… 来源：… 作者：…)
_INFO_FIELD = re.compile(
    r"(发布时间|发布日期|发表时间|更新时间|时间|日期|来源|文章来源|信息来源|作者|编辑|责任编辑|"
    r"供稿|字号|浏览|阅读)\s*[:：]"
)
_META_FIELD = re.compile(
    r"^(索引号|发布机构|成文日期|发文字号|公开方式|主题分类|信息分类|公开范围|有效性|"
    r"组配分类|体裁分类|公开类别|发文机关)\s*[:：]"
)
# a line giving the site's own address or phone, chrome when next to the footer
_SITE_INFO = re.compile(
    r"^(地址|联系电话|电话|传真|邮编|邮政编码|联系我们|E-?mail|邮箱)\s*[:：]", re.I
)
_NOTICE_WORDS = re.compile(r"监督|反映|意见|建议|公开时间|公示|举报受理|欢迎")


def _short(line: str) -> bool:
    return len(line) <= _MAX_CHROME and "。" not in line


def is_site_chrome(line: str) -> bool:
    """A footer, counter, button, breadcrumb or information line of a web page."""
    text = line.strip(" \u3000\xa0\t")
    if not text or not _short(text):
        return False
    if _FOOTER.search(text) or _WIDGET.search(text) or _BREADCRUMB.search(text):
        return True
    return len(set(_INFO_FIELD.findall(text))) >= 2


def drop_site_chrome(lines: list[str]) -> list[str]:
    """The lines without the site's chrome, including the site-contact lines next to its footer
    and a run of metadata fields (索引号：… 发布机构：…)."""
    chrome = [is_site_chrome(line) for line in lines]
    stripped = [line.strip(" \u3000\xa0\t") for line in lines]
    meta = [bool(_META_FIELD.match(t)) and _short(t) for t in stripped]
    if sum(meta) >= 2:
        chrome = [c or m for c, m in zip(chrome, meta, strict=True)]
    # the site's contact lines touching a footer line, in either direction
    changed = True
    while changed:
        changed = False
        for i, text in enumerate(stripped):
            if chrome[i] or not (_SITE_INFO.match(text) and _short(text)):
                continue
            if _NOTICE_WORDS.search(text):
                continue
            if (i > 0 and chrome[i - 1]) or (i + 1 < len(lines) and chrome[i + 1]):
                chrome[i] = changed = True
    return [line for line, c in zip(lines, chrome, strict=True) if not c]


_PAGE_NUMBER = re.compile(
    r"[-－—–‒―~～]+\s*\d{1,4}\s*[-－—–‒―~～]+|"
    r"第\s*\d{1,4}\s*页\s*[,，/／]?\s*(共\s*\d{1,4}\s*页)?|"
    r"共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页|"
    r"(Page|p\.?)\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?|"
    r"[-－—–]?\s*[〔\[(（]?\s*\d{1,4}\s*[〕\])）]?\s*[-－—–]?",
    re.I,
)
_PAGE_FRACTION = re.compile(r"\d{1,4}\s*[/／]\s*\d{1,4}")


def is_page_number(line: str, *, edge: bool) -> bool:
    """A page number in one of its printed forms (— 3 —, - 3 -, 第3页 共5页, 第 3 页, 3/5, 3).

    ``edge``: the line is the very first or last of its page, where a bare number or a
    fraction is a page number too.
    """
    text = line.strip(" \u3000\xa0\t")
    if not text or len(text) > 24:
        return False
    if _PAGE_NUMBER.fullmatch(text):
        bare = re.fullmatch(r"[〔\[(（]?\s*\d{1,4}\s*[〕\])）]?", text) is not None
        return edge or not bare
    return edge and _PAGE_FRACTION.fullmatch(text) is not None
