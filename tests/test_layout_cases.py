"""Hand-written pages for conventions the two bundled pages do not show."""

from etl.layout import parse_page

SUBTITLE_AND_THREE_AUTHORS = """
新时代产业工人队伍建设的路径选择
——以某省制造业为例

王小明 李华 欧阳春

当前，我国制造业正处于转型升级的关键时期，产业工

人队伍建设面临新的机遇与挑战。本文以某省制造业为例，

分析产业工人队伍建设的现状与问题。

一、现状与问题

调查显示，该省制造业从业人员约350万人，其中技能人

才占比不足30%，高技能人才仅占8.5%左右。

（作者分别系某大学公共管理学院教授、某省总工会干部、某研究院研究员）
 平台用工的劳动保护
赵强
平台经济快速发展，灵活就业人员规模已超过2亿人。如何保障
他们的劳动权益，是摆在各级工会面前的重要课题。
"""


def test_a_subtitle_does_not_swallow_the_byline_below_it():
    first, second = parse_page(SUBTITLE_AND_THREE_AUTHORS).articles
    assert first.title == "新时代产业工人队伍建设的路径选择"
    assert first.subtitle == "以某省制造业为例"
    assert list(first.authors) == ["王小明", "李华", "欧阳春"]
    assert [c.affiliation for c in first.contributors] == ["某大学公共管理学院教授", "某省总工会干部", "某研究院研究员"]
    assert [(p.heading, p.text[:6]) for p in first.paragraphs] == [(None, "当前，我国制"), ("一、现状与问题", "调查显示，该")]


def test_an_article_without_footer_ends_with_the_page():
    second = parse_page(SUBTITLE_AND_THREE_AUTHORS).articles[1]
    assert second.title == "平台用工的劳动保护"
    assert list(second.authors) == ["赵强"]
    assert second.affiliation is None
    assert [p.text for p in second.paragraphs] == [
        "平台经济快速发展，灵活就业人员规模已超过2亿人。如何保障他们的劳动权益，是摆在各级工会面前的重要课题。"
    ]


def test_an_empty_page_gives_no_articles_and_loses_nothing():
    page = parse_page("\n\n理论周刊\n\n")
    assert page.articles == ()
    assert [(r.line_no, r.reason) for r in page.residue] == [(3, "banner")]


def test_the_compiler_of_a_digest_is_named_without_staff_titles():
    from etl.layout.fields import parse_footer

    affiliation, compilers, _ = parse_footer("（本报记者 张三 整理）", [])
    assert affiliation == "本报记者 张三 整理"
    assert [(c.name, c.role) for c in compilers] == [("张三", "compiler")]


SERIES_LABEL_ABOVE_A_FLOATING_BOX = """
推进职工技能提升的路径
““技能形成技能形成””系列谈系列谈③③
●观点
平台企业应当主动承担社会责任，
保障骑手的休息权利。
孙立
技能形成体系是产业工人队伍建设的基础。各地工会要积极搭建
技能竞赛平台，健全职工培训制度，推动技能形成与岗位需求衔接。
（作者单位：某省总工会）
平台骑手的休息权利
钱多
平台企业应当主动承担社会责任，保障骑手的休息权利。
算法不能只算效率，也要算人情，让骑手跑得安心、歇得踏实。
"""


def test_a_series_label_goes_to_the_article_below_it_not_to_a_box_floating_in_between():
    first, second = parse_page(SERIES_LABEL_ABOVE_A_FLOATING_BOX).articles
    assert (first.title, first.series, first.pullquote) == ("推进职工技能提升的路径", "“技能形成”系列谈③", None)
    assert (second.title, second.series) == ("平台骑手的休息权利", None)
    assert second.pullquote == "平台企业应当主动承担社会责任，保障骑手的休息权利。"


STANDING_SERIES_NAME = """
新就业形态观察⑥
技能竞赛激发创造活力
孙立
各地工会广泛开展劳动和技能竞赛，激发职工创造活力，推动产业
工人队伍建设改革向纵深发展。
（作者单位：某省总工会）
平台骑手的休息权利
钱多
新就业形态劳动者规模不断扩大，新就业形态劳动者的权益保障
日益受到关注，工会要把新就业形态劳动者组织起来。
"""


