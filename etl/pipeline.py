"""The build: page files → rows → SQLite + CSV package + Datasette metadata.

    build(paths, out, jobs=N) runs in four steps:

1. **Identify** every file: read its bytes and hash them.  Files with the same
   bytes are one page (processed once, the others reported).  Pages are then
   processed in page_id order, so the outputs do not depend on the order of
   the input or on how many processes work on it.
2. **Process** each page, a pure function of its bytes (`process_page`):
   decode, reconstruct the articles, extract claims, tag every paragraph once
   and keep what keywords need.  With ``jobs > 1`` pages are processed in
   worker processes; their results come back in order and are appended to
   the database and to the CSVs as they arrive, so memory stays flat.
3. **Keywords**: TF-IDF needs the document frequencies of the whole corpus,
   so it is computed once all pages are in (TextRank is per article and was
   computed with its page).
4. **Publish**: datapackage.json, a zip, the site metadata; the package is
   validated with Frictionless (with ``jobs > 1`` in a pool, each resource
   as soon as its CSV is complete), and only then is the temporary folder
   swapped into place, atomically.

A page that cannot be used (unreadable, binary, undecodable) is skipped and
reported, and the build goes on with the others; with ``strict`` any problem
stops the build.  A failed or killed run leaves `out` as it was.
"""

from __future__ import annotations

import csv
import ctypes
import ctypes.util
import marshal
import os
import re
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import claims as claims_mod
from . import schema
from .database import DatabaseWriter
from .catalog import Biblio, biblio_for, from_file_name
from .catalog import read as read_catalog
from .corrections import Applied, CorrectionError, CorrectionFile, Stale
from .corrections import apply as apply_corrections
from .corrections import load as load_correction_file
from .keywords import Idf, article_terms, textrank, tfidf_counts
from .layout import ParsedPage, parse_page
from .package import CsvWriter, Problem, Validation, json_bytes, load_validator, write_descriptor, write_zip
from .publish.metadata import datasette_metadata
from .read import Page, PageError, find_pages, page_id, read_bytes, read_page
from .search import index_text
from .text import Lexicon, Tokenizer, default_tokenizer
from .workers import pool

DEFAULT_PAGES = Path("data/pages")
DEFAULT_CORRECTIONS = Path("corrections")
DEFAULT_OUT = Path("outputs")
#: Files a build writes; a folder holding anything else is not replaced.
OWN_SUFFIXES = (".csv", ".json", ".db", ".zip")


