"""Hand-written pages for conventions of the wider set (tests/conventions.py).

Each test names the newspaper convention a rule encodes; each fails without
its rule.  The pages are typed as the dumps come: a blank line after every
printed line in the spaced frames, columns of about 20 cells, a paragraph's
first line two cells short.
"""

from etl.layout import parse_page

BODY = """
当前，新就业形态劳动者数量持续增长，

劳动关系呈现出新的特点，需要各方共同努力

加以应对，形成工作合力。

近年来，各地工会积极推动平台企业与

劳动者开展协商，建立健全沟通对话机制，取

得了明显成效，劳动者的获得感不断增强。
"""
FOOTER = "（作者单位：某大学劳动关系学院）\n"


def test_a_two_part_headline_on_two_lines_keeps_the_space_between_its_halves():
    # 健全…体系 支持…发展: two parallel verb phrases, one per line, no space in the dump
    # (under the page's banner: a first line of the page alone may be the banner).
    page = "\n理论周刊\n完善协商协调机制\n\n构建和谐劳动关系\n王明\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.title == "完善协商协调机制 构建和谐劳动关系"
    assert list(a.authors) == ["王明"]


def test_a_headline_wrapped_mid_word_joins_without_a_space():
    page = "\n新就业形态劳动者权益保障的实践与思\n\n考\n王明\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.title == "新就业形态劳动者权益保障的实践与思考"


def test_a_headline_between_the_byline_and_the_body_is_the_headline():
    # Some pages print the byline over the headline: a body opens with a
    # paragraph, so the line between them is no section heading.
    page = "\n王明\n\n推动平台企业 完善协商机制\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.title == "推动平台企业 完善协商机制"
    assert list(a.authors) == ["王明"]
    assert all(p.heading is None for p in a.paragraphs)


def test_a_numbered_heading_right_after_the_byline_stays_a_heading():
    page = "\n构建和谐劳动关系的制度保障\n王明\n\n一、现实困境\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.title == "构建和谐劳动关系的制度保障"
    assert [p.heading for p in a.paragraphs] == ["一、现实困境", "一、现实困境"]


def test_a_numbered_heading_with_a_footer_word_does_not_end_the_body():
    # （二）综合…: a numeral in parentheses opens a numbered heading; only
    # an attribution (（张三 整理）, （本报记者 综合报道）) closes a body.
    body = BODY.replace("近年来，各地工会积极推动平台企业与", "（二）综合施策的成效\n\n近年来，各地工会积极推动平台企业与")
    page = "\n构建和谐劳动关系的制度保障\n王明\n" + body + FOOTER
    (a,) = parse_page(page).articles
    assert a.title == "构建和谐劳动关系的制度保障"
    assert [p.heading for p in a.paragraphs] == [None, "（二）综合施策的成效"]
    assert a.affiliation == "作者单位：某大学劳动关系学院"


def test_a_byline_name_a_word_runs_into_is_still_the_byline():
    # A word may run by chance from the headline into the name under it
    # (…数字化发展 + 史雪: 发展史); a line the tagger reads as one person's
    # name is the byline, not the headline's tail.
    page = "\n推动服务业数字化发展\n史雪\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.title == "推动服务业数字化发展"
    assert list(a.authors) == ["史雪"]


def test_a_name_the_dump_starts_with_a_space_is_no_headline_tail():
    # A lead space opens a new text frame: the byline's, though a word runs
    # into it (…岗位胜任 + 何立新: 任何) and the tagger does not read it as a name.
    page = "\n完善培训体系 提升职工岗位胜任\n 何立新\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.title == "完善培训体系 提升职工岗位胜任"
    assert list(a.authors) == ["何立新"]


def test_two_verb_phrases_joined_as_one_wrapped_headline_are_flagged_as_a_possible_kicker():
    # A one-part headline does not run two verb phrases together: 推动…发展
    # over 完善… (not parallel enough for a two-part headline's halves) may
    # be a kicker (引题) over a short headline.  A wrap inside one phrase is
    # no such doubt.
    def kicker_guesses(head: str) -> list[int]:
        return [f.article for f in parse_page("\n" + head + "\n王明\n" + BODY + FOOTER).flags if f.kind == "kicker_guess"]

    (a,) = parse_page("\n推动新就业形态劳动关系发展\n完善协商机制\n王明\n" + BODY + FOOTER).articles
    assert a.title == "推动新就业形态劳动关系发展完善协商机制" and a.kicker is None
    assert kicker_guesses("推动新就业形态劳动关系发展\n完善协商机制") == [0]
    assert kicker_guesses("完善新就业形态劳动者权益\n保障的协商机制") == []


DIGEST = """
某学会年会日前在京举行。会上，多位专家学者围绕

数字化与劳动高质量发展等议题展开讨论。现摘

编部分观点。

数字时代灵活用工中的劳动标准制定是重要议

题，要从劳动时间、劳动强度、劳动报酬等方面

进行构建，实现度量单位的精准化。

——某大学劳动经济学院教授 张三

平台企业要积极履行社会责任，保障劳动者的

合法权益，推动建立健全协商协调机制，促进

劳动关系和谐稳定。

——某研究院研究员 李四
（赵五 整理）
"""


