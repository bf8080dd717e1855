"""Review: which articles to check, side by side with their page, and a
correction file to start from.

`articles_to_check` reads the pages (with the corrections already made) and
returns the articles whose reconstruction carries review flags, the most
flagged first; `stub` writes the TOML correction file of a page with every
article's current values, which changes nothing until a person edits it (an
``[[article]]`` entry equal to the reconstruction is no correction).  The
command line (`etl review`) prints them, with rich tables on a terminal and
plain text when piped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .corrections import CorrectionFile
from .corrections import apply as apply_corrections
from .layout import ParsedArticle, parse_page
from .layout.banners import Banners
from .layout.flags import Flag
from .read import read_bytes, read_page


@dataclass
class ToCheck:
    """An article to check: what was reconstructed, why it is doubtful, and the page's own lines."""

    file: str
    seq: int  # the article's order on its page (1-based)
    article: ParsedArticle
    flags: list[Flag]
    source: list[tuple[int, str]] = field(default_factory=list)  # (line number, line) of the article's parts

    @property
    def fields(self) -> list[tuple[str, str]]:
        a = self.article
        out = [
            ("kicker", a.kicker), ("title", a.title), ("subtitle", a.subtitle), ("column", a.column_name),
            ("series", a.series), ("kind", a.kind), ("authors", "、".join(a.authors)), ("affiliation", a.affiliation),
            ("pullquote", a.pullquote), ("editor's note", a.editor_note),
        ]
        out = [(k, v) for k, v in out if v]
        for n, p in enumerate(a.paragraphs, start=1):
            head = f"[{p.heading}] " if p.heading else ""
            speaker = f"({p.speaker}) " if p.speaker else ""
            out.append((f"¶{n} {p.line_start}-{p.line_end}", f"{head}{speaker}{p.text[:40]}{'…' if len(p.text) > 40 else ''}"))
        return out


def _page(path: Path, corrections: dict[str, CorrectionFile], banners: Banners | None = None):
    page = read_page(path, read_bytes(path))
    parsed = parse_page(page.text, banners.role_of(page.sha256) if banners else None)
    cf = corrections.get(path.name)
    applied = []
    if cf is not None:
        parsed, applied, _ = apply_corrections(page.text, parsed, cf, page.sha256)
    return page, parsed, {c.article for c in applied}


def articles_to_check(
    files: list[Path], corrections: dict[str, CorrectionFile] | None = None, banners: Banners | None = None
) -> tuple[list[ToCheck], int, int]:
    """The flagged articles of the pages that nobody corrected yet, most flags
    first; how many articles there are; how many flagged ones were corrected.

    `banners` is the survey of the archive the pages are built with
    (`etl.pipeline.survey_pages`), so that pages read as the build reads them.
    """
    out: list[ToCheck] = []
    total = done = 0
    for path in files:
        page, parsed, corrected = _page(path, corrections or {}, banners)
        source = page.text.split("\n")
        total += len(parsed.articles)
        for k, art in enumerate(parsed.articles):
            flags = [f for f in parsed.flags if f.article == k]
            if not flags:
                continue
            if k in corrected:
                done += 1
                continue
            shown = sorted({n for nos in art.roles.values() for n in nos} | {n for f in flags for n in range(f.line_start, f.line_end + 1)})
            body = [n for p in art.paragraphs for n in (p.line_start, p.line_end)]
            shown = sorted(set(shown) | set(body[:4]))
            lines = [(n, source[n - 1]) for n in shown if 0 < n <= len(source) and source[n - 1].strip()]
            out.append(ToCheck(path.name, k + 1, art, flags, lines))
    out.sort(key=lambda t: (-len(t.flags), t.file, t.seq))
    return out, total, done


def _toml_string(value: str | None) -> str:
    return json.dumps(value or "", ensure_ascii=False)  # a TOML basic string is a JSON string


def stub(path: Path, corrections: dict[str, CorrectionFile] | None = None, banners: Banners | None = None) -> str:
    """The text of a correction file for one page, with every article's
    current values (the page read against `banners`, as in `articles_to_check`)."""
    page, parsed, _ = _page(path, corrections or {}, banners)
    flags_of = {k: [f for f in parsed.flags if f.article == k] for k in range(len(parsed.articles))}
    out = [
        f"# Corrections for {path.name}: edit a value, give a reason and your name, and rebuild (etl build).",
        "# An [[article]] entry that still holds the reconstructed values changes nothing.  Other entries (see",
        "# etl/corrections.py; line numbers are the page file's, as an editor shows them):",
        "#   [[move]]    lines = [a, b]  text = \"…\"  to = SEQ (or \"residue\")  as = \"title|subtitle|kicker|column|series|byline|pullquote|note|footer|body\"",
        "#   [[split]]   article = SEQ  paragraph = N  at_line = L (or at_offset = K)",
        "#   [[merge]]   article = SEQ  paragraph = N            (with the next one)",
        "#   [[heading]] article = SEQ  paragraph = N  heading = \"…\" (\"\" clears)",
        "#   [[speaker]] article = SEQ  paragraph = N  speaker = \"…\"",
        "#   [[fix]]     article = SEQ  old = \"…\"  new = \"…\"",
        "# each with reason = \"…\" and by = \"…\".",
        f"page = {_toml_string(path.name)}",
        f"sha256 = {_toml_string(page.sha256)}",
        "",
    ]
    for k, a in enumerate(parsed.articles, start=1):
        starts = a.paragraphs[0].text[:12] if a.paragraphs else ""
        out.append(f"[[article]]  # lines {a.line_start}-{a.line_end}" + (f"; flags: {', '.join(f.kind for f in flags_of[k - 1])}" if flags_of[k - 1] else ""))
        out.append(f"seq = {k}")
        out.append(f"starts = {_toml_string(starts)}")
        for name, value in (
            ("kicker", a.kicker), ("title", a.title), ("subtitle", a.subtitle), ("column_name", a.column_name),
            ("series", a.series), ("kind", a.kind), ("affiliation", a.affiliation), ("pullquote", a.pullquote),
            ("editor_note", a.editor_note),
        ):
            out.append(f"{name} = {_toml_string(value)}")
        authors = [c for c in a.contributors if c.role == "author"]
        out.append("authors = [" + ", ".join(_toml_string(c.name) for c in authors) + "]")
        out.append("affiliations = [" + ", ".join(_toml_string(c.affiliation) for c in authors) + "]")
        out.append('reason = ""')
        out.append('by = ""')
        for n, p in enumerate(a.paragraphs, start=1):
            head = f" [{p.heading}]" if p.heading else ""
            out.append(f"# ¶{n} lines {p.line_start}-{p.line_end}{head}: {p.text[:30]}")
        out.append("")
    return "\n".join(out)
