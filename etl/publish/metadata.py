"""Datasette metadata, generated from `schema` so the site and the package agree.

Title and description in Chinese and English, source, license and rights,
the downloads, every table and column described (with units), label columns
(foreign keys show titles, not IDs), default facets and sort orders, the
search index of each searchable table, the canned queries researchers ask
first, and the charts (datasette-dashboards, whose Vega files are served by
the site itself, so it works offline).
"""

from __future__ import annotations

from html import escape
from typing import Any

from .. import schema

DB = schema.DATABASE_NAME
ZIP = f"{schema.PACKAGE_NAME}.zip"

DESCRIPTION_HTML = f"""
<p lang="zh">从一份工人报纸理论版的页面文本中重建的文章、段落、作者、关键词与数字论断。每一行都可追溯到原页面文件及其行号，每个数字都可追溯到原句。</p>
<p lang="en">Articles, paragraphs, contributors, keywords and numeric claims reconstructed from text dumps of the
theory pages of a Chinese workers' newspaper (labour, trade unions, skills, the platform and digital economy).
Every row traces back to its page file and source lines; every figure to its sentence.</p>
<p><strong>Start here:</strong>
<a href="/{DB}/articles">articles</a> ·
<a href="/{DB}/search_paragraphs">full-text search</a> ·
<a href="/-/dashboards/overview">charts</a> ·
<a href="/{DB}">all tables and queries</a> ·
<a href="/-/about">about (README)</a></p>
<form class="home-search" action="/{DB}/search_paragraphs" method="get" role="search">
<label for="home-q"><strong>全文检索 · Search the paragraphs:</strong></label>
<input id="home-q" type="search" name="q" placeholder="词或短语 · a word or phrase" required>
<button type="submit">Search</button>
</form>
<p><strong>Downloads:</strong>
<a href="/downloads/{ZIP}">data package (zip: datapackage.json + CSV)</a> ·
<a href="/{DB}.db">SQLite database</a> ·
<a href="/downloads/datapackage.json">datapackage.json</a></p>
<p class="rights">{escape(schema.RIGHTS)}</p>
""".strip()

