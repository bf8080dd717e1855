"""Corrections as data: a publisher makes articles exact without touching code.

The page used throughout is generated page 0 of the development family
(tests/conventions.py) with the two lines of its editor's note set together
(line 121 moved up to 120, the blank line down: no line number changes), so
that its reconstruction is wrong in two articles: a kicker read as the page's
banner, and an editor's note that swallows the first paragraph of the body
(set as the body is, the note gives no sign of where it ends).  Line numbers
below are that page's.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import conventions
from pagegen import recovered

from etl import schema
from etl.cli import app
from etl.corrections import CorrectionError, apply, load, owned_lines
from etl.layout import parse_page
from etl.pipeline import build

runner = CliRunner()


def _note_set_together(page):
    lines = page.text.split("\n")
    assert lines[118].startswith("编者按") and lines[119] == "" and lines[120]
    lines[119], lines[120] = lines[120], ""
    return dataclasses.replace(page, text="\n".join(lines))


PAGE = _note_set_together(conventions.generate(0, "dev"))
SHA = hashlib.sha256(PAGE.text.encode("utf-8")).hexdigest()
HEAD = f'page = "dev_000.txt"\nsha256 = "{SHA}"\n\n'
BY = 'reason = "checked against the page"\nby = "A. Reviewer"\n'

#: What makes the two wrong articles exact.
FIXES = (
    '[[move]]\nlines = [2, 2]\ntext = "产业工人队伍建设的新探索"\nto = 1\nstarts = "因此，“数字工匠”"\nas = "kicker"\n' + BY + "\n"
    '[[move]]\nlines = [122, 130]\ntext = "劳动时间的确定是基础性数据，精细化管理是劳动标准制定的重要途径，要秉持权责对等的基本理念，'
    '实现度量单位的精准化。数字时代，新就业形态劳动者成为重要劳动群体，关注这一群体的劳动体验，影响数字时代的劳动高质量发展。'
    '四是职工自身成长进步对新型权益维护提出更高要求。"\nto = 2\nas = "body"\n' + BY
)


def write(folder: Path, body: str, name: str = "dev_000.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def corrected(tmp_path: Path, body: str):
    cf = load(write(tmp_path / "corrections", body))
    return apply(PAGE.text, parse_page(PAGE.text), cf, SHA)


def test_the_page_is_wrong_without_corrections():
    parsed = parse_page(PAGE.text)
    assert recovered(PAGE.articles[0], parsed.articles[0]) == ["kicker"]
    assert "editor_note" in recovered(PAGE.articles[1], parsed.articles[1])


def test_moving_lines_makes_the_articles_exact_and_conserves_every_line(tmp_path):
    page, applied, stale = corrected(tmp_path, FIXES)
    assert stale == []
    assert [recovered(s, a) for s, a in zip(PAGE.articles, page.articles)] == [[]] * len(PAGE.articles)
    assert [(c.article, c.action, c.field) for c in applied] == [(0, "move", "kicker"), (1, "move", "body")]
    nonblank = [i for i, ln in enumerate(PAGE.text.split("\n"), start=1) if ln.strip()]
    assert owned_lines(page) == nonblank  # every line once: moved, not copied


def test_every_field_can_be_set_and_a_stub_value_changes_nothing(tmp_path):
    entry = (
        '[[article]]\nseq = 3\nstarts = "同时，数字技术的"\n'
        'kicker = "聚焦数字人才"\ntitle = "新标题 第二部分"\nsubtitle = "副题"\ncolumn_name = "理论视野"\n'
        'series = "“数字工匠”系列谈①"\nkind = "digest"\naffiliation = "作者单位：某大学"\npullquote = "摘要。"\n'
        'editor_note = "按语。"\nauthors = ["王明", "李华"]\naffiliations = ["某大学", "某研究院"]\n' + BY + "\n"
        # The same values again: nothing more to record.
        '[[article]]\nseq = 3\nkicker = "聚焦数字人才"\ntitle = "新标题 第二部分"\n' + BY
    )
    seq = 3
    page, applied, stale = corrected(tmp_path, entry)
    a = page.articles[seq - 1]
    assert stale == []
    assert (a.kicker, a.title, a.subtitle, a.column_name, a.series, a.kind) == ("聚焦数字人才", "新标题 第二部分", "副题", "理论视野", "“数字工匠”系列谈①", "digest")
    assert (a.affiliation, a.pullquote, a.editor_note) == ("作者单位：某大学", "摘要。", "按语。")
    assert [(c.name, c.affiliation) for c in a.contributors if c.role == "author"] == [("王明", "某大学"), ("李华", "某研究院")]
    fields = [c.field for c in applied]
    assert sorted(fields) == sorted(["kicker", "title", "subtitle", "column_name", "series", "kind", "affiliation", "pullquote", "editor_note", "authors"])
    assert all(c.reason == "checked against the page" and c.by == "A. Reviewer" for c in applied)


def test_paragraphs_split_merge_headings_speakers_and_text_fixes(tmp_path):
    body = (
        '[[split]]\narticle = 1\nparagraph = 1\nat_line = 11\n' + BY + "\n"
        '[[merge]]\narticle = 1\nparagraph = 1\n' + BY + "\n"
        '[[split]]\narticle = 1\nparagraph = 1\nat_offset = 10\n' + BY + "\n"
        '[[heading]]\narticle = 1\nparagraph = 2\nheading = "引言"\nthrough = 2\n' + BY + "\n"
        '[[speaker]]\narticle = 1\nparagraph = 2\nspeaker = "王明"\n' + BY + "\n"
        '[[fix]]\narticle = 1\nold = "体外化"\nnew = "外部化"\n' + BY
    )
    before = parse_page(PAGE.text).articles[0].paragraphs
    page, applied, stale = corrected(tmp_path, body)
    assert stale == []
    paras = page.articles[0].paragraphs
    assert len(paras) == len(before) + 1
    assert paras[0].text + paras[1].text == before[0].text.replace("体外化", "外部化")
    assert len(paras[0].text) == 10
    assert (paras[1].heading, paras[1].speaker) == ("引言", "王明")
    assert paras[2].heading == before[1].heading  # the heading ran through paragraph 2 only
    assert [c.action for c in applied] == ["split", "merge", "split", "heading", "speaker", "fix"]
    fix = applied[-1]
    assert (fix.old_value, fix.new_value) == ("体外化", "外部化")  # a text fix records both strings


def test_a_stale_entry_is_not_applied_and_says_why(tmp_path):
    body = (
        '[[move]]\nlines = [2, 2]\ntext = "别的文字"\nto = 1\nas = "kicker"\n' + BY + "\n"
        '[[article]]\nseq = 1\nstarts = "另一个开头"\ntitle = "x"\n' + BY + "\n"
        '[[fix]]\narticle = 1\nold = "页面上没有的字"\nnew = "x"\n' + BY + "\n"
        '[[article]]\nseq = 1\ntitle = "没有署名的改动"\nreason = ""\nby = ""\n'
    )
    page, applied, stale = corrected(tmp_path, body)
    assert applied == []
    assert [s.entry for s in stale] == [1, 2, 3, 4]
    assert "lines 2-2 hold “产业工人队伍建设的新探索”" in str(stale[0])
    assert "no longer starts with" in str(stale[1]) and "nowhere in article 1" in str(stale[2])
    assert "no reason or no `by`" in str(stale[3])
    assert page.articles == parse_page(PAGE.text).articles  # nothing changed


def test_corrections_for_other_bytes_are_stale(tmp_path):
    cf = load(write(tmp_path / "c", FIXES))
    page, applied, stale = apply(PAGE.text, parse_page(PAGE.text), cf, "0" * 64)
    assert applied == [] and len(stale) == 2 and "sha256" in str(stale[0])


@pytest.mark.parametrize(
    "text, message",
    [
        ("page = \n", "not valid TOML"),
        ('sha256 = "x"\n', "needs `page"),
        (HEAD + "[[move]]\nlines = [3]\n" + BY, "lines = [first, last]"),
        (HEAD + '[[article]]\nseq = 1\nheadline = "x"\n' + BY, "unknown field(s) headline"),
        (HEAD + '[[article]]\nseq = 1\ntitle = "x"\n', "needs `reason"),
        (HEAD + "[[oops]]\n", "unknown key(s) oops"),
    ],
)
def test_a_malformed_file_is_refused_with_its_name_and_the_problem(tmp_path, text, message):
    path = tmp_path / "dev_000.toml"
    path.write_text(text.replace(HEAD, HEAD) if text.startswith("page") or text.startswith("sha") else text, encoding="utf-8")
    with pytest.raises(CorrectionError, match=re.escape(message)) as info:
        load(path)
    assert str(path) in str(info.value)


def _pages(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "dev_000.txt").write_text(PAGE.text, encoding="utf-8")
    return pages


def _csvs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}


def test_a_build_applies_the_corrections_records_them_and_is_reproducible(tmp_path):
    pages = _pages(tmp_path)
    write(tmp_path / "corrections", FIXES)
    build([pages], tmp_path / "a", corrections=tmp_path / "corrections")
    build([pages], tmp_path / "b", corrections=tmp_path / "corrections")
    assert _csvs(tmp_path / "a") == _csvs(tmp_path / "b")  # the correction survives a rebuild byte for byte
    db = sqlite3.connect(tmp_path / "a" / f"{schema.DATABASE_NAME}.db")
    rows = db.execute("select article_id, action, field, reason, [by] from corrections order by seq").fetchall()
    assert [(r[1], r[2]) for r in rows] == [("move", "kicker"), ("move", "body")]
    assert db.execute("select seq, corrected, kicker from articles order by seq limit 2").fetchall() == [
        (1, 1, "产业工人队伍建设的新探索"), (2, 1, None)]
    # The claims and keywords are those of the corrected text: the moved paragraph is counted.
    body = db.execute("select count(*) from paragraphs where article_id like '%-a02'").fetchone()[0]
    assert body == len(PAGE.articles[1].paragraphs)


def test_a_stale_or_malformed_file_gives_one_line_exit_2_and_loses_nothing(tmp_path):
    pages = _pages(tmp_path)
    write(tmp_path / "corrections", FIXES.replace("to = 2", "to = 9"))
    (tmp_path / "corrections" / "broken.toml").write_text("page = ", encoding="utf-8")
    result = runner.invoke(app, ["build", str(pages), "--out", str(tmp_path / "out"), "--corrections", str(tmp_path / "corrections")])
    assert result.exit_code == 2, result.output
    assert "broken.toml: not valid TOML" in result.output
    assert "dev_000.toml: entry 2: no article 9 on the page" in result.output
    assert "2 corrections or catalog rows not used" in result.output
    db = sqlite3.connect(tmp_path / "out" / f"{schema.DATABASE_NAME}.db")
    assert db.execute("select count(*) from corrections").fetchone()[0] == 1  # entry 1 still applied
    strict = runner.invoke(app, ["build", str(pages), "--out", str(tmp_path / "strict"), "--strict", "--corrections", str(tmp_path / "corrections")])
    assert strict.exit_code == 1 and not (tmp_path / "strict").exists()


def test_review_lists_flagged_articles_and_a_stub_changes_nothing(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    flagged = next(s for s in range(40) if parse_page(conventions.generate(s, "dev").text).flags)
    (pages / "dev.txt").write_text(conventions.generate(flagged, "dev").text, encoding="utf-8")
    listed = runner.invoke(app, ["review", str(pages), "--corrections", str(tmp_path / "c")])
    assert listed.exit_code == 0 and "articles to check, most flagged first" in listed.output
    assert "the page's lines" in listed.output and "flag " in listed.output
    made = runner.invoke(app, ["review", "--stub", str(pages / "dev.txt"), "--corrections", str(tmp_path / "c")])
    assert made.exit_code == 0 and (tmp_path / "c" / "dev.toml").is_file()
    again = runner.invoke(app, ["review", "--stub", str(pages / "dev.txt"), "--corrections", str(tmp_path / "c")])
    assert again.exit_code == 1 and "exists" in again.output
    build([pages], tmp_path / "out", corrections=tmp_path / "c")
    db = sqlite3.connect(tmp_path / "out" / f"{schema.DATABASE_NAME}.db")
    assert db.execute("select count(*) from corrections").fetchone()[0] == 0  # the stub as written changes nothing


def test_review_of_the_bundled_pages_has_nothing_to_check():
    result = runner.invoke(app, ["review", "--corrections", "/nonexistent"])
    assert result.exit_code == 0 and "nothing to check" in result.output


def test_twenty_inexact_generated_articles_are_made_exact_by_an_edited_stub(tmp_path):
    """Written by `etl review --stub` and edited as a reviewer would (tests/fix_with_corrections.py)."""
    from fix_with_corrections import fix, inexact_articles

    cases = inexact_articles(20)
    assert len(cases) == 20
    assert [case for case in cases if not fix(*case, tmp_path)] == []


def test_the_article_page_marks_corrected_parts_and_credits_them(tmp_path):
    import asyncio
    import json

    from datasette.app import Datasette

    pages = _pages(tmp_path)
    write(tmp_path / "corrections", FIXES + '\n[[article]]\nseq = 2\ntitle = "完善社会 促进基本形式"\n' + BY)
    build([pages], tmp_path / "out", corrections=tmp_path / "corrections")
    metadata = json.loads((tmp_path / "out" / "metadata.json").read_text(encoding="utf-8"))
    site = Datasette(immutables=[str(tmp_path / "out" / f"{schema.DATABASE_NAME}.db")], metadata=metadata)
    db = sqlite3.connect(tmp_path / "out" / f"{schema.DATABASE_NAME}.db")
    article_id = db.execute("select article_id from articles where seq = 2").fetchone()[0]
    html = asyncio.run(site.client.get(f"/{schema.DATABASE_NAME}/articles/{article_id}")).text
    assert "Corrected by hand (2)" in html and "A. Reviewer" in html
    assert 'class="corrected-mark" title="corrected: checked against the page — A. Reviewer"' in html
    assert "完善社会 促进基本形式" in html


# --- parting one article into two, and joining two into one ---------------------------------------


def held(a: int, b: int) -> str:
    """What source lines a..b hold, as a [[move]] entry quotes them."""
    return "".join(re.sub(r"\s+", "", ln) for ln in PAGE.text.split("\n")[a - 1 : b])


def nonblank() -> list[int]:
    return [i for i, ln in enumerate(PAGE.text.split("\n"), start=1) if ln.strip()]


def test_two_articles_read_as_one_are_parted_with_a_new_article(tmp_path):
    # Article 1's last paragraph (lines 85-101) and the heading over it (line 83)
    # become an article of their own: body first, then its title by its seq (6:
    # numbered after the page's five while the file is applied).
    from etl.layout.flags import Flag
    from dataclasses import replace as with_

    body = (
        f'[[move]]\nlines = [85, 101]\ntext = "{held(85, 101)}"\nto = "new"\nas = "body"\n' + BY + "\n"
        f'[[move]]\nlines = [83, 83]\ntext = "{held(83, 83)}"\nto = 6\nas = "title"\n' + BY
    )
    parsed = with_(parse_page(PAGE.text), flags=(Flag("title_missing", "x", 222, 222, article=3),))
    page, applied, stale = apply(PAGE.text, parsed, load(write(tmp_path / "c", body)), SHA)
    assert stale == []
    # The new article takes its place in the order the bodies are printed: second.
    assert len(page.articles) == 6
    new = page.articles[1]
    assert new.title == held(83, 83)
    assert [(p.line_start, p.line_end) for p in new.paragraphs] == [(85, 101)]
    assert [(p.line_start, p.line_end) for p in page.articles[0].paragraphs][-1] == (55, 81)
    assert page.articles[0].title == parsed.articles[0].title
    # Rows and flags follow their article to its new place.
    assert [(c.article, c.field) for c in applied] == [(1, "body"), (0, "body"), (1, "title"), (0, "heading")]
    assert [f.article for f in page.flags] == [4]
    assert owned_lines(page) == nonblank()  # nothing lost, nothing doubled


def test_one_article_read_as_two_is_joined_and_the_emptied_one_dropped(tmp_path):
    # Article 3 was really the end of article 2: its head lines go to the
    # residue, then its body to article 2; with no line left, article 3 is gone.
    refused = f'[[move]]\nlines = [175, 219]\ntext = "{held(175, 219)}"\nto = 2\nas = "body"\n' + BY
    page, _, stale = corrected(tmp_path, refused)
    assert [s.why for s in stale] == [
        "moving lines 175-219 would leave article 3 without a body but with lines 165-220; move those first "
        "(an article with no line left is dropped)"]
    assert len(page.articles) == 5  # a refused entry changes nothing

    body = (
        f'[[move]]\nlines = [165, 174]\ntext = "{held(165, 174)}"\nto = "residue"\nas = "body"\n' + BY + "\n"
        f'[[move]]\nlines = [220, 220]\ntext = "{held(220, 220)}"\nto = "residue"\nas = "footer"\n' + BY + "\n" + refused + "\n"
        '[[article]]\nseq = 4\ntitle = "改过的题目"\n' + BY  # article 4 keeps its seq while the file is applied
    )
    before = parse_page(PAGE.text)
    page, applied, stale = corrected(tmp_path, body)
    assert stale == []
    assert [a.title for a in page.articles] == [before.articles[0].title, before.articles[1].title, "改过的题目", before.articles[4].title]
    joined = page.articles[1]
    assert joined.text.endswith(before.articles[2].paragraphs[-1].text)
    assert [c.article for c in applied if c.field == "title"] == [2]  # the row names article 4's new place
    assert None in [c.article for c in applied]  # rows about the dropped article are the page's
    assert sorted(set(owned_lines(page)) | {r.line_no for r in page.residue}) == nonblank()


def test_a_joined_page_builds_with_renumbered_ids(tmp_path):
    pages = _pages(tmp_path)
    write(tmp_path / "corrections", (
        f'[[move]]\nlines = [165, 174]\ntext = "{held(165, 174)}"\nto = "residue"\nas = "body"\n' + BY + "\n"
        f'[[move]]\nlines = [220, 220]\ntext = "{held(220, 220)}"\nto = "residue"\nas = "footer"\n' + BY + "\n"
        f'[[move]]\nlines = [175, 219]\ntext = "{held(175, 219)}"\nto = 2\nas = "body"\n' + BY
    ))
    build([pages], tmp_path / "out", corrections=tmp_path / "corrections")  # the package validates: every key holds
    db = sqlite3.connect(tmp_path / "out" / f"{schema.DATABASE_NAME}.db")
    assert [r[0][-3:] for r in db.execute("select article_id from articles order by seq")] == ["a01", "a02", "a03", "a04"]
    assert db.execute("select count(*) from corrections where article_id is null").fetchone()[0] >= 1
