"""The build: a valid, reproducible, self-contained package; failures change nothing."""

from __future__ import annotations

import csv
import filecmp
import json
import sqlite3
from pathlib import Path

import pytest

from etl import schema
from etl.database import dump
from etl.package import Validation, load_validator, validate
from etl.pipeline import BuildError, build
from etl.workers import pool

ROOT = Path(__file__).resolve().parent.parent


def rows(out: Path, table: str) -> list[dict]:
    with open(out / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_build_writes_one_csv_per_table_a_descriptor_a_zip_and_one_database(built):
    names = sorted(p.name for p in built.iterdir())
    assert names == sorted(
        [f"{t.name}.csv" for t in schema.TABLES]
        + ["datapackage.json", "metadata.json", f"{schema.DATABASE_NAME}.db", f"{schema.PACKAGE_NAME}.zip"]
    )
    assert validate(built / "datapackage.json") == []


def test_every_page_is_fully_accounted_for(built):
    for page in rows(built, "pages"):
        assert float(page["accounted_share"]) == 1.0
        assert int(page["article_chars"]) + int(page["residue_chars"]) == int(page["char_count"])


def test_ids_are_derived_from_content_and_position(built):
    pages = {p["page_id"]: p for p in rows(built, "pages")}
    for page in pages.values():
        assert page["page_id"] == page["sha256"][:16]
    for a in rows(built, "articles"):
        assert a["article_id"] == f"{a['page_id']}-a{int(a['seq']):02d}"
    for p in rows(built, "paragraphs"):
        assert p["paragraph_id"].startswith(p["article_id"] + "-p")


def test_claim_mentions_are_slices_of_their_paragraphs(built):
    paragraphs = {p["paragraph_id"]: p["text"] for p in rows(built, "paragraphs")}
    claims = rows(built, "numeric_claims")
    assert claims
    for c in claims:
        assert paragraphs[c["paragraph_id"]][int(c["start"]) : int(c["end"])] == c["mention"]


def test_article_text_is_its_paragraphs_joined_by_a_blank_line(built):
    by_article: dict[str, list[str]] = {}
    for p in rows(built, "paragraphs"):
        by_article.setdefault(p["article_id"], []).append(p["text"])
    for a in rows(built, "articles"):
        assert a["text"] == "\n\n".join(by_article[a["article_id"]])
        assert int(a["paragraph_count"]) == len(by_article[a["article_id"]])


def test_the_same_input_gives_byte_identical_files(built, tmp_path):
    again = tmp_path / "again"
    build([ROOT / "data" / "pages"], again, catalog=ROOT / "data" / "catalog.csv")
    for f in built.iterdir():
        if f.suffix == ".db":
            assert list(dump(f)) == list(dump(again / f.name))
        else:
            assert filecmp.cmp(f, again / f.name, shallow=False), f.name


def test_committed_outputs_are_what_the_bundled_pages_build_to(built):
    committed = ROOT / "outputs"
    for f in built.iterdir():
        if f.suffix == ".db":
            assert list(dump(f)) == list(dump(committed / f.name)), "outputs/ is stale: run `make build` and commit"
        else:
            assert filecmp.cmp(f, committed / f.name, shallow=False), f"outputs/{f.name} is stale: run `make build` and commit"
    root = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in root["resources"]] == [f"outputs/{t.name}.csv" for t in schema.TABLES]
    assert validate(ROOT / "datapackage.json") == []


def test_database_declares_keys_and_indexes_every_foreign_key(built):
    conn = sqlite3.connect(built / f"{schema.DATABASE_NAME}.db")
    for table in schema.TABLES:
        fks = {(r[3], r[2]) for r in conn.execute(f"pragma foreign_key_list([{table.name}])")}
        assert fks == {(fk.fields[0], fk.table) for fk in table.foreign_keys}
        indexed = {
            row[2] for (name,) in [(r[1],) for r in conn.execute(f"pragma index_list([{table.name}])")]
            for row in conn.execute(f"pragma index_info([{name}])")
        }
        for fk in table.foreign_keys:
            assert fk.fields[0] in indexed, (table.name, fk.fields)
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    counts = {t.name: conn.execute(f"select count(*) from [{t.name}]").fetchone()[0] for t in schema.TABLES}
    assert counts["articles"] == 8 and counts["pages"] == 2


def _break(out: Path, table: str, column: str, value: str) -> None:
    path = out / f"{table}.csv"
    data = list(csv.reader(open(path, encoding="utf-8", newline="")))
    data[1][data[0].index(column)] = value
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(data)


def test_validation_reports_a_broken_foreign_key(built_copy):
    _break(built_copy, "paragraphs", "article_id", "ffffffffffffffff-a99")
    problems = validate(built_copy / "datapackage.json")
    assert any(p.resource == "paragraphs" and "foreign" in p.message.lower() for p in problems), problems


def test_validation_reports_a_value_outside_its_vocabulary(built_copy):
    _break(built_copy, "articles", "kind", "poem")
    problems = validate(built_copy / "datapackage.json")
    assert any(p.resource == "articles" and p.field == "kind" and p.row == 2 for p in problems), problems


def test_a_folder_with_foreign_files_is_not_replaced(tmp_path, sample_files):
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.docx").write_text("draft")
    with pytest.raises(BuildError, match="did not write"):
        build(sample_files, precious)
    assert (precious / "chapter1.docx").read_text() == "draft"


def test_parallel_validation_finds_the_same_problems(built_copy):
    _break(built_copy, "paragraphs", "article_id", "ffffffffffffffff-a99")
    _break(built_copy, "articles", "kind", "poem")
    one = validate(built_copy / "datapackage.json")
    two = validate(built_copy / "datapackage.json", jobs=2)
    assert one and sorted(map(str, one)) == sorted(map(str, two))
    # Resources handed to one worker together are all checked (the build
    # groups the small ones so that another worker stays free).
    validation = Validation(built_copy / "datapackage.json", pool(2, load_validator, background=True))
    validation.add("pages", "articles", "contributors")
    validation.add("paragraphs")
    grouped = validation.result()
    assert sorted(map(str, grouped)) == sorted(map(str, one))


def test_the_zip_holds_the_descriptor_and_every_csv_as_written(built):
    """Written in a thread while the keywords are computed (keywords last):
    the members are the files beside it, byte for byte, in a fixed order."""
    import zipfile

    with zipfile.ZipFile(built / f"{schema.PACKAGE_NAME}.zip") as zf:
        names = zf.namelist()
        assert names[0] == f"{schema.PACKAGE_NAME}/datapackage.json"
        assert names[-1] == f"{schema.PACKAGE_NAME}/keywords.csv"
        assert sorted(names[1:]) == sorted(f"{schema.PACKAGE_NAME}/{t.name}.csv" for t in schema.TABLES)
        for name in names:
            assert zf.read(name) == (built / name.split("/", 1)[1]).read_bytes(), name
            assert zf.getinfo(name).date_time == (2024, 1, 1, 0, 0, 0)


def test_a_zip_member_that_cannot_be_read_fails_the_zip_and_stops_its_thread(tmp_path):
    from etl.package import ZipWriter

    (tmp_path / "a.csv").write_text("x\n1\n", encoding="utf-8")
    zipper = ZipWriter(tmp_path, "p")
    zipper.add(["a.csv", "missing.csv"])
    with pytest.raises(FileNotFoundError):
        zipper.close(["b.csv"])
    assert zipper.pool._shutdown and zipper.zf.fp is None