# The search index ranks its matches by itself before any row is read: joining
# every match first and sorting the joined rows costs three times as much when
# a word matches a quarter of the paragraphs.  Equal scores fall back to rowid
# order, which is key order (etl.database numbers searched rows by key).
_SEARCH_SQL = (
    "select {key}, {cols}\n"
    "from (select rowid, bm25({table}_fts) as score from {table}_fts\n"
    "  where {table}_fts match zh_fts(:q) order by score, rowid limit 500) f\n"
    "join {table} t on t.rowid = f.rowid\n"
    "{join}"
    "order by f.score, f.rowid"
)

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "search_paragraphs": {
        "title": "全文检索段落 · Search paragraphs",
        "description": "Paragraphs that contain every term of q (Chinese words of any length, single characters, "
        "Latin words, numbers), most relevant first (BM25 over character bigrams).",
        "sql": _SEARCH_SQL.format(
            key="paragraph_id",
            cols="a.title, t.heading, t.speaker, t.text, t.line_start, t.line_end",
            table="paragraphs",
            join="join articles a on a.article_id = t.article_id\n",
        ),
    },
    "search_articles": {
        "title": "全文检索文章 · Search articles",
        "description": "Articles whose text contains every term of q, most relevant first.",
        "sql": _SEARCH_SQL.format(
            key="article_id", cols="t.title, t.authors, t.column_name, t.kind, t.pullquote", table="articles", join=""
        ),
    },
    "claims_by_year_and_quantity": {
        "title": "按年份与类型查数字论断 · Figures by year and kind",
        "description": "Numeric claims for a year (e.g. 2022) and a kind of quantity (percent, money, people, count, "
        "rank, duration, other), in articles published between from and to (YYYY-MM-DD); leave a field empty for all.",
        "sql": (
            "select c.claim_id, c.year, c.quantity, c.mention, c.value, c.unit, c.approx, c.modality, c.rate_base,\n"
            "  c.subject, a.title, a.published, c.sentence\n"
            "from numeric_claims c join articles a on a.article_id = c.article_id\n"
            "where (:year = '' or c.year = cast(:year as integer))\n"
            "  and (:quantity = '' or c.quantity = :quantity)\n"
            "  and (:from = '' or a.published >= :from)\n"
            "  and (:to = '' or a.published <= :to)\n"
            "order by c.year, c.quantity, c.value desc"
        ),
    },
    "articles_by_keyword": {
        "title": "按关键词查文章 · Articles by keyword",
        "description": "Articles that have keyword among their top-20 TF-IDF or TextRank keywords, strongest first; "
        "optionally only those published between from and to (YYYY-MM-DD).",
        "sql": (
            "select a.article_id, a.title, a.authors, a.published, k.method, k.rank, k.weight\n"
            "from keywords k join articles a on a.article_id = k.article_id\n"
            "where k.keyword = :keyword\n"
            "  and (:from = '' or a.published >= :from)\n"
            "  and (:to = '' or a.published <= :to)\n"
            "order by k.method, k.rank, a.article_id"
        ),
    },
    "articles_by_date": {
        "title": "按日期查文章 · Articles published between two dates",
        "description": "Articles published from the date from to the date to (YYYY-MM-DD, both included; leave one "
        "empty for no bound), with their newspaper, page and citation.",
        "sql": (
            "select a.article_id, a.published, p.newspaper, p.page_no, a.title, a.authors, a.column_name\n"
            "from articles a join pages p on p.page_id = a.page_id\n"
            "where a.published is not null\n"
            "  and (:from = '' or a.published >= :from)\n"
            "  and (:to = '' or a.published <= :to)\n"
            "order by a.published, a.article_id"
        ),
    },
    "contributors_and_institutions": {
        "title": "作者与机构 · Contributors and their institutions",
        "description": "Every person named by the articles, with role, institution or title, and how many articles.",
        "sql": (
            "select name, role, affiliation, count(*) as articles, group_concat(article_id, ' ') as article_ids\n"
            "from contributors\n"
            "group by name, role, affiliation\n"
            "order by articles desc, name"
        ),
    },
    "keyword_article_matrix": {
        "title": "关键词×文章矩阵 · Keyword × article matrix",
        "description": "The keywords shared by most articles (TF-IDF), one row per keyword and article with its weight: "
        "a long-format matrix ready for a pivot table or the chart view.",
        "sql": (
            "with top as (\n"
            "  select keyword, count(*) as n from keywords where method = 'tfidf'\n"
            "  group by keyword order by n desc, keyword limit 30\n"
            ")\n"
            "select top.keyword, top.n as articles_with_keyword, a.article_id, a.title, k.rank, k.weight\n"
            "from top join keywords k on k.keyword = top.keyword and k.method = 'tfidf'\n"
            "join articles a on a.article_id = k.article_id\n"
            "order by top.n desc, top.keyword, k.weight desc"
        ),
    },
}

def _metric(title: str, table: str) -> dict[str, Any]:
    """A dashboard card with the number of rows of a table."""
    return {"title": title, "db": DB, "query": f"select count(*) as n from {table}", "library": "metric", "display": {"field": "n"}}


#: An axis of counts: whole-number ticks only (no "0.5 articles").
COUNT_AXIS = {"format": "d", "tickMinStep": 1}


def _vega(title: str, query: str, mark: str, **encoding: dict[str, Any]) -> dict[str, Any]:
    """A Vega-Lite chart of a query (datasette-dashboards renders it with its own Vega files)."""
    return {
        "title": title,
        "db": DB,
        "query": query,
        "library": "vega-lite",
        "display": {"mark": {"type": mark, "tooltip": True}, "encoding": encoding},
    }


