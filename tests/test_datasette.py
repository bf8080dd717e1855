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
