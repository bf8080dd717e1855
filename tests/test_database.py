"""How the database numbers the rows of its searched tables.

Rowid order is key order, whatever order pages are written in, so that a
search can read matches in rowid order and stop after the first screenful
(see tests/test_search_datasette.py for the query plan this buys).
"""

from __future__ import annotations

import sqlite3

from etl.database import ROW_BITS, DatabaseWriter, page_slot


def paragraph(page_id: str, article: int, seq: int) -> tuple:
    pid = f"{page_id}-a{article:02d}-p{seq:03d}"
    return (pid, f"{page_id}-a{article:02d}", page_id, seq, None, None, "正文", 2, seq, seq)


def numbered(path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT rowid, paragraph_id FROM paragraphs ORDER BY rowid").fetchall()
    fts = [r for (r,) in conn.execute("SELECT rowid FROM paragraphs_fts ORDER BY rowid")]
    conn.close()
    assert fts == [r for r, _ in rows]  # the search index holds each row under the same rowid
    return rows


def test_rows_written_in_any_order_are_numbered_in_key_order(tmp_path):
    writer = DatabaseWriter(tmp_path / "t.db")
    late, early = "f0" * 8, "0a" * 8
    for page in (late, early):  # the later page first
        rows = [paragraph(page, a, s) for a in (2, 1) for s in (3, 1, 2)]  # and its rows shuffled
        writer.insert("paragraphs", rows, ["gram"] * len(rows))
    writer.commit()
    got = numbered(tmp_path / "t.db")
    assert [k for _, k in got] == sorted(k for _, k in got)
    assert got[0][0] == page_slot(early) << ROW_BITS  # a page's rows take its own block of rowids


def test_a_page_removed_and_written_again_gets_the_same_rowids(tmp_path):
    writer = DatabaseWriter(tmp_path / "t.db")
    pages = ["3c" * 8, "9d" * 8, "e1" * 8]
    for page in pages:
        writer.insert("paragraphs", [paragraph(page, 1, s) for s in (1, 2)], ["gram", "gram"])
    before = numbered_after_commit(writer, tmp_path)
    gone = [{"paragraph_id": k, "_grams": "gram"} for _, k in before if k.startswith(pages[1])]
    writer.remove("paragraphs", gone)
    writer.insert("paragraphs", [paragraph(pages[1], 1, s) for s in (1, 2)], ["gram", "gram"])
    assert numbered_after_commit(writer, tmp_path) == before


def numbered_after_commit(writer: DatabaseWriter, tmp_path) -> list[tuple[int, str]]:
    writer.commit()
    return numbered(tmp_path / "t.db")


def test_two_pages_whose_ids_share_a_block_keep_all_their_rows(tmp_path):
    """Ids that differ only in their last 24 bits map to the same block: the
    second page written takes the next one."""
    first, second = "5555555555000000", "5555555555000001"
    assert page_slot(first) == page_slot(second)
    writer = DatabaseWriter(tmp_path / "t.db")
    for page in (first, second):
        writer.insert("paragraphs", [paragraph(page, 1, s) for s in (1, 2, 3)], ["gram"] * 3)
    got = numbered_after_commit(writer, tmp_path)
    assert len(got) == 6
    assert [k for _, k in got] == sorted(k for _, k in got)
    assert got[3][0] == (page_slot(first) + 1) << ROW_BITS


def test_a_page_with_more_rows_than_a_block_takes_several(tmp_path, monkeypatch):
    monkeypatch.setattr("etl.database.ROW_BITS", 2)  # blocks of 4 rows
    big, neighbour = "7000000000000000", "7000000001000000"  # the next block's page
    assert page_slot(neighbour) == page_slot(big) + 1
    writer = DatabaseWriter(tmp_path / "t.db")
    writer.insert("paragraphs", [paragraph(big, 1, s) for s in range(1, 7)], ["gram"] * 6)
    writer.insert("paragraphs", [paragraph(neighbour, 1, s) for s in (1, 2)], ["gram"] * 2)
    got = numbered_after_commit(writer, tmp_path)
    assert [k for _, k in got] == sorted(k for _, k in got) and len(got) == 8
    assert got[6][0] == (page_slot(big) + 2) << 2  # the neighbour moved past the big page's two blocks
