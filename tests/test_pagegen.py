"""The page generator itself: it must lay pages out the way the dumps do."""

import conventions
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


def test_the_measure_pairs_articles_by_their_bodies_when_the_counts_differ():
    # Two bodies read as one: by position, every article after the slip
    # would be compared with its neighbour's reading; paired by body, only
    # the two that were merged fail (one read wrongly, one missing).
    from types import SimpleNamespace

    from measure_layout import align

    def spec(text):
        return SimpleNamespace(expected=lambda: {"paragraphs": [(text, None, None)]})

    bodies = ["工会推动平台企业协商", "数字技能人才培养体系", "劳动关系协商协调机制", "产业工人队伍建设改革"]
    parsed = [SimpleNamespace(text=bodies[0] + bodies[1]), SimpleNamespace(text=bodies[2]), SimpleNamespace(text=bodies[3])]
    assert align([spec(b) for b in bodies], parsed) == [0, None, 1, 2]
    # Counts that agree pair by position.
    assert align([spec(b) for b in bodies[:3]], parsed) == [0, 1, 2]


def test_a_family_at_other_widths_lays_out_new_pages_at_those_widths():
    name = conventions.at_widths("dev", (25,))
    assert name == "dev@25-25"
    page, same_seed = conventions.generate(7, name), conventions.generate(7, "dev")
    assert page.params["width"] == 25
    assert page.text != same_seed.text  # drawn with its own name: pages nobody tuned on
    assert conventions.generate(7, name).text == page.text  # and deterministic
