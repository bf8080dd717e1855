"""A page's top line read against its archive (etl/layout/banners.py).

The convention: a banner belongs to the page, so it is printed atop pages
and nowhere else; a column label or a kicker belongs to an article, and an
article can be printed anywhere on a page, so such a line recurs lower on
pages too.  On one page alone the two look the same.
"""

from __future__ import annotations

from pathlib import Path

from etl.layout import parse_page
from etl.layout.banners import ARTICLE, BANNER, survey
from etl.pipeline import build, identify, survey_pages
from etl.review import stub

BODY = """
当前，新就业形态劳动者数量持续增长，

劳动关系呈现出新的特点，需要各方共同努力

加以应对，形成工作合力。
"""
OTHER_BODY = """
近年来，各地工会积极推动平台企业与

劳动者开展协商，建立健全沟通对话机制，取

得了明显成效，劳动者的获得感不断增强。
"""
FOOTER = "（作者单位：某大学劳动关系学院）\n"

#: A page opening with a short name over a headline: a banner, or the first article's column label?
LABEL_ON_TOP = "\n学者观察\n新就业形态劳动关系的新特点\n王明\n" + BODY + FOOTER
#: Another page printing that name over an article in the middle of the page.
LABEL_LOWER = "\n工会推动平台企业协商\n李华\n" + OTHER_BODY + FOOTER + "\n学者观察\n新就业形态劳动关系的新特点\n王明\n" + BODY + FOOTER
#: Two pages under the same banner.
BANNER_ON_TOP = "\n学者观察\n平台协商机制的实践\n李华\n" + OTHER_BODY + FOOTER


def roles(*pages: str) -> list[str | None]:
    found = survey(lambda: ((str(i), text) for i, text in enumerate(pages)))
    return [found.role_of(str(i)) for i in range(len(pages))]


def test_a_line_atop_two_pages_and_nowhere_else_is_their_banner():
    assert roles(LABEL_ON_TOP, BANNER_ON_TOP) == [BANNER, BANNER]


def test_a_top_line_printed_lower_on_another_page_belongs_to_an_article():
    assert roles(LABEL_ON_TOP, LABEL_LOWER)[0] == ARTICLE


def test_a_top_line_of_one_page_only_is_left_to_the_page():
    assert roles(LABEL_ON_TOP) == [None]
    assert roles(LABEL_ON_TOP, "\n平台协商机制的实践\n李华\n" + OTHER_BODY) == [None, None]


def test_the_same_label_is_recognised_with_or_without_its_icon_and_letter_spacing():
    # The column icon (a letter in a glyph font) is printed before the label
    # on some pages and not on others; letter-spaced banners have spaces.
    assert roles("\nG 学者观察\n" + BODY, LABEL_LOWER)[0] == ARTICLE
    assert roles("\n学 者 观 察\n" + BODY, "\n学者观察\n" + OTHER_BODY) == [BANNER, BANNER]


def test_alone_the_first_line_is_the_banner_and_flagged_as_perhaps_a_label():
    parsed = parse_page(LABEL_ON_TOP)
    (a,) = parsed.articles
    assert a.column_name is None and [r.text for r in parsed.residue] == ["学者观察"]
    assert [f.kind for f in parsed.flags] == ["banner_or_label"]


def test_alone_a_phrase_atop_the_page_is_the_banner_and_flagged_as_perhaps_a_kicker():
    # A kicker (引题) over the first headline looks like a campaign banner: on
    # one page, or a line the archive does not print atop other pages, the
    # reading is a guess.
    page = "\n深化产业工人队伍建设改革\n新就业形态劳动关系的新特点\n王明\n" + BODY + FOOTER
    parsed = parse_page(page)
    (a,) = parsed.articles
    assert a.title == "新就业形态劳动关系的新特点" and a.kicker is None
    assert [(f.kind, f.article) for f in parsed.flags] == [("banner_or_label", 0)]
    assert not parse_page(page, BANNER).flags


