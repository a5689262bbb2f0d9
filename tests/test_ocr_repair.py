"""OCR post-correction rules (loaders/ocr.py), each on a snippet as Tesseract read it from a
scanned sample plan page (bench/ocr_score.py), and on text it must leave alone."""

from __future__ import annotations

from ipgraph.loaders.ocr import _Line, _repair, _sized


def test_yi_shang_after_a_figure():
    # "职务专利申请比例达80 %以上" read at 200 dpi
    assert _repair("职务专利申请比例达80 %兴上;授权") == "职务专利申请比例达80 %以上;授权"
    assert _repair("研发投入占GDP支出达0.21%兴上。") == "研发投入占GDP支出达0.21%以上。"
    assert _repair("复兴上海的老街") == "复兴上海的老街"  # 兴上 after no figure stays


def test_item_point_dropped_by_ocr():
    got = _repair("3.企业知识产权能力明显增强。\n4知识产权运用能力不断提升。")
    assert got == "3.企业知识产权能力明显增强。\n4.知识产权运用能力不断提升。"
    # a new list (1.) starts the count again
    got = _repair("1.建立协调机制。\n2.充实人员。\n(二)强化激励\n1.强化政策。\n2落实奖励。")
    assert got.endswith("\n2.落实奖励。")
    # a count, or a number with no pointed item before it, stays
    assert _repair("3.加强培训。\n4年内完成") == "3.加强培训。\n4年内完成"
    assert _repair("1.一\n3推进") == "1.一\n3推进"


def test_noise_lines_dropped():
    lines = [_Line("二、工作目标", 0, 300, 0, 30, 30), _Line("一一", 0, 40, 40, 30, 30),
             _Line("二", 0, 20, 80, 30, 30), _Line("— 3 —", 0, 50, 120, 30, 30)]  # fmt: skip
    assert [ln.text for ln in _sized(lines)] == ["二、工作目标", "— 3 —"]


def test_responsibility_bracket_closed():
    # 〔责任单位:…〕 after a task, its brackets as Tesseract read them on the 厦门 plan's pages
    got = _repair(
        "增强涉外纠纷防范和应对能力。【责任单位:市市场监管局(知识产权局)、商务局,火炬高新区、自贸区管委会)"
    )
    assert got.endswith("能力。〔责任单位:市市场监管局(知识产权局)、商务局,火炬高新区、自贸区管委会〕")
    got = _repair("失信行为实施惩戒。【责任单位:市市场监管局(知识产权局)、文旅局、仲裁委,自贸区管委会")
    assert got.endswith("惩戒。〔责任单位:市市场监管局(知识产权局)、文旅局、仲裁委,自贸区管委会〕")
    got = _repair("统计调查机制。【〔责任单位:市市场监管局(知识产权局)、统计局,火炬高新区管委会〕")
    assert got.endswith("机制。〔责任单位:市市场监管局(知识产权局)、统计局,火炬高新区管委会〕")
    # a bracket whose ) belongs to a ( inside, or opened mid-sentence, stays
    assert _repair("见【附件(一)") == "见【附件(一)"
    assert _repair("依据[2023]号文和【附件") == "依据[2023]号文和【附件"


def test_decimal_point_keeps_its_number_whole():
    from ipgraph.loaders.ocr import _join

    # Tesseract's words of the table cell 25.16 on the 厦门 plan (tsv: text, left, right)
    assert _join([("25.", 221, 262), ("16", 280, 310)], 30) == "25.16"
    assert _join([("TISC", 100, 160), ("WIPO", 190, 260)], 30) == "TISC WIPO"


def test_month_span_dash():
    # the 济南 plan's phase "(二)2024年9月—2025年12月" as Tesseract read it at 200 dpi
    assert _repair("(二)2024年9月一025年12月,完善") == "(二)2024年9月—2025年12月,完善"
    assert _repair("2022年7月-9月") == "2022年7月—9月"
    assert _repair("每月一次") == "每月一次"


def test_short_line_after_a_sentence_end_is_its_own():
    from ipgraph.loaders.ocr import _mark_own_lines

    # the 济南 plan's last paragraph and the web page's section name under it, as Tesseract read
    # them (x0, x1, top in pixels at 200 dpi): one paragraph's end, then a line of its own
    full = _Line(
        "出贡献的集体和个人给予正向激励, 充分激发知识产权保护工作的积极性和主动性。", 222, 1426, 900, 30, 30
    )
    lines = [full, _Line("热点新闻", 222, 350, 953, 30, 30)]
    _mark_own_lines(lines, 1426)
    assert lines[1].own
    # a paragraph's last line ends with its punctuation; a sentence going on over the margin goes on
    for nxt in (
        _Line("优化支出结构。", 222, 440, 953, 30, 30),
        _Line("统筹各级各部门", 222, 440, 953, 30, 30),
    ):
        lines = [_Line("积极争取国家和省级知识产权保护政策和资金支持。", 222, 1426, 900, 30, 30), nxt]
        _mark_own_lines(lines, 1426)
        assert lines[1].own == (nxt.text == "统筹各级各部门")
    lines = [
        _Line("对在示范区建设过程中作出突", 222, 1426, 900, 30, 30),
        _Line("出贡献的集体", 222, 400, 953, 30, 30),
    ]
    _mark_own_lines(lines, 1426)
    assert not lines[1].own


