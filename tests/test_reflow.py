"""Paragraph breaks that only the typesetting rules reveal.

Each run below is set in a column 13 cells wide, the way a page program sets
it: full lines of exactly 13 cells, a paragraph's first line two cells
shorter (its indent is lost in the dump), and the kinsoku rules — a mark may
not start a line, so it is squeezed into the line above, or the last
character of that line is pushed down with it.
"""

from etl.layout import parse_page
from etl.layout.lines import display_width, split_lines
from etl.layout.reflow import column_widths, exactly_set, split_units, squeeze_threshold

FULL_LINES = """工会组织积极开展技能竞
赛，激发职工的创造活力，推
动产业工人队伍建设改革，提
升产业工人的技能素质，加强
职工思想政治引领，完善技能
形成体系，健全培训制度，促
进职工知识更新和学历提升。"""


def paragraphs(text: str) -> list[str]:
    return [u.text for u in split_units(split_lines(text))]


def test_the_runs_are_set_as_described():
    widths = [display_width(line) for line in FULL_LINES.splitlines()]
    assert widths == [11, 13, 13, 13, 13, 13, 13]


def test_a_first_line_that_squeezed_in_its_comma_is_one_cell_short():
    # "培育技能人才，满足需求" fills the 11 cells of a first line; the comma
    # after it may not start the next line, so it is squeezed in: 12 cells,
    # one short of the column, after a line that ended a sentence at full width.
    text = FULL_LINES + "\n培育技能人才，满足需求，\n推动产业工人队伍建设改革，\n提升技能素质。"
    lines = split_lines(text)
    assert exactly_set(lines, column_widths(lines))
    assert paragraphs(text) == [
        "工会组织积极开展技能竞赛，激发职工的创造活力，推动产业工人队伍建设改革，提升产业工人的技能素质，"
        "加强职工思想政治引领，完善技能形成体系，健全培训制度，促进职工知识更新和学历提升。",
        "培育技能人才，满足需求，推动产业工人队伍建设改革，提升技能素质。",
    ]


def test_a_full_line_that_pushed_a_character_down_is_one_cell_short_too():
    # Here the line is a cell short because "益" had to go down with its
    # comma: the paragraph goes on.
    text = FULL_LINES + "\n强化新就业形态劳动者的权\n益、职业发展等各项保障，取\n得明显成效。"
    assert display_width("强化新就业形态劳动者的权") == 12
    assert paragraphs(text) == [
        "工会组织积极开展技能竞赛，激发职工的创造活力，推动产业工人队伍建设改革，提升产业工人的技能素质，"
        "加强职工思想政治引领，完善技能形成体系，健全培训制度，促进职工知识更新和学历提升。"
        "强化新就业形态劳动者的权益、职业发展等各项保障，取得明显成效。",
    ]


def test_on_a_page_whose_full_lines_vary_a_cell_short_line_goes_on():
    # Pages that compress punctuation set full lines a cell short or long
    # all the time: there a line one cell short is no sign of an indent
    # (as on the bundled page 000, whose fixture checks it).
    jittery = FULL_LINES.replace("赛，激发职工的创造活力，推", "赛，激发职工创造活力，推").replace(
        "职工思想政治引领，完善技能", "职工思想政治引领，完善技"
    ).replace("形成体系，健全培训制度，促", "能形成体系，健全培训制度，促")
    text = jittery + "\n培育技能人才，满足需求，\n推动产业工人队伍建设改革，\n提升技能素质。"
    lines = split_lines(text)
    assert not exactly_set(lines, column_widths(lines))
    assert len(paragraphs(text)) == 1


def test_a_line_cut_before_a_number_it_could_not_split_is_full():
    # '12.95' is one piece, 2.5 cells wide: it did not fit in the 2 cells
    # left, so the line stopped short and was full all the same.
    text = FULL_LINES + "\n全省共命名先进生产者达\n12.95万人次，激发了职工的创\n造活力。"
    assert display_width("全省共命名先进生产者达") == 11
    assert len(paragraphs(text)) == 1


