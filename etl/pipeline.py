"""The build: page files → rows → CSV package + SQLite + Datasette metadata.

    build(paths, out) reads every page, reconstructs it (pure, per page),
    tokenizes each paragraph once, extracts keywords and claims, writes the
    package, the database and the site metadata into a temporary folder,
    validates the package, and only then swaps the folder into place.

A failed run (unreadable page, invalid package) leaves `out` as it was.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import claims as claims_mod
from . import schema
from .database import build_database
from .keywords import Idf, article_keywords, candidates
from .layout import ParsedPage, parse_page
from .package import Problem, json_bytes, validate, write_package, write_zip
from .publish.metadata import datasette_metadata
from .read import Page, PageError, find_pages, read_page
from .text import Lexicon, Tokenizer, default_tokenizer

DEFAULT_PAGES = Path("data/pages")
DEFAULT_OUT = Path("outputs")
#: Files a build writes; a folder holding anything else is not replaced.
OWN_SUFFIXES = (".csv", ".json", ".db", ".zip")


class BuildError(Exception):
    """The build cannot finish; `problems` says why (nothing was replaced)."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Report:
    out: Path
    pages: int = 0
    articles: int = 0
    paragraphs: int = 0
    claims: int = 0
    keywords: int = 0
    residue: int = 0
    idf_source: str = ""
    seconds: float = 0.0
    files: list[Path] = field(default_factory=list)


def _nonspace(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def page_rows(page: Page, parsed: ParsedPage) -> dict[str, list[dict]]:
    """All rows of one page except keywords (they need the whole corpus)."""
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
        }
    )
    for seq, r in enumerate(parsed.residue, start=1):
        rows["page_residue"].append(
            {"page_id": page.page_id, "seq": seq, "line_no": r.line_no, "text": r.text, "reason": r.reason}
        )
    for a_seq, art in enumerate(parsed.articles, start=1):
        article_id = f"{page.page_id}-a{a_seq:02d}"
        text = art.text
        rows["articles"].append(
            {
                "article_id": article_id,
                "page_id": page.page_id,
                "seq": a_seq,
                "title": art.title,
                "subtitle": art.subtitle,
                "column_name": art.column_name,
                "series": art.series,
                "kind": art.kind,
                "authors": "、".join(art.authors) or None,
                "affiliation": art.affiliation,
                "pullquote": art.pullquote,
                "text": text,
                "char_count": sum(len(p.text) for p in art.paragraphs),
                "paragraph_count": len(art.paragraphs),
                "line_start": art.line_start,
                "line_end": art.line_end,
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
                        "start": claim.start,
                        "end": claim.end,
                    }
                )
    return rows


def keyword_rows(paragraphs: list[dict], tokenizer: Tokenizer) -> tuple[list[dict], str]:
    """Keywords of every article; each paragraph is tagged exactly once here."""
    by_article: dict[str, list[list[tuple[str, str]]]] = {}
    for p in paragraphs:
        by_article.setdefault(p["article_id"], []).append(tokenizer.tag(p["text"]))
    stop = tokenizer.lexicon.stopwords
    documents = [{w for tags in paras for w in candidates(tags, stop)} for paras in by_article.values()]
    idf = Idf(documents)
    rows: list[dict] = []
    for article_id, paras in by_article.items():
        for kw in article_keywords(paras, idf, stop):
            rows.append(
                {"article_id": article_id, "method": kw.method, "rank": kw.rank, "keyword": kw.keyword, "weight": kw.weight}
            )
    return rows, idf.source


def _replace_dir(tmp: Path, out: Path) -> None:
    """Move the finished folder into place (the old one goes only after)."""
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


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: exists and is not a folder")
    if out.is_dir():
        foreign = [p.name for p in out.iterdir() if not p.name.startswith(".") and p.suffix not in OWN_SUFFIXES]
        if foreign:
            raise BuildError(f"{out}: holds files a build did not write ({', '.join(sorted(foreign)[:3])}); choose another --out")


def build(
    paths: list[Path] | None = None,
    out: Path = DEFAULT_OUT,
    root_descriptor: Path | None = None,
    userdicts: tuple[Path, ...] = (),
    stopwords: tuple[Path, ...] = (),
    progress: Callable[[str, int, int], None] | None = None,
) -> Report:
    """Build the package, database and site metadata into `out`."""
    started = time.perf_counter()
    out = Path(out)
    _check_out(out)
    files = find_pages(list(paths) if paths else [DEFAULT_PAGES])
    report = Report(out=out)

    rows: dict[str, list[dict]] = {t.name: [] for t in schema.TABLES}
    seen: dict[str, str] = {}
    for i, f in enumerate(files, start=1):
        page = read_page(f)
        if page.page_id in seen:
            raise PageError(f"{f}: same content as {seen[page.page_id]} (page {page.page_id}); remove one of them")
        seen[page.page_id] = str(f)
        parsed = parse_page(page.text)
        for name, table_rows in page_rows(page, parsed).items():
            rows[name].extend(table_rows)
        if progress:
            progress("parse", i, len(files))

    try:
        # One tokenizer (a jieba dictionary in memory) unless the lexicon is extended.
        tokenizer = Tokenizer(Lexicon.load(tuple(userdicts), tuple(stopwords))) if userdicts or stopwords else default_tokenizer()
    except (OSError, ValueError) as e:
        raise BuildError(f"lexicon: {e}") from e
    rows["keywords"], report.idf_source = keyword_rows(rows["paragraphs"], tokenizer)
    if progress:
        progress("keywords", 1, 1)

    for name, key in (("pages", "page_id"), ("articles", "article_id"), ("paragraphs", "paragraph_id")):
        rows[name].sort(key=lambda r: r[key])
    rows["contributors"].sort(key=lambda r: (r["article_id"], r["seq"]))
    rows["keywords"].sort(key=lambda r: (r["article_id"], r["method"], r["rank"]))
    rows["numeric_claims"].sort(key=lambda r: r["claim_id"])
    rows["page_residue"].sort(key=lambda r: (r["page_id"], r["seq"]))

    sources = [{"title": f"{r['file_name']} (sha256 {r['sha256']})"} for r in rows["pages"]]
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    try:
        descriptor = write_package(tmp, rows, sources)
        write_zip(tmp, schema.PACKAGE_NAME)
        (tmp / "metadata.json").write_bytes(json_bytes(datasette_metadata()))
        build_database(tmp / f"{schema.DATABASE_NAME}.db", rows)
        if progress:
            progress("write", 1, 1)
        problems = validate(descriptor)
        if problems:
            raise BuildError(f"{descriptor}: the package is not valid ({len(problems)} problems)", problems)
        _replace_dir(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)

    if root_descriptor is not None:
        prefix = os.path.relpath(out.resolve(), root_descriptor.resolve().parent).replace(os.sep, "/") + "/"
        staged = root_descriptor.with_name(f".{root_descriptor.name}.tmp")
        staged.write_bytes(json_bytes(schema.datapackage(sources, path_prefix=prefix)))
        staged.replace(root_descriptor)

    report.pages = len(rows["pages"])
    report.articles = len(rows["articles"])
    report.paragraphs = len(rows["paragraphs"])
    report.claims = len(rows["numeric_claims"])
    report.keywords = len(rows["keywords"])
    report.residue = len(rows["page_residue"])
    report.files = sorted(out.iterdir())
    report.seconds = time.perf_counter() - started
    return report
