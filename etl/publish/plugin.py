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
  ``ETL_README`` environment variable, set by ``etl serve``), with its
  repository-relative links turned into what the site serves (`site_link`);
  ``/-/schema`` renders SCHEMA.md from `etl.schema`, and ``/-/lexicon/<file>``
  serves the lexicon files.
* **Errors.**  A bad request gets a 4xx with a message, never a 500: see
  `etl.publish.errors`.

Nothing here writes to the database.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as etree
from importlib import resources
from pathlib import Path

import markdown
from datasette import hookimpl
from datasette.utils.asgi import Response

from .. import cite, schema
from ..schema import DATABASE_NAME, FLAG_KINDS
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
    if view_name == "index":
        return _review_vars(datasette)
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
        flags = (
            await db.execute(
                "select kind, detail, line_start, line_end from review_flags where article_id = ? order by seq", [pk]
            )
        ).rows
        corrections = (
            await db.execute(
                "select action, field, old_value, new_value, reason, [by] from corrections where article_id = ? order by seq", [pk]
            )
        ).rows
        record = await citation_record(db, pk)
        return {
            "article": dict(article),
            "citation": {
                "gbt7714": cite.gbt7714(record) if record else None,
                "bibtex_url": f"{datasette.urls.table(database, 'articles')}.bib?article_id={pk}",
                "csl_url": f"{datasette.urls.table(database, 'articles')}.csljson?article_id={pk}",
            },
            "article_paragraphs": [dict(p) for p in paragraphs],
            "article_contributors": [dict(c) for c in contributors],
            "article_page": dict(page) if page else None,
            "article_counts": dict(counts),
            "article_keywords": [k["keyword"] for k in keywords],
            "article_flags": [dict(f, meaning=FLAG_KINDS.get(f["kind"], "")) for f in flags],
            "article_corrections": [dict(c) for c in corrections],
            # Which displayed parts a person corrected, and why (for the ✎ marks).
            "corrected": {
                _SHOWN.get(c["field"], c["field"]) if c["action"] in ("field", "move") else "body": f"{c['reason']} — {c['by']}"
                for c in corrections
            },
        }

    return article_vars


#: corrections.field → the part of the reader it changes.
_SHOWN = {"column_name": "column", "editor_note": "note", "authors": "byline", "affiliation": "byline", "footer": "byline"}


_CITATION_SQL = """
select a.article_id, a.title, a.subtitle, a.kind, p.newspaper, p.published, p.page_no, p.page_name, p.edition,
       p.source_url,
       (select json_group_array(name) from (select name from contributors c where c.article_id = a.article_id
          and c.role = 'author' order by seq)) as authors,
       (select json_group_array(name) from (select name from contributors c where c.article_id = a.article_id
          and c.role = 'compiler' order by seq)) as compilers,
       (select json_group_array(name) from (select name from contributors c where c.article_id = a.article_id
          and c.role = 'speaker' order by seq)) as speakers
from articles a join pages p on p.page_id = a.page_id
where a.article_id in ({placeholders})
order by a.article_id
"""


def _record(row) -> cite.Record:
    return cite.Record(
        article_id=row["article_id"], title=row["title"], subtitle=row["subtitle"],
        authors=tuple(json.loads(row["authors"])), compilers=tuple(json.loads(row["compilers"])),
        speakers=tuple(json.loads(row["speakers"])), newspaper=row["newspaper"], published=row["published"],
        page_no=row["page_no"], page_name=row["page_name"], edition=row["edition"], source_url=row["source_url"],
    )


async def citation_records(db, article_ids: list[str]) -> list[cite.Record]:
    """The citation records of articles, in article_id order."""
    out: list[cite.Record] = []
    ids = sorted(set(article_ids))
    for k in range(0, len(ids), 500):
        chunk = ids[k : k + 500]
        sql = _CITATION_SQL.format(placeholders=", ".join("?" for _ in chunk))
        out += [_record(r) for r in (await db.execute(sql, chunk)).rows]
    return out


async def citation_record(db, article_id: str) -> cite.Record | None:
    records = await citation_records(db, [article_id])
    return records[0] if records else None


def _cited_ids(columns, rows) -> list[str] | None:
    if "article_id" not in columns:
        return None
    ids = [r["article_id"] for r in rows]
    # With _labels=on a foreign key comes as {"value": …, "label": …}.
    return [i["value"] if isinstance(i, dict) else i for i in ids if i]


async def _render_citations(datasette, columns, rows, database, kind: str):
    from datasette.utils.asgi import Response

    ids = _cited_ids(columns, rows)
    if ids is None:
        return Response.text("citations need an article_id column in the table or query (e.g. /theory_pages/articles.bib)", status=400)
    db = datasette.get_database(database)
    records = await citation_records(db, ids)
    if kind == "bib":
        return Response("\n".join(cite.bibtex(r) for r in records), content_type="application/x-bibtex; charset=utf-8")
    return Response(cite.csl_json_text(records), content_type="application/vnd.citationstyles.csl+json; charset=utf-8")


