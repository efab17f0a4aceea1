"""Stage read on the document forms of the genre atlas (A2–A6): HTML and .docx tables as
labelled rows, Word's automatic numbering, PDF page furniture and paragraphs, site chrome,
wrong or missing charsets. Every input is made here and fictional (示例市, 某县)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kgtools.read import to_clean_text
from kgtools.read.furniture import is_page_number
from kgtools.read.numbering import format_number
from kgtools.read.pdflayout import Line, drop_furniture, paragraphs

# --------------------------------------------------------------------------- HTML


def _page(body: str, *, charset: str = "utf-8", footer: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>通报_示例县</title>
<script>var x = "首页";</script></head><body>
<div class="top"><a href="/">首页</a><a href="/gk/">信息公开</a></div>
<div class="crumbs">当前位置：首页 &gt; 信息公开 &gt; 巡察整改</div>
<div class="main"><h1>中共某县示例局党组关于巡察整改进展情况的通报</h1>
<div id="zoom">{body}</div></div>
<div class="bottom">{footer}</div></body></html>"""


def _html_text(body: str, **kw: str) -> list[str]:
    return to_clean_text(_page(body, **kw).encode("utf-8"), name="page.html").split("\n")


PROBLEM_TABLE = """<p>　　根据县委统一部署，县委第一巡察组对某县示例局党组开展了常规巡察。现将整改进展情况通报如下。</p>
<p>二、反馈问题整改情况</p>
<table border="1"><tbody>
<tr><th>序号</th><th>反馈问题</th><th>整改措施</th><th>整改时限</th><th>完成情况</th></tr>
<tr><td>1</td><td>示例资金管理不规范</td><td>一是清理示例资金；<br>二是制定《某县示例资金管理办法》。</td>
<td>2024年6月30日</td><td>已完成</td></tr>
<tr><td rowspan="2">2</td><td rowspan="2">示例项目推进迟缓</td><td><p>建立项目月调度机制。</p></td>
<td rowspan="2">2024年9月30日</td><td rowspan="2">持续整改</td></tr>
<tr><td>培训项目管理人员1.3万人次。</td></tr>
<tr><td>3</td><td colspan="2">该问题正在整改中。</td><td></td><td>正在整改</td></tr>
</tbody></table>
<p>三、下一步工作打算</p>"""


def test_html_problem_table_gives_one_labelled_line_per_cell_and_a_blank_between_rows() -> None:
    lines = _html_text(PROBLEM_TABLE)
    start = lines.index("二、反馈问题整改情况") + 1
    end = lines.index("三、下一步工作打算")
    assert lines[start:end] == [
        "反馈问题：示例资金管理不规范", "整改措施：一是清理示例资金；", "二是制定《某县示例资金管理办法》。",
        "整改时限：2024年6月30日", "完成情况：已完成", "",
        "反馈问题：示例项目推进迟缓", "整改措施：建立项目月调度机制。", "整改时限：2024年9月30日",
        "完成情况：持续整改", "",
        "整改措施：培训项目管理人员1.3万人次。", "",  # under the rowspan: no problem line again
        "反馈问题：该问题正在整改中。", "完成情况：正在整改",  # colspan: the first column's header
    ]  # fmt: skip
    assert not any(line.startswith("序号") for line in lines)


def test_html_metadata_table_is_dropped_and_other_tables_give_cells_as_paragraphs() -> None:
    body = """<table><tr><td>索引号：</td><td>000-2024-01</td><td>发布机构：</td><td>某县示例局</td></tr>
<tr><td>成文日期：</td><td>2024-07-01</td><td>公开方式：</td><td>主动公开</td></tr></table>
<p>　　根据县委统一部署，县委第一巡察组开展了常规巡察。</p>
<table><tr><td>某县示例局</td><td>某县示例中心</td></tr><tr><td>示例乡</td><td>示例镇</td></tr></table>
<p>　　欢迎监督。</p>"""
    lines = _html_text(body)
    assert not any("索引号" in line or "主动公开" in line for line in lines)
    i = lines.index("某县示例局")
    assert lines[i - 1].endswith("常规巡察。")
    assert lines[i : i + 5] == ["某县示例局", "某县示例中心", "示例乡", "示例镇", "　　欢迎监督。"]