def test_a_digest_under_an_authors_byline_is_flagged_as_perhaps_merged():
    # A digest (views under their speakers' attributions) is signed by its
    # compiler, not an author: an author's byline over one belongs to another
    # article, whose body may have run on into the digest's views.
    def merged(page: str) -> list[int | None]:
        return [f.article for f in parse_page(page).flags if f.kind == "bodies_merged"]

    (a,) = parse_page("\n王明\n" + DIGEST).articles
    assert a.kind == "digest" and list(a.authors) == ["王明"]
    assert merged("\n王明\n" + DIGEST) == [0, None]
    assert merged("\n以数字化促进劳动高质量发展\n——某学会年会观点摘编\n" + DIGEST) == []


def test_a_byline_under_another_articles_box_over_a_digest_is_that_articles():
    # Box, byline, then a digest's headline and views: a digest is signed by
    # its compiler, so the byline is not its own but the box's article's
    # (the heads of two articles stacked), still a guess: flagged.
    page = (
        "\n●观点\n工会推动企业同职工\n开展协商，成效明显。\n王明\n"
        "平台用工的协商实践\n——某研讨会发言摘要\n" + DIGEST
        + "新就业形态劳动者的权益保障\n" + BODY + FOOTER
    )
    parsed = parse_page(page)
    digest, other = parsed.articles
    assert digest.kind == "digest" and not digest.authors
    assert list(other.authors) == ["王明"] and other.pullquote
    assert ("byline_ambiguous", 1) in {(f.kind, f.article) for f in parsed.flags}


def test_a_short_heading_whose_last_character_makes_a_word_with_the_next_line_stands_alone():
    # 建设数字工会 + 会员…: 工会会员 runs across the lines by chance.  A line
    # not half the column's width cannot start a paragraph that goes on (a
    # paragraph fills every line but its last), so it stands alone.
    body = BODY.replace("近年来，各地工会积极推动平台企业与", "建设数字工会\n\n会员发展中，基层组织主动对接新兴企业与")
    page = "\n构建和谐劳动关系的制度保障\n王明\n" + body + FOOTER
    (a,) = parse_page(page).articles
    assert [p.heading for p in a.paragraphs] == [None, "建设数字工会"]
    assert a.paragraphs[1].text.startswith("会员发展中，")


def test_a_heading_wider_than_the_column_is_still_a_heading():
    body = BODY.replace("近年来，各地工会积极推动平台企业与", "完善新就业形态劳动者权益保障的制度体系和工作机制建设\n\n近年来，各地工会积极推动平台企业与")
    page = "\n构建和谐劳动关系的制度保障\n王明\n" + body + FOOTER
    (a,) = parse_page(page).articles
    assert [p.heading for p in a.paragraphs] == [None, "完善新就业形态劳动者权益保障的制度体系和工作机制建设"]


def test_a_kicker_over_the_headline_is_kept_apart():
    # 引题 names the theme; the headline is what shares the article's words.
    page = "\n理论周刊\n深化产业工人队伍建设改革\n\n推动平台企业\n\n完善协商机制\n王明\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.kicker == "深化产业工人队伍建设改革"
    assert [r.text for r in parse_page(page).residue] == ["理论周刊"]
    assert a.title == "推动平台企业 完善协商机制"


def test_an_editors_note_is_its_own_field_not_a_paragraph():
    page = (
        "\n编者按：新就业形态劳动者权益保障是工会工作的\n重要课题。本版今起刊发系列文章，敬请关注。\n"
        "构建和谐劳动关系的制度保障\n王明\n" + BODY + FOOTER
    )
    (a,) = parse_page(page).articles
    assert a.editor_note == "新就业形态劳动者权益保障是工会工作的重要课题。本版今起刊发系列文章，敬请关注。"
    assert a.title == "构建和谐劳动关系的制度保障"
    assert len(a.paragraphs) == 2


def test_an_editors_note_set_otherwise_than_the_body_ends_where_the_setting_changes():
    # The note is printed in a box of its own: its lines come with a blank line
    # between them in the dump, the body's without (or the other way round).
    # A full last line of the note followed by an indented first line as wide
    # says nothing; the change of setting says the note is over.
    compact = "\n".join(line for line in BODY.split("\n") if line) + "\n"
    page = (
        "\n构建和谐劳动关系的制度保障\n王明\n编者按：新就业形态劳动者权益保障是工会\n\n"
        "工作的重要课题，本版今起刊发系列文章。\n" + compact + FOOTER
    )
    (a,) = parse_page(page).articles
    assert a.editor_note == "新就业形态劳动者权益保障是工会工作的重要课题，本版今起刊发系列文章。"
    assert len(a.paragraphs) == 2


def test_a_staff_byline_gives_the_names_only():
    page = "\n构建和谐劳动关系的制度保障\n本报记者 王明 本报通讯员 李华\n" + BODY
    (a,) = parse_page(page).articles
    assert list(a.authors) == ["王明", "李华"]
    assert a.affiliation is None


def test_a_column_label_without_its_icon_goes_to_the_article_under_it():
    page = "\n新时代工会理论研究\n" + BODY.replace("当前", "目前") + FOOTER + "热点思考\n构建和谐劳动关系的制度保障\n王明\n" + BODY + FOOTER
    first, second = parse_page(page).articles
    assert second.column_name == "热点思考"
    assert first.column_name is None


def test_a_box_between_the_byline_and_the_body_set_narrower_is_the_box():
    # (It restates the article, as a box does, though not word for word.)
    box = "\n各地工会推动平台企\n\n业与劳动者开展协商，\n\n建立沟通对话机制，\n\n成效明显。\n"
    page = "\n构建和谐劳动关系的制度保障\n王明\n" + box + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.pullquote == "各地工会推动平台企业与劳动者开展协商，建立沟通对话机制，成效明显。"
    assert len(a.paragraphs) == 2