class BuildError(Exception):
    """The build cannot finish; `problems` says why (nothing was replaced)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Issue:
    """Something wrong with one input file.  An *error* means the file was
    skipped; a *warning* means it was used but deserves a look."""

    severity: str  # error | warning
    message: str  # names the file and the problem
    about: str = "file"  # file: a page file; correction: a correction file or entry; catalog: a catalog row

    def __str__(self) -> str:
        return f"{self.severity}: {self.message}"


@dataclass
class Report:
    out: Path
    files: int = 0
    pages: int = 0
    articles: int = 0
    paragraphs: int = 0
    claims: int = 0
    keywords: int = 0
    residue: int = 0
    idf_source: str = ""
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def skipped(self) -> list[Issue]:
        """Page files that could not be used."""
        return [i for i in self.issues if i.severity == "error" and i.about == "file"]

    @property
    def not_applied(self) -> list[Issue]:
        """Correction files that cannot be read, entries that no longer fit their
        page, and catalog rows that cannot be used."""
        return [i for i in self.issues if i.severity == "error" and i.about in ("correction", "catalog")]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]


def _nonspace(text: str) -> int:
    return len(_SPACE.sub("", text))


_SPACE = re.compile(r"\s+")


def page_rows(
    page: Page, parsed: ParsedPage, applied: tuple[Applied, ...] | list[Applied] = (), biblio: Biblio | None = None
) -> dict[str, list[dict]]:
    """All rows of one page except keywords (they need the whole corpus);
    `applied` are the corrections made to `parsed` (see `etl.corrections`)."""
    rows: dict[str, list[dict]] = {t.name: [] for t in schema.TABLES}
    source_lines = page.text.split("\n")
    owned = {no for a in parsed.articles for no in a.lines}
    residue_chars = sum(_nonspace(r.text) for r in parsed.residue)
    residue_on_owned = sum(_nonspace(r.text) for r in parsed.residue if r.line_no in owned)
    article_chars = sum(_nonspace(source_lines[no - 1]) for no in owned) - residue_on_owned
    char_count = _nonspace(page.text)
    rows["pages"].append(
        {
            "page_id": page.page_id,
            "file_name": page.file_name,
            "sha256": page.sha256,
            "encoding": page.encoding,
            "line_count": len(source_lines),
            "char_count": char_count,
            "article_count": len(parsed.articles),
            "article_chars": article_chars,
            "residue_chars": residue_chars,
            "accounted_share": round((article_chars + residue_chars) / char_count, 6) if char_count else 1.0,
            **(biblio or Biblio()).as_row(),
        }
    )
    published = (biblio or Biblio()).published
    for seq, r in enumerate(parsed.residue, start=1):
        rows["page_residue"].append(
            {"page_id": page.page_id, "seq": seq, "line_no": r.line_no, "text": r.text, "reason": r.reason}
        )
    flags_of: Counter[int] = Counter(f.article for f in parsed.flags if f.article is not None)
    corrected = {c.article for c in applied if c.article is not None}
    for seq, c in enumerate(applied, start=1):
        rows["corrections"].append(
            {
                "page_id": page.page_id,
                "article_id": f"{page.page_id}-a{c.article + 1:02d}" if c.article is not None else None,
                "seq": seq,
                "entry": c.entry,
                "action": c.action,
                "field": c.field,
                "old_value": c.old_value,
                "new_value": c.new_value,
                "reason": c.reason,
                "by": c.by,
            }
        )
    for seq, f in enumerate(parsed.flags, start=1):
        rows["review_flags"].append(
            {
                "page_id": page.page_id,
                "article_id": f"{page.page_id}-a{f.article + 1:02d}" if f.article is not None else None,
                "seq": seq,
                "kind": f.kind,
                "detail": f.detail or None,
                "line_start": f.line_start,
                "line_end": f.line_end,
            }
        )
    for a_seq, art in enumerate(parsed.articles, start=1):
        article_id = f"{page.page_id}-a{a_seq:02d}"
        text = art.text
        rows["articles"].append(
            {
                "article_id": article_id,
                "page_id": page.page_id,
                "seq": a_seq,
                "published": published,
                "published_year": int(published[:4]) if published else None,
                "published_month": published[:7] if published else None,
                "kicker": art.kicker,
                "title": art.title,
                "subtitle": art.subtitle,
                "column_name": art.column_name,
                "series": art.series,
                "kind": art.kind,
                "authors": "、".join(art.authors) or None,
                "affiliation": art.affiliation,
                "pullquote": art.pullquote,
                "editor_note": art.editor_note,
                "text": text,
                "char_count": sum(len(p.text) for p in art.paragraphs),
                "paragraph_count": len(art.paragraphs),
                "line_start": art.line_start,
                "line_end": art.line_end,
                "flag_count": flags_of[a_seq - 1],
                "corrected": int(a_seq - 1 in corrected),
            }
        )
        for c_seq, c in enumerate(art.contributors, start=1):
            rows["contributors"].append(
                {"article_id": article_id, "seq": c_seq, "name": c.name, "role": c.role, "affiliation": c.affiliation}
            )
        for p_seq, para in enumerate(art.paragraphs, start=1):
            paragraph_id = f"{article_id}-p{p_seq:03d}"
            rows["paragraphs"].append(
                {
                    "paragraph_id": paragraph_id,
                    "article_id": article_id,
                    "page_id": page.page_id,
                    "seq": p_seq,
                    "heading": para.heading,
                    "speaker": para.speaker,
                    "text": para.text,
                    "char_count": len(para.text),
                    "line_start": para.line_start,
                    "line_end": para.line_end,
                }
            )
            for k, claim in enumerate(claims_mod.extract(para.text), start=1):
                rows["numeric_claims"].append(
                    {
                        "claim_id": f"{paragraph_id}-c{k:02d}",
                        "article_id": article_id,
                        "paragraph_id": paragraph_id,
                        "sentence": claim.sentence,
                        "mention": claim.mention,
                        "value": claim.value,
                        "value_high": claim.value_high,
                        "unit": claim.unit,
                        "quantity": claim.quantity,
                        "approx": claim.approx,
                        "year": claim.year,
                        "modality": claim.modality,
                        "subject": claim.subject,
                        "rate_base": claim.rate_base,
                        "start": claim.start,
                        "end": claim.end,
                    }
                )
    return rows



# --- step 2: one page ---------------------------------------------------------------


@dataclass
class PageResult:
    """Everything one page contributes, or why it could not be used."""

    path: str
    page_id: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    #: (article_id, candidate word counts) for TF-IDF, which needs the corpus.
    terms: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    #: TextRank keyword rows (per article, computed here).
    textrank: list[dict] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The page could be used (a stale correction does not make it unusable)."""
        return not any(i.severity == "error" and i.about == "file" for i in self.issues)


