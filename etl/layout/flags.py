"""Review flags: where the reconstruction took a decision on weak evidence.

The parser never prints or stores its doubts: each stage that decides on
weak evidence returns a `Flag` beside its result, and the page's flags are
published as the table ``review_flags`` (see `etl.schema`), so that a person
knows which articles to check first (``etl review``).  Every kind is one
documented rule's doubt; `KINDS` is the enum the data contract lists.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Each kind of flag and what it means to the person who checks it.
KINDS: dict[str, str] = {
    "title_missing": "No headline was found for the article.",
    "title_far_from_body": "The headline was given by its words, not by where it is printed (something else stands between it and the body).",
    "title_lines_joined": "The headline was joined from several dump lines; whether a space separates the parts was a guess.",
    "title_from_body_start": "A line between the byline and the body was read as the headline, not as a section heading.",
    "kicker_guess": "Where the kicker (引题) ends and the headline begins was a guess: a line read as the kicker may be part of the headline or a label, or the first half of a two-part headline may be the kicker; a headline printed away from its body may be its kicker, and the line under it the headline.",
    "byline_ambiguous": "The byline stands where it could belong to more than one article.",
    "box_by_content_only": "The pull-quote was given by its words alone (no marker, or printed away from its article).",
    "label_by_content": "A series label was given by its words to an article it is not printed over.",
    "label_contested": "A series label stayed over the article printed after it, though another article shares its topic as well (both articles are flagged).",
    "label_orphan": "A column or series label belongs to no article (kept in page_residue).",
    "residue_looks_like_title": "Text that reads like a headline belongs to no article (kept in page_residue); on the article printed under it, and on the one sharing clearly more of its words.",
    "banner_or_label": "The first line of the page was read as its banner; it may be the first article's column label or kicker (raised only when the archive does not say: a line printed atop several pages and nowhere else is a banner, one printed lower on a page belongs to an article).",
    "heading_ambiguous": "A stand-alone line inside the body was read as a section heading (or a heading as text) on weak evidence.",
    "digest_speaker_guess": "Which paragraphs of a digest belong to the editor's introduction was a guess.",
    "bodies_merged": "A line inside the body, read as a section heading, is a person's name alone, like a byline: the body may run on into the next article, whose headline and byline were read as headings; or a digest carries an author's byline: another article's body may have run on into the digest's views (the article and the page are flagged: an article may be missing).",
}


@dataclass(frozen=True)
class Flag:
    """One doubtful decision: its kind, what it concerns, and where on the page."""

    kind: str
    detail: str
    line_start: int
    line_end: int
    article: int | None = None  # index of the article in ParsedPage.articles, None for the page

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown flag kind {self.kind!r}")