def stacked_heads(heads: str) -> str:
    """A page of two articles: `heads` (the heads printed over the first
    body), the first article's headline and body, then the second's."""
    other_body = BODY.replace("新就业形态劳动者数量持续增长", "产业工人队伍建设改革深入推进").replace("平台企业", "龙头企业")
    return (
        heads + "新就业形态劳动者的权益保障\n" + BODY + FOOTER
        + "产业工人队伍建设的实践与思考\n" + other_body + FOOTER
    )


def test_two_boxes_each_over_a_byline_give_each_byline_to_its_box_and_say_so():
    # The heads of two articles printed together at the top of the page.
    page = stacked_heads(
        "\n●观点\n产业工人队伍建设改革\n深入推进，形成工作合力。\n李华\n"
        "●观点\n各地工会积极推动平台企\n业与劳动者开展协商。\n王明\n"
    )
    parsed = parse_page(page)
    first, second = parsed.articles
    assert list(first.authors) == ["王明"] and list(second.authors) == ["李华"]
    assert {f.kind for f in parsed.flags} >= {"byline_ambiguous"}


def test_a_byline_printed_first_of_two_over_the_first_body_is_the_second_articles():
    # The heads of the page's first two articles stacked at its top: the
    # second's byline (it has no box), then the first's box and byline, then
    # the first's headline and body.  The second article has no byline of
    # its own: the first of the two is its, a guess flagged on both.
    page = stacked_heads("\n李华\n●观点\n工会推动企业同职工\n开展协商，成效明显。\n王明\n")
    parsed = parse_page(page)
    first, second = parsed.articles
    assert list(first.authors) == ["王明"] and list(second.authors) == ["李华"]
    assert {(f.kind, f.article) for f in parsed.flags} >= {("byline_ambiguous", 0), ("byline_ambiguous", 1)}


def test_one_byline_under_another_articles_box_stays_with_the_body_and_says_so():
    # Box, byline, headline, body: the byline stands over the body (its own
    # article's place) and under the other article's box (the place of that
    # article's byline when two heads are stacked).  The article of the box
    # has no byline of its own: either may be right, so both are flagged.
    page = stacked_heads("\n●观点\n产业工人队伍建设改革\n深入推进，形成工作合力。\n李华\n")
    parsed = parse_page(page)
    first, second = parsed.articles
    assert list(first.authors) == ["李华"] and not second.authors and second.pullquote
    assert sorted((f.kind, f.article) for f in parsed.flags) == [("byline_ambiguous", 0), ("byline_ambiguous", 1)]


def test_a_series_label_far_from_its_article_goes_to_the_article_on_its_topic():
    # The label paraphrases the topic (协商机制 for 沟通对话机制 / 协商): no word-for-word match.
    other = BODY.replace("新就业形态劳动者数量持续增长", "职工技能提升行动深入开展").replace("平台企业与", "职业院校与").replace("沟通对话机制", "技能培训体系").replace("开展协商", "开展合作")
    page = (
        "\n技能培训的新路径\n李华\n" + other + FOOTER
        + "平台劳动者权益保障\n王明\n" + BODY + FOOTER
        + "““对话机制沟通对话机制沟通””系列谈系列谈③③\n"
    )
    first, second = parse_page(page).articles
    assert second.series == "“对话机制沟通”系列谈③"
    assert first.series is None


def test_an_article_without_a_headline_is_flagged():
    parsed = parse_page("\n王明\n" + BODY + FOOTER)
    assert [f.kind for f in parsed.flags] == ["title_missing"]


def test_a_kicker_on_the_articles_own_words_over_two_halves_is_still_the_kicker():
    # A headline has two halves at most: a third phrase over them is the kicker,
    # even when it shares the article's words (劳动者, 协商).
    page = "\n理论周刊\n推动劳动者开展协商\n\n推动平台企业\n\n完善协商机制\n王明\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert (a.kicker, a.title) == ("推动劳动者开展协商", "推动平台企业 完善协商机制")


def test_a_first_half_in_general_words_is_flagged_as_a_possible_kicker():
    # Each half of a two-part headline restates the article in its own words
    # (the samples' first halves share 82-100% of their bigrams with the body);
    # a kicker sets the context in general ones (推动…高质量发展).  Two parallel
    # phrases whose first shares few of the article's words may be a kicker
    # and a one-line headline: the reading stands, flagged.
    page = "\n理论周刊\n推动工会工作高质量发展\n\n建立沟通对话机制\n王明\n" + BODY + FOOTER
    parsed = parse_page(page)
    assert parsed.articles[0].title == "推动工会工作高质量发展 建立沟通对话机制"
    assert [f.detail for f in parsed.flags if f.kind == "kicker_guess"] == ["推动工会工作高质量发展 | 建立沟通对话机制"]
    # Halves both in the article's words (平台企业, 协商; 沟通对话机制): no doubt.
    page = "\n理论周刊\n推动平台企业协商\n\n建立沟通对话机制\n王明\n" + BODY + FOOTER
    parsed = parse_page(page)
    assert parsed.articles[0].title == "推动平台企业协商 建立沟通对话机制"
    assert not [f for f in parsed.flags if f.kind == "kicker_guess"]