_tokenizer: Tokenizer | None = None


def _init_worker(userdicts: tuple[Path, ...], stopwords: tuple[Path, ...]) -> None:
    """Load the tokenizer once per process (a jieba dictionary in memory)."""
    global _tokenizer
    _tokenizer = Tokenizer(Lexicon.load(userdicts, stopwords)) if userdicts or stopwords else default_tokenizer()


def process_page(path: str, corrections: CorrectionFile | None = None, biblio: Biblio | None = None) -> PageResult:
    """All rows of one page file: a pure function of the file's bytes (and of
    the page's correction file, applied after the reconstruction, and of its
    bibliographic facts: catalog row or file name)."""
    tokenizer = _tokenizer or default_tokenizer()
    try:
        data = read_bytes(Path(path))
        page = read_page(Path(path), data)
    except PageError as e:
        return PageResult(path, "", issues=[Issue("error", str(e))])
    parsed = parse_page(page.text)
    applied: list[Applied] = []
    stale: list[Stale] = []
    if corrections is not None:
        parsed, applied, stale = apply_corrections(page.text, parsed, corrections, page.sha256)
    if biblio is None:
        biblio = from_file_name(page.file_name)
    result = PageResult(path, page.page_id, rows=page_rows(page, parsed, applied, biblio))
    result.issues += [Issue("error", str(s), "correction") for s in stale]
    if not page.text.strip():
        result.issues.append(Issue("warning", f"{path}: the file is empty; recorded as a page with no articles"))
    elif not parsed.articles:
        result.issues.append(Issue("warning", f"{path}: no article recognized; its text is kept in page_residue"))
    stop = tokenizer.lexicon.stopwords
    by_article: dict[str, list[list[tuple[str, str]]]] = {}
    for p in result.rows["paragraphs"]:
        by_article.setdefault(p["article_id"], []).append(tokenizer.tag(p["text"]))
        p["_grams"] = index_text(p["text"])
    for article_id, tags in by_article.items():
        sequences = article_terms(tags, stop)
        result.terms.append((article_id, dict(Counter(w for seq in sequences for w in seq))))
        for kw in textrank(sequences):
            result.textrank.append(
                {"article_id": article_id, "method": kw.method, "rank": kw.rank, "keyword": kw.keyword, "weight": kw.weight}
            )
    # An article's text is its paragraphs joined by blank lines, and no run
    # of letters crosses a line end: its index is theirs, joined.
    grams: dict[str, list[str]] = {}
    for p in result.rows["paragraphs"]:
        grams.setdefault(p["article_id"], []).append(p["_grams"])
    for a in result.rows["articles"]:
        a["_grams"] = " ".join(grams.get(a["article_id"], []))
    return result


# --- step 3: keywords ------------------------------------------------------------------


