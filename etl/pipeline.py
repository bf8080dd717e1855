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
import marshal
import os
import re
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import claims as claims_mod
from . import schema
from .cache import PageCache, engine_fingerprint, page_key
from .cache import stamp as cache_stamp
from .checks import CHECKS
from .database import DatabaseWriter, user_version
from .catalog import Biblio, biblio_for, from_file_name
from .catalog import read as read_catalog
from .corrections import Applied, CorrectionError, CorrectionFile, Stale
from .corrections import apply as apply_corrections
from .corrections import load as load_correction_file
from .keywords import Idf, article_terms, textrank, tfidf_counts
from .layout import ParsedPage, parse_page
from .layout.banners import Banners, survey
from .outfolder import FolderError, check_out, recover, replace_dir
from .package import CsvWriter, Problem, Validation, ZipWriter, json_bytes, load_validator, write_descriptor, zip_members
from .publish.metadata import datasette_metadata
from .read import Page, PageError, decode, find_pages, page_id, read_bytes, read_page
from .search import index_text
from .text import Lexicon, Tokenizer, default_tokenizer
from .workers import pool

DEFAULT_PAGES = Path("data/pages")
DEFAULT_CORRECTIONS = Path("corrections")
DEFAULT_OUT = Path("outputs")


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
    about: str = "file"  # file: a page file; correction: a correction file or entry; catalog: a catalog row; cache

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
    cache: str = ""  # what the page cache did, when one was used
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


def process_page(
    path: str, corrections: CorrectionFile | None = None, biblio: Biblio | None = None, top: str | None = None
) -> PageResult:
    """All rows of one page file: a pure function of the file's bytes (and of
    the page's correction file, applied after the reconstruction, of its
    bibliographic facts: catalog row or file name, and of the role of its top
    line in the archive: see `survey_pages`)."""
    tokenizer = _tokenizer or default_tokenizer()
    try:
        data = read_bytes(Path(path))
        page = read_page(Path(path), data)
    except PageError as e:
        return PageResult(path, "", issues=[Issue("error", str(e))])
    parsed = parse_page(page.text, top)
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

    @staticmethod
    def material(result: PageResult) -> list[tuple[str, bytes, bytes]]:
        """A page's rows for the store: (article_id, word counts, TextRank
        keywords), serialized (the page cache keeps them as they are)."""
        ranked: dict[str, list[tuple]] = {}
        for r in result.textrank:
            ranked.setdefault(r["article_id"], []).append((r["rank"], r["keyword"], r["weight"]))
        return [(article_id, marshal.dumps(counts), marshal.dumps(ranked.get(article_id, []))) for article_id, counts in result.terms]

    def add(self, material: list[tuple[str, bytes, bytes]]) -> None:
        for _, counts, _ in material:
            self.df.update(marshal.loads(counts).keys())
        self.articles += len(material)
        self.conn.executemany("INSERT INTO articles VALUES (?, ?, ?)", material)

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


def survey_pages(pages: list[tuple[str, Path, str]]) -> Banners:
    """The top lines of the archive's pages (`etl.layout.banners`): which one
    is a banner printed atop many pages, which one an article's line.

    `pages` are the distinct pages as `identify` returns them (page_id,
    path, SHA-256); `Banners.role_of` takes the SHA-256.  A file that does not decode is left
    out (the build reports it when it processes it).
    """

    def texts() -> Iterator[tuple[str, str]]:
        for _, path, sha in pages:
            try:
                yield sha, decode(read_bytes(path), str(path))[0]
            except PageError:
                continue

    return survey(texts)


def _process(item: tuple[str, CorrectionFile | None, Biblio, str | None]) -> PageResult:
    return process_page(*item)


def _computed(
    items: list[tuple[str, CorrectionFile | None, Biblio, str | None]], jobs: int, userdicts: tuple[Path, ...], stopwords: tuple[Path, ...]
) -> Iterator[PageResult]:
    """The result of every page, in the order given (in worker processes if jobs > 1)."""
    if not items:
        return
    if jobs <= 1 or len(items) <= 1:
        _init_worker(userdicts, stopwords)
        yield from map(_process, items)
        return
    with pool(jobs, _init_worker, (userdicts, stopwords)) as workers:
        yield from workers.imap(_process, items, chunksize=CHUNK)


#: Stands for the page file's path in a cached result (the same bytes may be read from elsewhere).
_PATH = "\0path\0"