def test_a_first_line_in_general_words_joined_to_a_headline_is_flagged_as_a_possible_kicker():
    # The same doubt when the two lines are joined as one wrapped headline (the
    # lower one too short to be a parallel half): the first line of a wrapped
    # headline carries the article's words (新就业形态劳动者权益保障的 + 协商机制).
    parsed = parse_page("\n理论周刊\n推动新就业形态高质量发展\n\n建立对话机制\n王明\n" + BODY + FOOTER)
    assert parsed.articles[0].title == "推动新就业形态高质量发展建立对话机制"
    assert [f.detail for f in parsed.flags if f.kind == "kicker_guess"] == ["推动新就业形态高质量发展 | 建立对话机制"]
    parsed = parse_page("\n新就业形态劳动者权益保障的\n\n协商机制\n王明\n" + BODY + FOOTER)
    assert parsed.articles[0].title == "新就业形态劳动者权益保障的协商机制" and not parsed.flags


def test_a_short_name_under_a_headline_sharing_none_of_its_words_is_its_column_label():
    # A short generic name (学者观察) under the headline is the column label
    # (some pages print it under the headline, as the classic layouts do), not
    # the headline's tail: a tail shares the article's words (协商机制) or
    # opens with a particle (的思考).
    parsed = parse_page("\n推动平台企业协商\n\n学者观察\n王明\n" + BODY + FOOTER)
    assert (parsed.articles[0].title, parsed.articles[0].column_name) == ("推动平台企业协商", "学者观察")
    assert not parsed.flags
    for tail in ("协商机制", "的思考"):
        parsed = parse_page(f"\n新就业形态劳动者权益保障的\n\n{tail}\n王明\n" + BODY + FOOTER)
        assert parsed.articles[0].title.endswith(tail.lstrip("的")) and not parsed.flags


def test_a_box_repeated_word_for_word_further_down_its_body_is_its_box():
    # Set at the body's width between byline and body, it reads as a first
    # paragraph; but no article prints one of its paragraphs twice.
    box = "\n近年来，各地工会积极推动平台企业与劳动\n\n者开展协商，建立健全沟通对话机制，取得\n\n了明显成效。\n"
    body = BODY.replace("得了明显成效，劳动者的获得感不断增强。", "得了明显成效。劳动者的获得感不断增强。")
    page = "\n构建和谐劳动关系的制度保障\n王明\n" + box + body + FOOTER
    (a,) = parse_page(page).articles
    assert a.pullquote == "近年来，各地工会积极推动平台企业与劳动者开展协商，建立健全沟通对话机制，取得了明显成效。"
    assert len(a.paragraphs) == 2


def test_a_name_over_a_headline_after_a_body_without_footer_is_the_next_byline():
    # Reporters' pieces end without a footer; the next article's byline then
    # follows the body directly, printed over its headline.
    first = "\n平台劳动者权益保障观察\n本报记者 李华\n" + BODY + BODY.replace("近年来", "同时")  # a long body
    page = first + "王明\n\n推动平台企业 完善协商机制\n" + BODY.replace("当前", "目前") + FOOTER
    a, b = parse_page(page).articles
    assert list(a.authors) == ["李华"] and list(b.authors) == ["王明"]
    assert b.title == "推动平台企业 完善协商机制"


ARTICLE_A = """
构建数字企业人才培养体系，是推动

企业转型的关键。各地要加大投入，

形成工作合力。

数字企业需要大量技能人才，相关部

门要出台措施，加快培养步伐，取得

了明显成效。
"""
ARTICLE_B = """
数字企业的发展离不开劳动者的贡献，

要推动收入分配制度改革，保障劳动者

的分配权，让劳动者共享发展成果。

各地工会要积极推动企业建立工资集体

协商制度，维护职工的合法权益，取得

了明显成效。
"""


def a_then_b(between: str) -> str:
    """A page of article A (headline, byline, body, footer), then `between`
    (article B's header) and article B's body and footer."""
    return "\n理论周刊\n构建人才培养体系\n王明\n" + ARTICLE_A + FOOTER + between + ARTICLE_B + FOOTER


def test_a_far_headline_with_a_free_line_under_it_may_be_a_displaced_kicker():
    # A headline printed away from its body moves with its kicker (引题),
    # set right over it.  Article A's two lines stand over B's headline: A
    # takes the one sharing more of its words, but that may be the kicker
    # (its theme words are A's too) and the line under it A's headline,
    # read as B's kicker.  Words cannot tell: both articles are flagged.
    def page(displaced: str) -> str:
        return "\n王明\n" + ARTICLE_A + FOOTER + displaced + "推动分配权改革\n李华\n" + ARTICLE_B + FOOTER

    def kicker_guesses(text: str) -> list[int]:
        return [f.article for f in parse_page(text).flags if f.kind == "kicker_guess"]

    a, b = parse_page(page("\n构建数字企业人才培养体系\n加大投入的实践与思考\n")).articles
    assert a.title == "构建数字企业人才培养体系" and b.kicker == "加大投入的实践与思考"
    assert kicker_guesses(page("\n构建数字企业人才培养体系\n加大投入的实践与思考\n")) == [0, 1]
    # A headline displaced alone, right over B's own headline: no doubt.
    assert kicker_guesses(page("\n构建数字企业人才培养体系\n")) == []


def test_a_box_over_the_next_headline_is_no_paragraph_of_the_body_above():
    # Article A ends without a footer; B's box, printed over B's headline,
    # was read as A's last paragraph.  The dump opens a new frame with it
    # (a space before its first line), it is set much narrower than A's
    # column, and it shares B's words, not A's: B's box.
    box = "\n 要推动收入分配\n\n制度改革，让劳\n\n动者共享发展成\n\n果。\n"
    page = "\n理论周刊\n构建人才培养体系\n王明\n" + ARTICLE_A + box + "推动分配权改革\n李华\n" + ARTICLE_B + FOOTER
    a, b = parse_page(page).articles
    assert [p.text[-6:] for p in a.paragraphs] == ["成工作合力。", "了明显成效。"]
    assert (b.title, b.pullquote) == ("推动分配权改革", "要推动收入分配制度改革，让劳动者共享发展成果。")