def test_in_a_compact_block_a_blank_line_after_a_sentence_end_starts_a_paragraph():
    # Boxes are set without blank lines between wrapped lines; a blank line
    # there separates paragraphs, even when the new paragraph's first line
    # (a cell short: it took in its full stop) ends a sentence itself.
    text = "各地工会积极开展技能竞\n赛，激发了职工的创造活力。\n\n培育技能人才满足需求。\n推动产业工人队伍建设。"
    assert paragraphs(text) == ["各地工会积极开展技能竞赛，激发了职工的创造活力。", "培育技能人才满足需求。推动产业工人队伍建设。"]


def test_a_short_sentence_line_before_a_first_line_that_took_in_a_mark_ends_the_paragraph_above():
    # On an exactly set run, '《职业分类大典（新版）》' is a first line (11
    # cells and the closing mark it took in): so the short line before it
    # is the last line of the paragraph above, not a one-line paragraph.
    first_line = "《职业分类大典（新版）》"
    assert display_width(first_line) == 12
    text = FULL_LINES + "\n恳谈会形式体现优势。\n" + first_line + "\n新增了数字技术工程技术人员小\n类。"
    assert paragraphs(text) == [
        "工会组织积极开展技能竞赛，激发职工的创造活力，推动产业工人队伍建设改革，提升产业工人的技能素质，"
        "加强职工思想政治引领，完善技能形成体系，健全培训制度，促进职工知识更新和学历提升。恳谈会形式体现优势。",
        "《职业分类大典（新版）》新增了数字技术工程技术人员小类。",
    ]


#: FULL_LINES with two more full lines, its last line a cell short.
STOPPED_SHORT = FULL_LINES.replace(
    "进职工知识更新和学历提升。", "进职工知识更新，健全职工培\n训制度，完善技能形成体系，\n加强对职工思想政治引领。"
)


def test_a_sentence_line_a_cell_short_on_an_exactly_set_run_ends_its_paragraph():
    # Every full line of the run reaches 13 cells.  "…思想政治引领。"
    # stops at 12 although "三" would have fitted: its paragraph ended
    # there, and the short line under it is a paragraph of one line (on a
    # page whose full lines vary by a cell it would be read as the tail).
    assert [display_width(x) for x in STOPPED_SHORT.splitlines()[-3:]] == [13, 13, 12]
    text = STOPPED_SHORT + "\n三是要增强服务能力。"
    lines = split_lines(text)
    assert exactly_set(lines, column_widths(lines))
    assert paragraphs(text) == [STOPPED_SHORT.replace("\n", ""), "三是要增强服务能力。"]


def test_but_not_before_a_full_line_which_no_first_line_is():
    # The same line a cell short, followed by a line that reaches the
    # column: that line cannot be an indented first line, so the paragraph
    # goes on (the shortfall has another cause).
    text = STOPPED_SHORT + "\n同时加强与相关部门的沟通，\n规范培训过程。"
    assert display_width("同时加强与相关部门的沟通，") == 13
    assert len(paragraphs(text)) == 1


def test_a_heading_as_wide_as_the_column_under_a_full_last_line_is_no_part_of_the_paragraph():
    # A heading wider than the column wraps: its first line fills the
    # column, so it shows no indent under the paragraph's full last line
    # that ended a sentence; only its one-character tail stands alone.  A
    # heading holds no sentence end: the paragraph runs to "…学历提升。".
    heading = "“数字工匠”技能形成体系建"
    assert display_width(heading) == 13
    text = FULL_LINES + "\n" + heading + "\n议\n数字工匠的技能形成要求人\n们重新梳理传统的培训系统。"
    units = split_units(split_lines(text))
    assert [(u.text, u.is_paragraph) for u in units] == [
        (FULL_LINES.replace("\n", ""), True),
        ("“数字工匠”技能形成体系建议", False),
        ("数字工匠的技能形成要求人们重新梳理传统的培训系统。", True),
    ]


