"""Datasette plugin: Chinese search, the article reader and the about page.

* **Search.**  Datasette's table search runs ``match escape_fts(:search)``,
  with an ``escape_fts`` SQL function it registers on every connection.  We
  register our own after it (``trylast``), turning the query into the bigram
  phrases of `etl.search`, so that 工会 finds 全国总工会.  ``zh_fts(q)`` is the
  same function under a name of its own for the SQL editor and canned
  queries; ``zh_index(text)`` shows how a text is indexed.
* **Reading an article.**  The row page of an article gets its paragraphs
  (with headings, speakers and source lines), contributors and counts of
  keywords and claims, rendered by ``templates/row-<db>-articles.html``.
* **About.**  ``/-/about`` renders the project README (path from the
  ``ETL_README`` environment variable, set by ``etl serve``).

Nothing here writes to the database.
"""

from __future__ import annotations

import os
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response

from ..schema import DATABASE_NAME
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


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.static_plugins("workers-theory-pages", "site.css")]


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or database != DATABASE_NAME or table != "articles" or request is None:
        return {}

    async def article_vars():
        pk = request.url_vars.get("pks", "")
        db = datasette.get_database(database)
        article = (await db.execute("select * from articles where article_id = ?", [pk])).first()
        if article is None:
            return {}
        paragraphs = (
            await db.execute(
                "select paragraph_id, seq, heading, speaker, text, line_start, line_end "
                "from paragraphs where article_id = ? order by seq",
                [pk],
            )
        ).rows
        contributors = (
            await db.execute("select name, role, affiliation from contributors where article_id = ? order by seq", [pk])
        ).rows
        page = (await db.execute("select page_id, file_name from pages where page_id = ?", [article["page_id"]])).first()
        counts = (
            await db.execute(
                "select (select count(*) from keywords where article_id = :a) as keywords, "
                "(select count(*) from numeric_claims where article_id = :a) as claims",
                {"a": pk},
            )
        ).first()
        keywords = (
            await db.execute(
                "select keyword from keywords where article_id = ? and method = 'tfidf' order by rank limit 10", [pk]
            )
        ).rows
        return {
            "article": dict(article),
            "article_paragraphs": [dict(p) for p in paragraphs],
            "article_contributors": [dict(c) for c in contributors],
            "article_page": dict(page) if page else None,
            "article_counts": dict(counts),
            "article_keywords": [k["keyword"] for k in keywords],
        }

    return article_vars


def _readme() -> Path | None:
    path = Path(os.environ.get("ETL_README", "README.md"))
    return path if path.is_file() else None


async def about(datasette, request):
    path = _readme()
    if path is None:
        body = "<p>README not found: start the site with <code>etl serve</code> from the project folder.</p>"
    else:
        import markdown

        body = markdown.markdown(path.read_text(encoding="utf-8"), extensions=["tables", "fenced_code"])
    return Response.html(
        await datasette.render_template("about.html", {"about_html": body}, request=request)
    )


@hookimpl
def register_routes():
    return [(r"^/-/about$", about)]
