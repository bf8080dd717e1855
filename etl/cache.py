"""The page cache: a rebuild processes only the pages whose result can have changed.

A page's result (its rows, keyword material and issues) is a pure function of
its bytes and of what processes them, so it is cached under a key made of:

* the page's SHA-256 and file name (rows name the file);
* the **engine fingerprint**: a hash of the code that turns a page into rows
  (`etl/` but the command line and the site) and of the lexicon files — not a
  hand-bumped version, so any change of the parser or the extraction, or of a
  word list, makes every entry miss;
* the page's **catalog row** (newspaper, date, page) and its **correction file**;
* the **role of its top line** in the archive (`etl.layout.banners`: a banner
  printed atop other pages, a line of an article printed lower on others, or
  unknown), the one thing a page's rows take from the other pages.

The cache is one SQLite file (``pages.sqlite``) in its folder (``etl build
--cache DIR``, by default ``.<out>-cache`` beside the outputs; ``--no-cache``
builds from scratch).  Each entry holds two parts, each with its SHA-256:

* **brief**: what every build needs of every page: the page's CSV lines per
  table, its keyword material, its row counts, its issues;
* **rows**: the full result, with the search index text, needed only to
  write the page into a database (or to take it out of one).

An entry that does not match its hash, cannot be read, or was written under
another key is recomputed, never trusted.  Fresh entries are written in one
transaction that is committed only once the whole build has validated, so
the cache holds nothing a failed build produced.

The cache also remembers, per output folder, which pages (by key) the last
build put into its database, with a stamp that the build writes into the
database header (``PRAGMA user_version``).  When they still agree, the next
build copies that database and only takes out and puts in the pages that
changed (see `etl.pipeline`).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import marshal
import sqlite3
import sys
from dataclasses import asdict, is_dataclass
from importlib import resources
from pathlib import Path
from typing import Any

#: Bump only if the payload's shape changes without any code of the engine changing.
FORMAT = 1
ETL = Path(__file__).resolve().parent
#: Code that does not change a page's rows (the command line, the site, the cache itself).
NOT_ENGINE = ("cli.py", "__main__.py", "cache.py", "publish", "review.py")


def engine_fingerprint(extra_files: tuple[Path, ...] = ()) -> str:
    """A hash of the page engine's code, its lexicon, and any extra word lists."""
    h = hashlib.sha256(f"format {FORMAT} python {sys.version}".encode())  # pickle and marshal formats
    files = sorted(p for p in ETL.rglob("*.py") if not any(part in NOT_ENGINE for part in p.relative_to(ETL).parts))
    for p in files:
        h.update(str(p.relative_to(ETL)).encode() + b"\0" + p.read_bytes() + b"\0")
    for name in sorted(x.name for x in resources.files("etl.lexicon").iterdir() if x.name.endswith(".txt")):
        h.update(name.encode() + b"\0" + resources.files("etl.lexicon").joinpath(name).read_bytes() + b"\0")
    for p in extra_files:
        h.update(b"extra\0" + Path(p).read_bytes() + b"\0")
    return h.hexdigest()


