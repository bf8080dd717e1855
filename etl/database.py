"""Rows → SQLite, with sqlite-utils: declared types, keys, indexes, search.

The database is written into the build's temporary folder and only moved into
place by the caller once the whole package is complete and valid, so a failed
or killed run never leaves half a database.  Tables are created from `schema`
(declared column types, primary and foreign keys, NOT NULL for required
columns); rows are appended page by page as they are parsed (memory stays
flat however many pages there are), in the build's canonical order, so the
file is the same byte for byte whatever the order of the input or the number
of worker processes.  Every foreign key gets an index.  Full-text search
uses the bigram index of `search` in contentless FTS5 tables `<table>_fts`
whose rowid is the row's rowid.
"""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path
from typing import Iterable

import sqlite_utils

from . import schema

BATCH = 2000


class DatabaseWriter:
    """Append rows table by table; `finish` adds indexes and checks keys."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.db = sqlite_utils.Database(self.path)
        # The file is private to this build until it is swapped in: no
        # journal to keep, and no need to wait for the disk after each batch.
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.rowids: dict[str, int] = {}
        for table in schema.TABLES:
            self.db[table.name].create(
                schema.sqlite_columns(table),
                pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key,
                not_null={f.name for f in table.fields if f.required},
                foreign_keys=[(fk.fields[0], fk.table, fk.reference[0]) for fk in table.foreign_keys],
            )
            if table.search:
                self.db.execute(f"CREATE VIRTUAL TABLE [{table.name}_fts] USING fts5(grams, content='', tokenize='unicode61')")
            self.rowids[table.name] = 0
        self._sql = {
            t.name: f"INSERT INTO [{t.name}] ({', '.join(f'[{c}]' for c in t.columns)}) VALUES ({', '.join('?' for _ in t.columns)})"
            for t in schema.TABLES
        }
        self._search = {t.name: t.search for t in schema.TABLES if t.search}

    def insert(self, table: str, rows: list[tuple], grams: list[str] | None = None) -> None:
        """Append rows given as tuples in the schema's column order; for a
        searched table `grams` is the index text of each row (see
        `search.index_text`, computed with the page in a worker)."""
        if not rows:
            return
        self.db.conn.executemany(self._sql[table], rows)
        if table in self._search:
            if grams is None or len(grams) != len(rows):
                raise ValueError(f"{table}: every row needs its search index text")
            # A fresh table that is only appended to numbers its rows 1, 2, …
            first = self.rowids[table] + 1
            self.db.conn.executemany(f"INSERT INTO [{table}_fts](rowid, grams) VALUES (?, ?)", zip(itertools.count(first), grams))
        self.rowids[table] += len(rows)

    def commit(self) -> None:
        """End the open transaction (before a fork, or so other connections see the rows)."""
        self.db.conn.commit()

    def finish(self) -> None:
        """Index the foreign keys, check every key, and close the file."""
        for table in schema.TABLES:
            for fk in table.foreign_keys:
                self.db[table.name].create_index(list(fk.fields), if_not_exists=True)
            (count, top) = self.db.execute(f"SELECT count(*), coalesce(max(rowid), 0) FROM [{table.name}]").fetchone()
            if count != self.rowids[table.name] or top != count:
                raise ValueError(f"{self.path}: {table.name} has {count} rows numbered up to {top}, expected {self.rowids[table.name]}")
        violations = list(self.db.execute("PRAGMA foreign_key_check"))
        if violations:
            raise ValueError(f"{self.path}: {len(violations)} foreign-key violations, e.g. {violations[0]}")
        self.db.conn.commit()
        self.db.close()

    def close(self) -> None:
        self.db.close()


def table_rows(path: Path, table: schema.Table) -> Iterable[tuple]:
    """A table's rows in primary-key order, columns as in the schema."""
    conn = sqlite3.connect(path)
    try:
        cols = ", ".join(f"[{c}]" for c in table.columns)
        order = ", ".join(f"[{c}]" for c in table.primary_key)
        yield from conn.execute(f"SELECT {cols} FROM [{table.name}] ORDER BY {order}")
    finally:
        conn.close()


def dump(path: Path) -> Iterable[str]:
    """The database content as SQL text (for comparing two builds)."""
    conn = sqlite3.connect(path)
    try:
        yield from conn.iterdump()
    finally:
        conn.close()
