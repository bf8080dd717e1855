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

A searched table's rows are numbered by their key (`_insert_numbered`): rowid order
is primary-key order in a clean build and after any incremental edit, so a
search can list its matches in key order by walking the index in rowid order
and stop after the first screenful, instead of fetching and sorting every
match (at 10,000 pages a common word matches 70,000 paragraphs).
"""

from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path
from typing import Iterable

import sqlite_utils

from . import checks, schema

BATCH = 2000

#: Low bits of a searched row's rowid: its place among its page's rows (a
#: page has tens of paragraphs; one with more than 4,096 takes several blocks).
ROW_BITS = 12
#: High bits: the first 40 bits of the page id (hex of the page's sha256).
#: Sparse rowids cost index space (the search index stores the gap between
#: neighbouring rowids): 52 bits in all cost a fifth less than 63 (measured on
#: 2,581 generated pages), and 40 bits keep two pages of a 100,000-page archive
#: apart with 99.5% probability (see `_insert_numbered` for the other 0.5%).
PAGE_BITS = 40


def page_slot(page_id: str) -> int:
    """The rowid block of a page: the top PAGE_BITS bits of its hex id.

    Page ids are hex digests (`read.page_id`), so blocks sort as page ids do."""
    bits = 4 * len(page_id)
    return int(page_id, 16) >> (bits - PAGE_BITS) if bits > PAGE_BITS else int(page_id, 16) << (PAGE_BITS - bits)


def _insert_sql(table: str, columns) -> str:
    return f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' for _ in columns)})"


def _key_getter(table: schema.Table):
    """The primary key of a row given as a tuple in the schema's column order."""
    at = [table.columns.index(c) for c in table.primary_key]
    return lambda row: tuple(row[i] for i in at)