def test_a_phrase_atop_the_page_over_another_articles_headline_flags_that_article_too():
    # The headline under the top line was printed away from its body (the
    # second article's): the line may be that article's kicker.
    second = "\n李华\n" + OTHER_BODY + FOOTER
    page = "\n深化收入分配改革\n推动协商制度改革 保障劳动者权益\n新就业形态劳动关系的新特点\n王明\n" + BODY + FOOTER + second
    parsed = parse_page(page)
    assert [a.title for a in parsed.articles] == ["新就业形态劳动关系的新特点", "推动协商制度改革 保障劳动者权益"]
    assert [f.article for f in parsed.flags if f.kind == "banner_or_label"] == [0, 1]


def test_a_first_line_the_archive_shows_is_an_articles_reads_as_its_column_label():
    parsed = parse_page(LABEL_ON_TOP, ARTICLE)
    (a,) = parsed.articles
    assert a.column_name == "学者观察" and a.title == "新就业形态劳动关系的新特点"
    assert not parsed.residue and not parsed.flags


def test_a_first_line_the_archive_shows_is_a_banner_needs_no_review():
    parsed = parse_page(LABEL_ON_TOP, BANNER)
    assert [r.text for r in parsed.residue] == ["学者观察"] and not parsed.flags


def test_the_build_reads_each_page_against_the_others_and_rereads_it_when_they_change(tmp_path: Path):
    archive = tmp_path / "pages"
    archive.mkdir()
    (archive / "a.txt").write_text(LABEL_ON_TOP, encoding="utf-8")
    (archive / "c.txt").write_text("\n平台协商机制的实践\n李华\n" + OTHER_BODY + FOOTER, encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    build([archive], out, cache=cache)
    assert "学者观察" not in (out / "articles.csv").read_text(encoding="utf-8")  # alone: the banner

    (archive / "b.txt").write_text(LABEL_LOWER, encoding="utf-8")
    report = build([archive], out, cache=cache)
    # b is new and a's top line changed role; c is read from the cache.
    assert report.cache.startswith("1 of 3 pages from the cache")
    rows = (out / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert sum("学者观察" in r for r in rows) == 2  # a's article now carries its label, as b's does


def test_review_reads_a_page_against_the_pages_beside_it(tmp_path: Path):
    (tmp_path / "a.txt").write_text(LABEL_ON_TOP, encoding="utf-8")
    (tmp_path / "b.txt").write_text(LABEL_LOWER, encoding="utf-8")
    banners = survey_pages(identify(sorted(tmp_path.glob("*.txt")))[0])
    assert 'column_name = "学者观察"' in stub(tmp_path / "a.txt", {}, banners)
    assert 'column_name = ""' in stub(tmp_path / "a.txt", {})  # alone, the banner


def test_a_banner_the_archive_knows_is_no_headline_even_when_it_shares_the_articles_words():
    # Alone, a line over a body that shares its words is its headline; a line
    # the archive shows atop other pages only is the page's banner.
    page = "\n新就业形态劳动关系研究\n王明\n" + BODY + FOOTER
    assert [a.title for a in parse_page(page).articles] == ["新就业形态劳动关系研究"]
    parsed = parse_page(page, BANNER)
    assert [a.title for a in parsed.articles] == [None]
    assert [(r.text, r.reason) for r in parsed.residue] == [("新就业形态劳动关系研究", "banner")]
    assert [f.kind for f in parsed.flags] == ["title_missing"]


def test_a_first_line_that_runs_on_into_the_next_is_a_wrapped_headline_whatever_the_archive_says():
    # A word broken across the lines (新特 / 点): a banner is complete on its
    # line, so this is a headline printed atop two pages of the archive.
    page = "\n新就业形态劳动者的新特\n点与新趋势\n王明\n" + BODY + FOOTER
    (a,) = parse_page(page, BANNER).articles
    assert a.title == "新就业形态劳动者的新特点与新趋势"


def test_the_same_lines_atop_two_pages_are_one_article_printed_twice_not_a_banner():
    # A banner heads different contents issue after issue; a headline atop two
    # pages over the same byline is one article on both.
    reprint = "\n新就业形态劳动关系研究\n王明\n" + BODY + FOOTER
    assert roles(reprint, reprint + "\n") == [None, None]
    assert roles(reprint, "\n新就业形态劳动关系研究\n李华\n" + OTHER_BODY) == [BANNER, BANNER]
