"""The bigram search index finds exactly the rows containing the query."""

import sqlite3

import pytest

from etl.search import fts_query, index_text

TEXTS = [
    "全国总工会主席指出，工会要维护职工权益。",
    "外卖骑手的劳动权益保障",
    "占GDP比重为34.8%",
    "新就业形态劳动者成为重要劳动群体",
    "工人运动",
    "数字经济GDP贡献",
]


@pytest.fixture(scope="module")
def db():
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table f using fts5(grams, content='')")
    conn.executemany("insert into f(rowid, grams) values (?, ?)", [(i, index_text(t)) for i, t in enumerate(TEXTS, 1)])
    return conn


@pytest.mark.parametrize("term", ["工会", "工", "骑手", "权益", "总工会主席", "新就业形态劳动者", "GDP", "GDP比重", "经济GDP", "劳动", "人"])
def test_search_returns_exactly_the_rows_containing_the_term(db, term):
    got = sorted(r for (r,) in db.execute("select rowid from f where f match ?", (fts_query(term),)))
    assert got == [i for i, t in enumerate(TEXTS, 1) if term in t]


def test_terms_separated_by_spaces_must_all_occur(db):
    got = sorted(r for (r,) in db.execute("select rowid from f where f match ?", (fts_query("劳动 权益"),)))
    assert got == [2]


def test_a_query_without_letters_matches_nothing(db):
    assert list(db.execute("select rowid from f where f match ?", (fts_query("，。"),))) == []
