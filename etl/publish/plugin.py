"""Datasette plugin: Chinese substring search in Datasette's own search box.

Datasette's table search runs ``match escape_fts(:search)``, with an
``escape_fts`` SQL function it registers on every connection.  We register our
own after it (``trylast``), turning the query into the bigram phrases of
`etl.search` so that 工会 finds 全国总工会.  ``zh_fts(q)`` is the same function
under a name of its own, for the SQL editor and canned queries, and
``zh_index(text)`` shows how a text is indexed.
"""

from __future__ import annotations

from datasette import hookimpl

from ..search import fts_query, index_text


def _fts(query):
    return fts_query(str(query or ""))


def _index(text):
    return index_text(str(text or ""))


@hookimpl(trylast=True)
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, _fts, deterministic=True)
    conn.create_function("zh_fts", 1, _fts, deterministic=True)
    conn.create_function("zh_index", 1, _index, deterministic=True)
