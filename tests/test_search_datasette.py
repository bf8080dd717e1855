"""Chinese search in Datasette's own search box: exactly the rows that contain the term.

The truth is a plain substring test on the stored text; the search goes
through Datasette's JSON API, the same as the search box on a table page.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import urllib.parse
from pathlib import Path

import pytest
from datasette.app import Datasette

from etl import schema
from etl.pipeline import build

from pagegen import generate

TERMS = [
    # two-character words, the commonest queries
    "工会", "骑手", "算法", "劳动", "职工", "平台", "技能", "就业", "权益", "培训", "协商", "党的",
    # longer terms and phrases, inside longer dictionary words too
    "数字工匠", "新就业形态", "新就业形态劳动者", "全国总工会", "总工会", "产业工人", "数字技术工程师",
    "高质量发展", "集体合同", "人工智能", "工匠精神", "恳谈会", "服务业数字化",
    # single characters, Latin words, digits and mixed terms
    "工", "会", "GDP", "AI", "GDP比重", "2021", "3.59", "48%",
    # terms that occur nowhere
    "区块链技术平台", "XYZ",
]


def _client(out: Path) -> Datasette:
    metadata = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    return Datasette(immutables=[str(out / f"{schema.DATABASE_NAME}.db")], metadata=metadata)


def searched(ds: Datasette, table: str, term: str) -> set[str]:
    """Primary keys of the rows Datasette's table search returns (all pages)."""
    key = "paragraph_id" if table == "paragraphs" else "article_id"
    found: set[str] = set()
    query = {"_search": term, "_shape": "objects", "_size": "max", "_col": key}
    path = f"/{schema.DATABASE_NAME}/{table}.json?" + urllib.parse.urlencode(query)
    while path:
        r = asyncio.run(ds.client.get(path))
        assert r.status_code == 200, r.text
        data = r.json()
        found.update(row[key] for row in data["rows"])
        path = data.get("next_url")
        if path:
            path = urllib.parse.urlsplit(path)._replace(scheme="", netloc="").geturl()
    return found


def truth(db: Path, table: str, term: str) -> set[str]:
    key = "paragraph_id" if table == "paragraphs" else "article_id"
    conn = sqlite3.connect(db)
    return {k for k, text in conn.execute(f"select {key}, text from {table}") if term in text}


@pytest.fixture(scope="module")
def generated_build(tmp_path_factory) -> Path:
    pages = tmp_path_factory.mktemp("pages")
    for seed in range(40):
        (pages / f"gen_{seed:03d}.txt").write_text(generate(seed).text, encoding="utf-8")
    out = tmp_path_factory.mktemp("gen") / "outputs"
    build([pages], out)
    return out


@pytest.mark.parametrize("table", ["paragraphs", "articles"])
def test_search_box_returns_exactly_the_rows_containing_the_term_on_the_samples(built, table):
    ds = _client(built)
    db = built / f"{schema.DATABASE_NAME}.db"
    for term in TERMS:
        assert searched(ds, table, term) == truth(db, table, term), term


@pytest.mark.parametrize("table", ["paragraphs", "articles"])
def test_search_box_returns_exactly_the_rows_containing_the_term_on_a_generated_corpus(generated_build, table):
    ds = _client(generated_build)
    db = generated_build / f"{schema.DATABASE_NAME}.db"
    hits = 0
    for term in TERMS:
        expected = truth(db, table, term)
        hits += bool(expected)
        assert searched(ds, table, term) == expected, term
    assert hits >= 25  # the terms really occur: this is not a test of empty sets


def test_ranked_search_query_for_sql_users(built):
    ds = _client(built)
    q = urllib.parse.urlencode({"q": "工会", "_shape": "array"})
    rows = asyncio.run(ds.client.get(f"/{schema.DATABASE_NAME}/search_paragraphs.json?{q}")).json()
    assert rows and all("工会" in r["text"] for r in rows)
    db = built / f"{schema.DATABASE_NAME}.db"
    assert {r["paragraph_id"] for r in rows} == truth(db, "paragraphs", "工会")
    # most relevant first: the first row mentions the term at least as often as the last
    assert rows[0]["text"].count("工会") >= rows[-1]["text"].count("工会")


def test_the_database_is_readable_by_a_stock_sqlite3(built):
    conn = sqlite3.connect(built / f"{schema.DATABASE_NAME}.db")  # no functions registered
    n = conn.execute("select count(*) from paragraphs_fts where paragraphs_fts match ?", ('"工会"',)).fetchone()[0]
    assert n == len(truth(built / f"{schema.DATABASE_NAME}.db", "paragraphs", "工会"))