@dataclass
class _Planned:
    """How one page enters the build."""

    page_id: str
    item: tuple[str, CorrectionFile | None, Biblio, str | None]  # what `process_page` takes
    key: str  # its cache key (see `etl.cache`)
    cached: bool = False  # the cache holds an entry under the key
    in_db: bool = False  # its rows are in the earlier database this build edits


@dataclass
class _Page:
    """One page as the build adds it: a full result (fresh or cached), or a
    cached brief when its rows are in the database already."""

    plan: _Planned
    result: PageResult | None = None
    brief: dict | None = None
    fresh: bool = False


def _pages(plan: list[_Planned], cache: PageCache | None, jobs: int, lexicon: tuple[tuple[Path, ...], tuple[Path, ...]]) -> Iterator[_Page]:
    """Every page of the plan in order: from the cache when it holds the page
    (a damaged entry is recomputed here), computed by the workers otherwise."""
    fresh = _computed([p.item for p in plan if not p.cached], jobs, *lexicon)
    for p in plan:
        if not p.cached:
            yield _Page(p, result=next(fresh), fresh=True)
            continue
        assert cache is not None
        if p.in_db:
            brief = cache.brief(p.key)
            if brief is not None:
                yield _Page(p, brief=brief)
                continue
        result = cache.rows(p.key)
        if result is not None:
            result.path = p.item[0]
            result.issues = [replace(i, message=i.message.replace(_PATH, p.item[0])) for i in result.issues]
            yield _Page(p, result=result)
            continue
        if _tokenizer is None:
            _init_worker(*lexicon)
        yield _Page(p, result=_process(p.item), fresh=True)


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
    pages: Iterator[_Page],
    total: int,
    writer: DatabaseWriter,
    csvs: CsvWriter,
    store: KeywordStore,
    counts: Counter[str],
    note: Callable[[Issue], None],
    progress: Callable[[str, int, int], None] | None,
    cache: PageCache | None,
    problems: list[Problem] | None,
    built: dict[str, str],
) -> list[dict[str, str]]:
    """Append every usable page's rows as it comes; the package's sources.

    Fresh results go to the cache (`cache.put`), and, when `problems` is a
    list (an incremental build, see `_publish`), their rows are checked
    against the schema there (`etl.checks`).  `built` gets the key of every
    usable page, by page_id.
    """
    sources: list[dict[str, str]] = []
    for done, page in enumerate(pages, start=1):
        if page.brief is not None:
            built[page.plan.page_id] = page.plan.key
            brief = page.brief
            for severity, message, about in brief["issues"]:
                note(Issue(severity, message.replace(_PATH, page.plan.item[0]), about))
            for table, text in brief["csv"].items():
                csvs.write_lines(table, text)
            counts.update(brief["counts"])
            store.add(brief["keywords"])
            sources.extend({"title": title} for title in brief["sources"])
        else:
            result = page.result
            assert result is not None
            for issue in result.issues:
                note(issue)
            if result.ok:
                built[page.plan.page_id] = page.plan.key
                lines: dict[str, str] = {}
                for table in schema.TABLES:
                    rows = result.rows.get(table.name)
                    if not rows:
                        continue
                    tuples = table.tuples(rows)
                    if not page.plan.in_db:
                        writer.insert(table.name, tuples, [r["_grams"] for r in rows] if table.search else None)
                    lines[table.name] = csvs.lines(table.name, tuples)
                    csvs.write_lines(table.name, lines[table.name])
                    counts[table.name] += len(rows)
                    if page.fresh and problems is not None:
                        problems.extend(CHECKS[table.name].problems(tuples, f"{result.path}: {table.name}"))
                material = store.material(result)
                store.add(material)
                titles = [f"{r['file_name']} (sha256 {r['sha256']})" for r in result.rows["pages"]]
                sources.extend({"title": title} for title in titles)
                if page.fresh and cache is not None:
                    path = result.path
                    brief = {
                        "csv": lines,
                        "counts": {t: len(r) for t, r in result.rows.items() if r},
                        "keywords": material,
                        "issues": [(i.severity, i.message.replace(path, _PATH), i.about) for i in result.issues],
                        "sources": titles,
                    }
                    cache.put(page.plan.key, brief, replace(
                        result, path=_PATH, issues=[replace(i, message=i.message.replace(path, _PATH)) for i in result.issues]
                    ))
        if progress:
            progress("pages", done, total)
    return sources


