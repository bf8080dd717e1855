"""The page generator itself: it must lay pages out the way the dumps do."""

from pagegen import double, generate, sample_articles, width, wrap


def test_wrap_indents_first_lines_and_never_starts_a_line_with_a_closing_mark():
    text = "当前，数字技术已经成为经济增长的新引擎，实施国家大数据战略、建设“数字中国”也成为中国式现代化的重要驱动力。"
    lines = wrap(text, 18, push=0.0)
    assert "".join(lines) == text
    assert width(lines[0]) <= 16 + 1  # indent lost; a squeezed mark may hang on
    assert all(width(ln) <= 19 for ln in lines[1:-1])
    assert not any(ln[0] in "，。、；：？！”）" for ln in lines[1:])


def test_double_repeats_every_glyph_run():
    assert double("“数字工匠”培育的实践与思考⑤") == "““数字工匠数字工匠””培育的实践与思考培育的实践与思考⑤⑤"


def test_generation_is_deterministic_and_uses_the_sample_articles():
    assert generate(5).text == generate(5).text
    assert len(sample_articles()) == 8
    titles = {a.title for seed in range(30) for a in generate(seed).articles}
    assert titles & {a.title for a in sample_articles()}