def test_html_site_chrome_never_reaches_the_text_even_inside_the_content_container() -> None:
    body = """<p>发布时间：2024-08-01　来源：某县示例局　浏览次数：321</p>
<p>您现在的位置：首页 &gt;&gt; 信息公开 &gt;&gt; 正文</p>
<p>　　根据县委统一部署，县委第一巡察组对某县示例局党组开展了常规巡察。</p>
<p>　　欢迎广大干部群众监督。联系电话：0000-1234567。</p>
<p>中共某县示例局党组</p><p>2024年8月1日</p>
<p>【打印本页】【关闭窗口】　分享到：微信</p>
<p>主办单位：某县人民政府办公室（虚构）　地址：某县示例路1号</p>
<p>联系电话：0000-7654321</p>
<p>版权所有：某县人民政府　网站标识码：0000000000　示ICP备00000000号</p>"""
    lines = _html_text(body, footer="<p>访问量：1000</p>")
    assert lines == [
        "中共某县示例局党组关于巡察整改进展情况的通报",
        "　　根据县委统一部署，县委第一巡察组对某县示例局党组开展了常规巡察。",
        "　　欢迎广大干部群众监督。联系电话：0000-1234567。",
        "中共某县示例局党组",
        "2024年8月1日",
    ]


def test_html_bracket_heading_of_a_public_account_paste_keeps_its_own_line() -> None:
    body = """<section><p><strong>【整改落实情况】</strong>局党组召开专题会议研究整改。逐项明确责任，压实整改责任。</p></section>
<p><b>【问题一】示例项目谋划不足</b></p>
<p>●清理示例资金12万元。</p>"""
    lines = _html_text(body)
    assert lines[1:] == [
        "【整改落实情况】",
        "局党组召开专题会议研究整改。逐项明确责任，压实整改责任。",
        "【问题一】示例项目谋划不足",
        "●清理示例资金12万元。",
    ]


def test_html_caption_row_above_the_header_and_a_long_cell_that_is_not_the_article() -> None:
    long_cell = "一是开展示例专项整治，清退资金12万元；" * 40
    page = f"""<html><head><meta charset="utf-8"></head><body><p>某县示例局巡察整改情况</p>
<table><tr><td colspan="3">巡察反馈问题整改情况表</td></tr>
<tr><td>编号</td><td>问题描述</td><td>整改情况</td></tr>
<tr><td>1</td><td>示例问题</td><td>{long_cell}</td></tr>
<tr><td>2</td><td>示例问题二</td><td>已整改。</td></tr></table>
<p>联系电话：0000-1234567。</p></body></html>"""
    lines = to_clean_text(page.encode("utf-8"), name="page.html").split("\n")
    assert lines == [
        "某县示例局巡察整改情况",
        "巡察反馈问题整改情况表",
        "问题描述：示例问题",
        "整改情况：" + long_cell,
        "",
        "问题描述：示例问题二",
        "整改情况：已整改。",
        "联系电话：0000-1234567。",
    ]


def test_html_table_of_labels_down_the_first_column_is_not_read_as_a_header_row() -> None:
    body = """<table><tr><td>反馈问题</td><td>示例资金管理不规范</td></tr>
<tr><td>整改措施</td><td>清理示例资金。</td></tr><tr><td>整改时限</td><td>2024年6月30日</td></tr></table>"""
    assert _html_text(body)[1:] == [
        "反馈问题", "示例资金管理不规范", "整改措施", "清理示例资金。", "整改时限", "2024年6月30日"
    ]  # fmt: skip


NOTICE_LINE = "根据县委统一部署，县委第一巡察组对某县示例局党组开展了常规巡察。"


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("utf-8", "gbk"), ("gb2312", "utf-8"), ("", "gbk"), ("big5x", "gb18030")],
    ids=["says-utf8-is-gbk", "says-gb2312-is-utf8", "no-charset-gbk", "unknown-charset"],
)
def test_html_with_a_missing_or_wrong_charset_still_decodes(charset: str, encoding: str) -> None:
    meta = f'<meta charset="{charset}">' if charset else ""
    page = f"<html><head>{meta}</head><body><div><p>{NOTICE_LINE}</p></div></body></html>"
    assert to_clean_text(page.encode(encoding), name="page.html") == NOTICE_LINE


@pytest.mark.parametrize(
    "codec", ["unicode_escape", "raw_unicode_escape", "rot13", "base64", "hex"]
)
def test_html_charset_naming_a_non_text_codec_is_ignored(codec: str) -> None:
    page = f'<html><head><meta charset="{codec}"></head><body><p>{NOTICE_LINE}\\u4e2d=</p></body></html>'
    assert to_clean_text(page.encode("gbk"), name="page.html") == NOTICE_LINE + "\\u4e2d="


# --------------------------------------------------------------------------- .docx

LEVELS = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
          ("decimal", "（%4）"), ("decimalEnclosedCircle", "%5")]  # fmt: skip