DASHBOARDS: dict[str, Any] = {
    "overview": {
        "title": "图表概览 · Overview charts",
        "description": "Articles per month of publication, figures stated by year and kind, the keywords most articles share, and the articles by column.",
        "layout": [["articles", "paragraphs", "claims"], ["by-month", "by-month", "by-month"], ["claims-by-year", "claims-by-year", "claims-by-year"], ["top-keywords", "top-keywords", "by-column"]],
        "charts": {
            "articles": _metric("Articles", "articles"),
            "paragraphs": _metric("Paragraphs", "paragraphs"),
            "claims": _metric("Numeric claims", "numeric_claims"),
            "by-month": _vega(
                "每月文章 · Articles per month of publication",
                "select published_month as month, count(*) as articles from articles "
                "where published_month is not null group by published_month order by published_month",
                "bar",
                x={"field": "month", "type": "ordinal", "title": "month"},
                y={"field": "articles", "type": "quantitative", "title": "articles", "axis": COUNT_AXIS},
            ),
            "claims-by-year": _vega(
                "数字论断按年份 · Figures by year",
                "select cast(year as text) as year, quantity, count(*) as claims from numeric_claims "
                "where year is not null group by year, quantity order by year",
                "bar",
                x={"field": "year", "type": "ordinal", "title": "year"},
                y={"field": "claims", "type": "quantitative", "title": "claims", "axis": COUNT_AXIS},
                color={"field": "quantity", "type": "nominal"},
            ),
            "top-keywords": _vega(
                "最常见关键词 · Keywords shared by most articles",
                "select keyword, count(*) as articles from keywords where method = 'tfidf' "
                "group by keyword order by articles desc, keyword limit 20",
                "bar",
                y={"field": "keyword", "type": "nominal", "sort": "-x"},
                x={"field": "articles", "type": "quantitative", "axis": COUNT_AXIS},
            ),
            "by-column": _vega(
                "按栏目 · Articles by column",
                "select coalesce(column_name, '(none)') as column_name, count(*) as articles from articles "
                "group by 1 order by articles desc",
                "arc",
                color={"field": "column_name", "type": "nominal"},
                theta={"field": "articles", "type": "quantitative"},
            ),
        },
    }
}


#: Datasette settings of the published site (`etl serve`, and the benchmark's
#: site).  Facet suggestions are off: Datasette tries every column of a table
#: page as a facet, which on a search of 10,000 pages took 1.3 s of the 1.5 s
#: page (the column menus still offer "Facet by this"; the default facets stay).
SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 1500,
    "max_returned_rows": 1000,
    "facet_time_limit_ms": 500,
    "suggest_facets": False,
    "allow_csv_stream": True,
    # Table pages show the first 300 characters of a long text (an article's
    # whole text would make one row several screens tall); the row page and
    # the downloads have it whole.
    "truncate_cells_html": 300,
}


def table_metadata(table: schema.Table) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": table.title,
        "description": table.description,
        "columns": {f.name: f.description + (f" Unit: {f.unit}." if f.unit else "") for f in table.fields},
        # The default sort column must be sortable, or Datasette refuses the
        # table page itself ("Cannot sort table by file_name").
        "sortable_columns": [
            f.name
            for f in table.fields
            if f.type in ("integer", "number", "date") or f.name in table.primary_key or f.name in ("title", "name", "keyword")
            or f.name == table.sort
        ],
    }
    if table.label_column:
        meta["label_column"] = table.label_column
    if table.facets:
        meta["facets"] = list(table.facets)
    if table.sort:
        meta["sort"] = table.sort
    if table.search and (table.sort,) == table.primary_key:
        # Rowid order is key order in a searched table (etl.database), and
        # only rowid order lets SQLite stop a search after the first page of
        # matches instead of reading and sorting all of them.
        meta["sort"] = "rowid"
        meta["sortable_columns"].append("rowid")
    if table.search:
        meta["fts_table"] = f"{table.name}_fts"
        meta["fts_pk"] = "rowid"
    return meta


def datasette_metadata() -> dict[str, Any]:
    return {
        "title": schema.TITLE,
        "description_html": DESCRIPTION_HTML,
        "license": "Data CC BY 4.0 · code MIT · texts © authors",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "source": schema.SOURCE,
        "about": "README · how to use and cite",
        "about_url": "/-/about",
        "databases": {
            DB: {
                "description": "All tables of the corpus; see the queries below for the questions researchers ask first.",
                "tables": {t.name: table_metadata(t) for t in schema.TABLES},
                "queries": CANNED_QUERIES,
            }
        },
        "plugins": {"datasette-dashboards": DASHBOARDS},
    }