def test_a_box_over_the_next_headline_quoting_it_word_for_word_is_its_box():
    # The same without the space that opens a new frame: the paragraph is
    # printed word for word in B, and no article prints one of its
    # paragraphs in another.
    box = "\n要推动收入分配制\n\n度改革，保障劳动\n\n者的分配权，让劳\n\n动者共享发展成果。\n"
    page = "\n理论周刊\n构建人才培养体系\n王明\n" + ARTICLE_A + box + "推动分配权改革\n李华\n" + ARTICLE_B + FOOTER
    a, b = parse_page(page).articles
    assert len(a.paragraphs) == 2
    assert b.pullquote == "要推动收入分配制度改革，保障劳动者的分配权，让劳动者共享发展成果。"


def test_a_box_an_editor_condensed_set_apart_from_its_body_is_its_box():
    # B's box, its marker lost and an editor's note between it and B's body,
    # comes out of the dump as a body of its own.  The editor left out a
    # word or two (要, 的): it is found nowhere word for word, but nearly
    # every bigram of it is B's, and a paragraph of one article shares far
    # fewer with another.
    box = "\n推动收入分配制度\n\n改革，保障劳动者\n\n分配权，让劳动者\n\n共享发展成果。\n"
    note = "\n编者按：收入分配关系劳动者切身利益。本版\n刊发专家文章，敬请关注。\n"
    page = "\n理论周刊\n构建人才培养体系\n王明\n" + ARTICLE_A + FOOTER + "推动分配权改革\n李华\n" + box + note + ARTICLE_B + FOOTER
    a, b = parse_page(page).articles
    assert b.pullquote == "推动收入分配制度改革，保障劳动者分配权，让劳动者共享发展成果。"
    assert (b.title, list(b.authors)) == ("推动分配权改革", ["李华"])
    assert b.editor_note.startswith("收入分配关系劳动者切身利益")
    assert b.paragraphs[0].text.startswith("数字企业的发展离不开劳动者的贡献")


def test_a_column_label_without_its_icon_is_no_far_body_s_headline_by_one_shared_word():
    # 理论视野 has three bigrams; the third article, whose headline is lost,
    # prints 理论 once: one bigram of three is no evidence for a short
    # generic name.  It stays the label of the article printed under it.
    body_c = BODY.replace("当前，新就业形态", "当前，理论界认为新就业形态")
    page = (
        "\n构建人才培养体系\n王明\n" + ARTICLE_A + FOOTER + "\n理论视野\n\n推动分配权改革\n李华\n" + ARTICLE_B + FOOTER
        + "\n张红\n" + body_c + FOOTER
    )
    a, b, c = parse_page(page).articles
    assert (b.title, b.column_name) == ("推动分配权改革", "理论视野")
    assert c.title is None


def test_a_first_half_another_article_shares_is_still_the_first_half():
    # The halves of a two-part headline restate their article in its own
    # words; a short half (构建数字企业) may be shared even more by the
    # article above, so the stack is cut between the halves.  A parallel
    # verb phrase right over the headline that shares a good part of its
    # article's words is its first half, not a kicker (引题 sets the
    # context in general words); the flag says another article shares more.
    parsed = parse_page(a_then_b("构建数字企业\n\n推动分配权\n李华\n"))
    a, b = parsed.articles
    assert a.title == "构建人才培养体系"
    assert (b.title, b.kicker) == ("构建数字企业 推动分配权", None)
    assert ("kicker_guess", 1) in [(f.kind, f.article) for f in parsed.flags]


def test_a_kicker_over_a_one_part_headline_on_other_words_stays_the_kicker():
    # 聚焦… is a verb phrase parallel to the headline, but a theme: it shares
    # few of the article's words.
    page = "\n理论周刊\n聚焦产业工人队伍建设\n\n推动分配权改革\n李华\n" + ARTICLE_B + FOOTER
    (b,) = parse_page(page).articles
    assert (b.kicker, b.title) == ("聚焦产业工人队伍建设", "推动分配权改革")


def test_headline_lines_glued_over_an_unmarked_box_are_the_headline():
    # A box quotes whole sentences of its article.  A box without its ●观点
    # marker printed right under the headline, with no blank line between,
    # comes out of the dump as one run of short lines; the lines above the
    # first line of the quoted sentence (and without clause punctuation)
    # are the headline, though its words are the box's article's own.
    page = (
        "\n理论周刊\n王明\n推动平台企业\n完善协商机制\n 当前，新就业形态劳\n动者数量持续增长，\n劳动关系呈现出新的\n"
        "特点，需要各方共同\n努力加以应对，形成\n工作合力。\n" + BODY + FOOTER
    )
    (a,) = parse_page(page).articles
    assert a.title == "推动平台企业 完善协商机制"
    assert a.pullquote == "当前，新就业形态劳动者数量持续增长，劳动关系呈现出新的特点，需要各方共同努力加以应对，形成工作合力。"
    assert list(a.authors) == ["王明"]