def test_a_line_two_cells_short_before_a_character_with_two_marks_had_room_for_it():
    # "意”。" may not be split, but its two marks squeeze to half a cell
    # each: a full line would have taken it in the two cells left.  So the
    # line left two cells short is an indented first line: a new paragraph.
    first = "要依靠工人做到“全心全"
    assert display_width(first) == 11
    text = FULL_LINES + "\n" + first + "\n意”。同时加强与相关部门的\n沟通，规范培训过程。"
    assert paragraphs(text) == [
        FULL_LINES.replace("\n", ""),
        "要依靠工人做到“全心全意”。同时加强与相关部门的沟通，规范培训过程。",
    ]


def test_a_sentence_line_with_room_for_an_opening_mark_and_its_character_ended_its_paragraph():
    # An opening mark may not end a line: pushed down with the character
    # after it, it leaves the line above a cell short though full.  Two
    # cells short, the line above had room for 《中: it stopped because its
    # paragraph did, though the line under it, indented, looks full (its
    # next line opens with （2022, which a gap of two cells cannot take).
    above = STOPPED_SHORT.replace("加强对职工思想政治引领。", "加强职工思想政治引领。")
    text = above + "\n《中华人民共和国职业分\n（2022年版）》中新增了数字\n技术工程技术人员小类。"
    widths = [display_width(x) for x in text.splitlines()[-5:]]
    assert widths == [13, 11, 11, 13, 11]
    assert paragraphs(text) == [
        above.replace("\n", ""),
        "《中华人民共和国职业分（2022年版）》中新增了数字技术工程技术人员小类。",
    ]



def test_a_short_sentence_line_over_a_full_sentence_line_is_a_first_line():
    # A full line cannot be a paragraph's first line (that one is indented),
    # so the short line over it, though it ends a sentence, cannot end a
    # paragraph: it opens the paragraph the full line goes on, even when the
    # full line ends a sentence too.
    text = FULL_LINES + "\n同时加强相关沟通协调。\n强化技能培训，提升其素质。"
    assert [display_width(x) for x in text.splitlines()[-3:]] == [13, 11, 13]
    assert paragraphs(text) == [FULL_LINES.replace("\n", ""), "同时加强相关沟通协调。强化技能培训，提升其素质。"]


def test_a_short_first_line_with_a_comma_over_a_full_line_is_no_heading():
    # A line clearly shorter than a first line stands alone when an indented
    # line follows (a heading).  Under it here is a full line, which no
    # first line is, and the line itself holds a comma like running text:
    # a first line that pushed its last character down with the comma
    # after it (要，), on a page whose squeezed lines set the column wide.
    first = "同时，与机构的对接"
    text = FULL_LINES + "\n" + first + "\n要，当前双方处于合作摸索阶\n段，信息沟通尚需磨合。"
    assert [display_width(x) for x in text.splitlines()[-3:]] == [9, 13, 11]
    assert paragraphs(text)[1:] == [first + "要，当前双方处于合作摸索阶段，信息沟通尚需磨合。"]


def test_nor_is_one_holding_a_comma_over_a_line_a_cell_short():
    # The same over a line a cell short of the column (squeezed lines set
    # the column a cell wider than the full lines without marks).
    first = "二是，在做实“重点"
    rest = "\n建”的同时深入推进兜底建\n设工作，促进新就业形态劳动\n者入会，做实基层工会组织，\n打通体制机制障碍。"
    text = FULL_LINES + "\n" + first + rest
    assert [display_width(x) for x in text.splitlines()[-5:]] == [9, 12, 13, 13, 9]
    assert paragraphs(text)[1:] == [first + rest.replace("\n", "")]


