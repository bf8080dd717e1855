"""Row checks compiled from `etl.schema`: what Frictionless checks of a cell, without reading a CSV.

An incremental build (`etl.cache`) adds a few pages to a corpus whose other
rows were validated when they were first built; re-reading every CSV with
Frictionless each time would cost more than the whole rest of the rebuild.
Instead the new rows are checked here, as the cells written to the CSV
(after `package.format_number`), by the same rules Frictionless applies to
the same schema: a missing cell is the empty string; ``required``; the type
(integer: an integer after trimming spaces; number: a decimal; date:
YYYY-MM-DD); ``enum``; ``pattern`` (anchored at both ends, as Frictionless
anchors it); ``minimum`` / ``maximum``.  Keys and uniqueness across the
whole corpus are left to SQLite (primary keys, unique fields, foreign keys),
which holds every row.  `tests/test_cache.py` feeds the same broken rows to
both validators and requires that they agree row by row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from . import schema
from .package import Problem, format_number, format_value

#: A cell's check: None if the cell is fine, else what is wrong with it.
Check = Callable[[str], "str | None"]


def _integer(cell: str) -> Any:
    try:
        return int(cell.strip())
    except ValueError:
        return None


def _number(cell: str) -> Any:
    try:
        value = Decimal(cell.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _date(cell: str) -> Any:
    try:
        return datetime.strptime(cell, "%Y-%m-%d").date()
    except ValueError:
        return None


READERS: dict[str, Callable[[str], Any]] = {"string": lambda cell: cell, "integer": _integer, "number": _number, "date": _date}


def field_check(f: schema.Field) -> Check:
    """The check of one column's cells, as Frictionless would check them."""
    read = READERS[f.type]
    read_bound = (lambda v: Decimal(str(v))) if f.type == "number" else (lambda v: v)
    low = read_bound(f.minimum) if f.minimum is not None else None
    high = read_bound(f.maximum) if f.maximum is not None else None
    pattern = re.compile(f"^{f.pattern}$") if f.pattern else None
    enum = set(f.enum) if f.enum else None

    def check(cell: str) -> str | None:
        if cell == "":
            return "required" if f.required else None
        value = read(cell)
        if value is None:
            return "type"
        if enum is not None and value not in enum:
            return "enum"
        if pattern is not None and not pattern.match(value):
            return "pattern"
        if low is not None and value < low:
            return "minimum"
        if high is not None and value > high:
            return "maximum"
        return None

    return check


class TableChecks:
    """Checks of one table's rows (tuples in column order, as the build makes them)."""

    def __init__(self, table: schema.Table) -> None:
        self.table = table
        self.checks = [field_check(f) for f in table.fields]
        self.numbers = [f.type != "string" for f in table.fields]

    def cells(self, row: tuple) -> list[str]:
        """The row's cells as the CSV holds them."""
        return [format_number(v) if number else format_value(v) for v, number in zip(row, self.numbers)]

    def problems(self, rows: Iterable[tuple], where: str) -> Iterator[Problem]:
        """What is wrong with each row; `where` names the rows (a page, a resource).

        Each distinct value of a column is checked once: a column of 140,000
        keyword rows holds two methods, a few dozen ranks and some thousand
        article ids, so this costs a set per column instead of a check per cell.
        """
        rows = list(rows)
        width = len(self.checks)
        for n, row in enumerate(rows, start=1):
            if len(row) != width:
                yield Problem(self.table.name, n, None, f"{where}: row {n} has {len(row)} cells, not {width}")
        whole = [row for row in rows if len(row) == width]
        wrong: dict[tuple[int, Any], str] = {}
        for i, (check, number) in enumerate(zip(self.checks, self.numbers)):
            for value in {(type(row[i]), row[i]) for row in whole}:
                cell = format_number(value[1]) if number else format_value(value[1])
                broken = check(cell)
                if broken:
                    wrong[(i, value)] = broken
        if not wrong:
            return
        for n, row in enumerate(rows, start=1):
            if len(row) != width:
                continue
            for i, f in enumerate(self.table.fields):
                broken = wrong.get((i, (type(row[i]), row[i])))
                if broken:
                    cell = format_number(row[i]) if self.numbers[i] else format_value(row[i])
                    yield Problem(self.table.name, n, f.name, f"{where}: row {n}, {f.name} = {cell!r} breaks constraint {broken!r}")


CHECKS = {t.name: TableChecks(t) for t in schema.TABLES}


def unique_sql(table: schema.Table) -> list[tuple[str, str]]:
    """(field, query) for every unique field that is not the primary key: the
    query returns a value held by more than one row, if any."""
    return [
        (f.name, f"SELECT [{f.name}] FROM [{table.name}] WHERE [{f.name}] IS NOT NULL GROUP BY [{f.name}] HAVING count(*) > 1 LIMIT 1")
        for f in table.fields
        if f.unique and (f.name,) != table.primary_key
    ]
