"""Datasette metadata, generated from `schema` so the site and the package agree.

Table and column descriptions, label columns (foreign keys show titles, not
IDs), default facets and sort orders, the search index of each searchable
table, and the canned queries researchers ask first.
"""

from __future__ import annotations

from typing import Any

from .. import schema

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "search_paragraphs": {
        "title": "全文检索段落 · Search paragraphs",
        "description": "Paragraphs containing every term of :q (Chinese substrings of any length, Latin words), most relevant first.",
        "sql": (
            "select p.paragraph_id, a.title, p.heading, p.speaker, p.text, p.line_start, p.line_end\n"
            "from paragraphs_fts f\n"
            "join paragraphs p on p.rowid = f.rowid\n"
            "join articles a on a.article_id = p.article_id\n"
            "where paragraphs_fts match zh_fts(:q)\n"
            "order by bm25(paragraphs_fts), p.paragraph_id\n"
            "limit 200"
        ),
    },
}


def table_metadata(table: schema.Table) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": table.title,
        "description": table.description,
        "columns": {f.name: f.description + (f" Unit: {f.unit}." if f.unit else "") for f in table.fields},
        "sortable_columns": [f.name for f in table.fields if f.type in ("integer", "number") or f.name in table.primary_key or f.name in ("title", "name", "keyword", "year")],
    }
    if table.label_column:
        meta["label_column"] = table.label_column
    if table.facets:
        meta["facets"] = list(table.facets)
    if table.sort:
        meta["sort"] = table.sort
    if table.search:
        meta["fts_table"] = f"{table.name}_fts"
        meta["fts_pk"] = "rowid"
    return meta


def datasette_metadata() -> dict[str, Any]:
    return {
        "title": schema.TITLE,
        "description": schema.DESCRIPTION,
        "license": "Data CC BY 4.0 · code MIT · texts © authors",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": schema.SOURCE,
        "databases": {
            schema.DATABASE_NAME: {
                "description": schema.DESCRIPTION,
                "tables": {t.name: table_metadata(t) for t in schema.TABLES},
                "queries": CANNED_QUERIES,
            }
        },
    }
