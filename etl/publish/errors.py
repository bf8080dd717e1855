"""Bad requests get a 4xx with a message, never a 500.

The site is read-only and public: whatever a reader types into a URL, the
answer is a page or a 4xx that says what was wrong.  Datasette 0.65 gets
there for most requests; four gaps are closed here:

* **rich.**  Datasette's default error handler prints every exception with
  ``rich.get_console().print_exception(show_locals=True)`` whenever rich can
  be imported (this project installs it for its command line).  Called
  outside an ``except`` block, as it is for a 404 from the table view or a
  bad ``_sort``, rich raises ``ValueError: Value for 'trace' required`` and
  the 400/404 the handler was about to send becomes a 500.  Without rich the
  same handler answers correctly (and prints a plain traceback for real
  500s), so its module is told rich is not there when the site starts.
* **A table sorted by rowid** (the searched tables, see
  `etl.publish.metadata`) whose page has a next page and foreign keys shown
  with their labels: the link to the next page needs the last row's sort
  value; Datasette looks for it among the row's columns and, when it is not
  there, reads it from the table, but only if the row raises ``IndexError``
  (as sqlite3.Row does).  Rows rebuilt with labels (``CustomRow``) raise
  ``KeyError``, and the page failed with a 500.  Their missing-column error
  is made both (`_missing_column`).
* **Errors raised as 500 for what the request asked** (`handle_exception`):
  a column that cannot be sorted, both ``_sort`` and ``_sort_desc``, an
  invalid ``_through`` (not JSON), a row URL with too few key values, every
  SQLite error of a query.  They are answered 400 with Datasette's message.
* **Requests Datasette would answer wrongly or not at all**
  (`request_problem`, run before Datasette sees the request): a method other
  than GET or HEAD (nothing here is writable; Datasette fails with an
  assertion); a row URL with more or fewer key values than the table's key
  and a ``_through`` that is not JSON (both fail deep inside Datasette);
  and a filter on a column the table does not have or with an operator
  Datasette does not know (Datasette ignores it and shows every row, which
  a researcher would take for the filtered result).
"""

from __future__ import annotations

import json
import re
import sqlite3
from functools import cache
from html import escape
from urllib.parse import parse_qsl

from datasette import hookimpl

from .. import schema

# Datasette's own modules are imported inside the hooks, not here: this
# package is imported by Datasette's plugin loader (and by the build, which
# may import it first), and datasette.plugins imports the plugins while it
# is itself being imported.


def _default_errors():
    import datasette.handle_exception

    return datasette.handle_exception


class MissingColumn(KeyError, IndexError):
    """A column a row does not have: what sqlite3.Row raises (IndexError) and
    what a dict raises (KeyError), so that code expecting either handles it."""


def _missing_column() -> None:
    from datasette.utils import CustomRow

    if getattr(CustomRow.__getitem__, "raises_missing_column", False):
        return
    original = CustomRow.__getitem__

    def getitem(self, key):
        try:
            return original(self, key)
        except KeyError as e:
            raise MissingColumn(*e.args) from None

    getitem.raises_missing_column = True
    CustomRow.__getitem__ = getitem


@hookimpl
def startup(datasette):
    _default_errors().rich = None
    _missing_column()


@cache
def filter_operators() -> frozenset[str]:
    """Datasette's filter operators (``title__contains=…``)."""
    from datasette.filters import Filters

    return frozenset(f.key for f in Filters._filters)

_COLUMNS = {t.name: {*t.columns, "rowid"} for t in schema.TABLES}
_KEYS = {t.name: len(t.primary_key) for t in schema.TABLES}
_TABLE_PATH = re.compile(rf"^/{schema.DATABASE_NAME}/(?P<table>[^/.]+)(?:\.(?:json|csv))?$")
_ROW_PATH = re.compile(rf"^/{schema.DATABASE_NAME}/(?P<table>[^/.]+)/(?P<pks>[^/]+?)(?:\.json)?$")


def request_problem(method: str, path: str, query_string: str) -> tuple[int, str] | None:
    """(status, message) for a request the site must refuse, else None."""
    if method not in ("GET", "HEAD"):
        return 405, f"{method} is not allowed: this site is read-only (use GET)"
    row = _ROW_PATH.match(path)
    if row is not None and row.group("table") in _KEYS:
        # Key values are separated by commas (a comma inside one is tilde-encoded).
        given, wanted = len(row.group("pks").split(",")), _KEYS[row.group("table")]
        if given != wanted:
            return 404, f"no such row: table {row.group('table')} is keyed by {wanted} value(s), the URL gives {given}"
        return None
    m = _TABLE_PATH.match(path)
    if m is None or m.group("table") not in _COLUMNS:
        return None
    table = m.group("table")
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        if key == "_through":
            try:
                json.loads(value)
            except ValueError:
                return 400, f"_through must be JSON ({{\"table\": …, \"column\": …, \"value\": …}}), got {value[:80]!r}"
        if key.startswith("_"):
            continue
        column, _, operator = key.rpartition("__") if "__" in key else (key, "", "exact")
        if operator not in filter_operators():
            return 400, f"unknown filter operator {operator!r} in {key!r} (one of: {', '.join(sorted(filter_operators()))})"
        if column not in _COLUMNS[table]:
            return 400, f"table {table} has no column {column!r} (filter {key!r})"
    return None


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def guarded(scope, receive, send):
            if scope["type"] == "http":
                problem = request_problem(scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"))
                if problem is not None:
                    await _refuse(send, scope["path"], *problem)
                    return
            await app(scope, receive, send)

        return guarded

    return wrap


async def _refuse(send, path: str, status: int, message: str) -> None:
    if path.endswith(".json"):
        body = json.dumps({"ok": False, "error": message, "status": status}).encode()
        kind = b"application/json; charset=utf-8"
    else:
        body = (
            f"<!DOCTYPE html><html><head><title>Error {status}</title>"
            f'<link rel="stylesheet" href="/-/static/app.css"></head>'
            f"<body><section class=\"content\"><h1>Error {status}</h1><p>{escape(message)}</p>"
            f'<p><a href="/">Back to the home page</a></p></section></body></html>'
        ).encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    if status == 405:
        headers.append((b"allow", b"GET, HEAD"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):
    """Errors that the request caused are a 400 with Datasette's message.

    Datasette 0.65 raises its `DatasetteError` with status 500 for what the
    request asked (``_sort=nope``, an SQLite error of a query); a row URL
    with too few key values and a ``_through`` that is not JSON escape as
    sqlite3 and JSON errors.  Anything else is left to Datasette's handler:
    a real 500, logged with a plain traceback.
    """
    from datasette.views.base import DatasetteError

    default_errors = _default_errors()
    default_errors.rich = None  # also for a Datasette made without `startup` (tests)
    if isinstance(exception, DatasetteError) and exception.status >= 500:
        bad = DatasetteError(
            exception.message, title=exception.title or "Bad request", error_dict=exception.error_dict,
            status=400, message_is_html=exception.message_is_html,
        )
    elif isinstance(exception, (sqlite3.ProgrammingError, sqlite3.OperationalError)):
        bad = DatasetteError(f"the request does not fit the table: {exception}", title="Bad request", status=400)
    elif isinstance(exception, json.JSONDecodeError):
        bad = DatasetteError(f"a parameter that must be JSON is not: {exception}", title="Bad request", status=400)
    else:
        return None
    return default_errors.handle_exception(datasette, request, bad)
