"""Which article a numbered series label belongs to, and when that is a guess (etl/layout/labels.py)."""

from etl.layout.labels import likely_owner, likely_owners, restated, series_owner


def _share_in(texts):
    """Share of a text's bigrams found in article k: the measure the parser uses."""

    def share(text, k):
        grams = {text[i : i + 2] for i in range(len(text) - 1)}
        return sum(g in texts[k] for g in grams) / len(grams) if grams else 0.0

    return share


def test_a_label_over_an_article_on_its_topic_stays_there_without_doubt():
    texts = ["本文谈数字工匠的培育与技能形成。", "本文谈集体协商与劳动关系。"]
    k, flag = series_owner("“数字工匠”培育的实践与思考⑤", 0, [0, 1], texts, _share_in(texts))
    assert (k, flag) == (0, None)


def test_a_label_between_two_articles_on_its_paraphrased_topic_is_contested():
    # The topic is printed paraphrased (工匠数字 for 数字工匠), so no article holds it
    # word for word, and both articles share its words: position alone decides.
    texts = ["数字工匠的培育需要技能形成体系。", "培育数字工匠，离不开工匠精神。"]
    k, flag = series_owner("“工匠数字”培育的实践与思考⑤", 1, [0, 1], texts, _share_in(texts))
    assert (k, flag) == (1, "label_contested")


def test_a_label_whose_topic_only_the_article_under_it_shares_is_not_contested():
    texts = ["数字工匠的培育需要技能形成体系。", "集体协商促进劳动关系和谐。"]
    k, flag = series_owner("“工匠数字”培育的实践与思考⑤", 0, [0, 1], texts, _share_in(texts))
    assert (k, flag) == (0, None)


def test_a_label_kept_over_an_article_that_shares_less_of_its_topic_than_another_is_contested():
    # Nothing under the label shares its topic; another article shares a third
    # of it: too little to move the label, too much to keep it without doubt.
    texts = ["集体协商促进劳动关系和谐。", "数字经济发展带来新机遇。"]
    k, flag = series_owner("“工匠数字”培育的实践与思考⑤", 0, [0, 1], texts, _share_in(texts))
    assert (k, flag) == (0, "label_contested")


def test_an_orphan_label_points_the_reviewer_at_the_article_its_topic_suggests():
    # At the foot of the page (no article under it) with a topic too weakly
    # shared to place it: an orphan, but the flag names the likely article.
    texts = ["集体协商促进劳动关系和谐。", "技能培训与数字经济的结合。"]
    share = _share_in(texts)
    label = "“数字技能人才”的实践与思考③"
    assert series_owner(label, None, [0, 1], texts, share) == (None, "label_orphan")
    assert likely_owner(label, [0, 1], share) == 1
    assert likely_owner("“网约车司机”的实践与思考③", [0, 1], share) is None  # shares nothing
    assert likely_owner("新就业形态观察③", [0, 1], share) is None  # no quoted topic


def test_an_orphan_label_whose_topic_two_articles_share_alike_points_at_both():
    # At the foot of the page, its topic paraphrased (工匠数字), and both
    # articles are about 数字工匠: it cannot be placed, and either may own it.
    texts = ["数字工匠的培育需要技能形成体系。", "培育数字工匠，离不开工匠精神。", "集体协商促进劳动关系和谐。"]
    share = _share_in(texts)
    label = "“工匠数字”培育的实践与思考⑤"
    assert series_owner(label, None, [0, 1, 2], texts, share) == (None, "label_orphan")
    assert sorted(likely_owners(label, [0, 1, 2], share)) == [0, 1]
    assert likely_owners("“数字技能人才”的实践与思考③", [0, 1, 2], _share_in(["技能培训与数字经济的结合。", "集体协商", "劳动"])) == [0]


def test_each_orphan_label_is_flagged_once():
    """A label left in page_residue gets one label_orphan flag per article it
    may belong to (or one for the page), not one per stage that noticed it."""
    import sys
    from collections import Counter
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from measure_layout import page_for

    from etl.layout import parse_page

    orphans = 0
    for seed in range(100):
        parsed = parse_page(page_for("dev", seed).text)
        flagged = Counter((f.line_start, f.article) for f in parsed.flags if f.kind == "label_orphan")
        for r in parsed.residue:
            if r.reason == "orphan_label":
                orphans += 1
                mine = [n for (line, _), n in flagged.items() if line == r.line_no]
                assert mine and set(mine) == {1}, (seed, r)
    assert orphans >= 2


def test_a_topic_restated_in_another_order_or_shorter_is_found_in_its_article():
    # Labels reorder or abbreviate their topic; the characters stay together.
    assert restated("强国技能", "建设技能强国，人人出彩。")  # halves swapped
    assert restated("高质发展", "推动工会工作高质量发展。")  # a character left out
    # ...but not characters scattered over a sentence, nor a short topic.
    assert not restated("强国技能", "技能培训是强大国家的基础。")
    assert not restated("能技", "技能")


def test_a_label_goes_to_the_one_article_that_restates_its_topic():
    # Printed over article 1, which shares the topic's words loosely (数字 and
    # 工匠 apart); article 0 holds the topic with its halves swapped.  By
    # shared bigrams alone the label would stay where it is printed.
    texts = ["本文谈数字工匠的培育与技能形成。", "数字经济呼唤工匠精神，技能人才大有可为。"]
    k, flag = series_owner("“工匠数字”的实践与思考⑤", 1, [0, 1], texts, _share_in(texts))
    assert (k, flag) == (0, None)
