"""Builders of the input-format fixtures: each sample plan as a web page, a Word file and a PDF,
made with the libraries themselves (an HTML template, python-docx, reportlab), and a task
table made from Xiamen's responsibility clauses (openpyxl, csv).

A plan's plain text is cut into blocks: one paragraph per line, and its indicator table (found
where the text writes it one cell per line) as a real table, so that each format has to give the
table back the way the plain text writes it.
"""

from __future__ import annotations

import csv
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from conftest import GOLD, PLANS

from ipgraph.reading.structure import lines
from ipgraph.reading.targets import find_tables
from ipgraph.text import view

STEMS = sorted(p.stem for p in PLANS.glob("*.txt"))


@dataclass
class Para:
    text: str
    indent: bool  # written indented in the text (a body paragraph rather than a heading)


@dataclass
class Grid:
    rows: list[list[str]]  # cells; "\n" separates the paragraphs of a cell


def blocks(stem: str) -> list[Para | Grid]:
    """The plan's paragraphs, with its indicator table as a grid of cells."""
    text = (PLANS / f"{stem}.txt").read_text("utf-8")
    v = view(text)
    tables = find_tables(v, 0, len(v))
    out: list[Para | Grid] = []
    pos = 0
    for t in tables:
        out += _paras(text, pos, t.start)
        first_row = t.rows[0][0]
        header = _header([ln.text for ln in lines(text, t.start, first_row)])
        width = len(header)
        rows = [header]
        for _, _, cells in t.rows:
            metric, unit, rest = cells[0], cells[1], cells[2:]
            values, remark = rest[: len(t.columns)], rest[len(t.columns) :]
            row = [metric, unit, *values, *(remark or [""])]
            rows.append((row + [""] * width)[:width])
        out.append(Grid(rows))
        pos = t.end
    out += _paras(text, pos, len(text))
    return out


def _paras(text: str, start: int, end: int) -> list[Para]:
    out = []
    for raw in text[start:end].split("\n"):
        if raw.strip():
            out.append(Para(raw.strip(), indent=raw[:1].isspace()))
    return out


def _header(cells: list[str]) -> list[str]:
    """Header lines as cells: a year line and the role line under it are one cell."""
    out: list[str] = []
    for c in cells:
        if out and re.fullmatch(r"\d{4}(年)?", out[-1]) and not re.fullmatch(r"\d{4}(年)?", c):
            out[-1] += "\n" + c
        else:
            out.append(c)
    return out


def gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text("utf-8"))


