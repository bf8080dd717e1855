"""What page reconstruction returns: a page's articles, their paragraphs and
contributors, the residue no article owns, and the flags on doubtful decisions."""

from __future__ import annotations

from dataclasses import dataclass, field

from .flags import Flag


@dataclass(frozen=True)
class ParsedParagraph:
    text: str
    heading: str | None
    speaker: str | None
    line_start: int
    line_end: int


@dataclass(frozen=True)
class ParsedContributor:
    name: str
    role: str  # author | compiler | speaker
    affiliation: str | None


@dataclass(frozen=True)
class ParsedArticle:
    title: str | None
    subtitle: str | None
    column_name: str | None
    series: str | None
    kind: str  # commentary | digest
    affiliation: str | None
    pullquote: str | None
    paragraphs: tuple[ParsedParagraph, ...]
    contributors: tuple[ParsedContributor, ...]
    line_start: int
    line_end: int
    lines: tuple[int, ...]  # every source line this article owns
    kicker: str | None = None  # 引题: the line printed above the headline
    editor_note: str | None = None  # 编者按, without its label
    #: Source lines of each display part (title, subtitle, kicker, column, series,
    #: pullquote, note, byline, footer, heading, attribution): what a correction moves.
    roles: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, hash=False)

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.contributors if c.role == "author")

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Residue:
    line_no: int
    text: str
    reason: str


@dataclass(frozen=True)
class ParsedPage:
    articles: tuple[ParsedArticle, ...]
    residue: tuple[Residue, ...]
    flags: tuple[Flag, ...] = ()
