"""Rows → CSV files + datapackage.json (+ a zip of both); Frictionless validation.

Files are written byte-for-byte reproducibly: rows in a fixed order, "\\n" line
ends, UTF-8 without BOM, numbers in their shortest form, JSON with sorted
resources and no timestamps, and zip members with a fixed date.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schema

ZIP_DATE = (2024, 1, 1, 0, 0, 0)


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN never belongs in the data
            raise ValueError("NaN in a numeric column")
        if value == int(value) and abs(value) < 1e17:
            return str(int(value))
        return repr(value)
    return str(value)


def json_bytes(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_descriptor(out: Path, sources: list[dict[str, str]]) -> Path:
    descriptor = out / "datapackage.json"
    descriptor.write_bytes(json_bytes(schema.datapackage(sources)))
    return descriptor


def format_number(value: Any) -> str:
    """A cell of an integer or number column, as SQLite would give it back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return format_value(value)


class CsvWriter:
    """One CSV per table, appended to as rows come.

    The build produces rows in primary-key order (pages by id, and within a
    page articles, paragraphs and claims by their zero-padded numbers), so
    the files are written in one pass while the pages are processed, with
    exactly the bytes an export of the database would give: text as is,
    None as an empty cell, numbers by `format_number`.
    """

    def __init__(self, out: Path, tables: tuple[schema.Table, ...] = schema.TABLES) -> None:
        self.files: dict[str, Any] = {}
        self.writers: dict[str, Any] = {}
        self.numbers: dict[str, list[int]] = {}
        for table in tables:
            f = open(out / f"{table.name}.csv", "w", encoding="utf-8", newline="")
            self.files[table.name] = f
            self.writers[table.name] = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            self.writers[table.name].writerow(table.columns)
            self.numbers[table.name] = [i for i, field in enumerate(table.fields) if field.type != "string"]

    def write(self, table: str, rows: list[tuple]) -> None:
        """Append rows given as tuples in the table's column order."""
        self.files[table].write(self.lines(table, rows))

    def lines(self, table: str, rows: list[tuple]) -> str:
        """The CSV lines of rows, as `write` appends them (a page's share of a
        file, which the page cache keeps: see `etl.cache`)."""
        numbers = self.numbers[table]
        if numbers:
            rows = [_formatted(row, numbers) for row in rows]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
        return buffer.getvalue()

    def write_lines(self, table: str, text: str) -> None:
        """Append lines made by `lines`."""
        self.files[table].write(text)

    def flush(self) -> None:
        for f in self.files.values():
            f.flush()

    def close(self, table: str | None = None) -> None:
        """Close one table's file, or all that are open."""
        for name in [table] if table else list(self.files):
            self.files.pop(name).close()

    def close_all_but(self, table: str) -> None:
        for name in [n for n in self.files if n != table]:
            self.close(name)


def _formatted(row: tuple, numbers: list[int]) -> list:
    cells = list(row)
    for i in numbers:
        cells[i] = format_number(cells[i])
    return cells


def zip_members(last: str | None = None) -> list[str]:
    """The zip's files in their order: the descriptor, then the CSVs by table,
    `last` (a table's name) at the end."""
    tables = [t.name for t in schema.TABLES if t.name != last] + ([last] if last else [])
    return ["datapackage.json"] + [f"{name}.csv" for name in tables]