def test_headline_lines_glued_over_an_edited_box_are_the_headline():
    # Editors shorten what a box quotes: here its first clause opens a
    # sentence of the article and its last clause ends another, but the
    # clause between them is cut out, so the box is found nowhere word for
    # word.  The lines without clause punctuation over it are still the
    # headline.
    page = (
        "\n理论周刊\n王明\n推动平台企业\n完善协商机制\n当前，新就业形态劳\n动者数量持续增长，\n需要各方共同努力加\n"
        "以应对，形成工作合\n力。\n" + BODY + FOOTER
    )
    (a,) = parse_page(page).articles
    assert a.title == "推动平台企业 完善协商机制"
    assert a.pullquote == "当前，新就业形态劳动者数量持续增长，需要各方共同努力加以应对，形成工作合力。"
    assert list(a.authors) == ["王明"]


def test_a_box_that_ran_on_into_the_first_paragraph_gives_it_back():
    # A box quotes whole sentences of its article.  Its last line here is as
    # wide as the box, so nothing in the dump ends it, and the paragraph
    # under it was read as the box's; but the box up to its sentence end is
    # in the article and the rest is in no article: that rest is the body's
    # first paragraph.
    box = "\n当前，新就业形态劳动\n\n者数量持续增长，劳动\n\n关系呈现出新的特点，\n\n需要各方共同努力加以\n\n应对，形成工作合力。\n"
    first = "\n面对新的形势，工会组织\n必须主动作为。\n"
    page = "\n理论周刊\n构建和谐劳动关系的制度保障\n王明\n ●观点\n" + box + first + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.pullquote == "当前，新就业形态劳动者数量持续增长，劳动关系呈现出新的特点，需要各方共同努力加以应对，形成工作合力。"
    assert a.paragraphs[0].text == "面对新的形势，工会组织必须主动作为。"
    assert len(a.paragraphs) == 3


def test_a_sentence_an_editor_shortened_at_the_end_of_a_box_stays_in_the_box():
    # The box's second sentence is found nowhere word for word (the editor
    # shortened it), but it is set within the box's width: no paragraph of
    # the body, which is set wider.
    box = "\n当前，新就业形态劳动\n\n者数量持续增长，劳动\n\n关系呈现出新的特点，\n\n需要各方共同努力加以\n\n应对，形成工作合力。\n\n各地工会推动协商，\n\n成效明显。\n"
    page = "\n理论周刊\n构建和谐劳动关系的制度保障\n王明\n ●观点\n" + box + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.pullquote.endswith("形成工作合力。各地工会推动协商，成效明显。")
    assert len(a.paragraphs) == 2


def test_a_headline_glued_over_a_box_that_opens_a_new_frame_is_the_headline():
    # The box is edited (its words are not the article's word for word, nor
    # does it open one of its sentences), but the dump starts its first
    # line with a space: a new text frame, so the line over it, without
    # clause punctuation, is no part of the box.
    page = "\n理论周刊\n王明\n推动企业完善协商\n 新就业形态劳动者数\n量持续增长，需要各方\n共同努力加以应对。\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.title == "推动企业完善协商"
    assert a.pullquote == "新就业形态劳动者数量持续增长，需要各方共同努力加以应对。"


def test_a_headline_glued_over_a_box_and_wider_than_its_lines_is_the_headline():
    # An edited box again, no space before its first line this time; the
    # line over it is wider than every line of the box: a line wider than
    # a column is no line of it.
    page = "\n理论周刊\n王明\n 推动平台企业完善协商机制\n新就业形态劳动者\n数量持续增长，需要\n各方共同努力加以应\n对。\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert a.title == "推动平台企业完善协商机制"
    assert a.pullquote == "新就业形态劳动者数量持续增长，需要各方共同努力加以应对。"


def test_a_column_label_under_a_displaced_headline_is_no_tail_of_it():
    # A headline's tail that shares no words with its article opens with a
    # particle (…的思考, …之我见); a short generic name (学者观察) under a
    # headline printed away from its body is the next article's column
    # label, printed over that article's headline.
    page = (
        "\n理论周刊\n王明\n" + ARTICLE_A + FOOTER
        + "构建数字企业人才培养体系\n\n学者观察\n李华\n推动分配权改革\n" + ARTICLE_B + FOOTER
    )
    a, b = parse_page(page).articles
    assert (a.title, a.column_name) == ("构建数字企业人才培养体系", None)
    assert (b.title, b.column_name) == ("推动分配权改革", "学者观察")


def test_a_line_over_a_two_part_headline_printed_on_one_line_is_its_kicker():
    # A headline has at most two parts: a line over a two-part headline set
    # on one line (with its space) does not wrap into it, whatever the widths.
    page = "\n理论周刊\n推动新就业形态高质量发展\n推动平台企业 完善协商机制\n王明\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert (a.kicker, a.title) == ("推动新就业形态高质量发展", "推动平台企业 完善协商机制")


def test_a_line_of_one_character_or_opening_with_de_ends_the_headline_above():
    # No headline is one character long, and none opens with 的: such a line
    # under a headline is where the headline wrapped, whatever article
    # shares its words (…管理机 / 制, …工程师 / 的路径).
    # Here the headline stands after its body, over the next article's
    # headline: a line sharing no words there would otherwise stand apart.
    for upper, tail in (("构建数字企业人才管理机", "制"), ("构建数字企业人才培养体系", "的路径")):
        page = (
            "\n理论周刊\n王明\n" + ARTICLE_A + FOOTER
            + f"{upper}\n\n{tail}\n推动分配权改革\n李华\n" + ARTICLE_B + FOOTER
        )
        a, b = parse_page(page).articles
        assert (a.title, b.title) == (upper + tail, "推动分配权改革")