# --------------------------------------------------------------------------- web pages

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>{title}_政府信息公开_{site}</title>
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{pubdate}">
<meta name="ColumnName" content="政策文件">
<link rel="stylesheet" href="/images/common.css">
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
<style>.TRS_Editor p {{ text-indent: 2em; line-height: 1.8; }}</style>
</head>
<body>
<div class="top-bar"><div class="w1200"><span>欢迎访问{site}！</span>
<a href="/wza/">无障碍</a> | <a href="/old/">长者模式</a> | <a href="/en/">English</a> | <a href="/login">登录</a></div></div>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{site}"></div>
<form class="search" action="/search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<ul class="nav">
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjcs/">走进城市</a></li><li><a href="/ztzl/">专题专栏</a></li>
</ul>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政策文件</a> &gt; 正文</div>
<div class="main w1200">
<table class="xxgk-table">
<tr><td>索引号：</td><td>{index_no}</td><td>主题分类：</td><td>科技、教育/科技</td></tr>
<tr><td>发布机构：</td><td>{issuer}</td><td>成文日期：</td><td>{issued}</td></tr>
<tr><td>名称：</td><td colspan="3">{title}</td></tr>
<tr><td>文号：</td><td>{doc_number}</td><td>发布日期：</td><td>{pubdate}</td></tr>
</table>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info"><span>来源：{issuer}</span><span>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span>
<a href="javascript:window.print()">【打印】</a></div>
<div class="TRS_Editor">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/a/1.html">我市召开知识产权工作领导小组全体会议</a><span>2023-04-26</span></li>
<li><a href="/a/2.html">市场监管局开展知识产权宣传周系列活动</a><span>2023-04-20</span></li>
<li><a href="/a/3.html">关于公布第五批知识产权优势企业名单的通知</a><span>2023-03-11</span></li>
<li><a href="/a/4.html">图解：一图读懂知识产权强市建设工作方案</a><span>2022-10-08</span></li>
</ul></div>
</div>
<div class="footer"><p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
<p>主办单位：{site}办公室　承办：{site}大数据中心</p>
<p>网站标识码：3502000001　闽ICP备05012345号-1　<img src="/images/gongan.png">闽公网安备 35020302000123号</p>
<p>服务热线：12345　投诉电话：0592-1234567（工作日 9:00-17:00）</p></div>
<script>$(function(){{ $(".nav li").hover(function(){{ $(this).addClass("on"); }}); }});</script>
</body></html>
"""


def html_page(stem: str, charset: str = "utf-8") -> bytes:
    """A government-site page holding the plan: chrome around a ``TRS_Editor`` article."""
    g = gold(stem)["plan"]
    body = []
    for b in blocks(stem):
        if isinstance(b, Para):
            body.append(f"<p>{html.escape(b.text)}</p>")
        else:
            body.append(_html_table(b))
    page = _PAGE.format(
        charset=charset,
        title=html.escape(g["title"]),
        site=html.escape(g["region"] + "人民政府"),
        index_no="000014349/2022-00123",
        issuer=html.escape("、".join(g["issuers"])),
        issued=g["issue_date"] or "",
        pubdate=g["issue_date"] or "",
        doc_number=html.escape(g["doc_number"] or ""),
        body="\n".join(body),
    )
    return page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset)


def _html_table(grid: Grid) -> str:
    rows = []
    for r, row in enumerate(grid.rows):
        tag = "th" if r == 0 else "td"
        cells = "".join(f"<{tag}>{html.escape(c).replace(chr(10), '<br>')}</{tag}>" for c in row)
        rows.append(f"<tr>{cells}</tr>")
    return '<table border="1" cellspacing="0" style="width:100%">' + "".join(rows) + "</table>"


_ARTICLE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><nav><a href="/">首页</a><a href="/news">新闻中心</a><a href="/policy">政策法规</a>
<a href="/service">办事服务</a><a href="/contact">联系我们</a></nav></header>
<aside class="sidebar"><h4>热点新闻</h4><ol><li><a href="/n/9">第十届知识产权论坛在我区开幕</a></li>
<li><a href="/n/8">我区3家企业入选国家知识产权示范企业</a></li><li><a href="/n/7">知识产权质押融资再创新高</a></li></ol>
<p>扫一扫在手机打开当前页</p></aside>
<main><article><section class="content">{body}</section>
<section class="attachments"><p><a href="/f/1.docx">附件：任务分解表.docx</a></p></section></article>
<div class="comments"><p><a href="/c">我要纠错</a> <a href="/c2">我要评论</a></p></div></main>
<footer><span>版权所有：区人民政府办公室</span> <span>ICP备案：浙ICP备12345678号</span>
<span>联系电话：0573-12345678</span></footer></body></html>
"""


def html_article_page(stem: str) -> bytes:
    """A second, different layout: HTML5 ``<article>`` with ``<div>`` lines and ``<br>`` breaks."""
    g = gold(stem)["plan"]
    parts = []
    for b in blocks(stem):
        if isinstance(b, Para):
            parts.append(html.escape(b.text))
        else:
            parts.append(_html_table(b))
    body, buf = [], []
    for p in parts:
        if p.startswith("<table"):
            if buf:
                body.append("<div>" + "<br/>\n".join(buf) + "</div>")
                buf = []
            body.append(p)
        else:
            buf.append(p)
    if buf:
        body.append("<div>" + "<br/>\n".join(buf) + "</div>")
    return _ARTICLE_PAGE.format(title=html.escape(g["title"]), body="\n".join(body)).encode("utf-8")