def _numbering_xml(levels: list[tuple[str, str]]) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    return (
        f'<w:abstractNum w:abstractNumId="70">{lvls}</w:abstractNum>'
        '<w:num w:numId="71"><w:abstractNumId w:val="70"/></w:num>'
        '<w:num w:numId="72"><w:abstractNumId w:val="70"/>'
        '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    )


def _numbered_docx() -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for el in parse_xml(f"<w:root {ns}>{_numbering_xml(LEVELS)}</w:root>"):
        if el.tag.endswith("abstractNum"):
            numbering.insert(0, el)
        else:
            numbering.append(el)
    style = document.styles.add_style("示例一级标题", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="71"/></w:numPr>')
    )

    def para(text: str, ilvl: int | None = None, num: str = "71") -> None:
        p = document.add_paragraph(text)
        if ilvl is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {ns}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
                )
            )

    para("中共某县示例局党组")
    document.add_paragraph("整改工作开展情况", style="示例一级标题")  # numbered by its style
    para("局党组召开专题会议研究整改。")
    para("反馈问题整改情况", 0)
    para("在示例管理方面", 1)
    para("示例资金管理不规范", 2)
    para("清理示例资金", 3)
    para("制定管理办法", 3)
    para("第一项措施", 4)
    para("示例项目推进迟缓", 2)
    para("在示例监督方面", 1)
    para("示例监督不到位", 2)  # restarts at 1 under a new （二）
    para("另一份清单的问题", 2, num="72")  # the same list with its start overridden to 5
    para("二、下一步工作打算")  # typed by hand: kept as is
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_automatic_numbering_is_restored() -> None:
    lines = to_clean_text(_numbered_docx(), name="notice.docx").split("\n")
    assert lines == [
        "中共某县示例局党组", "一、整改工作开展情况", "局党组召开专题会议研究整改。",
        "二、反馈问题整改情况", "（一）在示例管理方面", "1.示例资金管理不规范", "（1）清理示例资金",
        "（2）制定管理办法", "①第一项措施", "2.示例项目推进迟缓", "（二）在示例监督方面",
        "1.示例监督不到位", "5.另一份清单的问题", "二、下一步工作打算",
    ]  # fmt: skip


