"""Incremental builds: the page cache, the edited database, and the checks that replace a full validation.

Every rebuild here is compared with a clean build of the same input: the
CSVs, datapackage.json, the zip and the site metadata byte for byte, and
the database by content (each table in key order, what its search index
holds for each row, and the rowids of searched rows, which follow from their
keys).  The database file itself differs: an edited database numbers the
rows of other tables in another order.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from etl import schema
from etl.cache import PageCache, engine_fingerprint
from etl.checks import CHECKS
from etl.package import CsvWriter, validate, write_descriptor
from etl.pipeline import BuildError, build, default_cache

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dbcontent import content  # noqa: E402
from pagegen import generate  # noqa: E402

DB = f"{schema.DATABASE_NAME}.db"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[Path]:
    """65 generated pages (seeds 3000–3064)."""
    folder = tmp_path_factory.mktemp("archive")
    files = []
    for seed in range(3000, 3065):
        f = folder / f"gen_{seed}.txt"
        f.write_text(generate(seed).text, encoding="utf-8")
        files.append(f)
    return files


def published(out: Path) -> dict[str, bytes]:
    """The files a reader downloads, byte for byte."""
    return {f.name: f.read_bytes() for f in sorted(out.iterdir()) if f.suffix in (".csv", ".json", ".zip")}


def clean(files: list[Path], tmp_path: Path, name: str = "clean", **kw) -> Path:
    out = tmp_path / name
    build(files, out, **kw)
    return out


def same_as_clean(out: Path, files: list[Path], tmp_path: Path, **kw) -> None:
    reference = clean(files, tmp_path, **kw)
    assert published(out) == published(reference)
    assert content(out / DB) == content(reference / DB)
    shutil.rmtree(reference)


def test_added_removed_and_changed_pages_give_exactly_a_clean_build(pages, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build(pages[:60], out, cache=cache)
    assert first.cache == "0 of 60 pages from the cache; the database written whole"

    added = build(pages, out, cache=cache, jobs=2)
    assert added.cache == "60 of 65 pages from the cache; the database edited"
    same_as_clean(out, pages, tmp_path)

    kept = pages[:30] + pages[32:]
    removed = build(kept, out, cache=cache)
    assert removed.cache == "63 of 63 pages from the cache; the database edited"
    same_as_clean(out, kept, tmp_path)

    # One page's bytes change (a line corrected in the dump): a new page_id.
    changed = kept[:]
    text = changed[5].read_text(encoding="utf-8")
    changed[5] = tmp_path / changed[5].name
    changed[5].write_text(text.replace("。", "．", 1), encoding="utf-8")
    edited = build(changed, out, cache=cache)
    assert edited.cache == "62 of 63 pages from the cache; the database edited"
    same_as_clean(out, changed, tmp_path)


def test_a_new_correction_or_catalog_row_recomputes_only_its_page(pages, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    fixes = tmp_path / "corrections"
    fixes.mkdir()
    build(pages[:10], out, cache=cache, corrections=fixes)
    page = pages[3]
    import hashlib

    sha = hashlib.sha256(page.read_bytes()).hexdigest()
    (fixes / f"{page.name}.toml").write_text(
        f'page = "{page.name}"\nsha256 = "{sha}"\n\n[[article]]\nseq = 1\ntitle = "更正后的题目"\nreason = "测试"\nby = "编辑"\n',
        encoding="utf-8",
    )
    report = build(pages[:10], out, cache=cache, corrections=fixes)
    assert report.cache == "9 of 10 pages from the cache; the database edited"
    assert "更正后的题目" in (out / "articles.csv").read_text(encoding="utf-8")
    same_as_clean(out, pages[:10], tmp_path, corrections=fixes)

    catalog = tmp_path / "catalog.csv"
    catalog.write_text(f"file_name,newspaper,published\n{pages[7].name},工人日报,2024-03-05\n", encoding="utf-8")
    report = build(pages[:10], out, cache=cache, corrections=fixes, catalog=catalog)
    assert report.cache == "9 of 10 pages from the cache; the database edited"
    assert "2024-03-05" in (out / "articles.csv").read_text(encoding="utf-8")
    same_as_clean(out, pages[:10], tmp_path, corrections=fixes, catalog=catalog)


def test_a_damaged_cache_entry_is_recomputed_never_trusted(pages, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(pages[:8], out, cache=cache)
    conn = sqlite3.connect(cache / "pages.sqlite")
    # Give one page another page's full result, with that result's own (valid) hash.
    (k1, r1, d1), (k2, r2, d2) = conn.execute("SELECT key, rows, rows_digest FROM pages ORDER BY key LIMIT 2 OFFSET 2").fetchall()
    conn.execute("UPDATE pages SET rows = ?, rows_digest = ? WHERE key = ?", (r2, d2, k1))
    conn.commit()
    conn.close()
    shutil.rmtree(out)  # no earlier database: every page's full result is read
    report = build(pages[:8], out, cache=cache)
    assert report.cache == "7 of 8 pages from the cache, 1 damaged cache entries recomputed; the database written whole"
    same_as_clean(out, pages[:8], tmp_path)


def test_a_damaged_brief_is_recomputed_when_the_database_is_edited(pages, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(pages[:8], out, cache=cache)
    conn = sqlite3.connect(cache / "pages.sqlite")
    # One flipped byte in one page's CSV lines.
    key, brief = conn.execute("SELECT key, brief FROM pages ORDER BY key LIMIT 1").fetchone()
    conn.execute("UPDATE pages SET brief = ? WHERE key = ?", (brief[:-5] + bytes([brief[-5] ^ 1]) + brief[-4:], key))
    conn.commit()
    conn.close()
    report = build(pages[:8], out, cache=cache)
    assert "1 damaged cache entries recomputed; the database edited" in report.cache
    same_as_clean(out, pages[:8], tmp_path)


def test_a_cache_file_that_is_not_a_database_is_started_again(pages, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    cache.mkdir()
    (cache / "pages.sqlite").write_bytes(b"not a database at all" * 100)
    report = build(pages[:3], out, cache=cache)
    assert report.cache.startswith("0 of 3 pages")
    assert build(pages[:3], out, cache=cache).cache.startswith("3 of 3 pages")


def test_a_database_changed_outside_the_build_is_written_whole(pages, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(pages[:6], out, cache=cache)
    conn = sqlite3.connect(out / DB)
    conn.execute("PRAGMA user_version = 7")  # not the stamp the cache recorded
    conn.commit()
    conn.close()
    report = build(pages[:7], out, cache=cache)
    assert report.cache.endswith("the database written whole")
    same_as_clean(out, pages[:7], tmp_path)


def break_article_kinds(monkeypatch) -> None:
    """Make every page's first article break the schema (a kind not in its
    enum), as a bug in the row code would."""
    import etl.pipeline as pipeline

    real = pipeline.page_rows

    def broken(page, parsed, applied=(), biblio=None):
        rows = real(page, parsed, applied, biblio)
        rows["articles"][0]["kind"] = "editorial"  # not among the schema's kinds
        return rows

    monkeypatch.setattr(pipeline, "page_rows", broken)


@pytest.mark.parametrize("frictionless", [False, True])
def test_a_first_build_refuses_a_row_outside_the_schema(pages, tmp_path, monkeypatch, frictionless):
    """Without a cache every row is fresh: the row checks refuse it, naming the page;
    with --frictionless, Frictionless refuses the package, naming the resource."""
    break_article_kinds(monkeypatch)
    out = tmp_path / "out"
    with pytest.raises(BuildError) as e:
        build(pages[:2], out, frictionless=frictionless)
    if frictionless:
        assert any(p.resource == "articles" and p.field == "kind" for p in e.value.problems), e.value.problems
    else:
        assert any(pages[0].name in str(p) and "'enum'" in str(p) for p in e.value.problems), e.value.problems
    assert not out.exists()


def test_a_failed_build_leaves_nothing_in_the_cache(pages, tmp_path, monkeypatch):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(pages[:4], out, cache=cache)
    break_article_kinds(monkeypatch)
    with pytest.raises(BuildError) as e:
        build(pages[:5], out, cache=cache)
    # The incremental build's own check names the page and the broken constraint.
    assert any(pages[4].name in str(p) and "'enum'" in str(p) for p in e.value.problems)
    monkeypatch.undo()  # the row code mended
    conn = sqlite3.connect(cache / "pages.sqlite")
    assert conn.execute("SELECT count(*) FROM pages").fetchone() == (4,)
    conn.close()
    assert build(pages[:5], out, cache=cache).cache == "4 of 5 pages from the cache; the database edited"


def test_a_second_build_with_the_cache_in_use_goes_on_without_it(pages, tmp_path):
    cache = tmp_path / "cache"
    held = PageCache(cache, engine_fingerprint())  # as a running build holds it
    try:
        report = build(pages[:2], tmp_path / "out", cache=cache)
    finally:
        held.rollback()
    assert report.cache == ""
    assert any("the page cache cannot be used" in i.message for i in report.warnings)


def test_the_engine_fingerprint_covers_the_code_and_the_word_lists(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("新就业形态 10 n\n", encoding="utf-8")
    assert engine_fingerprint() == engine_fingerprint()
    assert engine_fingerprint((words,)) != engine_fingerprint()
    before = engine_fingerprint((words,))
    words.write_text("新就业形态 11 n\n", encoding="utf-8")
    assert engine_fingerprint((words,)) != before


def test_the_default_cache_sits_beside_the_outputs():
    assert default_cache(Path("outputs")).name == ".outputs-cache"
    assert default_cache(Path("/srv/site/data")) == Path("/srv/site/.data-cache")


# --- the row checks agree with Frictionless ------------------------------------------


def broken_rows(table: schema.Table, good: tuple) -> list[tuple[str, tuple]]:
    """One row per way a field of `table` can break its constraints."""
    out = []
    for i, f in enumerate(table.fields):
        def with_(value, i=i):
            return good[:i] + (value,) + good[i + 1:]

        if f.required:
            out.append((f"{f.name}: missing", with_(None)))
            if f.type == "string":
                out.append((f"{f.name}: empty", with_("")))
        if f.type in ("integer", "number", "date"):
            out.append((f"{f.name}: not a {f.type}", with_("x1")))
        if f.type == "integer":
            out.append((f"{f.name}: a fraction", with_(1.5)))
        if f.type == "date":
            out.append((f"{f.name}: no such day", with_("2023-02-30")))
        if f.enum:
            out.append((f"{f.name}: not in the list", with_("其他")))
        if f.pattern:
            out.append((f"{f.name}: pattern", with_("不合" + str(good[i] or "x"))))
        if f.minimum is not None:
            out.append((f"{f.name}: below", with_(f.minimum - 1)))
        if f.maximum is not None:
            out.append((f"{f.name}: above", with_(f.maximum + 1)))
    return out


@pytest.fixture(scope="module")
def every_table(pages, tmp_path_factory) -> Path:
    """A build in which every table has rows: 20 pages, one with two corrections."""
    import hashlib

    folder = tmp_path_factory.mktemp("every_table")
    fixes = folder / "corrections"
    fixes.mkdir()
    page = pages[0]
    sha = hashlib.sha256(page.read_bytes()).hexdigest()
    (fixes / f"{page.name}.toml").write_text(
        f'page = "{page.name}"\nsha256 = "{sha}"\n\n[[article]]\nseq = 1\ntitle = "新题目"\nsubtitle = "——新副题"\n'
        'reason = "测试"\nby = "编辑"\n',
        encoding="utf-8",
    )
    out = folder / "out"
    build(pages[:20], out, corrections=fixes, catalog=None)
    return out


def read_rows(out: Path, table: schema.Table) -> list[tuple]:
    types = [f.type for f in table.fields]
    with open(out / f"{table.name}.csv", encoding="utf-8", newline="") as f:
        return [
            tuple(None if cell == "" else int(cell) if kind == "integer" else float(cell) if kind == "number" else cell
                  for cell, kind in zip(row, types))
            for row in list(csv.reader(f))[1:]
        ]


@pytest.mark.parametrize("name", [t.name for t in schema.TABLES])
def test_the_row_checks_flag_exactly_what_frictionless_flags(name, every_table, tmp_path):
    table = schema.TABLE[name]
    rows = read_rows(every_table, table)
    assert len(rows) >= 2, name
    good, other = rows[0], rows[1]  # two rows with their own keys
    assert not list(CHECKS[name].problems(rows, name))
    cases = broken_rows(table, other)
    assert cases, name
    # Each broken row beside a good one in a one-resource package, validated by Frictionless.
    for label, row in cases:
        ours = {(p.row, p.field) for p in CHECKS[name].problems([good, row], name)}
        pkg = tmp_path / label.replace(" ", "_").replace(":", "")
        pkg.mkdir()
        writer = CsvWriter(pkg, (table,))
        writer.write(name, [good, row])
        writer.close()
        descriptor = write_descriptor(pkg, [])
        import json

        d = json.loads(descriptor.read_text(encoding="utf-8"))
        d["resources"] = [r for r in d["resources"] if r["name"] == name]
        for r in d["resources"]:
            r["schema"].pop("foreignKeys", None)
        descriptor.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
        found = validate(descriptor)
        # Frictionless reports a missing key cell twice: as the field's
        # "required" and as a row-level primary-key error (no field).
        theirs = {(p.row - 1 if p.row else None, p.field) for p in found if p.field}
        assert {p.row - 1 for p in found if p.row} == {r for r, _ in theirs}
        assert ours == theirs, (name, label, ours, theirs)
        assert ours == {(2, label.split(":")[0])}, (name, label)
