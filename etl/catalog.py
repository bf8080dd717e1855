"""Bibliographic facts of a page: newspaper, date, page number — from a catalog or the file's name.

A researcher cites an article as 作者. 题名[N]. 报纸名, 出版日期(版次).  The page
dumps do not say which newspaper, day or page they are; archives know it from a
catalog kept beside the files, or from the files' names.

* **A catalog** (`etl build --catalog FILE`) is a CSV with a key column,
  ``file_name`` or ``sha256``, and any of ``newspaper``, ``published`` (an ISO
  date, 2023-05-16), ``page_no``, ``page_name`` (理论版), ``edition``,
  ``source_url``.  Reading it (`read`) checks every row: a row that names no
  page read, a date that is not a calendar date, two rows for one page are
  each one problem line (`CatalogProblem`), and the row is not used.
* **File names**: without a catalog row, a date and a page number are taken
  from a name that holds them unambiguously (`from_file_name`):
  ``2023-05-16_07.txt``, ``2023-05-16-07.txt``, ``20230516_07.txt``,
  ``20230516-07.txt`` (date and page); ``2023-05-16.txt``, ``20230516.txt``
  (date only).  Anything else — two dates, a date that does not exist, other
  digits — gives nothing: a date is never guessed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

COLUMNS = ("newspaper", "published", "page_no", "page_name", "edition", "source_url")
KEYS = ("file_name", "sha256")

_NAME = re.compile(
    r"^(?P<y>(?:19|20)\d\d)(?P<sep>-?)(?P<m>\d\d)(?P=sep)(?P<d>\d\d)(?:[_-](?P<page>\d{1,3}))?$"
)


@dataclass(frozen=True)
class Biblio:
    """What is known of a page for citing it; None where nothing is known."""

    newspaper: str | None = None
    published: str | None = None  # ISO date
    page_no: int | None = None
    page_name: str | None = None
    edition: str | None = None
    source_url: str | None = None

    def as_row(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class CatalogProblem:
    message: str  # names the catalog file, the row and the problem

    def __str__(self) -> str:
        return self.message


def _iso_date(text: str) -> str | None:
    """The text as an ISO date, if it is one (a real calendar day)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def from_file_name(name: str) -> Biblio:
    """Date and page number from a file name that holds them unambiguously, else nothing."""
    stem = Path(name).stem
    m = _NAME.fullmatch(stem)
    if not m:
        return Biblio()
    published = _iso_date(f"{m.group('y')}-{m.group('m')}-{m.group('d')}")
    if published is None:
        return Biblio()
    page = int(m.group("page")) if m.group("page") else None
    return Biblio(published=published, page_no=page if page else None)


@dataclass(frozen=True)
class Catalog:
    path: str
    by_name: dict[str, Biblio]
    by_sha: dict[str, Biblio]

    def lookup(self, file_name: str, sha256: str) -> Biblio | None:
        return self.by_sha.get(sha256) or self.by_name.get(file_name)


def read(path: Path, pages: list[tuple[str, str]]) -> tuple[Catalog, list[CatalogProblem]]:
    """Read a catalog CSV against the pages of the build ((file name, sha256) each).

    Raises OSError/ValueError for a file that is not a readable CSV with a key
    column; a bad row is a problem, and is left out.
    """
    text = Path(path).read_text(encoding="utf-8-sig")
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or []]
    if not any(k in header for k in KEYS):
        raise ValueError(f"{path}: needs a `file_name` or `sha256` column (has: {', '.join(header) or 'nothing'})")
    unknown = set(header) - set(KEYS) - set(COLUMNS)
    if unknown:
        raise ValueError(f"{path}: unknown column(s) {', '.join(sorted(unknown))} (columns: {', '.join(KEYS + COLUMNS)})")
    names = {name: sha for name, sha in pages}
    shas = {sha: name for name, sha in pages}
    by_name: dict[str, Biblio] = {}
    by_sha: dict[str, Biblio] = {}
    seen: dict[str, int] = {}
    problems: list[CatalogProblem] = []
    for n, raw in enumerate(reader, start=2):  # line 1 is the header
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        where = f"{path}: line {n}"
        name, sha = row.get("file_name", ""), row.get("sha256", "").lower()
        if sha and sha in shas:
            page_sha = sha
        elif name and name in names:
            page_sha = names[name]
        else:
            problems.append(CatalogProblem(f"{where}: names no page read ({name or sha or 'no key'})"))
            continue
        if page_sha in seen:
            problems.append(CatalogProblem(f"{where}: a second row for {shas[page_sha]} (the first is line {seen[page_sha]})"))
            continue
        published = None
        if row.get("published"):
            published = _iso_date(row["published"])
            if published is None:
                problems.append(CatalogProblem(f"{where}: published {row['published']!r} is not a date (YYYY-MM-DD)"))
                continue
        page_no = None
        if row.get("page_no"):
            if not row["page_no"].isdigit() or int(row["page_no"]) < 1:
                problems.append(CatalogProblem(f"{where}: page_no {row['page_no']!r} is not a page number"))
                continue
            page_no = int(row["page_no"])
        seen[page_sha] = n
        biblio = Biblio(
            newspaper=row.get("newspaper") or None, published=published, page_no=page_no,
            page_name=row.get("page_name") or None, edition=row.get("edition") or None,
            source_url=row.get("source_url") or None,
        )
        by_sha[page_sha] = biblio
        by_name[shas[page_sha]] = biblio
    return Catalog(str(path), by_name, by_sha), problems


def biblio_for(file_name: str, sha256: str, catalog: Catalog | None) -> Biblio:
    """The catalog's row for a page, its fields completed from the file name where empty."""
    named = from_file_name(file_name)
    row = catalog.lookup(file_name, sha256) if catalog is not None else None
    if row is None:
        return named
    return Biblio(
        newspaper=row.newspaper, published=row.published or named.published, page_no=row.page_no or named.page_no,
        page_name=row.page_name, edition=row.edition, source_url=row.source_url,
    )