def test_docx_parts_expand_no_entities(tmp_path: Path) -> None:
    import zipfile

    secret = tmp_path / "secret.txt"
    secret.write_text("不应读出", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>某县示例局&x;&b;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", xml)
        z.writestr("word/numbering.xml", xml)
    assert to_clean_text(buffer.getvalue(), name="notice.docx") == "某县示例局"


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCountingThousand", "十二"),
     (21, "chineseCounting", "二十一"), (3, "ideographTraditional", "丙"), (4, "decimalEnclosedCircle", "④"),
     (2, "upperRoman", "II"), (7, "decimal", "7"), (3, "someNewFormat", "3")],
)  # fmt: skip
def test_word_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_docx_table_in_document_order_with_merged_cells() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("二、反馈问题整改情况")
    table = document.add_table(rows=4, cols=4)
    values = [["序号", "存在问题", "整改措施", "责任单位"], ["1", "示例台账不完整", "补齐示例台账。", "办公室"],
              ["2", "示例制度不健全", "修订示例制度。", "综合科"], ["", "", "开展专项检查。", "综合科"]]  # fmt: skip
    for row, texts in zip(table.rows, values, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    table.cell(1, 2).add_paragraph("组织培训2次。")
    table.cell(2, 1).merge(table.cell(3, 1))  # vertical merge: 存在问题 over two rows
    document.add_paragraph("三、下一步工作打算")
    buffer = io.BytesIO()
    document.save(buffer)
    lines = to_clean_text(buffer.getvalue(), name="notice.docx").split("\n")
    assert lines == [
        "二、反馈问题整改情况", "存在问题：示例台账不完整", "整改措施：补齐示例台账。", "组织培训2次。",
        "责任单位：办公室", "", "存在问题：示例制度不健全", "整改措施：修订示例制度。", "责任单位：综合科",
        "", "整改措施：开展专项检查。", "责任单位：综合科", "三、下一步工作打算",
    ]  # fmt: skip


# --------------------------------------------------------------------------- PDF

WIDTH = 20  # characters in a full line
PARAS = [
    ("title", "中共某县示例局党组"),
    ("title", "关于巡察整改进展情况的通报"),
    ("p", "根据县委统一部署，县委第一巡察组于二〇二四年三月对某县示例局党组开展了常规巡察，并反馈了巡察意见。现将整改进展情况通报如下。"),
    ("h", "一、整改落实情况"),
    ("p", "（一）示例培训不到位。一是组织全系统干部开展示例业务轮训，全年累计培训干部1.|3万人次；二是修订《某县示例培训管理办法》，明确培训责任。"),
    ("p", "（二）示例台账不规范。对照清单逐项整改，补齐台账资料共计四十二册，建立长效机制。"),
    ("p", "欢迎广大干部群众监督。联系电话：0000-1234567。"),
    ("right", "中共某县示例局党组"),
    ("right", "2024年8月1日"),
]  # fmt: skip


def _layout() -> list[list[tuple[str, str]]]:
    """Pages of (kind, line): paragraphs hard-wrapped at WIDTH, '|' forces a page break."""
    pages: list[list[tuple[str, str]]] = [[]]
    for kind, text in PARAS:
        if kind != "p":
            pages[-1].append((kind, text))
            continue
        first = True
        for k, chunk in enumerate(text.split("|")):
            if k:
                pages.append([])
            while chunk:
                width = WIDTH - (2 if first else 0)
                line, chunk = chunk[:width], chunk[width:]
                pages[-1].append(("p1" if first else "p", line))
                first = False
    return pages


def _pdf(header: str, footer: str) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(400, 600))
    pages = _layout()
    for n, page in enumerate(pages, start=1):
        c.setFont("STSong-Light", 9)
        c.drawCentredString(200, 570, header.format(n=n, m=len(pages)))
        y = 530
        for kind, text in page:
            c.setFont("STSong-Light", 15 if kind == "title" else 12)
            if kind == "title":
                c.drawCentredString(200, y, text)
            elif kind == "right":
                c.drawRightString(330, y, text)
            else:
                c.drawString(90 + (24 if kind == "p1" else 0), y, text)
            y -= 20
        c.setFont("STSong-Light", 9)
        c.drawCentredString(200, 30, footer.format(n=n, m=len(pages)))
        c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("header", "footer"),
    [("中共某县示例局党组", "— {n} —"), ("中共某县示例局党组", "- {n} -"),
     ("中共某县示例局党组", "第{n}页 共{m}页"), ("某县示例局 第{n}期", "{n}/{m}"), ("某县示例局党组文件", "{n}")],
)  # fmt: skip
def test_pdf_furniture_removed_and_paragraphs_rejoined(header: str, footer: str) -> None:
    lines = to_clean_text(_pdf(header, footer), name="notice.pdf").split("\n")
    assert lines == [
        "中共某县示例局党组", "关于巡察整改进展情况的通报",  # the issuer, though the header repeats it
        PARAS[2][1], "一、整改落实情况", PARAS[4][1].replace("|", ""), PARAS[5][1], PARAS[6][1],
        "中共某县示例局党组", "2024年8月1日",
    ]  # fmt: skip
    assert "1.3万人次" in lines[4]


@pytest.mark.parametrize(
    ("line", "edge", "expected"),
    [("— 3 —", False, True), ("- 12 -", False, True), ("第3页 共5页", False, True),
     ("第 3 页", False, True), ("3/5", True, True), ("3/5", False, False), ("7", True, True),
     ("7", False, False), ("2024年8月1日", True, False), ("一、整改落实情况", True, False)],
)  # fmt: skip
def test_page_number_forms(line: str, edge: bool, expected: bool) -> None:
    assert is_page_number(line, edge=edge) is expected


def test_pdf_lines_without_positions_fall_back_on_order_and_indent() -> None:
    """When a PDF gives no usable positions: furniture by its rank on the page, indents from blanks."""
    full = "根据县委统一部署，县委第一巡察组对某县示例"  # a full line

    def page(n: int, body: list[tuple[float, str]]) -> list[Line]:
        lines = [Line(t, x, -(k + 1) * 14) for k, (x, t) in enumerate(body)]
        return [Line("某县示例局党组", 0, 0), *lines, Line(f"第{n}页 共2页", 0, -500)]

    pages = [
        page(1, [(0, "某县示例局党组"), (12, full[2:]), (0, full), (0, full), (0, "局开展了巡察，培训1.")]),
        page(2, [(0, "3万人次。"), (12, "欢迎监督。"), (0, "2024年8月1日")]),
    ]  # fmt: skip
    assert paragraphs(drop_furniture(pages, positioned=False)) == [
        "某县示例局党组", full[2:] + full * 2 + "局开展了巡察，培训1.3万人次。", "欢迎监督。", "2024年8月1日"
    ]  # fmt: skip