def _plain(obj: Any) -> Any:
    if is_dataclass(obj):
        return {"__type__": type(obj).__name__, **asdict(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    return obj


def page_key(engine: str, sha256: str, file_name: str, biblio: Any, corrections: Any, top: str | None = None) -> str:
    """The cache key of a page: everything its result depends on."""
    parts = [engine, sha256, file_name, json.dumps(_plain(biblio), sort_keys=True, ensure_ascii=False, default=str),
             json.dumps(_plain(corrections), sort_keys=True, ensure_ascii=False, default=str), top or ""]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class PageCache:
    """Page results by key, in one SQLite file; see the module's docstring.

    A build reads entries as it goes and writes fresh ones into one open
    transaction (so memory stays flat however many pages are new), which
    `commit` ends once the build has succeeded and `rollback` discards.
    """

    def __init__(self, folder: Path, engine: str) -> None:
        self.folder = Path(folder)
        self.engine = engine
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "pages.sqlite"
        self.conn = self._open()
        self.hits = self.misses = self.bad = 0

    def _open(self) -> sqlite3.Connection:
        for attempt in (1, 2):
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                conn.executescript(SCHEMA)
                conn.execute("SELECT key, brief_digest, brief, rows_digest, rows FROM pages LIMIT 1").fetchall()
                conn.execute("SELECT out, stamp, keys FROM built LIMIT 1").fetchall()
                conn.execute("BEGIN IMMEDIATE")  # one build writes the cache at a time
                return conn
            except sqlite3.OperationalError as e:
                conn.close()
                if "locked" in str(e) or "busy" in str(e) or attempt == 2:
                    raise
                self.path.unlink(missing_ok=True)  # a table of the wrong shape: an older cache
            except sqlite3.DatabaseError:
                conn.close()
                if attempt == 2:
                    raise
                self.path.unlink(missing_ok=True)  # not a cache file any more (truncated, overwritten)
        raise AssertionError("unreachable")

    def key(self, sha256: str, file_name: str, biblio: Any, corrections: Any, top: str | None = None) -> str:
        return page_key(self.engine, sha256, file_name, biblio, corrections, top)

    def has(self, key: str) -> bool:
        """Whether an entry is stored under key (whether it is sound is known when it is read)."""
        return self.conn.execute("SELECT 1 FROM pages WHERE key = ?", (key,)).fetchone() is not None

    def _read(self, key: str, column: str, load: Any) -> Any | None:
        try:
            row = self.conn.execute(f"SELECT {column}_digest, {column} FROM pages WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None:
            self.misses += 1
            return None
        digest, payload = row
        value = None
        if isinstance(payload, bytes) and hashlib.sha256(payload).hexdigest() == digest:
            try:
                value = load(payload)
            except Exception:
                value = None
        if not isinstance(value, tuple) or len(value) != 2 or value[0] != key:
            self.bad += 1  # damaged, or an entry for another key: recomputed, never trusted
            self.misses += 1
            return None
        self.hits += 1
        return value[1]

    def brief(self, key: str) -> Any | None:
        """The brief part of the entry (see the module's docstring), or None."""
        return self._read(key, "brief", marshal.loads)

    def rows(self, key: str) -> Any | None:
        """The full result of the entry, or None."""
        return self._read(key, "rows", pickle.loads)

    def put(self, key: str, brief: Any, rows: Any) -> None:
        """Remember a fresh result; it is kept only if the build then succeeds (`commit`)."""
        b = marshal.dumps((key, brief))
        r = pickle.dumps((key, rows), protocol=5)
        self.conn.execute(
            "INSERT OR REPLACE INTO pages (key, brief_digest, brief, rows_digest, rows) VALUES (?, ?, ?, ?, ?)",
            (key, hashlib.sha256(b).hexdigest(), b, hashlib.sha256(r).hexdigest(), r),
        )

    def built(self, out: Path) -> tuple[int, dict[str, str]] | None:
        """(stamp, {page_id: key}) of the database the last build put into `out`, if recorded."""
        try:
            row = self.conn.execute("SELECT stamp, keys FROM built WHERE out = ?", (str(Path(out).resolve()),)).fetchone()
            return (row[0], dict(marshal.loads(row[1]))) if row else None
        except (sqlite3.DatabaseError, ValueError, EOFError, TypeError):
            return None

    def commit(self, keep: set[str], out: Path, stamp: int, keys: dict[str, str]) -> None:
        """Keep the fresh entries and what `out` now holds; forget the entries
        of pages this build did not have (the cache follows the archive)."""
        self.conn.execute("CREATE TEMP TABLE keep (key TEXT PRIMARY KEY)")
        self.conn.executemany("INSERT INTO keep VALUES (?)", ((k,) for k in keep))
        self.conn.execute("DELETE FROM pages WHERE key NOT IN (SELECT key FROM keep)")
        self.conn.execute("DROP TABLE keep")
        self.conn.execute("INSERT OR REPLACE INTO built (out, stamp, keys) VALUES (?, ?, ?)",
                          (str(Path(out).resolve()), stamp, marshal.dumps(sorted(keys.items()))))
        self.conn.execute("COMMIT")
        self.conn.close()

    def rollback(self) -> None:
        """Forget what this build wrote."""
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        self.conn.close()


SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, brief_digest TEXT NOT NULL, brief BLOB NOT NULL,
                                  rows_digest TEXT NOT NULL, rows BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS built (out TEXT PRIMARY KEY, stamp INTEGER NOT NULL, keys BLOB NOT NULL);
"""


def stamp(keys: list[str]) -> int:
    """The stamp of a database built from these page keys (31 bits, for PRAGMA user_version)."""
    return int(hashlib.sha256("\0".join(keys).encode()).hexdigest()[:8], 16) & 0x7FFFFFFF