@hookimpl
def register_output_renderer(datasette):
    """Citations of every article a table or query lists: .bib (BibTeX) and .csljson (CSL-JSON)."""
    return [
        {
            "extension": "bib",
            "render": lambda datasette, columns, rows, database: _render_citations(datasette, columns, rows, database, "bib"),
            "can_render": lambda columns: "article_id" in columns,
        },
        {
            "extension": "csljson",
            "render": lambda datasette, columns, rows, database: _render_citations(datasette, columns, rows, database, "csl"),
            "can_render": lambda columns: "article_id" in columns,
        },
    ]


def _review_vars(datasette):
    """How many articles carry review flags, for the home page."""

    async def inner():
        try:
            db = datasette.get_database(DATABASE_NAME)
        except KeyError:
            return {}
        row = (
            await db.execute(
                "select (select count(*) from articles where flag_count > 0) as articles, "
                "(select count(*) from articles) as total, (select count(*) from review_flags) as flags"
            )
        ).first()
        return {"review": dict(row, database=DATABASE_NAME)}

    return inner


def _readme() -> Path | None:
    path = Path(os.environ.get("ETL_README", "README.md"))
    return path if path.is_file() else None


#: Where the build's files are served (``etl serve`` mounts its folder there).
DOWNLOADS = "/downloads/"
LEXICON_FILES = ("userdict.txt", "stopwords.txt", "surnames.txt")


def site_link(href: str, repository: str | None = None) -> str | None:
    """Where a link of the README points on the site, or None if the site has
    nothing there.

    The README is written for the repository: its links are paths in it
    (``SCHEMA.md``, ``outputs/theory_pages.db``, ``etl/lexicon/…``).  On the
    site the schema is a page, the outputs are downloads and the lexicon
    files are served; any other path goes to the repository's address when
    one is configured (``etl serve --repository``), else it is no link.
    """
    if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", href):
        return href  # absolute, an anchor, or already a site path
    path, _, anchor = href.partition("#")
    path = path.removeprefix("./")
    if path == "SCHEMA.md":
        target = "/-/schema"
    elif path == "datapackage.json":
        target = DOWNLOADS + "datapackage.json"
    elif path.startswith("outputs/") and "/" not in path.removeprefix("outputs/"):
        target = DOWNLOADS + path.removeprefix("outputs/")
    elif path.startswith("etl/lexicon/") and path.removeprefix("etl/lexicon/") in LEXICON_FILES:
        target = "/-/lexicon/" + path.removeprefix("etl/lexicon/")
    elif repository:
        target = f"{repository.rstrip('/')}/blob/HEAD/{path}"
    else:
        return None
    return target + (f"#{anchor}" if anchor else "")


class _SiteLinks(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md, repository: str | None) -> None:
        super().__init__(md)
        self.repository = repository

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for a in parent.iter("a"):
                target = site_link(a.get("href", ""), self.repository)
                if target is None:
                    a.attrib.pop("href", None)  # the text stays; no link to a page that is not there
                else:
                    a.set("href", target)


class _SiteLinksExtension(markdown.Extension):
    def __init__(self, repository: str | None) -> None:
        super().__init__()
        self.repository = repository

    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_SiteLinks(md, self.repository), "site_links", 0)


def render_markdown(text: str, repository: str | None = None) -> str:
    """Markdown as the site shows it: tables, code blocks, links that resolve on the site."""
    return markdown.markdown(text, extensions=["tables", "fenced_code", _SiteLinksExtension(repository)])


async def _document(datasette, request, title: str, body: str) -> Response:
    return Response.html(
        await datasette.render_template("about.html", {"about_html": body, "page_title": title}, request=request)
    )


async def about(datasette, request):
    path = _readme()
    if path is None:
        body = "<p>README not found: start the site with <code>etl serve</code> from the project folder.</p>"
    else:
        body = render_markdown(path.read_text(encoding="utf-8"), os.environ.get("ETL_REPOSITORY") or None)
    return await _document(datasette, request, "About this corpus", body)


async def schema_page(datasette, request):
    """SCHEMA.md, rendered from the data contract itself (it cannot be stale)."""
    body = render_markdown(schema.markdown(), os.environ.get("ETL_REPOSITORY") or None)
    return await _document(datasette, request, "Tables and columns", body)


async def lexicon_file(datasette, request):
    name = request.url_vars["name"]
    if name not in LEXICON_FILES:
        return Response.text(f"no lexicon file {name!r}; there are {', '.join(LEXICON_FILES)}", status=404)
    text = resources.files("etl.lexicon").joinpath(name).read_text(encoding="utf-8")
    return Response.text(text)


@hookimpl
def register_routes():
    return [
        (r"^/-/about$", about),
        (r"^/-/schema$", schema_page),
        (r"^/-/lexicon/(?P<name>[^/]+)$", lexicon_file),
    ]