def _add_keywords(
    store: KeywordStore, writer: DatabaseWriter, csvs: CsvWriter, counts: Counter[str], problems: list[Problem] | None
) -> str:
    """Keywords of every article, once the corpus is complete; the IDF's source."""
    idf = store.idf()
    check = CHECKS["keywords"]
    for batch in _batches(store.rows(idf), 5000):
        writer.insert("keywords", batch)
        csvs.write("keywords", batch)
        counts["keywords"] += len(batch)
        if problems is not None:
            problems.extend(check.problems(batch, "keywords"))
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
    problems: list[Problem] | None,
    stamp: int,
) -> str:
    """Keywords, descriptor, zip and site metadata beside the database and the
    CSVs; BuildError unless the package validates.  Returns the IDF's source.

    A build has checked the rows it computed as they came (`etl.checks`,
    collected in `problems`); the rows it took from the cache were checked
    by the build that computed them.  It checks the keywords (all
    recomputed, as the corpus changed) the same way, and the database checks
    what spans pages: primary keys, unique fields, foreign keys, and that it
    holds exactly the rows of the CSVs.  Frictionless re-reads every CSV and
    keeps every key it has seen in memory: at 10,000 pages it took a fifth
    of a --jobs 1 build (109 of 484 s) and 480 of its 690 MB, which is why
    it is `etl validate`'s job and only done here on request.

    With `build(frictionless=True)` (`problems` is None) the package is
    validated with Frictionless instead.  With several jobs, a pool of
    background workers validates each resource while the rest is done.  The
    keyword pass in this process and then the keywords' validation (the
    largest resource) are the longest chain, so during the keyword pass one
    worker validates the smaller resources and another stays free for the
    keywords; the largest of the other resources comes after.

    The zip is written in a thread of its own (`ZipWriter`) from the moment
    the CSVs other than the keywords are complete.
    """
    csvs.close_all_but("keywords")
    descriptor = write_descriptor(tmp, sources)
    # Forked only now, with every SQLite connection idle and the open CSV
    # flushed: a worker must not inherit a transaction or buffered rows.
    writer.commit()
    store.commit()
    csvs.flush()
    workers = pool(jobs, load_validator, background=True) if jobs > 1 and problems is None else None
    validation = Validation(descriptor, workers) if problems is None else None
    others = sorted((t.name for t in schema.TABLES if t.name != "keywords"), key=lambda name: (counts[name], name))
    step = progress or (lambda stage, done, total: None)
    # The zip's thread starts after the fork above: a forked child must not
    # inherit a lock another thread holds.
    zipper = ZipWriter(tmp, schema.PACKAGE_NAME)
    members = zip_members(last="keywords")
    try:
        zipper.add(members[:-1])
        if validation:
            validation.add(*others[:-1])
        step("keywords", 0, 1)
        idf_source = _add_keywords(store, writer, csvs, counts, problems)
        if validation:
            validation.add("keywords")
            validation.add(others[-1])
        step("keywords", 1, 1)
        step("write", 0, 1)
        try:
            writer.finish(expected=counts, stamp=stamp)
        except ValueError as e:
            raise BuildError(f"the database is not consistent: {e}") from e
        (tmp / "metadata.json").write_bytes(json_bytes(datasette_metadata()))
        zipper.close(members[-1:])
    except BaseException:
        zipper.abandon()
        if validation:
            validation.cancel()
        raise
    step("write", 1, 1)
    try:
        step("validate", 0, 1)
        if validation:
            problems = validation.result()
    except BaseException:
        # (Ctrl-C between the two: the workers must not outlive the build.)
        if validation:
            validation.cancel()
        raise
    if problems:
        raise BuildError(f"{descriptor}: the package is not valid ({len(problems)} problems)", problems)
    step("validate", 1, 1)
    return idf_source


def default_cache(out: Path) -> Path:
    """The page cache's folder when none is named: ``.<out>-cache`` beside `out`."""
    out = Path(out)
    return out.with_name(f".{out.resolve().name}-cache")


def _cache_summary(plan: list[_Planned], cache: PageCache, edited: bool) -> str:
    reused = sum(p.cached for p in plan) - cache.bad
    damaged = f", {cache.bad} damaged cache entries recomputed" if cache.bad else ""
    how = "the database edited" if edited else "the database written whole"
    return f"{reused} of {len(plan)} pages from the cache{damaged}; {how}"


def _open_cache(folder: Path | None, engine: str, note: Callable[[Issue], None]) -> PageCache | None:
    """The page cache in `folder`, or None (no folder, or one another build is using)."""
    if folder is None:
        return None
    try:
        return PageCache(Path(folder), engine)
    except (OSError, sqlite3.Error) as e:
        note(Issue("warning", f"{folder}: the page cache cannot be used ({e}); every page is processed", "cache"))
        return None


