"""The site in a real browser: Debian's chromium driven by Playwright.

A session fixture serves the build of the bundled pages exactly as
`etl serve` does (same command line), on 127.0.0.1 and a free port.
Screenshots land in test-artifacts/ (not committed) for a person to look at.
These tests need /usr/bin/chromium (.ci/run installs it); they fail, rather
than skip, without it.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from etl import schema
from etl.cli import datasette_command
from etl.package import validate

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(built):
    port = _free_port()
    env = {"ETL_README": str(ROOT / "README.md"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen(datasette_command(built, "127.0.0.1", port), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/-/versions.json", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stdout.read().decode())
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API runs an event loop that must be
    # closed before other modules use asyncio.run (Datasette's test client).
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_home_page_shows_the_corpus_and_its_downloads(site, page):
    page.goto(site + "/")
    assert "工人日报理论版语料" in page.title()
    assert page.locator("a", has_text="data package").count() == 1
    assert page.locator("a", has_text="SQLite database").count() == 1
    shot(page, "home")


def test_searching_the_paragraphs_table_for_a_chinese_word(site, page, built):
    page.goto(site + f"/{schema.DATABASE_NAME}/paragraphs")
    page.fill("input[name=_search]", "工会")
    page.press("input[name=_search]", "Enter")
    page.wait_for_load_state("networkidle")
    cells = page.locator("td.col-text").all_inner_texts()
    conn = sqlite3.connect(built / f"{schema.DATABASE_NAME}.db")
    expected = conn.execute("select count(*) from paragraphs where instr(text, '工会') > 0").fetchone()[0]
    assert len(cells) == expected > 0
    assert all("工会" in c for c in cells)
    shot(page, "search")
    page.click("text=ranked by relevance")
    page.wait_for_load_state("networkidle")
    ranked = page.locator("td.col-text").all_inner_texts()
    assert sorted(ranked) == sorted(cells)  # the same rows, most relevant first


def test_an_article_reads_as_printed(site, page, built):
    conn = sqlite3.connect(built / f"{schema.DATABASE_NAME}.db")
    article_id, title, pullquote = conn.execute(
        "select article_id, title, pullquote from articles where pullquote is not null and column_name is not null order by article_id"
    ).fetchone()
    texts = [t for (t,) in conn.execute("select text from paragraphs where article_id = ? order by seq", (article_id,))]
    page.goto(site + f"/{schema.DATABASE_NAME}/articles/{article_id}")
    assert page.locator("h1.reader-title").inner_text() == title
    assert pullquote in page.locator("blockquote.pullquote").inner_text()
    shown = page.locator(".reader-body p.paragraph").all_inner_texts()
    assert len(shown) == len(texts)
    for got, want in zip(shown, texts):
        assert got.startswith(want)  # followed by the source-lines link
    assert page.locator(".reader-body h2.section-heading").count() >= 1
    shot(page, "article")


def test_a_chart_is_drawn_offline(site, page):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site + "/-/dashboards/overview")
    marks = page.locator("#card-claims-by-year svg .mark-rect path, #card-claims-by-year canvas")
    marks.first.wait_for(timeout=20000)
    assert marks.count() >= 1
    assert all(u.startswith(site) or u.startswith("data:") for u in requested), [u for u in requested if not u.startswith(site)]
    shot(page, "charts")


def test_the_zip_download_is_a_valid_data_package(site, page, tmp_path):
    page.goto(site + "/")
    with page.expect_download() as info:
        page.click("text=data package")
    zip_path = tmp_path / "package.zip"
    info.value.save_as(zip_path)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(tmp_path)
    descriptor = tmp_path / schema.PACKAGE_NAME / "datapackage.json"
    assert validate(descriptor) == []