class KeywordStore:
    """Per-article keyword material, kept on disk until the corpus is complete.

    One row per article, in arrival (= article id) order: its candidate-word
    counts, for TF-IDF, which needs the document frequencies of the whole
    corpus, and its TextRank keywords, computed with its page.  The document
    frequencies themselves are counted in memory as articles come: one entry
    per distinct word, bounded by the vocabulary rather than the corpus.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("PRAGMA synchronous = OFF")
        self.conn.execute("CREATE TABLE articles (article_id TEXT, terms BLOB, textrank BLOB)")
        self.df: Counter[str] = Counter()
        self.articles = 0

    def add(self, result: PageResult) -> None:
        ranked: dict[str, list[tuple]] = {}
        for r in result.textrank:
            ranked.setdefault(r["article_id"], []).append((r["rank"], r["keyword"], r["weight"]))
        rows = []
        for article_id, counts in result.terms:
            self.df.update(counts.keys())
            rows.append((article_id, marshal.dumps(counts), marshal.dumps(ranked.get(article_id, []))))
        self.articles += len(rows)
        self.conn.executemany("INSERT INTO articles VALUES (?, ?, ?)", rows)

    def idf(self) -> Idf:
        """IDF by the rule in `keywords` (corpus document frequencies from 200 articles up)."""
        return Idf.from_counts(self.df, self.articles)

    def rows(self, idf: Idf) -> Iterator[tuple]:
        """Keyword rows of every article as (article_id, method, rank, keyword,
        weight) tuples, in that (primary-key) order: an article's TextRank
        keywords, then its TF-IDF ones."""
        for article_id, terms, ranked in self.conn.execute("SELECT article_id, terms, textrank FROM articles ORDER BY rowid"):
            for rank, keyword, weight in marshal.loads(ranked):
                yield (article_id, "textrank", rank, keyword, weight)
            for kw in tfidf_counts(marshal.loads(terms), idf):
                yield (article_id, kw.method, kw.rank, kw.keyword, kw.weight)

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


def _batches(rows: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- the folder swap ---------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False if unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


def _replace_dir(tmp: Path, out: Path) -> None:
    """Put the finished folder in place of `out`, so that `out` is at every
    instant either the old build or the new one (never missing, never half).

    On Linux both folders are exchanged atomically; elsewhere `out` is
    renamed aside first, and `recover` puts it back if the run dies in
    between.
    """
    if out.exists() and _exchange(tmp, out):
        shutil.rmtree(tmp)  # now the old build
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    try:
        tmp.rename(out)
    except OSError:
        if old.exists():
            old.rename(out)
        raise
    if old.exists():
        shutil.rmtree(old)


def recover(out: Path) -> None:
    """Clean up after a run that was killed: restore `out` if it was left
    renamed aside, and remove unfinished temporary folders."""
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        return
    olds = sorted(parent.glob(f".{out.name}.old-*"))
    if olds and not out.exists():
        olds[-1].rename(out)
        olds = olds[:-1]
    for stale in [*olds, *parent.glob(f".{out.name}.tmp-*")]:
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue  # another build is running right now
        shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: exists and is not a folder")
    if out.is_dir():
        foreign = [p.name for p in out.iterdir() if not p.name.startswith(".") and p.suffix not in OWN_SUFFIXES]
        if foreign:
            raise BuildError(f"{out}: holds files a build did not write ({', '.join(sorted(foreign)[:3])}); choose another --out")


# --- the build --------------------------------------------------------------------------------

#: Pages handed to a worker at a time.
CHUNK = 4


def identify(files: list[Path]) -> tuple[list[tuple[str, Path, str]], list[Issue]]:
    """(page_id, path, sha256) of every distinct page, in page_id order, and
    the files that cannot be read or repeat another file's bytes."""
    issues: list[Issue] = []
    first: dict[str, tuple[Path, str]] = {}
    for f in sorted(files, key=str):
        try:
            pid, sha = page_id(read_bytes(f))
        except PageError as e:
            issues.append(Issue("error", str(e)))
            continue
        if pid in first:
            issues.append(Issue("warning", f"{f}: same content as {first[pid][0]} (page {pid}); processed once"))
        else:
            first[pid] = (f, sha)
    return [(pid, path, sha) for pid, (path, sha) in sorted(first.items())], issues


def _process(item: tuple[str, CorrectionFile | None, Biblio]) -> PageResult:
    return process_page(*item)


def _results(
    items: list[tuple[str, CorrectionFile | None, Biblio]], jobs: int, userdicts: tuple[Path, ...], stopwords: tuple[Path, ...]
) -> Iterator[PageResult]:
    """The result of every page, in the order given (in worker processes if jobs > 1)."""
    if jobs <= 1 or len(items) <= 1:
        _init_worker(userdicts, stopwords)
        yield from map(_process, items)
        return
    with pool(jobs, _init_worker, (userdicts, stopwords)) as workers:
        yield from workers.imap(_process, items, chunksize=CHUNK)