_TABLE_LAYOUT_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}</title></head><body topmargin="0">
<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr><td><img src="/images/banner.jpg"></td></tr>
<tr><td class="daohang"><a href="/">网站首页</a>&nbsp;|&nbsp;<a href="/zwgk">政务公开</a>&nbsp;|&nbsp;<a href="/bsfw">办事服务</a>
&nbsp;|&nbsp;<a href="/gzhd">公众互动</a></td></tr></table>
<table width="1000" align="center"><tr>
<td width="220" valign="top"><table><tr><td class="lm">信息公开目录</td></tr>
<tr><td><a href="/1">机构职能</a></td></tr><tr><td><a href="/2">政策文件</a></td></tr><tr><td><a href="/3">规划计划</a></td></tr>
<tr><td><a href="/4">统计信息</a></td></tr></table></td>
<td width="780" valign="top"><table width="100%"><tr><td class="weizhi">您现在的位置：<a href="/">首页</a>&gt;&gt;<a href="/zwgk">政务公开</a></td></tr>
<tr><td class="bt_content" id="zoom"><font face="仿宋" size="4">
{body}
</font></td></tr>
<tr><td align="right"><a href="#" onclick="window.print()">[打印]</a> <a href="#" onclick="window.close()">[关闭]</a></td></tr>
</table></td></tr></table>
<table width="1000" align="center"><tr><td class="copyright">Copyright&copy;2009 {site} 版权所有<br>
地址：市府大楼　邮编：361000　电话：0592-1234567<br><a href="/beian">闽ICP备09001234号</a></td></tr></table>
<select onchange="location=this.value"><option>相关网站</option><option value="/a">国家知识产权局</option></select>
</body></html>
"""


def html_table_layout_page(stem: str) -> bytes:
    """A third layout: an old table-layout site in GB2312, paragraphs as ``<p>`` with ``&nbsp;``."""
    g = gold(stem)["plan"]
    body = []
    for b in blocks(stem):
        if isinstance(b, Para):
            indent = "&nbsp;&nbsp;&nbsp;&nbsp;" if b.indent else ""
            body.append(f'<p style="text-indent:2em">{indent}{html.escape(b.text)}</p>')
        else:
            body.append(_html_table(b))
    page = _TABLE_LAYOUT_PAGE.format(
        title=html.escape(g["title"]), site=html.escape(g["region"] + "人民政府"), body="\n".join(body)
    )
    return page.encode("gb18030")


# --------------------------------------------------------------------------- Word


def docx_file(stem: str, path: Path) -> Path:
    """The plan as a Word file: title and part headings in heading styles, tables as tables."""
    import docx
    from docx.oxml.ns import qn

    g = gold(stem)["plan"]
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "FangSong"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    title = re.sub(r"\s+", "", g["title"])
    for b in blocks(stem):
        if isinstance(b, Grid):
            t = d.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(b.rows):
                for c, value in enumerate(row):
                    cell = t.cell(r, c)
                    paras = value.split("\n")
                    cell.paragraphs[0].text = paras[0]
                    for extra in paras[1:]:
                        cell.add_paragraph(extra)
            continue
        if re.sub(r"\s+", "", b.text) == title:
            d.add_heading(b.text, level=0)
        elif re.match(r"^[一二三四五六七八九十]+、\S{2,20}$", b.text):
            d.add_heading(b.text, level=1)
        elif re.match(r"^[(（][一二三四五六七八九十]+[)）]\S{2,24}$", b.text):
            d.add_heading(b.text, level=2)
        else:
            p = d.add_paragraph(b.text)
            if b.indent:
                p.paragraph_format.first_line_indent = docx.shared.Pt(24)
    section = d.sections[0]
    section.footer.paragraphs[0].text = "— 1 —"
    section.header.paragraphs[0].text = g["region"] + "人民政府文件"
    d.save(path)
    return path


# --------------------------------------------------------------------------- PDF


def pdf_file(stem: str, path: Path, encrypt: object = None, size: float = 12, justify: bool = False) -> Path:
    """The plan as a PDF (reportlab, built-in CID font STSong-Light: no font file needed);
    ``size`` and ``justify`` set the body text another way (16pt 仿宋-like, justified)."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle(
        "body", fontName="STSong-Light", fontSize=size, leading=size * 1.6, wordWrap="CJK",
        alignment=TA_JUSTIFY if justify else 0,
    )  # fmt: skip
    indented = ParagraphStyle("indented", parent=body, firstLineIndent=2 * size)
    heading = ParagraphStyle(
        "title", parent=body, fontSize=size + 4, leading=(size + 4) * 1.6, alignment=TA_CENTER
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=14)
    g = gold(stem)["plan"]
    title = re.sub(r"\s+", "", g["title"])
    story = []
    for b in blocks(stem):
        if isinstance(b, Grid):
            data = [[Paragraph(html.escape(c).replace("\n", "<br/>"), cell) for c in row] for row in b.rows]
            width = 430.0  # the metric column wide, the number columns as wide as their headers
            widths = [width * 0.4] + [width * 0.6 / (len(b.rows[0]) - 1)] * (len(b.rows[0]) - 1)
            t = Table(data, colWidths=widths, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(t)
            continue
        long_body = len(b.text) > 40  # official documents indent every body paragraph
        style = (
            heading if re.sub(r"\s+", "", b.text) == title else indented if b.indent or long_body else body
        )
        story.append(Paragraph(html.escape(b.text), style))

    def page_number(canvas, doc) -> None:  # page furniture: a running header and the page number
        canvas.setFont("STSong-Light", 9)
        canvas.drawRightString(A4[0] - 26 * mm, A4[1] - 15 * mm, g["region"] + "人民政府规范性文件")
        canvas.setFont("STSong-Light", 10)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page} —")

    kw = {"encrypt": encrypt} if encrypt else {}
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, **kw)
    doc.title = g["title"]
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return path


def scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is an image (a scan without a text layer)."""
    import io
    import zlib

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    w, h = 40, 20  # a tiny grey PNG, made by hand so that no image library is needed
    raw = b"".join(b"\x00" + bytes([128]) * w for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        import struct

        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    import struct

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(io.BytesIO(png)), 50, 400, width=400, height=200)
    c.showPage()
    c.save()
    return path


# --------------------------------------------------------------------------- a task table

_CLAUSE_HEAD = re.compile(r"[〔(（]责任单位[:：]")


def _clauses(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, units)`` of each bracketed 责任单位 clause (brackets inside names kept)."""
    out = []
    for m in _CLAUSE_HEAD.finditer(text):
        depth = 0
        for j in range(m.start(), len(text)):
            depth += text[j] in "〔(（"
            depth -= text[j] in "〕)）"
            if depth == 0:
                out.append((m.start(), j + 1, text[m.end() : j]))
                break
    return out


@dataclass
class TaskRow:
    seq: str
    task: str  # 重点任务 (the part the measure sits in)
    measure: str  # 具体措施 (heading and first sentence)
    lead: str
    support: str
    deadline: str


def xiamen_task_rows() -> list[TaskRow]:
    """One row per Xiamen measure, from its own text: part, heading, first sentence, and its
    〔责任单位:…〕 clause split the way a task table writes it (first unit leads)."""
    text = (PLANS / "001_ea0fa33b9b77872c.txt").read_text("utf-8")
    rows: list[TaskRow] = []
    part = ""
    lines_ = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for i, ln in enumerate(lines_):
        m = re.match(r"^[一二三四五六七八九十]+、(.+)$", ln)
        if m:
            part = m.group(1)
            continue
        h = re.match(r"^\(([一二三四五六七八九十]+)\)(.+)$", ln)
        if not h or i + 1 >= len(lines_):
            continue
        body = lines_[i + 1]
        c = _clauses(body)
        if not c:
            continue
        units = re.split(r"[、,，]", c[0][2])
        first_sentence = body.split("。")[0] + "。"
        rows.append(
            TaskRow(
                seq=str(len(rows) + 1),
                task=part,
                measure=f"{h.group(2)}：{first_sentence}",
                lead=units[0],
                support="、".join(units[1:]),
                deadline="2025年6月",
            )
        )
    return rows


TASK_TITLE = "厦门市国家知识产权强市建设示范城市工作方案(2022-2025年)重点任务分解表"


def xiamen_tasks_xlsx(path: Path) -> Path:
    """The task table as a spreadsheet: a title row, a two-row header with 责任单位 merged over
    牵头单位/配合单位, and 重点任务 merged down over the rows of each part."""
    from openpyxl import Workbook

    rows = xiamen_task_rows()
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解"
    ws.append([TASK_TITLE])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "重点任务", "具体措施", "责任单位", None, "完成时限"])
    ws.append([None, None, None, "牵头单位", "配合单位", None])
    for col in "ABCF":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("D2:E2")
    first = 4
    for k, r in enumerate(rows):
        ws.append([int(r.seq), r.task if k == 0 or rows[k - 1].task != r.task else None, r.measure,
                   r.lead, r.support or None, r.deadline])  # fmt: skip
    # merge 重点任务 down over each part's rows
    start = first
    for k in range(1, len(rows) + 1):
        if k == len(rows) or rows[k].task != rows[k - 1].task:
            end = first + k - 1
            if end > start:
                ws.merge_cells(f"B{start}:B{end}")
            start = end + 1
    wb.save(path)
    return path


def xiamen_tasks_csv(path: Path) -> Path:
    """The same table as CSV with other header words (工作任务/责任单位/配合单位/时间节点)."""
    rows = xiamen_task_rows()
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["编号", "工作任务", "主要内容", "责任单位", "配合单位", "时间节点"])
        for r in rows:
            w.writerow([r.seq, r.task, r.measure, r.lead, r.support, r.deadline])
    return path


def xiamen_tasks_docx(path: Path) -> Path:
    """The task table inside a Word file (a caption paragraph, then the table)."""
    import docx

    rows = xiamen_task_rows()
    d = docx.Document()
    d.add_paragraph(TASK_TITLE)
    t = d.add_table(rows=1, cols=6)
    for c, h in enumerate(["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]):
        t.cell(0, c).text = h
    for r in rows:
        cells = t.add_row().cells
        for c, v in enumerate([r.seq, r.task, r.measure, r.lead, r.support, r.deadline]):
            cells[c].text = v
    d.save(path)
    return path


def strip_clauses(text: str) -> str:
    """The plan's text without its responsibility clauses (the table says who does what)."""
    for start, end, _ in reversed(_clauses(text)):
        text = text[:start] + text[end:]
    return text
