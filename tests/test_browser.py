"""The site in a real browser: Debian's chromium driven by Playwright.

The session fixture `site` (conftest.py) serves the build of the bundled
pages with the exact `etl serve` command line, on 127.0.0.1 and a free port.
Screenshots land in test-artifacts/ (not committed) for a person to look at.
These tests need /usr/bin/chromium (`make test` installs it with
tests/browser-deps.sh); they fail, rather than skip, without it.
"""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from etl import schema
from etl.package import validate

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API runs an event loop that must be
    # closed before other modules use asyncio.run (Datasette's test client).
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `make test` installs it (tests/browser-deps.sh)"
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


@pytest.fixture
def screen(browser):
    """A page of the size of a laptop's first screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    yield pg
    context.close()


@pytest.mark.parametrize("table", [t.name for t in schema.TABLES])
def test_a_table_page_shows_rows_on_the_first_screen(site, screen, table):
    """Column descriptions and facets fold away; a data row is in the viewport."""
    screen.goto(site + f"/{schema.DATABASE_NAME}/{table}")
    rows = screen.locator("table.rows-and-columns tbody tr")
    # (An empty table, such as review_flags on the bundled pages, says so instead.)
    first = rows.first if rows.count() else screen.locator(".zero-results")
    box = first.bounding_box()
    assert box is not None and box["y"] + 20 < 800, box
    if table in ("articles", "numeric_claims"):
        ARTIFACTS.mkdir(exist_ok=True)
        screen.screenshot(path=str(ARTIFACTS / f"first-screen-{table}.png"))
    # The descriptions are still one click (or a hover) away.
    notes = screen.locator("details.column-notes")
    assert notes.count() == 1 and not notes.evaluate("d => d.open")
    notes.locator("summary").click()
    assert screen.locator("details.column-notes dd").first.is_visible()
    if rows.count():
        assert screen.locator("th[data-column-description]").count() >= 3


def test_chart_count_axes_have_whole_number_ticks(site, page):
    page.goto(site + "/-/dashboards/overview")
    for card in ("claims-by-year", "top-keywords"):
        page.locator(f"#card-{card} svg .mark-rect path").first.wait_for(timeout=20000)
        labels = [t.text_content() for t in page.locator(f"#card-{card} svg g.role-axis-label text").all()]
        numbers = [x for x in labels if re.fullmatch(r"[\d.,]+", x or "")]
        assert numbers and all(re.fullmatch(r"\d+", x) for x in numbers), (card, numbers)


def test_the_home_page_search_opens_the_ranked_paragraph_search(site, page, built):
    page.goto(site + "/")
    page.fill("form.home-search input[name=q]", "骑手")
    page.press("form.home-search input[name=q]", "Enter")
    page.wait_for_load_state("networkidle")
    assert f"/{schema.DATABASE_NAME}/search_paragraphs?q=" in page.url
    conn = sqlite3.connect(built / f"{schema.DATABASE_NAME}.db")
    expected = conn.execute("select count(*) from paragraphs where instr(text, '骑手') > 0").fetchone()[0]
    texts = page.locator("td.col-text").all_inner_texts()
    assert len(texts) == expected > 0 and all("骑手" in t for t in texts)


def test_a_dated_archive_shows_citations_and_draws_articles_per_month(dated_site, dated_build, page):
    conn = sqlite3.connect(dated_build / f"{schema.DATABASE_NAME}.db")
    article_id, title, authors, published, page_no = conn.execute(
        "select a.article_id, a.title, a.authors, a.published, p.page_no from articles a join pages p using (page_id) "
        "where a.authors is not null and a.subtitle is null order by a.article_id"
    ).fetchone()
    page.goto(dated_site + f"/{schema.DATABASE_NAME}/articles/{article_id}")
    expected = f"{authors.replace('、', ', ')}. {title}[N]. 工人日报, {published}({page_no:02d})."
    assert page.locator(".citation .gbt7714").inner_text() == expected
    with page.expect_download() as info:
        page.click(".citation >> text=BibTeX")
    assert f"@article{{{article_id}," in Path(info.value.path()).read_text(encoding="utf-8")
    shot(page, "citation")
    page.goto(dated_site + "/-/dashboards/overview")
    bars = page.locator("#card-by-month svg .mark-rect path")
    bars.first.wait_for(timeout=20000)
    months = conn.execute("select count(distinct published_month) from articles").fetchone()[0]
    assert bars.count() == months >= 3
    labels = [t.text_content() for t in page.locator("#card-by-month svg g.role-axis-label text").all()]
    assert "2023-03" in labels
    shot(page, "charts-by-month")