def load_corrections(folder: Path | None) -> tuple[dict[str, CorrectionFile], list[Issue]]:
    """Every correction file of a folder, by the page file name it corrects, and
    the files that cannot be used (one issue each: they change nothing)."""
    if folder is None or not Path(folder).is_dir():
        return {}, []
    found: dict[str, CorrectionFile] = {}
    issues: list[Issue] = []
    for f in sorted(Path(folder).glob("*.toml")):
        try:
            cf = load_correction_file(f)
        except CorrectionError as e:
            issues.append(Issue("error", str(e), "correction"))
            continue
        if cf.page in found:
            issues.append(Issue("error", f"{f}: corrects {cf.page}, as {found[cf.page].path} already does", "correction"))
            continue
        found[cf.page] = cf
    return found, issues


def _add_pages(
    results: Iterator[PageResult],
    total: int,
    writer: DatabaseWriter,
    csvs: CsvWriter,
    store: KeywordStore,
    counts: Counter[str],
    note: Callable[[Issue], None],
    progress: Callable[[str, int, int], None] | None,
) -> list[dict[str, str]]:
    """Append every usable page's rows as it comes; the package's sources."""
    sources: list[dict[str, str]] = []
    for done, result in enumerate(results, start=1):
        for issue in result.issues:
            note(issue)
        if result.ok:
            for table in schema.TABLES:
                rows = result.rows.get(table.name)
                if not rows:
                    continue
                tuples = table.tuples(rows)
                writer.insert(table.name, tuples, [r["_grams"] for r in rows] if table.search else None)
                csvs.write(table.name, tuples)
                counts[table.name] += len(rows)
            store.add(result)
            sources.extend({"title": f"{r['file_name']} (sha256 {r['sha256']})"} for r in result.rows["pages"])
        if progress:
            progress("pages", done, total)
    return sources


def _add_keywords(store: KeywordStore, writer: DatabaseWriter, csvs: CsvWriter, counts: Counter[str]) -> str:
    """Keywords of every article, once the corpus is complete; the IDF's source."""
    idf = store.idf()
    for batch in _batches(store.rows(idf), 5000):
        writer.insert("keywords", batch)
        csvs.write("keywords", batch)
        counts["keywords"] += len(batch)
    csvs.close("keywords")
    store.close()
    return idf.source


def _publish(
    tmp: Path,
    writer: DatabaseWriter,
    csvs: CsvWriter,
    store: KeywordStore,
    sources: list[dict[str, str]],
    counts: Counter[str],
    jobs: int,
    progress: Callable[[str, int, int], None] | None,
) -> str:
    """Keywords, descriptor, zip and site metadata beside the database and the
    CSVs; BuildError unless the package validates.  Returns the IDF's source.

    With several jobs, a pool of background workers validates each resource
    while the rest is done.  The keyword pass in this process and then the
    keywords' validation (the largest resource) are the longest chain, so
    during the keyword pass one worker validates the smaller resources and
    another stays free for the keywords; the largest of the other resources
    and the zip come after.
    """
    csvs.close_all_but("keywords")
    descriptor = write_descriptor(tmp, sources)
    # Forked only now, with every SQLite connection idle and the open CSV
    # flushed: a worker must not inherit a transaction or buffered rows.
    writer.commit()
    store.commit()
    csvs.flush()
    workers = pool(jobs, load_validator, background=True) if jobs > 1 else None
    validation = Validation(descriptor, workers)
    others = sorted((t.name for t in schema.TABLES if t.name != "keywords"), key=lambda name: (counts[name], name))
    step = progress or (lambda stage, done, total: None)
    try:
        validation.add(*others[:-1])
        step("keywords", 0, 1)
        idf_source = _add_keywords(store, writer, csvs, counts)
        validation.add("keywords")
        validation.add(others[-1])
        step("keywords", 1, 1)
        step("write", 0, 1)
        zipped = workers.apply_async(write_zip, (tmp, schema.PACKAGE_NAME)) if workers else None
        writer.finish()
        (tmp / "metadata.json").write_bytes(json_bytes(datasette_metadata()))
        if zipped is None:
            write_zip(tmp, schema.PACKAGE_NAME)
        else:
            zipped.get()
    except BaseException:
        validation.cancel()
        raise
    step("write", 1, 1)
    step("validate", 0, 1)
    problems = validation.result()
    if problems:
        raise BuildError(f"{descriptor}: the package is not valid ({len(problems)} problems)", problems)
    step("validate", 1, 1)
    return idf_source