def test_a_name_like_word_under_a_headline_ending_with_de_is_its_tail():
    # A headline line cannot end with 的: 劳动者 (劳 is a family name) under
    # …的 is where the headline wrapped, not a byline.  A lead space would
    # open a new text frame: then it stays a byline.
    page = "\n理论周刊\n新就业形态下构建和谐劳动关系的\n劳动者\n王明\n" + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert (a.title, list(a.authors)) == ("新就业形态下构建和谐劳动关系的劳动者", ["王明"])


def test_headline_lines_glued_over_a_box_quoting_a_paragraph_after_a_heading():
    # The quoted sentence opens a paragraph under a section heading: no
    # sentence end before it in the article's text, but a paragraph start.
    body = BODY.replace("\n近年来，", "\n一、现实困境\n\n近年来，")
    box = "近年来，各地工会积\n极推动平台企业与劳\n动者开展协商，建立\n健全沟通对话机制，\n取得了明显成效，劳\n动者的获得感不断增\n强。\n"
    page = "\n理论周刊\n王明\n推动平台企业\n完善协商机制\n " + box + body + FOOTER
    (a,) = parse_page(page).articles
    assert a.title == "推动平台企业 完善协商机制"
    assert a.pullquote.startswith("近年来，")
    assert [p.heading for p in a.paragraphs] == [None, "一、现实困境"]


def test_a_box_set_apart_by_an_editors_note_is_no_article_of_its_own():
    # Byline, headline, an unmarked box, then the editor's note and the body:
    # the box comes out as a body of one paragraph.  No article prints one
    # of its paragraphs in another: a lone short paragraph found word for
    # word in another article is that article's box (and the byline over
    # it goes with the body).
    box = " 近年来，各地工会\n积极推动平台企业与劳\n动者开展协商，建立健\n全沟通对话机制，取得\n了明显成效，劳动者的\n获得感不断增强。\n"
    note = "编者按：新就业形态劳动者权益保障是\n\n工会工作的重要课题。本版今起刊发\n\n系列文章，敬请关注。\n"
    page = "\nG 学者观察\n\n王明\n 平台企业协商的路径\n" + box + note + BODY + FOOTER
    (a,) = parse_page(page).articles
    assert (a.title, list(a.authors), len(a.paragraphs)) == ("平台企业协商的路径", ["王明"], 2)
    assert a.pullquote.startswith("近年来，") and a.editor_note.startswith("新就业形态")


def test_a_name_over_a_headline_is_the_byline_not_a_column_label():
    # After a staff piece that ends without a footer, the next article's
    # byline printed over its headline and box stands alone among display
    # lines like an icon-less column label; but a label is a generic word
    # (学者观察), and a person's name (李华) is the byline of the article below.
    staff_piece = (ARTICLE_A + BODY + "\n各地工会要把服务职工作为工作的出发点和落\n脚点，切实维护职工的合法权益，不断提高服务\n"
                   "水平，推动工会工作高质量发展。\n").replace("\n\n", "\n")
    box = "●观点\n\n要推动收入分配制度改\n\n革，保障劳动者的分配\n\n权。\n"
    page = (
        "\n理论周刊\n构建人才培养体系\n本报记者 王明\n" + staff_piece
        + "李华\n\n推动分配权改革\n\n完善收入分配制度\n" + box + ARTICLE_B + FOOTER
    )
    a, b = parse_page(page).articles
    assert list(a.authors) == ["王明"]
    assert (b.title, list(b.authors), b.column_name) == ("推动分配权改革 完善收入分配制度", ["李华"], None)
    # A two-character column label that begins with a family name (时评) is
    # no name for the tagger: it stays the label.
    a, b = parse_page(page.replace("李华\n", "时评\n")).articles
    assert (list(b.authors), b.column_name) == ([], "时评")


def test_a_contested_series_label_flags_both_articles_its_topic_fits():
    # A series label whose paraphrased topic (企业数字 for 数字企业) two
    # articles share as well stays over the article printed under it; which
    # of the two it belongs to is a judgment, so both are flagged.
    parsed = parse_page(a_then_b("“企业数字”系列谈③\n推动分配权改革\n李华\n"))
    a, b = parsed.articles
    assert (a.series, b.series) == (None, "“企业数字”系列谈③")
    assert sorted(f.article for f in parsed.flags if f.kind == "label_contested") == [0, 1]


def test_a_kicker_on_the_articles_theme_raises_no_doubt():
    # A kicker names the article's theme, so it often shares the article's
    # words (产业工人队伍建设); alone that is no doubt about it (measured:
    # such flags were right about one time in ten).
    body = BODY.replace("当前，", "当前，产业工人队伍建设持续推进，")
    page = "\n理论周刊\n产业工人队伍建设的新探索\n推动平台企业\n\n完善协商机制\n王明\n" + body + FOOTER
    parsed = parse_page(page)
    (a,) = parsed.articles
    assert (a.kicker, a.title) == ("产业工人队伍建设的新探索", "推动平台企业 完善协商机制")
    assert not [f for f in parsed.flags if f.kind == "kicker_guess"]