def test_an_unfinished_line_that_ends_a_sentence_inside_it_never_stands_alone():
    # No heading holds a sentence end, and a paragraph ends with one: a first
    # line like this goes on into the next, even one that looks indented.
    first = "二是。在做实“重点"
    rest = "\n建”的同时深入地推进兜\n底建设工作，促进新就业形态\n劳动者入会，做实基层工会组\n织。"
    text = FULL_LINES + "\n" + first + rest
    assert [display_width(x) for x in text.splitlines()[-5:]] == [9, 11, 13, 13, 2]
    assert paragraphs(text)[1:] == [first + rest.replace("\n", "")]


# --- pages that squeeze the marks of a full line -----------------------------
#
# These columns are 17 cells wide, set by a typesetter who squeezes the marks
# of a line holding three or more of them (标点挤压) to fit one more character:
# such a full line is 18 cells, a full line with fewer marks 17, a first line
# 15 (16 if squeezed).

#: A paragraph, a section heading, and a paragraph whose first line is squeezed.
SQUEEZED_HEADING = """工会组织积极开展劳动和技能竞赛，激
发职工的创造活力，推动产业工人队伍
建设改革，提升技能、学历、待遇，畅通
职业发展通道，让产业工人在岗位上成
长成才、建功立业，增强职工的获得感
和荣誉感，促进产业工人队伍建设改革
走深走实。
数字技术工程师培育的现实背景
当前，以互联网、大数据、人工智能
为代表的数字技术正在深刻改变生产方
式和劳动者的就业形态，对职工技能素
质提出新要求，企业、院校、工会和培训
机构都在探索新的培养模式。"""

#: Another column of the same page.
SQUEEZED_COLUMN = """近年来，各级工会推动企业、职工
和政府三方协商，建立沟通、对话、协调
机制，畅通诉求表达渠道，维护职工合
法权益，同时关注骑手、网约车司机、快
递员等新就业形态劳动者，推动平台企
业完善算法、定额、休息等规则，让劳动
者共享发展成果，增强职工获得感和幸
福感、安全感。"""

#: The same column set without squeezing: lines of three marks are 17 cells too.
PLAIN_COLUMN = """近年来，各级工会推动企业、职工
和政府三方协商，建立沟通、对话、协
调机制，畅通诉求表达渠道，维护职工
合法权益，关注骑手、网约车司机、快
递员等新就业形态劳动者，推动平台企
业完善算法、定额、休息等规则，让劳
动者共享发展成果，增强职工获得感和
幸福感、安全感。"""


def _marks_and_widths(text: str) -> list[tuple[int, float]]:
    return [(sum(ch in "，。、；：？！“”" for ch in ln), display_width(ln)) for ln in text.splitlines()]


def test_the_squeezed_columns_are_set_as_described():
    assert _marks_and_widths(SQUEEZED_COLUMN) == [
        (2, 15), (3, 18), (2, 17), (3, 18), (1, 17), (3, 18), (1, 17), (2, 7)
    ]
    assert _marks_and_widths(PLAIN_COLUMN) == [
        (2, 15), (3, 17), (2, 17), (3, 17), (1, 17), (3, 17), (1, 17), (2, 8)
    ]
    assert [w for _, w in _marks_and_widths(SQUEEZED_HEADING)] == [17, 17, 18, 17, 17, 17, 5, 14, 16, 17, 17, 18, 13]


def test_how_a_page_squeezes_is_read_off_its_full_lines():
    # Full lines of three marks or more are a cell wider than the others:
    # the threshold is three.  A page set plainly has none.
    assert squeeze_threshold([split_lines(SQUEEZED_COLUMN)]) == 3
    assert squeeze_threshold([split_lines(PLAIN_COLUMN)]) is None


def test_a_short_column_is_read_together_with_the_rest_of_its_page():
    # The heading's column alone has too few full lines to tell; the page does.
    heading_column = split_lines(SQUEEZED_HEADING)
    assert squeeze_threshold([heading_column]) is None
    assert squeeze_threshold([heading_column, split_lines(SQUEEZED_COLUMN)]) == 3