def build(
    paths: list[Path] | None = None,
    out: Path = DEFAULT_OUT,
    root_descriptor: Path | None = None,
    userdicts: tuple[Path, ...] = (),
    stopwords: tuple[Path, ...] = (),
    progress: Callable[[str, int, int], None] | None = None,
    jobs: int = 1,
    strict: bool = False,
    on_issue: Callable[[Issue], None] | None = None,
    corrections: Path | None = None,
    catalog: Path | None = None,
) -> Report:
    """Build the package, database and site metadata into `out`.

    Problems with single files are collected in `Report.issues` (and passed
    to `on_issue` as they are found); with `strict`, the first one raises
    BuildError and nothing is written.
    """
    started = time.perf_counter()
    out = Path(out)
    _check_out(out)
    recover(out)
    report = Report(out=out)

    def note(issue: Issue) -> None:
        report.issues.append(issue)
        if on_issue:
            on_issue(issue)
        if strict:
            raise BuildError(f"{issue.message} (--strict: nothing was written)")

    for f in [*userdicts, *stopwords]:
        if not Path(f).is_file():
            raise BuildError(f"{f}: no such lexicon file")
    try:
        Lexicon.load(tuple(userdicts), tuple(stopwords))
    except (OSError, ValueError) as e:
        raise BuildError(f"lexicon: {e}") from e
    files, missing = find_pages(list(paths) if paths else [DEFAULT_PAGES])
    for e in missing:
        note(Issue("error", str(e)))
    report.files = len(files) + len(missing)
    pages, issues = identify(files)
    for issue in issues:
        note(issue)
    fixes, problems = load_corrections(corrections)
    for issue in problems:
        note(issue)
    names = {p.name for _, p, _ in pages}
    for name, cf in sorted(fixes.items()):
        if name not in names:
            note(Issue("warning", f"{cf.path}: corrects {name}, which is not among the pages read", "correction"))
    catalog_rows = None
    if catalog is not None:
        try:
            catalog_rows, bad_rows = read_catalog(Path(catalog), [(p.name, sha) for _, p, sha in pages])
        except (OSError, UnicodeDecodeError, ValueError, csv.Error) as e:
            raise BuildError(f"{catalog}: cannot be used as a catalog ({e})") from e
        for problem in bad_rows:
            note(Issue("error", str(problem), "catalog"))

    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    counts: Counter[str] = Counter()
    csvs: CsvWriter | None = None
    try:
        db_path = tmp / f"{schema.DATABASE_NAME}.db"
        writer = DatabaseWriter(db_path)
        csvs = CsvWriter(tmp)
        store = KeywordStore(tmp / ".keywords.db")
        items = [(str(p), fixes.get(p.name), biblio_for(p.name, sha, catalog_rows)) for _, p, sha in pages]
        results = _results(items, jobs, tuple(userdicts), tuple(stopwords))
        sources = _add_pages(results, len(pages), writer, csvs, store, counts, note, progress)
        if not counts["pages"]:
            raise BuildError("no usable page among the input files; nothing was written")
        report.idf_source = _publish(tmp, writer, csvs, store, sources, counts, jobs, progress)
        (tmp / ".keywords.db").unlink()
        _replace_dir(tmp, out)
    finally:
        if csvs is not None:
            csvs.close()
        if tmp.exists():
            shutil.rmtree(tmp)

    if root_descriptor is not None:
        prefix = os.path.relpath(out.resolve(), root_descriptor.resolve().parent).replace(os.sep, "/") + "/"
        staged = root_descriptor.with_name(f".{root_descriptor.name}.tmp")
        staged.write_bytes(json_bytes(schema.datapackage(sources, path_prefix=prefix)))
        staged.replace(root_descriptor)

    report.pages = counts["pages"]
    report.articles = counts["articles"]
    report.paragraphs = counts["paragraphs"]
    report.claims = counts["numeric_claims"]
    report.keywords = counts["keywords"]
    report.residue = counts["page_residue"]
    report.outputs = sorted(out.iterdir())
    report.seconds = time.perf_counter() - started
    return report