#: An earlier database is edited rather than written anew when at least this
#: share of its pages stays as it is (else writing it whole is as quick).
REUSE_SHARE = 0.5


def _plan(
    plan: list[_Planned], cache: PageCache | None, out: Path, db_path: Path
) -> tuple[DatabaseWriter, list[_Planned]]:
    """The database this build writes into, and the plan with what the cache
    holds.  When the cache says which pages the database in `out` holds (and
    its stamp agrees), that database is copied and edited: the pages that
    are gone or changed are taken out, and only new ones go in."""
    if cache is None:
        return DatabaseWriter(db_path), plan
    for p in plan:
        p.cached = cache.has(p.key)
    built = cache.built(out)
    old_db = out / db_path.name
    if built is None or not old_db.is_file() or user_version(old_db) != built[0]:
        return DatabaseWriter(db_path), plan
    old = built[1]
    stay = [p for p in plan if p.cached and old.get(p.page_id) == p.key]
    if len(stay) < REUSE_SHARE * len(plan):
        return DatabaseWriter(db_path), plan
    shutil.copyfile(old_db, db_path)
    writer = DatabaseWriter(db_path, existing=True)
    stay_ids = {p.page_id for p in stay}
    try:
        for pid, key in sorted(old.items()):
            if pid in stay_ids:
                continue
            gone = cache.rows(key)
            if gone is None:
                raise ValueError(f"no cached rows for a page of {old_db}")
            for table in reversed(schema.TABLES):
                if table.name != "keywords" and gone.rows.get(table.name):
                    writer.remove(table.name, gone.rows[table.name])
        writer.reset("keywords")
    except (ValueError, sqlite3.Error):
        # Not what the cache says it is: write the database whole.
        writer.close()
        db_path.unlink()
        return DatabaseWriter(db_path), plan
    for p in stay:
        p.in_db = True
    return writer, plan


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
    cache: Path | None = None,
    frictionless: bool = False,
) -> Report:
    """Build the package, database and site metadata into `out`.

    Problems with single files are collected in `Report.issues` (and passed
    to `on_issue` as they are found); with `strict`, the first one raises
    BuildError and nothing is written.  With `cache` (a folder), pages whose
    result is cached there are not processed again (see `etl.cache`).

    The rows a build computes are checked against the schema as they are
    made (`etl.checks`) and the database checks keys across pages; with
    `frictionless`, the whole package is also validated with Frictionless
    before it replaces the outputs (what `etl validate` does afterwards; its
    cost grows faster than the corpus, see `_publish`).
    """
    started = time.perf_counter()
    out = Path(out)
    try:
        check_out(out)
    except FolderError as e:
        raise BuildError(str(e)) from e
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

    lexicon = (tuple(userdicts), tuple(stopwords))
    engine = engine_fingerprint(lexicon[0] + lexicon[1])
    banners = survey_pages(pages)
    plan = []
    for pid, path, sha in pages:
        top = banners.role_of(sha)
        item = (str(path), fixes.get(path.name), biblio_for(path.name, sha, catalog_rows), top)
        plan.append(_Planned(pid, item, page_key(engine, sha, path.name, item[2], item[1], top)))
    page_cache = _open_cache(cache, engine, note)

    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    counts: Counter[str] = Counter()
    csvs: CsvWriter | None = None
    try:
        db_path = tmp / f"{schema.DATABASE_NAME}.db"
        writer, plan = _plan(plan, page_cache, out, db_path)
        csvs = CsvWriter(tmp)
        store = KeywordStore(tmp / ".keywords.db")
        # Rows computed in this build are checked as they come unless the
        # whole package is validated with Frictionless (see `_publish`).
        problems = None if frictionless else []
        built: dict[str, str] = {}
        sources = _add_pages(_pages(plan, page_cache, jobs, lexicon), len(pages), writer, csvs, store, counts, note, progress,
                             page_cache, problems, built)
        if not counts["pages"]:
            raise BuildError("no usable page among the input files; nothing was written")
        stamp = cache_stamp(list(built.values()))
        report.idf_source = _publish(tmp, writer, csvs, store, sources, counts, jobs, progress, problems, stamp)
        (tmp / ".keywords.db").unlink()
        replace_dir(tmp, out)
        if page_cache is not None:
            report.cache = _cache_summary(plan, page_cache, writer.edited)
            page_cache.commit(set(built.values()), out, stamp, built)
            page_cache = None
    finally:
        if page_cache is not None:
            page_cache.rollback()
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
