"""The served site answers every link it shows, and every bad request with a 4xx.

Both tests talk HTTP to the site started by the exact `etl serve` command
line (the session fixture `site` in conftest.py), as a reader's browser would.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import httpx
import pytest

from etl import schema

DB = schema.DATABASE_NAME
#: What Datasette's error page and JSON errors say.
ERROR_TEXT = re.compile(r"<title>Error \d+</title>|\"ok\": false|Internal Server Error")
#: How deep the crawl follows links from the home page.
DEPTH = 3


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(attrs[name])


def links(base: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [urljoin(base, href).split("#")[0] for href in parser.links]


def crawl(site: str, depth: int = DEPTH) -> tuple[dict[str, int], list[str]]:
    """Every same-site URL reachable from the home page in `depth` clicks, with
    its status; and the URLs whose answer shows an error.  (Four requests at
    a time, level by level, so the set visited does not depend on timing.)"""
    seen: dict[str, int] = {}
    bad: list[str] = []
    frontier = [site + "/"]
    with httpx.Client(timeout=60, follow_redirects=True) as client, ThreadPoolExecutor(4) as threads:

        def fetch(url: str) -> tuple[str, httpx.Response]:
            return url, client.get(url)

        for level in range(depth + 1):
            next_frontier: list[str] = []
            for url, r in threads.map(fetch, [u for u in frontier if u not in seen]):
                seen[url] = r.status_code
                kind = r.headers.get("content-type", "")
                text = r.text if kind.startswith(("text/html", "application/json")) else ""
                if not 200 <= r.status_code < 300 or ERROR_TEXT.search(text):
                    bad.append(f"{r.status_code} {url}")
                if level < depth and kind.startswith("text/html"):
                    for link in links(str(r.url), text):
                        if urlsplit(link).netloc == urlsplit(site).netloc and link not in seen:
                            next_frontier.append(link)
            frontier = list(dict.fromkeys(next_frontier))
    return seen, bad


def test_every_link_of_the_site_answers(site):
    """From the home page to depth 3: tables, rows, canned queries (with their
    default parameters), facets, sorts, the dashboards, the about page and
    the pages it links to, downloads, .json and .csv of each table, and the
    ranked-search links; every answer 2xx without an error message."""
    seen, bad = crawl(site)
    print(f"crawled {len(seen)} pages")
    assert not bad, bad
    paths = {urlsplit(u).path for u in seen}
    # The crawl reached each kind of page the issue names.
    for table in schema.TABLES:
        assert f"/{DB}/{table.name}" in paths
        assert f"/{DB}/{table.name}.json" in paths or f"/{DB}/{table.name}.csv" in paths
    assert {"/-/about", "/-/schema", "/-/dashboards/overview", f"/{DB}/search_paragraphs"} <= paths
    assert any(p.startswith("/downloads/") for p in paths) and any(p.startswith("/-/lexicon/") for p in paths)
    assert any(re.match(rf"^/{DB}/articles/[0-9a-f]{{16}}-a\d\d$", p) for p in paths)
    assert len(seen) > 500


def test_the_pages_table_opens(site):
    """It is sorted by file name by default: that column must be sortable."""
    for path in (f"/{DB}/pages", f"/{DB}/pages.json", f"/{DB}/pages.csv"):
        r = httpx.get(site + path)
        assert r.status_code == 200, (path, r.text[:300])


def test_about_page_links_resolve_on_the_site(site):
    html = httpx.get(site + "/-/about").text
    hrefs = [h for h in links(site + "/-/about", html) if urlsplit(h).netloc == urlsplit(site).netloc]
    # SCHEMA.md, datapackage.json, outputs/*, etl/lexicon/*.txt are linked by the README.
    assert any(h.endswith("/-/schema") for h in hrefs)
    assert any(h.endswith("/downloads/datapackage.json") for h in hrefs)
    assert sum("/-/lexicon/" in h for h in hrefs) == 3
    for h in hrefs:
        assert httpx.get(h).status_code == 200, h
    assert 'href="bench/README.md"' not in html and 'href="SCHEMA.md"' not in html


def _refused() -> list[tuple[str, str]]:
    """(method, path) of malformed requests: each must be refused with a 4xx."""
    tables = [t.name for t in schema.TABLES]
    out: list[tuple[str, str]] = []
    out += [("GET", p) for p in (
        f"/{DB}/nope", f"/{DB}/nope.json", f"/{DB}/nope.csv", "/nope", "/nope.json", "/nope/articles",
        f"/{DB}/articles/nope", f"/{DB}/articles/nope.json", f"/{DB}/paragraphs/x", f"/{DB}/keywords/a,b",
        f"/{DB}/keywords/a,b,c,d", "/-/a/b/c", "/-/dashboards/nope", "/-/lexicon/nope.txt",
        f"/{DB}/nope_query", "/-/nope.json",
    )]
    for t in tables:
        out += [
            ("GET", f"/{DB}/{t}?_sort=nope"), ("GET", f"/{DB}/{t}.json?_sort_desc=nope"),
            ("GET", f"/{DB}/{t}?_sort=seq&_sort_desc=seq"), ("GET", f"/{DB}/{t}?_facet=nope"),
            ("GET", f"/{DB}/{t}?nope__exact=1"), ("GET", f"/{DB}/{t}.json?nope=1"), ("GET", f"/{DB}/{t}?seq__nope=1"),
            ("GET", f"/{DB}/{t}.json?_size=-1"), ("GET", f"/{DB}/{t}?_size=abc"), ("GET", f"/{DB}/{t}?_size=1000000"),
            ("GET", f"/{DB}/{t}?_col=nope"), ("GET", f"/{DB}/{t}?_nocol=nope"),
            ("GET", f"/{DB}/{t}?_through=nope"), ("GET", f"/{DB}/{t}?_facet_array=nope"),
        ]
    out += [("GET", f"/{DB}/articles?_where={quote(w)}") for w in ("1=", "nope = 1", ")")]
    sql = [
        "select", "select * from nope", "select nope from articles", "drop table articles", "delete from articles",
        "attach database '/etc/passwd' as x", "pragma writable_schema = 1", "pragma table_info(articles); select 1",
        "select load_extension('/tmp/x')", "select readfile('/etc/passwd')",
        "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c",
        "select count(*) from keywords a, keywords b, keywords c, keywords d", "select zh_fts()", "select 1; select 2",
        "vacuum", "create table x (a)", "select * from paragraphs_fts where paragraphs_fts match '\"'",
    ]
    out += [("GET", f"/{DB}.json?sql={quote(s)}") for s in sql]
    out += [("GET", f"/{DB}?sql={quote(s)}") for s in sql[:6]]
    traversal = ["..%2f..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "..%252f..%252fetc%252fpasswd",
                 "....//....//etc/passwd", "%2e%2e%2f%2e%2e%2f%2e%2e%2fpyproject.toml"]
    for t in traversal:
        out += [("GET", f"/-/static/{t}"), ("GET", f"/-/static-plugins/workers-theory-pages/{t}"),
                ("GET", f"/-/static-plugins/datasette_dashboards/{t}"), ("GET", f"/downloads/{t}"), ("GET", f"/-/lexicon/{t}")]
    out += [("GET", "/" + "a" * 9000), ("GET", f"/{DB}/articles/" + "x" * 5000), ("GET", f"/{DB}/" + "工" * 3000)]
    out += [("POST", f"/{DB}/articles"), ("POST", f"/{DB}/search_paragraphs?q=x"), ("DELETE", f"/{DB}/articles"),
            ("PUT", "/"), ("PATCH", f"/{DB}/articles/x")]
    return out


def _answered() -> list[str]:
    """Hostile but well-formed input: answered normally (2xx), as text.

    The search box and the ranked-search parameter take what a reader types:
    FTS5 syntax in them is searched for as text, not run, so it gets a page
    of results (usually none) rather than an error.  A very long filter value
    is a filter that matches nothing.
    """
    fts = ['"', '""', "AND", "OR NOT", "*", "工会*", "NEAR(", "text:工会", "(", ")", "^", "-", "工会 AND", '"unclosed', "'", "%"]
    out = [f"/{DB}/paragraphs?_search={quote(q)}" for q in fts]
    out += [f"/{DB}/search_paragraphs?q={quote(q)}" for q in fts]
    out += [f"/{DB}/search_articles.json?q={quote(q)}" for q in fts[:6]]
    out += [f"/{DB}/articles?title=" + quote("工" * 3000)]
    return out


REFUSED = _refused()
ANSWERED = _answered()


def test_bad_requests_get_a_4xx_with_a_message(site):
    assert len(REFUSED) >= 100
    failures = []
    with httpx.Client(timeout=30) as client:
        for method, path in REFUSED:
            r = client.request(method, site + path)
            if r.status_code in (301, 302):
                # Datasette redirects %-encoded and trailing-slash paths: follow once.
                r = client.get(urljoin(site + path, r.headers["location"]))
            body = r.text
            if not 400 <= r.status_code < 500 or not body.strip():
                failures.append(f"{r.status_code} {method} {path[:100]}")
            # Nothing outside the served files is read.
            if "root:x:" in body or "[build-system]" in body:
                failures.append(f"leaked a file: {method} {path[:100]}")
        for path in ANSWERED:
            r = client.get(site + path)
            if r.status_code != 200:
                failures.append(f"{r.status_code} GET {path[:100]} (search text must be searched)")
        assert client.get(site + "/").status_code == 200  # still answering
    assert not failures, failures
    log = site.log.read_text(errors="replace")
    assert "Traceback" not in log and " 500 " not in log


def test_stopping_etl_serve_stops_the_server(built, tmp_path):
    """`etl serve` becomes Datasette: terminating it leaves no server behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT, free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "etl", "serve", "--dir", str(built), "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=10)
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=1)