def test_a_standing_series_name_stays_with_the_article_printed_under_it():
    # '新就业形态观察' shares most of its words with the second article, but a
    # standing series name (no topic in quotes) is not moved by content.
    first, second = parse_page(STANDING_SERIES_NAME).articles
    assert (first.title, first.series) == ("技能竞赛激发创造活力", "新就业形态观察⑥")
    assert second.series is None


TWO_STACKED_TITLES = """
技能竞赛激发职工创造活力
 职工的休息权利
钱多
新就业形态职工规模不断扩大，职工的休息权利日益受到关注，
工会要推动平台企业保障职工的休息权利。
（作者单位：某省总工会）
孙立
各地工会广泛开展劳动和技能竞赛，激发职工创造活力，也保障职工的休息
权利，推动技能竞赛常态化。
"""


def test_a_title_in_its_own_frame_is_not_the_tail_of_the_title_above():
    # The first headline was printed away from its article; the second
    # starts a new frame (the dump puts a space before it), so it is not
    # the second line of a wrapped headline, although it shares words with
    # the article of the first.
    first, second = parse_page(TWO_STACKED_TITLES).articles
    assert first.title == "职工的休息权利"
    assert second.title == "技能竞赛激发职工创造活力"


UNMARKED_BOX_UNDER_A_DISPLACED_TITLE = """
平台骑手的休息权利
钱多
新就业形态劳动者规模不断扩大，职工的休息权利日益受到关注。工会要推动平台企业保障骑手
的休息权利，让骑手跑得安心、歇得踏实。
（作者单位：某省总工会）
 激发职工创造活力 推动技能竞赛常态化

工会要推动平台

企业保障骑手的休

息权利，让骑手跑

得安心、歇得踏实。
孙立
各地工会广泛开展劳动和技能竞赛，激发职工创造活力，推动技能竞赛常态化。
"""


def test_a_box_without_its_marker_keeps_its_first_line_from_the_title_above():
    # '工会要推动平台' looks like a headline line, but with it the box is
    # a passage of the first article word for word.
    first, second = parse_page(UNMARKED_BOX_UNDER_A_DISPLACED_TITLE).articles
    assert first.pullquote == "工会要推动平台企业保障骑手的休息权利，让骑手跑得安心、歇得踏实。"
    assert second.title == "激发职工创造活力 推动技能竞赛常态化"


BOX_UNDER_A_DISPLACED_TITLE = """
平台骑手的休息权利
钱多
新就业形态劳动者规模不断扩大，骑手的休息权利日益受到关注。工会要推动平台企业保障骑手
的休息权利，让骑手跑得安心。
（作者单位：某省总工会）
 技能竞赛激发职工创造活力
工会要推动平台企业保障骑
手的休息权利，让骑手跑得安
心。
孙立
各地工会广泛开展劳动和技能竞赛，激发职工创造活力，推动技能竞赛常态化。
"""


def test_a_displaced_headline_run_into_a_box_is_cut_off_where_the_passage_begins():
    # The box (its marker lost) restates the first article word for word
    # from its second line on; its first line reads like a headline and its
    # words belong to the second article.
    first, second = parse_page(BOX_UNDER_A_DISPLACED_TITLE).articles
    assert first.pullquote == "工会要推动平台企业保障骑手的休息权利，让骑手跑得安心。"
    assert second.title == "技能竞赛激发职工创造活力"


SERIES_LABEL_OVER_ANOTHER_ARTICLE = """
““职工书屋职工书屋””系列谈系列谈③③
技能竞赛激发职工创造活力
孙立
各地工会广泛开展劳动和技能竞赛，激发职工创造活力，也在车间建设书屋。
（作者单位：某省总工会）
建好用好阅读阵地
钱多
职工书屋是工会服务职工的重要阵地，要让职工书屋真正成为职工的精神家园。
"""


def test_a_quoted_series_topic_found_in_one_article_only_is_that_articles():
    # The label stands over the first article, which shares some of its
    # words (职工, 书屋); but '职工书屋' word for word is only in the second.
    first, second = parse_page(SERIES_LABEL_OVER_ANOTHER_ARTICLE).articles
    assert first.series is None
    assert second.series == "“职工书屋”系列谈③"


