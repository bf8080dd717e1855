"""A database's content, whatever order its rows were written in: what two builds must agree on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from etl import schema


def content(db: Path) -> dict[str, list]:
    """A database's content: each table in key order, and for each searched
    row the terms its index holds and its rowid (a searched table's rowids
    follow from its keys, so an edited database has the same ones; other
    tables' rowids are the order rows were written in, and are left out)."""
    conn = sqlite3.connect(db)
    got: dict[str, list] = {}
    for t in schema.TABLES:
        order = ", ".join(f"[{c}]" for c in t.primary_key)
        got[t.name] = conn.execute(f"SELECT * FROM [{t.name}] ORDER BY {order}").fetchall()
        if t.search:
            conn.execute(f"CREATE VIRTUAL TABLE temp.[v_{t.name}] USING fts5vocab(main, [{t.name}_fts], instance)")
            key = ", ".join(f"b.[{c}]" for c in t.primary_key)
            got[f"{t.name}_rowids"] = conn.execute(f"SELECT rowid, {order} FROM [{t.name}] ORDER BY rowid").fetchall()
            got[f"{t.name}_fts"] = conn.execute(
                f"SELECT {key}, v.term, v.offset FROM temp.[v_{t.name}] v JOIN [{t.name}] b ON b.rowid = v.doc ORDER BY 1, 3"
            ).fetchall()
    got["user_version"] = conn.execute("PRAGMA user_version").fetchall()
    conn.close()
    return got
