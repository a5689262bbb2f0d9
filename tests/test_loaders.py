"""Issue "more inputs": web pages, Word and PDF forms of the sample plans read like the plain text;
bad files are named with a reason and the rest of a batch builds.

The fixtures are made from the sample plans with the libraries themselves (tests/fixtures_inputs.py).
"""

from __future__ import annotations

import functools
import importlib.util
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import GOLD, PLANS, gold
from fixtures_inputs import (
    STEMS,
    docx_file,
    html_article_page,
    html_page,
    html_table_layout_page,
    pdf_file,
    scanned_pdf,
)
from ipgraph.loaders import LoadError, load, supported

from ipgraph.dataset import build
from ipgraph.pipeline import read_plan

FORMS = {"html": ".html", "html2": ".html", "html3": ".htm", "docx": ".docx", "pdf": ".pdf"}
FIGURES = (
    "plan measures_f1 labels resp_f1 canonical deadlines mentions_f1 goals_f1 phases_f1 targets_f1 target_fields"
).split()


def _score_module():
    spec = importlib.util.spec_from_file_location("score", Path(__file__).parent / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> dict[str, Path]:
    """Each sample plan as a government web page (two layouts), a Word file and a PDF."""
    root = tmp_path_factory.mktemp("forms")
    dirs = {}
    for form, ext in FORMS.items():
        d = root / form
        d.mkdir()
        for stem in STEMS:
            out = d / f"{stem}{ext}"
            if form == "html":
                out.write_bytes(html_page(stem))
            elif form == "html2":
                out.write_bytes(html_article_page(stem))
            elif form == "html3":
                out.write_bytes(html_table_layout_page(stem))
            elif form == "docx":
                docx_file(stem, out)
            else:
                pdf_file(stem, out)
        dirs[form] = d
    return dirs


@functools.cache
def _json(path: Path) -> dict:
    out = read_plan(path).to_json()
    out.pop("source")
    return out


def _readings(folder: Path, ext: str) -> list[tuple[str, dict, dict]]:
    return [(s, gold(s), _json(folder / f"{s}{ext}")) for s in STEMS]


def test_supported_extensions():
    assert {".html", ".htm", ".docx", ".pdf", ".xlsx", ".xls", ".csv", ".txt"} <= set(supported())


@pytest.mark.parametrize("form", FORMS)
def test_each_form_scores_within_002_of_plain_text(forms, form):
    score = _score_module().score
    plain, _ = score(_readings(PLANS, ".txt"))
    other, _ = score(_readings(forms[form], FORMS[form]))
    print(form, other)
    for fig in FIGURES:
        assert abs(other[fig] - plain[fig]) <= 0.02, (form, fig, other[fig], plain[fig])


@pytest.mark.parametrize("form", FORMS)
def test_each_form_reads_exactly_like_plain_text(forms, form):
    for stem in STEMS:
        assert _json(forms[form] / f"{stem}{FORMS[form]}") == _json(PLANS / f"{stem}.txt"), (form, stem)


def _plain_lines(stem: str, drop: str = "") -> list[str]:
    text = (PLANS / f"{stem}.txt").read_text("utf-8")
    return [
        re.sub(r"\s+", " ", ln.strip()).translate({ord(c): None for c in drop})
        for ln in text.split("\n")
        if ln.strip()
    ]


@pytest.mark.parametrize("form", ["html", "html2", "html3", "docx"])
def test_text_of_record_is_the_plain_text_paragraph_for_paragraph(forms, form):
    for stem in STEMS:
        lines = load(forms[form] / f"{stem}{FORMS[form]}").text.split("\n")
        assert [re.sub(r"\s+", " ", x) for x in lines] == _plain_lines(stem), (form, stem)


def test_pdf_paragraphs_are_rebuilt_from_lines(forms):
    """Every paragraph of the plan comes back whole (wrapped lines joined, page numbers gone);
    reportlab's CID font cannot write ``·`` and ``©``, so they are left out of the comparison."""
    for stem in [
        "000_465b383044845e1e",
        "001_ea0fa33b9b77872c",
        "002_2a08ea45510f8990",
        "004_413121bb9f269da9",
    ]:
        lines = [re.sub(r"\s+", " ", x) for x in load(forms["pdf"] / f"{stem}.pdf").text.split("\n")]
        assert lines == _plain_lines(stem, drop="·©"), stem
        assert not any(re.fullmatch(r"— \d+ —", x) or x.endswith("人民政府规范性文件") for x in lines)


def test_pdf_and_docx_give_the_indicator_table_as_cells(forms):
    for form in ("docx", "pdf", "html"):
        doc = load(forms[form] / f"001_ea0fa33b9b77872c{FORMS[form]}")
        (table,) = doc.tables
        assert [c.text if c else None for c in table.rows[1]] == [
            "每万人口高价值发明专利拥有量",
            None,
            "17.2",
            "21.47",
            "累计值",
        ]
        for row in table.rows:
            for c in row:
                assert c is None or doc.text[c.start : c.end] == c.text


# --------------------------------------------------------------------------- web pages


def test_web_page_drops_site_chrome(forms):
    for form in ("html", "html2"):
        text = load(forms[form] / "001_ea0fa33b9b77872c.html").text
        for chrome in ("网站标识码", "ICP备", "服务热线", "相关新闻", "我市召开知识产权工作领导小组全体会议",
                       "分享到", "无障碍", "打印本页", "热点新闻", "我要纠错", "版权所有：区人民政府办公室",
                       "信息公开目录", "您现在的位置", "邮编", "相关网站", "[打印]"):  # fmt: skip
            assert chrome not in text, (form, chrome)


def test_web_page_metadata_is_read(forms):
    meta = load(forms["html"] / "001_ea0fa33b9b77872c.html").meta
    assert meta["文号"] == "厦府〔2022〕333号"
    assert meta["发布机构"] == "厦门市人民政府"
    assert meta["成文日期"] == "2022-09-29"
    assert meta["索引号"] == "000014349/2022-00123"
    assert meta["title"] == gold("001_ea0fa33b9b77872c")["plan"]["title"]


def test_web_page_metadata_fills_what_the_article_does_not_say(tmp_path: Path):
    """An article that starts at the plan's title (no notice): 文号, issuer and date come from the page."""
    page = html_page("001_ea0fa33b9b77872c").decode("utf-8")
    start = page.index("<p>厦门市国家知识产权强市建设示范城市工作方案")
    page = page[: page.index('<div class="TRS_Editor">') + len('<div class="TRS_Editor">')] + page[start:]
    (tmp_path / "p.html").write_text(page, "utf-8")
    reading = read_plan(tmp_path / "p.html")
    assert reading.meta.doc_number == "厦府〔2022〕333号"
    assert reading.meta.issuers == ["厦门市人民政府"]
    assert reading.meta.issue_date == "2022-09-29"
    assert len(reading.measures) == len(gold("001_ea0fa33b9b77872c")["measures"])


def test_gbk_web_page_is_decoded(tmp_path: Path):
    (tmp_path / "gbk.htm").write_bytes(html_page("004_413121bb9f269da9", charset="gbk"))
    assert read_plan(tmp_path / "gbk.htm").meta.region == "上海市"


# --------------------------------------------------------------------------- Word


def test_word_automatic_numbering_is_written_into_the_text(tmp_path: Path):
    """Items numbered by Word itself (一、 / （一） from a list definition) keep their numbers."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def item(text: str, level: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    d.add_paragraph("厦门市知识产权工作方案")
    item("工作任务", 0)
    item("完善知识产权保护制度", 1)
    d.add_paragraph("严格执行知识产权法律法规。〔责任单位:市市场监管局(知识产权局)、文旅局〕")
    item("加强知识产权行政保护", 1)
    d.add_paragraph("加强行政执法能力建设。〔责任单位:市公安局〕")
    item("保障措施", 0)
    item("加强组织领导", 1)
    d.save(tmp_path / "n.docx")
    text = load(tmp_path / "n.docx").text
    assert text.split("\n")[1:3] == ["一、工作任务", "（一）完善知识产权保护制度"]
    assert "二、保障措施\n（一）加强组织领导" in text
    reading = read_plan(tmp_path / "n.docx")
    assert [m.path for m in reading.measures] == ["1.1", "1.2", "2.1"]
    assert [r.mention for r in reading.measures[0].responsible] == ["市市场监管局(知识产权局)", "文旅局"]


def test_word_merged_cells_are_one_cell(tmp_path: Path):
    import docx

    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "重点任务分解表"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "序号"
    t.cell(1, 1).text, t.cell(1, 2).text = "牵头单位", "配合单位"
    d.save(tmp_path / "m.docx")
    (table,) = load(tmp_path / "m.docx").tables
    assert table.rows[0][0] is table.rows[0][2]
    assert table.rows[1][0] is table.rows[2][0] and table.rows[1][0].text == "序号"


# --------------------------------------------------------------------------- bad files


def _truncated(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: len(data) // 2]


@pytest.fixture(scope="module")
def bad_files(forms, tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Broken files of each type, each with the reason it must be named with."""
    from fixtures_inputs import xiamen_tasks_xlsx

    d = tmp_path_factory.mktemp("bad")
    xlsx = xiamen_tasks_xlsx(d / "tasks_ok.xlsx")
    cases = {
        "cut.docx": (_truncated(forms["docx"] / "001_ea0fa33b9b77872c.docx"), "not a complete zip archive"),
        "cut.xlsx": (_truncated(xlsx), "not a complete zip archive"),
        "cut.xls": (
            _truncated(Path(__file__).parent / "data" / "inputs" / "xiamen_tasks.xls"),
            "damaged Excel .xls file",
        ),
        "text.docx": (
            (PLANS / "004_413121bb9f269da9.txt").read_bytes(),
            "not a Word .docx file: the file is plain text",
        ),
        "text.xlsx": (b"a,b\n1,2\n", "not an Excel .xlsx workbook: the file is plain text"),
        "sheet.docx": (xlsx.read_bytes(), "not a readable Word .docx file (an Excel workbook)"),
        "page.pdf": (html_page("000_465b383044845e1e"), "not a PDF document: the file is an HTML page"),
        "cut.pdf": (_truncated(forms["pdf"] / "000_465b383044845e1e.pdf"), "damaged PDF"),
        "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word 97-2003"),
        "image.html": (b"\x89PNG\r\n\x1a\n" + bytes(64), "not a web page: the file is a PNG image"),
        "nav.html": (
            b"<html><body><ul><li><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></li></ul></body></html>",
            "web page without text",
        ),
        "notes.csv": ("姓名,电话\n张三,123\n".encode(), "not a task-breakdown table"),
    }
    out = {}
    for name, (data, reason) in cases.items():
        (d / name).write_bytes(data)
        out[name] = (d / name, reason)
    pdf_file("000_465b383044845e1e", d / "locked.pdf", encrypt="secret")
    out["locked.pdf"] = (d / "locked.pdf", "password-protected PDF")
    out["scan.pdf"] = (scanned_pdf(d / "scan.pdf"), "scanned PDF: no text layer")
    (xlsx).unlink()
    return out