class ZipWriter:
    """One zip with datapackage.json and the CSVs, for a single download.

    The files go in in a background thread while the build goes on (zlib
    compresses without holding the interpreter's lock, so on two cores the
    zip costs the build almost nothing): `add` the files that are complete,
    `close` with the rest.  The members' order and dates are fixed, so the
    same files give the same bytes.
    """

    def __init__(self, out: Path, name: str) -> None:
        self.out = out
        self.name = name
        self.path = out / f"{name}.zip"
        self.zf = zipfile.ZipFile(self.path, "w", compression=zipfile.ZIP_DEFLATED)
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.pending: list[Future] = []

    def add(self, members: list[str]) -> None:
        self.pending.append(self.pool.submit(self._write, members))

    def _write(self, members: list[str]) -> None:
        for member in members:
            info = zipfile.ZipInfo(f"{self.name}/{member}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(self.out / member, "rb") as src, self.zf.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)

    def close(self, members: list[str] = ()) -> Path:
        """Add the last files, wait for all, finish the file."""
        if members:
            self.add(list(members))
        try:
            for future in self.pending:
                future.result()
        finally:
            self.abandon()
        return self.path

    def abandon(self) -> None:
        """Wait for the thread and close the file (a failed build's cleanup)."""
        self.pool.shutdown(wait=True)
        self.zf.close()


@dataclass(frozen=True)
class Problem:
    resource: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.resource
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.message}"


def validate(descriptor: Path, jobs: int = 1) -> list[Problem]:
    """Validate a data package with Frictionless; the problems, readable (empty if valid).

    With jobs > 1 the resources are validated in parallel processes, one
    resource each (Frictionless's own `parallel` does nothing for a package
    with foreign keys); every resource still checks its foreign keys
    against the whole package.
    """
    if not descriptor.exists():
        return [Problem(str(descriptor), None, None, "no such file")]
    if jobs <= 1:
        return _validate(str(descriptor), None)
    try:
        names = [r["name"] for r in json.loads(descriptor.read_text(encoding="utf-8"))["resources"]]
    except (ValueError, KeyError, TypeError):
        return _validate(str(descriptor), None)  # let Frictionless say what is wrong
    from .workers import pool

    validation = Validation(descriptor, pool(jobs))
    for name in names:
        validation.add(name)
    return validation.result()


class Validation:
    """Validate resources in a pool of worker processes while the caller goes on.

    Resources are handed over as soon as their CSV is written (`add`), and
    `result()` waits for all of them.  Without a pool nothing runs in the
    background: `result()` validates the whole package there and then.
    """

    def __init__(self, descriptor: Path, pool=None) -> None:
        self.descriptor = descriptor
        self.pool = pool
        self.pending: list = []

    def add(self, *names: str) -> None:
        """Validate these resources, one after the other in one worker."""
        if self.pool is not None:
            self.pending.append(self.pool.apply_async(_validate_each, (str(self.descriptor), names)))

    def result(self) -> list[Problem]:
        if self.pool is None:
            return _validate(str(self.descriptor), None)
        try:
            parts = [p.get() for p in self.pending]
        except BaseException:
            self.cancel()  # (Ctrl-C: stop the workers now, do not wait for their work)
            raise
        self.pool.close()
        self.pool.join()
        return _merge(parts)

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def _merge(parts: list[list[Problem]]) -> list[Problem]:
    seen: set[Problem] = set()
    problems: list[Problem] = []
    for part in parts:
        for p in part:
            if p not in seen:  # package-level problems come back from every process
                seen.add(p)
                problems.append(p)
    return problems


def load_validator() -> None:
    """Load Frictionless and its plugins (a quarter of a second): a validation
    worker does it when it starts, not when its first resource is handed over."""
    from frictionless import Resource

    Resource(data=[["x"], ["1"]]).validate()


def _validate_each(descriptor: str, names: tuple[str, ...]) -> list[Problem]:
    return _merge([_validate(descriptor, name) for name in names])


def _validate(descriptor: str, name: str | None) -> list[Problem]:
    from frictionless import Package

    try:
        report = Package(descriptor).validate(name=name)
    except Exception as e:  # frictionless raises its own errors for bad descriptors
        return [Problem(descriptor, None, None, f"{type(e).__name__}: {e}")]
    problems: list[Problem] = []
    for error in report.errors:
        problems.append(Problem(descriptor, None, None, error.message))
    for task in report.tasks:
        for error in task.errors:
            problems.append(
                Problem(
                    task.name or task.place,
                    getattr(error, "row_number", None),
                    getattr(error, "field_name", None),
                    error.message,
                )
            )
    return problems
