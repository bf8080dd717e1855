"""The site: Datasette over the built database, with the project's metadata."""

from __future__ import annotations

import asyncio
import json

import pytest
from datasette.app import Datasette

from etl import schema


@pytest.fixture(scope="module")
def ds(built):
    metadata = json.loads((built / "metadata.json").read_text(encoding="utf-8"))
    return Datasette(immutables=[str(built / f"{schema.DATABASE_NAME}.db")], metadata=metadata)


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def test_home_page_shows_title_source_and_license(ds):
    r = get(ds, "/")
    assert r.status_code == 200
    assert "工人日报理论版语料" in r.text
    assert "CC BY 4.0" in r.text
    assert "paragraphs" in r.text


def test_table_page_lists_articles_with_titles(ds):
    r = get(ds, f"/{schema.DATABASE_NAME}/articles")
    assert r.status_code == 200
    assert "丰富维权服务载体 满足产业职工新型权益诉求" in r.text


def test_json_query_returns_rows(ds):
    r = get(ds, f"/{schema.DATABASE_NAME}.json?sql=select+count(*)+as+n+from+paragraphs&_shape=array")
    assert r.status_code == 200
    assert r.json()[0]["n"] > 80


def test_search_box_finds_two_character_chinese_words(ds):
    r = get(ds, f"/{schema.DATABASE_NAME}/paragraphs.json?_search=骑手&_shape=array&_size=max")
    assert r.status_code == 200
    rows = r.json()
    assert rows and all("骑手" in row["text"] for row in rows)


def test_the_database_is_served_read_only(ds):
    r = get(ds, "/-/databases.json")
    assert r.json()[0]["is_mutable"] is False


def test_every_default_sort_column_is_sortable():
    """Datasette refuses a table page sorted by a column it may not sort by."""
    from etl.publish.metadata import table_metadata

    for table in schema.TABLES:
        meta = table_metadata(table)
        if "sort" in meta:
            assert meta["sort"] in meta["sortable_columns"], table.name


def test_readme_links_point_to_what_the_site_serves():
    from etl.publish.plugin import site_link

    assert site_link("SCHEMA.md") == "/-/schema"
    assert site_link("datapackage.json") == "/downloads/datapackage.json"
    assert site_link("outputs/theory_pages.db") == "/downloads/theory_pages.db"
    assert site_link("outputs/workers-theory-pages.zip#x") == "/downloads/workers-theory-pages.zip#x"
    assert site_link("etl/lexicon/userdict.txt") == "/-/lexicon/userdict.txt"
    assert site_link("https://datasette.io/") == "https://datasette.io/"
    assert site_link("#tables") == "#tables"
    # A file the site does not serve: the repository's, or no link at all.
    assert site_link("bench/README.md") is None
    assert site_link("etl/lexicon/other.txt") is None
    assert site_link("bench/README.md", "https://example.org/p") == "https://example.org/p/blob/HEAD/bench/README.md"


def test_requests_the_site_refuses_before_datasette_sees_them():
    from etl.publish.errors import request_problem

    db = schema.DATABASE_NAME
    assert request_problem("GET", f"/{db}/articles", "title__contains=工会&_sort=seq") is None
    assert request_problem("GET", f"/{db}/articles.json", "kind=digest") is None
    assert request_problem("POST", f"/{db}/articles", "")[0] == 405
    assert request_problem("GET", f"/{db}/articles", "nope=1")[0] == 400  # Datasette would ignore it
    assert request_problem("GET", f"/{db}/articles", "title__near=1")[0] == 400
    assert request_problem("GET", f"/{db}/articles", "_through=x")[0] == 400
    assert request_problem("GET", f"/{db}/keywords/a,b", "")[0] == 404  # keyed by three values
    assert request_problem("GET", f"/{db}/keywords/a,tfidf,1", "") is None
    assert request_problem("GET", f"/{db}/search_paragraphs", "q=x") is None  # a canned query: its own parameters


def test_a_bad_sort_is_a_400_not_a_500(ds):
    r = get(ds, f"/{schema.DATABASE_NAME}/articles.json?_sort=nope")
    assert r.status_code == 400 and "Cannot sort table by nope" in r.text


@pytest.fixture(scope="module")
def flagged(tmp_path_factory):
    """A build of generated pages on which the reconstruction flags some decisions."""
    import conventions
    from etl.layout import parse_page
    from etl.pipeline import build

    pages = tmp_path_factory.mktemp("flagged-pages")
    seeds = [s for s in range(40) if parse_page(conventions.generate(s, "dev").text).flags][:3]
    for s in seeds:
        (pages / f"dev_{s:03d}.txt").write_text(conventions.generate(s, "dev").text, encoding="utf-8")
    out = tmp_path_factory.mktemp("flagged") / "outputs"
    build([pages], out)
    metadata = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    return out, Datasette(immutables=[str(out / f"{schema.DATABASE_NAME}.db")], metadata=metadata)


def test_flagged_articles_show_their_flags_and_the_home_page_counts_them(flagged):
    import sqlite3

    out, site = flagged
    conn = sqlite3.connect(out / f"{schema.DATABASE_NAME}.db")
    article_id, count = conn.execute("select article_id, flag_count from articles where flag_count > 0 order by article_id").fetchone()
    kinds = [k for (k,) in conn.execute("select kind from review_flags where article_id = ? order by seq", (article_id,))]
    assert len(kinds) == count
    page = get(site, f"/{schema.DATABASE_NAME}/articles/{article_id}").text
    assert "Review flags" in page and all(k in page for k in kinds)
    flagged_articles, total = conn.execute("select count(*) filter (where flag_count > 0), count(*) from articles").fetchone()
    home = get(site, "/").text
    assert f"{flagged_articles} of {total} articles" in home and "flag_count__gt=0" in home


def test_the_bundled_pages_have_nothing_to_review(ds):
    assert "No article carries a review flag" in get(ds, "/").text
