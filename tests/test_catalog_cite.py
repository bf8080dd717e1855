"""Bibliographic facts (catalog, file names) and citations of articles."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl import schema
from etl.catalog import Biblio, biblio_for, from_file_name, read
from etl.cite import Record, bibtex, csl_json, csl_json_text, gbt7714
from etl.cli import app

runner = CliRunner()


# --- dates and page numbers from file names -------------------------------------------


@pytest.mark.parametrize(
    "name, published, page",
    [
        ("2023-05-16_07.txt", "2023-05-16", 7),
        ("2023-05-16-07.txt", "2023-05-16", 7),
        ("20230516_07.txt", "2023-05-16", 7),
        ("20230516-7.txt", "2023-05-16", 7),
        ("2023-05-16.txt", "2023-05-16", None),
        ("20230516.txt", "2023-05-16", None),
    ],
)
def test_a_file_name_that_holds_a_date_gives_it(name, published, page):
    assert from_file_name(name) == Biblio(published=published, page_no=page)


@pytest.mark.parametrize(
    "name",
    [
        "000_e7e1391f1c01140b.txt",  # the bundled pages: no date in the name
        "2023-02-30_07.txt",  # no such day
        "2023-13-01.txt",  # no such month
        "20230516_20230517.txt",  # two dates
        "page_2023-05-16.txt",  # a date among other words: not unambiguous
        "12345678.txt",  # eight digits that are no date
        "2023-5-16_07.txt",  # not ISO
        "1899-01-01.txt",  # before any newspaper of the collection
    ],
)
def test_a_file_name_that_does_not_give_no_date(name):
    assert from_file_name(name) == Biblio()


# --- the catalog ---------------------------------------------------------------------------

PAGES = [("a.txt", "a" * 64), ("2023-05-16_07.txt", "b" * 64), ("c.txt", "c" * 64)]


def catalog(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_catalog_row_is_found_by_file_name_or_by_sha256(tmp_path):
    cat, problems = read(catalog(tmp_path, (
        "file_name,sha256,newspaper,published,page_no,page_name,edition,source_url\n"
        "a.txt,,工人日报,2023-05-09,7,理论版,,https://example.org/a\n"
        f",{'c' * 64},工人日报,,,,,\n"
    )), PAGES)
    assert problems == []
    assert biblio_for("a.txt", "a" * 64, cat) == Biblio("工人日报", "2023-05-09", 7, "理论版", None, "https://example.org/a")
    assert biblio_for("renamed.txt", "c" * 64, cat).newspaper == "工人日报"  # by its bytes, whatever its name
    # No row: the file name still gives what it holds.
    assert biblio_for("2023-05-16_07.txt", "b" * 64, cat) == Biblio(published="2023-05-16", page_no=7)


def test_each_bad_catalog_row_is_one_problem_and_is_left_out(tmp_path):
    cat, problems = read(catalog(tmp_path, (
        "file_name,newspaper,published,page_no\n"
        "a.txt,工人日报,2023-05-09,7\n"
        "missing.txt,工人日报,,\n"
        "c.txt,工人日报,16/05/2023,\n"
        "a.txt,工人日报,2023-05-10,\n"
        "2023-05-16_07.txt,工人日报,,seven\n"
    )), PAGES)
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "line 3: names no page read (missing.txt)",
        "line 4: published '16/05/2023' is not a date (YYYY-MM-DD)",
        "line 5: a second row for a.txt (the first is line 2)",
        "line 6: page_no 'seven' is not a page number",
    ]
    assert all(str(p).startswith(str(tmp_path / "catalog.csv")) for p in problems)
    assert biblio_for("a.txt", "a" * 64, cat).published == "2023-05-09"  # the good row is used
    assert biblio_for("c.txt", "c" * 64, cat) == Biblio()


def test_a_catalog_without_a_key_column_is_refused(tmp_path):
    with pytest.raises(ValueError, match="needs a `file_name` or `sha256` column"):
        read(catalog(tmp_path, "newspaper,published\n工人日报,2023-05-09\n"), PAGES)


def test_bad_catalog_rows_make_the_build_exit_2_and_strict_fatal(tmp_path, sample_files):
    path = catalog(tmp_path, "file_name,newspaper,published\n000_e7e1391f1c01140b.txt,工人日报,2023-02-30\n")
    result = runner.invoke(app, ["build", *map(str, sample_files), "--out", str(tmp_path / "out"), "--catalog", str(path)])
    assert result.exit_code == 2 and "is not a date" in result.output
    strict = runner.invoke(app, ["build", *map(str, sample_files), "--out", str(tmp_path / "s"), "--catalog", str(path), "--strict"])
    assert strict.exit_code == 1 and not (tmp_path / "s").exists()


def test_the_bundled_catalog_names_the_newspaper_and_leaves_dates_empty(built):
    conn = sqlite3.connect(built / f"{schema.DATABASE_NAME}.db")
    assert conn.execute("select distinct newspaper, page_name, published from pages").fetchall() == [("工人日报", "理论版", None)]


# --- citations ------------------------------------------------------------------------------

TWO = Record("p-a01", "苏区工人运动的历程及启示", authors=("赵坤", "熊军"), newspaper="工人日报", published="2023-05-16", page_no=7)


def test_gbt7714_for_two_authors_one_author_a_digest_and_no_date():
    assert gbt7714(TWO) == "赵坤, 熊军. 苏区工人运动的历程及启示[N]. 工人日报, 2023-05-16(07)."
    one = Record("p-a02", "恳谈会促进新业态构建可持续协商协调机制", authors=("孟泉",), newspaper="工人日报", published="2023-05-16", page_no=7)
    assert gbt7714(one) == "孟泉. 恳谈会促进新业态构建可持续协商协调机制[N]. 工人日报, 2023-05-16(07)."
    digest = Record("p-a04", "以数字化促进劳动高质量发展", subtitle="中国劳动学会主题年会观点摘编", compilers=("张菁",),
                    speakers=("杨志明", "莫荣"), newspaper="工人日报", published="2023-05-16", page_no=7)
    assert gbt7714(digest) == "张菁. 以数字化促进劳动高质量发展：中国劳动学会主题年会观点摘编[N]. 工人日报, 2023-05-16(07)."
    undated = Record("p-a05", "建设适合“数字工匠”培育的技能形成体系", newspaper="工人日报")
    assert gbt7714(undated) == "建设适合“数字工匠”培育的技能形成体系[N]. 工人日报."  # nothing made up
    four = Record("x", "题名", authors=("甲乙", "丙丁", "戊己", "庚辛"))
    assert gbt7714(four) == "甲乙, 丙丁, 戊己, 等. 题名[N]."


def test_bibtex_parses_with_a_real_parser():
    import bibtexparser

    digest = Record("p-a04", "以数字化促进劳动高质量发展", compilers=("张菁",), speakers=("杨志明", "莫荣"), newspaper="工人日报")
    library = bibtexparser.parse_string(bibtex(TWO) + "\n" + bibtex(digest))
    assert not library.failed_blocks
    first, second = library.entries
    assert first.key == "p-a01" and first.entry_type == "article"
    assert first["author"] == "{赵坤} and {熊军}" and first["journal"] == "工人日报" and first["date"] == "2023-05-16"
    assert first["pages"] == "7" and "year" in first.fields_dict
    assert second["author"] == "{张菁}" and second["note"] == "发言人：杨志明、莫荣" and "year" not in second.fields_dict


def test_csl_json_is_read_by_a_citation_processor():
    """No maintained package ships the CSL-JSON schema; citeproc-py, a maintained CSL processor, reads and formats it."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(csl_json_text([TWO]))
    assert items[0]["type"] == "article-newspaper" and items[0]["author"] == [{"family": "赵", "given": "坤"}, {"family": "熊", "given": "军"}]
    assert items[0]["issued"] == {"date-parts": [[2023, 5, 16]]}
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem("p-a01")]))
    text = str(bibliography.bibliography()[0])
    assert "苏区工人运动的历程及启示" in text and "工人日报" in text and "2023" in text


def test_csl_json_leaves_out_what_is_not_known():
    item = csl_json(Record("x", "题名"))
    assert set(item) == {"id", "type", "title", "language"}


# --- a dated archive, built --------------------------------------------------------------------


def test_a_dated_archive_builds_with_dates_on_every_page_and_cites(dated_build):
    out = dated_build
    conn = sqlite3.connect(out / f"{schema.DATABASE_NAME}.db")
    assert conn.execute("select count(*), count(published), count(page_no) from pages").fetchone()[0:2] == (40, 40)
    assert conn.execute("select count(*) from articles where published is null").fetchone()[0] == 0
    months = conn.execute("select count(distinct published_month) from articles").fetchone()[0]
    assert months >= 3
    assert conn.execute("select count(*) from pages where newspaper = '工人日报'").fetchone()[0] == 40
