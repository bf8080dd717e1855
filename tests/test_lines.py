"""Line-level conventions of the page dumps: widths, noise spaces, labels."""

import pytest

from etl.layout.lines import Kind, classify, display_tokens, display_width, split_lines, strip_noise_spaces, undouble


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("面 建 设 社 会 主 义 现 代 化 国 家 团 结 奋 斗 。", "面建设社会主义现代化国家团结奋斗。"),  # justified line
        ("1949年 1月，抚顺市", "1949年1月，抚顺市"),  # stray space after a year
        ("为 3.59 亿人", "为3.59亿人"),
        ("占 GDP比重", "占GDP比重"),
        ("截至 1946 年 3", "截至1946年3"),
        ("占 就 业 人 员 比 重 ，将 分 别 达 到 59.05% 、", "占就业人员比重，将分别达到59.05%、"),
        ("基于 Open AI 的模型", "基于Open AI的模型"),  # a space between Latin words is real
        (" 当前，数字技术", "当前，数字技术"),  # frame-start space
    ],
)
def test_layout_spaces_are_removed_but_latin_word_spaces_kept(raw, clean):
    assert strip_noise_spaces(raw) == clean


def test_display_width_counts_han_and_full_width_punctuation_as_one_cell():
    assert display_width("数字经济，") == 5
    assert display_width("2018") == 2  # digits are set half-width
    assert display_width("数字 经济") == 4  # spaces are layout, not text


def test_display_tokens_keep_separators_between_han_parts_only():
    assert display_tokens("赵坤 熊军") == ["赵坤", "熊军"]
    assert display_tokens("丰富维权服务载体 满足产业职工新型权益诉求") == ["丰富维权服务载体", "满足产业职工新型权益诉求"]
    assert display_tokens("面 建 设 社 会") == ["面建设社会"]
    assert display_tokens("“幸福 10 号”") == ["“幸福10号”"]


@pytest.mark.parametrize(
    "doubled, label",
    [
        ("““数字工匠数字工匠””培育的实践与思考培育的实践与思考⑤⑤", "“数字工匠”培育的实践与思考⑤"),
        ("《《劳动法劳动法》》系列谈系列谈③③", "《劳动法》系列谈③"),
        ("新就业形态观察新就业形态观察", "新就业形态观察"),
    ],
)
def test_bold_labels_with_doubled_glyph_runs_are_undoubled(doubled, label):
    assert undouble(doubled) == label


@pytest.mark.parametrize("text", ["数字技术的发展创新了劳动", "哈哈", "工会工会会员", "“”"])
def test_ordinary_text_is_not_taken_for_a_doubled_label(text):
    assert undouble(text) is None


@pytest.mark.parametrize(
    "raw, kind",
    [
        ("（作者单位：辽宁省抚顺市总工会）", Kind.FOOTER),
        ("（作者为南开大学周恩来政府管理学院教授）", Kind.FOOTER),
        ("（张菁 整理）", Kind.FOOTER),
        ("●观 点", Kind.MARKER),
        ("G 热点思考", Kind.COLUMN),
        (" G 热点思考", Kind.COLUMN),
        ("——中国劳动学会会长 杨志明", Kind.DASH),
        ("赵坤 熊军", Kind.NAME),
        ("欧阳明", Kind.NAME),
        ("卢然", Kind.NAME),
        ("结语", Kind.TEXT),  # a short heading, not a name: 结 is no family name
        ("“数字工匠”培育的独特性", Kind.TEXT),
        ("（一）加强组织建设", Kind.TEXT),  # an enumeration, not a footer
        ("（二）综合施策的成效", Kind.TEXT),  # a numbered heading holding a footer's word (综合)
        ("（3）编辑出版的规范", Kind.TEXT),
        ("（本报记者 综合报道）", Kind.FOOTER),
    ],
)
def test_lines_that_announce_what_they_are(raw, kind):
    assert classify(raw) == kind


def test_split_lines_numbers_lines_from_one_and_counts_blank_gaps():
    lines = split_lines("\n标题\n 正文第一行\n\n正文第二行。\n")
    assert [ln.no for ln in lines] == [2, 3, 5]
    assert [ln.gap for ln in lines] == [1, 0, 1]
    assert lines[1].lead and not lines[0].lead


def test_word_frequencies_keep_every_count_a_threshold_asks_about():
    """The table keeps only words counted at least COMMON_WORD times; every
    threshold asked of it is at least that, so the answers are those of
    jieba's whole dictionary."""
    from importlib import resources

    from etl.layout.lines import EVERYDAY_WORD
    from etl.text import COMMON_WORD, word_frequencies

    assert EVERYDAY_WORD >= COMMON_WORD
    whole = {}
    for line in resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            whole[parts[0]] = int(parts[1])
    kept = word_frequencies()
    for word, count in whole.items():
        if count >= COMMON_WORD:
            assert kept[word] >= count, word
    assert kept["劳动"] >= EVERYDAY_WORD and kept.get("王明", 0) < EVERYDAY_WORD
