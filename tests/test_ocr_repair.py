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
