"""Input formats: HTML pages, .docx and PDF give the same record as the plain text.

The documents are made here from the fictional county fixture (tests/fixtures/).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from kgtools.errors import NoticeFormatError
from kgtools.extract import extract_file
from kgtools.read.decode import clean_text

from .conftest import FIXTURES

SOURCE = FIXTURES / "county-gbk-crlf.txt"


def _lines() -> list[str]:
    return [
        line.strip("\u3000 ")
        for line in clean_text(SOURCE.read_bytes()).split("\n")
        if line.strip()
    ]


def _summary(path: Path) -> tuple:
    rec = extract_file(path)
    return (
        rec.title.value if rec.title else None,
        rec.inspecting_body.value if rec.inspecting_body else None,
        rec.stationing[:2] if rec.stationing else None,
        [(f.text, [m.text for m in f.measures]) for f in rec.findings],
        sorted(rec.regulations().items()),
        [(str(o.value), o.unit) for o in rec.outputs],
    )


def _html(lines: list[str], charset: str) -> bytes:
    title, body = lines[2], lines[3:]
    paragraphs = "\n".join(f"<p>&nbsp;&nbsp;{line}</p>" for line in [lines[0], lines[1]] + body)
    page = f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}_示例县人民政府</title>
<script>var nav = "首页 > 通知公告";</script><style>p{{margin:0}}</style></head><body>
<div class="header"><ul class="nav"><li>首页</li><li>政务公开</li><li>巡察整改</li><li>联系我们</li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 通知公告 &gt; 巡察整改</div>
<div class="main"><h1>{title}</h1><div class="info">发布时间：2024-09-02 来源：示例局 浏览次数：<span>128</span></div>
<div id="zoom" class="TRS_Editor">{paragraphs}</div>
<div class="share">分享到：微信 微博</div></div>
<div class="footer"><p>版权所有：示例县人民政府（虚构）&nbsp;主办单位：示例县政府办公室 &copy; 2024</p>
<p>网站标识码 0000000000 备案号：示ICP备00000000号</p></div></body></html>"""
    return page.encode("gb18030" if charset == "gb2312" else "utf-8")


@pytest.mark.parametrize("charset", ["utf-8", "gb2312"])
def test_html_page_gives_the_text_record(charset: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(_html(_lines(), charset))
    assert _summary(path) == _summary(SOURCE)
    text = extract_file(path).text
    for chrome in ("版权所有", "首页", "分享到", "var nav", "浏览次数"):
        assert chrome not in text


def test_docx_gives_the_text_record(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in _lines():
        document.add_paragraph(line)
    path = tmp_path / "notice.docx"
    document.save(path)
    assert _summary(path) == _summary(SOURCE)


def test_pdf_with_a_text_layer_gives_the_text_record(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "notice.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 6)
    y = 800
    for line in _lines():
        c.drawString(20, y, line)
        y -= 12
    c.save()
    assert _summary(path) == _summary(SOURCE)


def test_pdf_without_a_text_layer_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 400, 600, fill=1)
    c.save()
    with pytest.raises(NoticeFormatError, match="no text layer"):
        extract_file(path)


def test_docx_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(NoticeFormatError, match="not a readable .docx"):
        extract_file(path)


def test_docx_zip_bomb_is_refused_without_unpacking(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * 60_000_000 + b">")
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 200_000
    with pytest.raises(NoticeFormatError, match="limit"):
        extract_file(path)