class DatabaseWriter:
    """Append rows table by table; `finish` adds indexes and checks keys.

    With ``existing=True`` the file is a copy of an earlier build's database
    that the build edits: `remove` takes a page's rows out (and their search
    index entries), `reset` empties a table that is rewritten whole (the
    keywords, whose weights depend on the whole corpus), and new rows are
    appended after the highest rowid (in a searched table: in their page's
    block of rowids, see `_insert_numbered`).
    """

    def __init__(self, path: Path, existing: bool = False) -> None:
        self.path = Path(path)
        self.db = sqlite_utils.Database(self.path)
        # The file is private to this build until it is swapped in: no
        # journal to keep, and no need to wait for the disk after each batch.
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.counts: dict[str, int] = {}
        self.edited = existing
        for table in schema.TABLES:
            if existing:
                (self.counts[table.name],) = self.db.execute(f"SELECT count(*) FROM [{table.name}]").fetchone()
            else:
                self._create(table)
        self._sql = {t.name: _insert_sql(t.name, t.columns) for t in schema.TABLES}
        self._search = {t.name: t.search for t in schema.TABLES if t.search}
        self._numbered_sql = {t: _insert_sql(t, ("rowid", *schema.TABLE[t].columns)) for t in self._search}
        self._key = {t: _key_getter(schema.TABLE[t]) for t in self._search}
        self._page_column = {t: schema.TABLE[t].columns.index("page_id") for t in self._search}

    def _create(self, table: schema.Table) -> None:
        self.db[table.name].create(
            schema.sqlite_columns(table),
            pk=table.primary_key[0] if len(table.primary_key) == 1 else table.primary_key,
            not_null={f.name for f in table.fields if f.required},
            foreign_keys=[(fk.fields[0], fk.table, fk.reference[0]) for fk in table.foreign_keys],
        )
        if table.search:
            self.db.execute(f"CREATE VIRTUAL TABLE [{table.name}_fts] USING fts5(grams, content='', tokenize='unicode61')")
        self.counts[table.name] = 0

    def insert(self, table: str, rows: list[tuple], grams: list[str] | None = None) -> None:
        """Append rows given as tuples in the schema's column order; for a
        searched table `grams` is the index text of each row (see
        `search.index_text`, computed with the page in a worker)."""
        if not rows:
            return
        if table in self._search:
            if grams is None or len(grams) != len(rows):
                raise ValueError(f"{table}: every row needs its search index text")
            page = self._page_column[table]
            order = sorted(range(len(rows)), key=lambda i: (rows[i][page], self._key[table](rows[i])))
            for _, group in itertools.groupby(order, key=lambda i: rows[i][page]):
                at = list(group)
                self._insert_numbered(table, [rows[i] for i in at], [grams[i] for i in at])
        else:
            self.db.conn.executemany(self._sql[table], rows)
        self.counts[table] += len(rows)

    def _insert_numbered(self, table: str, rows: list[tuple], grams: list[str]) -> None:
        """Insert one page's rows of a searched table, given in key order,
        under rowids from the page's block (`page_slot`).

        Two pages whose ids share their first 40 bits cannot share a block:
        the one written later takes the next free block, so its rows still
        sort after its neighbour's but its rowids depend on which of the two
        was written first (the only case where an edited database numbers
        searched rows otherwise than a clean build).  A page of more than
        4,096 rows needs free blocks after its own: if a neighbour holds one,
        it goes past it, out of key order.
        """
        blocks = max(1, -(-len(rows) >> ROW_BITS))
        slot = page_slot(rows[0][self._page_column[table]])
        while self.db.conn.execute(
            f"SELECT 1 FROM [{table}] WHERE rowid >= ? AND rowid < ? LIMIT 1", (slot << ROW_BITS, (slot + blocks) << ROW_BITS)
        ).fetchone():
            slot += 1
        numbers = range(slot << ROW_BITS, (slot << ROW_BITS) + len(rows))
        self.db.conn.executemany(self._numbered_sql[table], ((n, *r) for n, r in zip(numbers, rows)))
        self.db.conn.executemany(f"INSERT INTO [{table}_fts](rowid, grams) VALUES (?, ?)", zip(numbers, grams))

    def remove(self, table: str, rows: list[dict]) -> None:
        """Take out the rows (dicts as the build made them, with their search
        text under ``_grams`` for a searched table) that an earlier build put in."""
        t = schema.TABLE[table]
        where = " AND ".join(f"[{c}] = ?" for c in t.primary_key)
        keys = [tuple(r[c] for c in t.primary_key) for r in rows]
        if table in self._search:
            # A contentless index forgets a row only when told the text it indexed.
            found = [self.db.execute(f"SELECT rowid FROM [{table}] WHERE {where}", k).fetchone() for k in keys]
            if any(f is None for f in found):
                raise ValueError(f"{self.path}: {table} lacks a row an earlier build put in")
            self.db.conn.executemany(
                f"INSERT INTO [{table}_fts]([{table}_fts], rowid, grams) VALUES ('delete', ?, ?)",
                [(f[0], r["_grams"]) for f, r in zip(found, rows)],
            )
        cursor = self.db.conn.executemany(f"DELETE FROM [{table}] WHERE {where}", keys)
        if cursor.rowcount != len(keys):
            raise ValueError(f"{self.path}: {table} lacks a row an earlier build put in")
        self.counts[table] -= len(keys)

    def reset(self, table: str) -> None:
        """Empty a table (dropped and made again, so its rows are numbered from 1)."""
        self.db.execute(f"DROP TABLE [{table}]")
        self._create(schema.TABLE[table])

    def commit(self) -> None:
        """End the open transaction (before a fork, or so other connections see the rows)."""
        self.db.conn.commit()

    def finish(self, expected: dict[str, int] | None = None, stamp: int = 0) -> None:
        """Index the foreign keys, check every key and count, stamp the file
        (``PRAGMA user_version``, see `etl.cache`) and close it.

        `expected` are the row counts the build wrote to the CSVs: the
        database must hold exactly as many.
        """
        for table in schema.TABLES:
            for fk in table.foreign_keys:
                self.db[table.name].create_index(list(fk.fields), if_not_exists=True)
            (count, top) = self.db.execute(f"SELECT count(*), coalesce(max(rowid), 0) FROM [{table.name}]").fetchone()
            want = self.counts[table.name] if expected is None else expected.get(table.name, 0)
            dense = not table.search and not self.edited
            if count != self.counts[table.name] or count != want or (dense and top != count):
                raise ValueError(f"{self.path}: {table.name} has {count} rows numbered up to {top}, expected {want}")
            if table.search:
                (indexed,) = self.db.execute(f"SELECT count(*) FROM [{table.name}_fts]").fetchone()
                if indexed != count:
                    raise ValueError(f"{self.path}: {table.name} has {count} rows but its search index {indexed}")
            for name, sql in checks.unique_sql(table):
                twice = self.db.execute(sql).fetchone()
                if twice is not None:
                    raise ValueError(f"{self.path}: {table.name}.{name} = {twice[0]!r} on more than one row")
        violations = list(self.db.execute("PRAGMA foreign_key_check"))
        if violations:
            raise ValueError(f"{self.path}: {len(violations)} foreign-key violations, e.g. {violations[0]}")
        self.db.execute(f"PRAGMA user_version = {int(stamp)}")
        self.db.conn.commit()
        self.db.close()

    def close(self) -> None:
        self.db.close()


def user_version(path: Path) -> int | None:
    """The stamp in a database's header, or None if the file is not a database."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


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