BOX_OPENING_ANOTHER_BODY = """
建好用好阅读阵地
钱多
职工书屋是工会服务职工的重要阵地，要让职工书屋真正成为职工的精
神家园。各地工会要加大投入，丰富书目，延长开放时间。
（作者单位：某省总工会）
技能竞赛激发职工创造活力
孙立
要让职工书屋真正成

为职工的精神家园。

  各地工会广泛开展劳动和技能竞赛，激发职工创造活力，推动技能
竞赛常态化。
（作者单位：某市总工会）
"""


def test_a_box_without_marker_that_opens_another_body_goes_back_to_its_article():
    # The narrow box under the second byline restates the first article
    # word for word; no paragraph of one article is printed in another.
    first, second = parse_page(BOX_OPENING_ANOTHER_BODY).articles
    assert first.pullquote == "要让职工书屋真正成为职工的精神家园。"
    assert second.pullquote is None
    assert [p.text for p in second.paragraphs] == ["各地工会广泛开展劳动和技能竞赛，激发职工创造活力，推动技能竞赛常态化。"]


BYLINES_AFTER_WRAPPED_TITLES = """
 推进新时代产业工人队伍建设改革的实践
方法
周明
当前，我国正处在由制造大国向制造强国迈进的关键时期，产业工人
队伍建设改革进入了新的阶段，各级工会组织积极探索，形成了一批
可复制、可推广的经验做法。
在实践中，一些地方把技能评价与薪酬分配结合起来，让技术工人
有干头、有奔头，队伍的稳定性明显增强。
（作者单位：某市总工会）
 建好职工之家推动高质量发展
史明 王芳
基层工会是职工群众最直接的依靠，建好职工之家是基层工会的基
础性工作。近年来，一些企业工会从职工最关心的事情做起，办好
食堂、托管班和技能培训，让职工感受到组织的温暖。
做好这些工作，关键在于倾听职工的声音，把职工满意作为检验工
作成效的标准。
（作者单位：某省总工会）
"""


def test_an_everyday_word_alone_under_a_title_is_the_titles_tail_not_a_name():
    # 方法 begins with the family name 方, but it is one of the commonest
    # words of the language: alone on a line it ends the wrapped title.
    first = parse_page(BYLINES_AFTER_WRAPPED_TITLES).articles[0]
    assert first.title == "推进新时代产业工人队伍建设改革的实践方法"
    assert list(first.authors) == ["周明"]


def test_a_line_of_two_names_is_a_byline_even_if_a_word_runs_into_it():
    # 发展 + 史明 reads as 发展史 (a history of development), but a line of
    # two names side by side is a byline, not the tail of the title above.
    second = parse_page(BYLINES_AFTER_WRAPPED_TITLES).articles[1]
    assert second.title == "建好职工之家推动高质量发展"
    assert list(second.authors) == ["史明", "王芳"]
    assert second.paragraphs[0].text.startswith("基层工会是职工群众最直接的依靠")


HEADLINE_ON_TOP_OF_A_WIDER_COLUMN = """
（作者单位：某市总工会）
建好用好职工服务阵地的几点思考与建议
当前，各地工会积极推进职工服务阵地建设，
着力打造职工之家升级版，为广大职工提供学习、
休闲和交流的场所，受到职工群众的普遍欢迎。
在具体工作中，一些地方把服务阵地建在园区
和楼宇，延长开放时间，让职工下班后也能找到去
处，服务的覆盖面和吸引力明显提升。
（作者单位：某区总工会）
"""


def test_a_headline_and_the_first_line_under_it_are_no_narrow_frame_of_their_own():
    # The headline (18 cells) and the indented first line (20) come before
    # the first full line of a 22-cell column: measured on their own they
    # would look like a narrow frame in which the headline is a full line
    # running on into the paragraph.
    article = parse_page(HEADLINE_ON_TOP_OF_A_WIDER_COLUMN).articles[0]
    assert article.title == "建好用好职工服务阵地的几点思考与建议"
    assert [p.text[:7] for p in article.paragraphs] == ["当前，各地工会", "在具体工作中，"]