def test_every_table_of_a_40_page_archive_pages_through_each_sort(dated_site, dated_build):
    """The sample pages fit on one page of each table: the links to next pages,
    and the sort values they carry, are only met on a larger archive.  Each
    table, in its default order, sorted by each sortable column both ways and
    searched (the searched tables), answers its first and its next page."""
    import json

    tables = json.loads((dated_build / "metadata.json").read_text(encoding="utf-8"))["databases"][DB]["tables"]
    urls = []
    for name, meta in tables.items():
        urls.append(f"/{DB}/{name}")
        urls += [f"/{DB}/{name}?{how}={col}" for col in meta.get("sortable_columns", []) for how in ("_sort", "_sort_desc")]
        if "fts_table" in meta:
            urls.append(f"/{DB}/{name}?_search=" + quote("工会"))
    failures, followed = [], 0
    with httpx.Client(timeout=60) as client:
        for url in urls:
            r = client.get(dated_site + url)
            nxt = re.search(r'href="([^"]*[?&]_next=[^"]*)"', r.text)
            pages = [(url, r)]
            if nxt:
                nxt_url = urljoin(dated_site + url, nxt.group(1).replace("&amp;", "&"))
                pages.append((nxt_url, client.get(nxt_url)))
                followed += 1
            for u, page in pages:
                if page.status_code != 200 or ERROR_TEXT.search(page.text):
                    failures.append(f"{page.status_code} {u}")
    assert not failures, failures
    assert followed >= 20  # the archive is large enough for most tables to have a next page
    assert "Traceback" not in dated_site.log.read_text(errors="replace")