def test_a_headline_right_over_its_body_beats_a_far_line_given_on_weak_evidence():
    # A's own headline (推动转型的…) stands right over A's body but shares
    # few of its words; the kicker over B's headline shares more of A's
    # words than of B's, but not clearly (数字企业 is both articles' theme).
    # Page order does not lie about the line right over a body: A keeps its
    # headline, and the far line is B's kicker.
    page = ("\n理论周刊\n推动转型的新课题与新思路\n王明\n" + ARTICLE_A + FOOTER
            + "\n数字企业培养\n保障劳动者的分配权\n李华\n" + ARTICLE_B + FOOTER)
    a, b = parse_page(page).articles
    assert a.title == "推动转型的新课题与新思路"
    assert (b.title, b.kicker) == ("保障劳动者的分配权", "数字企业培养")


def test_an_article_without_a_byline_is_checked_when_several_stand_over_another_body():
    # Two bylines over B's body, none over A's: the heads of two articles may
    # have been printed together, so one of them may be A's.  Which one is a
    # judgment the page cannot make: both articles are flagged.
    page = "\n理论周刊\n构建人才培养体系\n" + ARTICLE_A + FOOTER + "\n李华\n保障劳动者的分配权\n王明\n" + ARTICLE_B + FOOTER
    parsed = parse_page(page)
    a, b = parsed.articles
    assert (a.authors, b.authors) == ((), ("李华", "王明"))
    assert {f.article for f in parsed.flags if f.kind == "byline_ambiguous"} == {0, 1}


def test_a_body_that_ran_on_into_the_next_article_is_cut_at_its_byline():
    # A staff piece without a footer runs into the next article when nothing
    # else separates them; the segmenter then reads the next headline and the
    # byline under it (a person's name alone) as section headings of one
    # body, the box between them as a paragraph.  A body has no byline inside
    # it: assembly cuts it there (the blocks as the segmenter returns them).
    from etl.layout.assemble import assemble
    from etl.layout.blocks import Block, BodyItem
    from etl.layout.lines import split_lines

    text = ("构建数字企业人才培养体系，是推动企业转型\n的关键，要形成工作合力。\n"
            "保障劳动者的分配权\n让劳动者共享发展成果。\n李华\n"
            "数字企业的发展离不开劳动者的贡献，要推动\n收入分配制度改革，保障劳动者的分配权。\n" + FOOTER)
    ln = split_lines(text)
    body = Block("body", (), items=[
        BodyItem("paragraph", tuple(ln[0:2])), BodyItem("heading", (ln[2],)), BodyItem("paragraph", (ln[3],)),
        BodyItem("heading", (ln[4],)), BodyItem("paragraph", tuple(ln[5:7])),
    ], footer=(ln[7],))
    a, b = assemble([body]).articles
    assert (a.title, a.authors, len(a.paragraphs)) == (None, (), 1)
    assert (b.title, b.pullquote, b.authors) == ("保障劳动者的分配权", "让劳动者共享发展成果。", ("李华",))
    assert [p.text for p in b.paragraphs] == ["数字企业的发展离不开劳动者的贡献，要推动收入分配制度改革，保障劳动者的分配权。"]


def test_a_name_alone_inside_a_body_that_cannot_be_cut_flags_the_article_and_the_page():
    # A byline inside a body with no headline over it: the body may still run
    # into the next article (which may then be missing): both are checked.
    from etl.layout.assemble import assemble
    from etl.layout.blocks import Block, BodyItem
    from etl.layout.lines import split_lines

    text = "构建数字企业人才培养体系，是推动企业转型\n的关键，要形成工作合力。\n李华\n数字企业的发展离不开劳动者的贡献。\n" + FOOTER
    ln = split_lines(text)
    body = Block("body", (), items=[
        BodyItem("paragraph", tuple(ln[0:2])), BodyItem("heading", (ln[2],)), BodyItem("paragraph", (ln[3],)),
    ], footer=(ln[4],))
    parsed = assemble([body])
    assert {(f.kind, f.article) for f in parsed.flags} == {("bodies_merged", 0), ("bodies_merged", None), ("title_missing", 0)}


def test_a_line_over_a_wrapped_headline_whose_next_line_is_narrower_is_its_kicker():
    # A wrap fills every line but its last to the headline's frame, so a
    # headline's second line is as wide as its first unless it is the last.
    # Here the line under the first is two cells narrower and wraps on: the
    # first line is no part of the wrap but a kicker (引题) over it.
    def head(lines: str) -> tuple[str | None, str | None]:
        (a,) = parse_page("\n理论周刊\n" + lines + "\n王明\n" + BODY + FOOTER).articles
        return a.kicker, a.title

    assert head("聚焦新就业形态劳动者权益\n协商会议促进平台\n企业履行社会责任") == (
        "聚焦新就业形态劳动者权益", "协商会议促进平台企业履行社会责任"
    )
    # A headline wrapped over three lines, each but the last full: one headline.
    assert head("新就业形态劳动者与平\n台企业的沟通对话机制\n建设") == (None, "新就业形态劳动者与平台企业的沟通对话机制建设")


def test_a_headline_like_line_left_over_is_flagged_on_the_article_that_shares_its_words_too():
    # A display line no article took, printed in article A's header, holds
    # B's words: B (whose headline may be missing or wrong) is flagged with
    # the article printed under it.
    page = "\n理论周刊\n构建人才培养体系\n保障劳动者的分配权\n王明\n" + ARTICLE_A + FOOTER
    page += "推动收入分配制度改革\n李华\n" + ARTICLE_B + FOOTER
    parsed = parse_page(page)
    assert [r.text for r in parsed.residue] == ["理论周刊", "保障劳动者的分配权"]
    assert [f.article for f in parsed.flags if f.kind == "residue_looks_like_title"] == [0, 1]