def test_each_bad_file_is_named_with_its_reason(bad_files):
    for name, (path, reason) in bad_files.items():
        with pytest.raises(LoadError) as e:
            read_plan(path)
        assert e.value.path == path
        assert reason in e.value.reason, (name, e.value.reason)
        assert "\n" not in str(e.value)


def test_batch_builds_the_rest(forms, bad_files, tmp_path: Path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for path, _ in bad_files.values():
        shutil.copy(path, folder / path.name)
    for stem, form in zip(STEMS, ["html", "docx", "pdf", "html2", "docx"], strict=True):
        src = forms[form] / f"{stem}{FORMS[form]}"
        shutil.copy(src, folder / src.name)
    result = build([folder])
    assert sorted(r.source for r in result.readings) == sorted(
        f"{s}{FORMS[f]}" for s, f in zip(STEMS, ["html", "docx", "pdf", "html2", "docx"], strict=True)
    )
    assert sorted(f.path.name for f in result.failures) == sorted(bad_files)
    assert result.validation is not None and result.validation.conforms
    assert not result.ok  # failures make the batch not ok, but it is built


def test_a_zip_that_is_a_zip_but_no_word_file(tmp_path: Path):
    with zipfile.ZipFile(tmp_path / "x.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(LoadError, match=r"not a readable Word \.docx file"):
        load(tmp_path / "x.docx")


def test_gold_is_there():
    assert (GOLD / "001_ea0fa33b9b77872c.json").exists()


def test_pdf_with_only_an_owner_password_is_read(forms, tmp_path: Path):
    """Restricted (no copying, no printing) but openable without a password: read as usual."""
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(forms["pdf"] / "004_413121bb9f269da9.pdf"))
    w.encrypt(user_password="", owner_password="owner", algorithm="AES-128", permissions_flag=4)
    w.write(tmp_path / "restricted.pdf")
    a = read_plan(tmp_path / "restricted.pdf").to_json()
    b = read_plan(forms["pdf"] / "004_413121bb9f269da9.pdf").to_json()
    a.pop("source"), b.pop("source")
    assert a == b


def test_link_lists_inside_the_article_go_and_links_in_sentences_stay(tmp_path: Path):
    """The genre rule, not a template: a block that is mostly links is navigation; a sentence
    that holds a link is text."""
    page = """<html><body><div id="c">
    <p>各区人民政府，市直各部门：</p>
    <p>现将《厦门市知识产权工作方案》印发给你们，请认真贯彻执行。</p>
    <p>一、工作任务</p>
    <p>（一）加强保护。依据<a href="/law">《专利法》</a>开展执法，加大查处力度。（责任单位：市市场监管局）</p>
    <div class="xgxw"><h4>相关新闻</h4><ul><li><a href="/1">知识产权宣传周启动</a></li>
    <li><a href="/2">市场监管局召开会议</a></li><li><a href="/3">专利奖评审结果公示</a></li></ul></div>
    <p>（二）强化服务。建设公共服务平台，提供检索服务。</p>
    </div><div class="foot"><a href="/a">关于我们</a> <a href="/b">网站地图</a></div></body></html>"""
    (tmp_path / "p.html").write_text(page, "utf-8")
    text = load(tmp_path / "p.html").text
    assert "依据《专利法》开展执法" in text
    assert "知识产权宣传周启动" not in text and "网站地图" not in text
    reading = read_plan(tmp_path / "p.html")
    assert [m.path for m in reading.measures] == ["1.1", "1.2"]
    assert reading.measures[0].responsible[0].canonical[0] == "厦门市市场监督管理局"


@pytest.mark.parametrize("size, justify", [(16, True), (10.5, False)])
def test_pdf_paragraphs_in_another_setting(tmp_path: Path, size, justify):
    """Justified 16pt (the official-document setting), 14pt and small 10.5pt text: the same reading,
    and the paragraphs back but where a paragraph's last line fills the measure exactly (a page's
    debris line may then run on into the next, see loaders/pdf.py)."""
    for stem in STEMS:
        pdf = pdf_file(stem, tmp_path / f"{stem}.pdf", size=size, justify=justify)
        a, b = read_plan(pdf).to_json(), read_plan(PLANS / f"{stem}.txt").to_json()
        a.pop("source"), b.pop("source")
        assert a == b, (stem, size)
        lines = {re.sub(r"\s+", "", x) for x in load(pdf).text.split("\n")}
        want = [re.sub(r"\s+", "", x) for x in _plain_lines(stem, drop="·©")]
        assert sum(x in lines for x in want) >= 0.9 * len(want), (stem, size)


def test_page_wrapped_in_a_form_is_read(tmp_path: Path):
    """ASP.NET sites put the whole page inside one ``<form>``: it is not dropped as a search box."""
    page = html_article_page("004_413121bb9f269da9").decode("utf-8")
    page = page.replace("<body>", '<body><form method="post" action="./show.aspx" id="form1">')
    page = page.replace("</body>", "</form></body>")
    (tmp_path / "show.aspx.html").write_text(page, "utf-8")
    assert _json(tmp_path / "show.aspx.html") == _json(PLANS / "004_413121bb9f269da9.txt")


def test_doc_named_file_that_is_really_docx_or_html_is_read(forms, tmp_path: Path):
    """Sites often serve a .docx or an HTML page under a .doc name: read as what it is."""
    shutil.copy(forms["docx"] / "004_413121bb9f269da9.docx", tmp_path / "a.doc")
    (tmp_path / "b.doc").write_bytes(html_page("004_413121bb9f269da9"))
    want = _json(PLANS / "004_413121bb9f269da9.txt")
    assert _json(tmp_path / "a.doc") == want
    assert _json(tmp_path / "b.doc") == want
