"""Rows → SQLite, with sqlite-utils: declared types, keys, indexes, search.

The database is written to a temporary file and only moved into place by the
caller once it is complete, so a failed run never leaves half a database.
Tables are created from `schema` (declared column types, primary and foreign
keys, NOT NULL for required columns), filled in a fixed order, and every
foreign key gets an index.  Full-text search uses the bigram index of
`search` in contentless FTS5 tables `<table>_fts` whose rowid is the row's
rowid.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterable

import sqlite_utils

from . import schema
from .search import index_text


def build_database(path: Path, rows: dict[str, list[dict]]) -> None:
    """Create the database at `path` (which must not exist) from table rows."""
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA foreign_keys = ON")
    for table in schema.TABLES:
        db[table.name].create(
            schema.sqlite_columns(table),
            pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key,
            not_null={f.name for f in table.fields if f.required},
            foreign_keys=[(fk.fields[0], fk.table, fk.reference[0]) for fk in table.foreign_keys],
        )
        if rows.get(table.name):
            db[table.name].insert_all(rows[table.name], batch_size=2000)
        for fk in table.foreign_keys:
            db[table.name].create_index(list(fk.fields), if_not_exists=True)
    for table in schema.TABLES:
        if table.search:
            _search_index(db, table.name, table.search)
    violations = list(db.conn.execute("PRAGMA foreign_key_check"))
    if violations:
        raise ValueError(f"{path}: {len(violations)} foreign-key violations, e.g. {violations[0]}")
    db.conn.commit()
    db.close()


def _search_index(db: sqlite_utils.Database, table: str, column: str) -> None:
    fts = f"{table}_fts"
    db.execute(f"CREATE VIRTUAL TABLE [{fts}] USING fts5(grams, content='', tokenize='unicode61')")
    batch: list[tuple[int, str]] = []
    for rowid, text in db.execute(f"SELECT rowid, [{column}] FROM [{table}] ORDER BY rowid"):
        batch.append((rowid, index_text(text or "")))
    db.conn.executemany(f"INSERT INTO [{fts}](rowid, grams) VALUES (?, ?)", batch)


def dump(path: Path) -> Iterable[str]:
    """The database content as SQL text (for comparing two builds)."""
    conn = sqlite3.connect(path)
    try:
        yield from conn.iterdump()
    finally:
        conn.close()