def test_scan_fixture_sets_marks_as_a_typesetter_does():
    # “ ” — … take a full cell in Chinese text (GB/T 15834-2011): set in half of one, the
    # fixture printed an opening “ over the next character, which Tesseract then read as one
    # character (“一 as 熏): bench/OCR-score.md
    from fixtures_more import char_width

    assert char_width("“", 4.2) == char_width("中", 4.2) == 4.2
    assert char_width("%", 4.2) > char_width("i", 4.2) == char_width("(", 4.2) == 2.1


def test_spaces_tesseract_saw():
    from ipgraph.loaders.ocr import _spaces_seen

    # the 济南 plan's line under its notice, as the tsv's words join it and as Tesseract's text
    # rendering of the same recognition spaces it: the issuer and the date stand apart again
    tsv = "组织实施。济南市人民政府2024年8月3日(联系电话:市市场监管局知识产权保护"
    txt = "组织实施。 济南市人民政府 2024年8月3日 (联系电话: 市市场监管局知识产权保护"
    assert (
        _spaces_seen(tsv, txt) == "组织实施。济南市人民政府 2024年8月3日 (联系电话:市市场监管局知识产权保护"
    )
    # a punctuation mark's empty half cell is no space; a decimal stays whole
    assert _spaces_seen("各区县人民政府,市政府各部门(单位):", "各区县人民政府, 市政府各部门(单位) :") == (
        "各区县人民政府,市政府各部门(单位):"
    )
    assert _spaces_seen("达25.16亿元", "达25. 16 亿元") == "达25.16 亿元"
    # the renderings differ in their characters: the tsv's line stands
    assert _spaces_seen("知识产权", "知识 严权") == "知识产权"


def test_section_numeral_the_count_expects():
    from ipgraph.loaders.ocr import _repair

    # the 福州 plan's fifth section as Tesseract read it on the tall PNG: (五) as (互)
    text = "(四)加强知识产权行政执法\n3.加强重点领域的知识产权保护。\n(互)加强知识产权宣传培训和人才队伍建设"
    assert _repair(text).endswith("\n(五)加强知识产权宣传培训和人才队伍建设")
    # a character the count does not expect, or one OCR does not take for the numeral, stays
    assert _repair("(四)执法\n(丑)宣传").endswith("(丑)宣传")
    assert _repair("(四)执法\n(注)宣传").endswith("(注)宣传")
    assert _repair("(互)宣传") == "(互)宣传"


def test_no_space_inside_brackets_or_latin_words():
    from ipgraph.loaders.ocr import _spaces_seen

    # the 厦门 and 上海 plans' lines as Tesseract's text rendering spaced them
    assert _spaces_seen(
        "〔责任单位:市市场监管局(知识产权局)、", "〔 责任单位: 市市场监管局( 知识产权局) 、"
    ) == ("〔责任单位:市市场监管局(知识产权局)、")
    assert _spaces_seen("组织(WIPO)多领域合作", "组织(WI PO) 多领域合作") == "组织(WIPO)多领域合作"
    assert _spaces_seen("TISC WIPO", "TISC WIPO") == "TISC WIPO"


def test_note_bracket_read_as_ren():
    # the 厦门 plan's task 2.9 as Tesseract read it: 〔 as 人, 〕 as ]
    got = _repair("讲好知识产权故事。人责任单位:市市场监管局(知识产权局)、市知识产权工作领导小组成员单位]")
    assert got == "讲好知识产权故事。〔责任单位:市市场监管局(知识产权局)、市知识产权工作领导小组成员单位〕"
    assert _repair("落实负责人责任制。") == "落实负责人责任制。"
    assert _repair("明确。人责任心强") == "明确。人责任心强"


def test_section_numerals_of_the_tall_png():
    # the 厦门 plan's sections (八), (九) and (十九) as Tesseract read them on its tall PNG
    text = "(七)推进知识产权融合监管\n(/)提升海外保护维权能力\n(力)建设知识产权文化环境"
    assert _repair(text).split("\n")[1:] == ["(八)提升海外保护维权能力", "(九)建设知识产权文化环境"]
    assert _repair("(十八)推进\n(十力)促进区域知识产权经济协作").endswith("\n(十九)促进区域知识产权经济协作")


def test_note_colon_read_as_semicolon():
    # the 厦门 plan's task 3.11 on its tall PNG
    got = _repair("转化为技术标准。〔责任单位;市市场监管局(知识产权局)、科技局、工信局,火炬高新区管委会〕")
    assert got.endswith("〔责任单位:市市场监管局(知识产权局)、科技局、工信局,火炬高新区管委会〕")
    assert _repair("明确责任单位;加强考核") == "明确责任单位;加强考核"


def test_item_point_read_as_a_gap():
    # the 福州 plan's item 4 on its tall PNG: the point's place read as a space
    got = _repair("3.推进知识产权运用。\n4 推进自主知识产权技术实施与产业化。")
    assert got.endswith("\n4.推进自主知识产权技术实施与产业化。")
    assert _repair("3.加强培训。\n4 年内完成") == "3.加强培训。\n4 年内完成"


def test_note_opened_with_a_square_bracket_closed():
    # the 厦门 plan's task 4.16 on its tall PNG: 〔 read as [, 〕 lost at the paragraph's end
    got = _repair("项目双向落地。[责任单位:市市场监管局(知识产权局)、工信局、金砖办、科技局,火炬高新区管委会")
    assert got.endswith(
        "落地。〔责任单位:市市场监管局(知识产权局)、工信局、金砖办、科技局,火炬高新区管委会〕"
    )
    assert _repair("依据。[附件一") == "依据。[附件一"