def test_a_lower_threshold_that_explains_no_more_lines_is_not_taken():
    # Without a full line of two marks, "two or more" fits as well as "three
    # or more": the higher one takes a cell off fewer lines on the same evidence.
    column = SQUEEZED_COLUMN.replace("机制，畅通诉求表达渠道，维护职工合", "机制并畅通诉求表达渠道，维护职工合")
    assert display_width("机制并畅通诉求表达渠道，维护职工合") == 17
    assert squeeze_threshold([split_lines(column)]) == 3


def test_on_a_squeezing_page_a_heading_stands_alone_over_a_squeezed_first_line():
    # "当前，以互联网、大数据、人工智能" is a first line that squeezed in a
    # character: 16 cells, only a cell short of the column, so the heading
    # above it looked like the first line of one paragraph with it.  Measured
    # without its extra cell it is two short: indented, under a heading.
    lines = split_lines(SQUEEZED_HEADING)
    heading = "数字技术工程师培育的现实背景"
    assert heading not in [u.text for u in split_units(lines)]
    assert [u.text for u in split_units(lines, squeeze=3)][1:] == [
        heading,
        "当前，以互联网、大数据、人工智能为代表的数字技术正在深刻改变生产方式和劳动者的就业形态，"
        "对职工技能素质提出新要求，企业、院校、工会和培训机构都在探索新的培养模式。",
    ]


def test_display_lines_of_a_squeezing_page_keep_their_widths():
    # A headline and a box of a few lines have no full lines of their own: no
    # line of theirs was squeezed to fit, so none loses a cell (here the
    # box's second line would, and the headline would join the box).
    run = "职工服务阵地建设促进新业态协商协调\n 同年，某市矿区开始举办\n\n“安全生产大竞赛”活动，工\n\n友们踊跃报名参加。"
    assert [u.text for u in split_units(split_lines(run), squeeze=3)] == [
        "职工服务阵地建设促进新业态协商协调",
        "同年，某市矿区开始举办“安全生产大竞赛”活动，工友们踊跃报名参加。",
    ]


def test_a_page_parse_reads_the_squeeze_off_the_page():
    page = "以协商协调促进新就业形态发展\n张明\n\n" + SQUEEZED_COLUMN + "\n" + SQUEEZED_HEADING + "\n（作者单位：某市总工会）\n"
    (article,) = parse_page(page).articles
    assert [p.heading for p in article.paragraphs] == [None, None, "数字技术工程师培育的现实背景"]


def test_a_short_numbered_heading_stands_alone_though_a_word_runs_on_from_it():
    # 内 + 在 make the word 内在 by chance; a line opening with a heading
    # number and eight cells long in a column of 13 is no wrapped line.
    heading = "（三）着眼行业内"
    rest = "在推进行业集体协商的过\n程中，工会要把职工的诉求摆\n在首位。"
    text = FULL_LINES + "\n" + heading + "\n" + rest
    assert [display_width(x) for x in text.splitlines()[-4:]] == [8, 11, 13, 4]
    assert paragraphs(text)[1:] == [heading, rest.replace("\n", "")]


def test_a_short_line_kept_over_an_indented_one_only_by_a_word_is_doubtful():
    # 内 + 在 make 内在: the short line may be a heading whose last character
    # runs into the paragraph's first by chance, or a paragraph's first line
    # set short (内在动力).  Kept together, but flagged for review.
    short = "坚持在法律范围内"
    rest = "在推进行业集体协商的过\n程中，工会要把职工的诉求摆\n在首位。"
    text = FULL_LINES + "\n" + short + "\n" + rest
    assert [display_width(x) for x in text.splitlines()[-4:]] == [8, 11, 13, 4]
    units = split_units(split_lines(text))
    assert [u.text for u in units][1:] == [short + rest.replace("\n", "")]
    assert units[1].doubts == ("heading_ambiguous",)
