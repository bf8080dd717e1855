"""Fields from their lines: the text of a headline, label, footer or attribution.

Assembly decides which lines are an article's title, byline, footer...;
these functions read each part's value from its lines.  They are shared with
`etl.corrections`, which moves lines between parts and reads the fields again
the same way.
"""

from __future__ import annotations

import re

from .blocks import BodyItem
from .headlines import join_headline
from .lines import NOTE_LABEL, Line, byline_names, undouble
from .model import ParsedContributor
from .reflow import Unit


def bigrams(text: str) -> set[str]:
    """Character bigrams over the letters of a text (汉字, digits, Latin)."""
    chars = _NOT_LETTERS.sub("", text)
    return set(map(str.__add__, chars, chars[1:]))


_NOT_LETTERS = re.compile(r"[^\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff0-9A-Za-z]+")


def containment(part: str, whole: set[str]) -> float:
    grams = bigrams(part)
    return len(grams & whole) / len(grams) if grams else 0.0


def shares(part: str, articles) -> list[float]:
    """The share of the part's bigrams found in each article's text (each has `grams`)."""
    grams = bigrams(part)
    return [len(grams & a.grams) / len(grams) if grams else 0.0 for a in articles]


def display_text(lines: tuple[Line, ...]) -> str:
    """A display line's text: parts separated by one space, wraps joined."""
    return "".join(" ".join(ln.tokens) for ln in lines)


_DASHES = re.compile(r"^[—－\-─]+\s*")
_FOOTER_UNIT = re.compile(r"^(?:本文)?作者(?:单位)?(分别)?(?:为|是|系|：|:)\s*(.+)$")
_STAFF_TITLE = re.compile(r"本报记者|本报通讯员|记者|通讯员|实习生")
_FOOTER_COMPILER = re.compile(r"^(.+?)\s*(整理|编译|摘编|执笔|综合)$")


def _strip_parens(text: str) -> str:
    text = text.strip()
    if text[:1] in "（(":
        text = text[1:]
    if text[-1:] in "）)":
        text = text[:-1]
    return text.strip()


def parse_footer(text: str, authors: list[str]) -> tuple[str, list[ParsedContributor], dict[str, str]]:
    """(affiliation text, compilers, author → unit) from a footer.

    （作者单位：X） gives every author unit X; （作者单位分别为X、Y） gives them
    in byline order; （X 整理） names who compiled the piece.
    """
    affiliation = _strip_parens(text)
    units: dict[str, str] = {}
    compilers: list[ParsedContributor] = []
    m = _FOOTER_UNIT.match(affiliation)
    if m:
        respectively, rest = m.group(1), m.group(2).strip()
        parts = [p for p in re.split(r"[、；;]", rest) if p]
        if respectively and len(parts) == len(authors):
            units = dict(zip(authors, parts))
        else:
            units = {a: rest for a in authors}
        return affiliation, compilers, units
    m = _FOOTER_COMPILER.match(affiliation)
    if m:
        # '本报记者 张三 整理': the role words before the names are no names.
        names = _STAFF_TITLE.sub(" ", m.group(1))
        for name in re.split(r"[\s、，,]+", names):
            if name:
                compilers.append(ParsedContributor(name, "compiler", None))
    return affiliation, compilers, units


def parse_attribution(lines: tuple[Line, ...]) -> tuple[str, str | None]:
    """'——某研究会会长 张三' → ('张三', '某研究会会长')."""
    tokens = [t for ln in lines for t in ln.tokens]
    tokens[0] = _DASHES.sub("", tokens[0])
    tokens = [t for t in tokens if t]
    if len(tokens) == 1:
        # No space before the name: split off a name after the office title.
        m = re.match(r"^(.*(?:长|员|任|授|记|师|席|书记|主任|教授|研究员|会长|院长|所长|经理|理事|代表|专家))([\u4e00-\u9fff]{2,3})$", tokens[0])
        if m:
            tokens = [m.group(1), m.group(2)]
    tokens = [t for t in tokens if t]
    name = tokens[-1]
    title = "".join(tokens[:-1]) or None
    return name, title


def _style(item: BodyItem) -> str | None:
    """How a paragraph is set: 'spaced' (blank lines between its lines) or
    'compact'; a one-line paragraph is judged by the gap before it."""
    gaps = [ln.gap for ln in item.lines[1:]] or [item.lines[0].gap]
    return "compact" if all(g == 0 for g in gaps) else "spaced" if all(g > 0 for g in gaps) else None


def speakers(items: list[BodyItem]) -> list[str | None]:
    return speakers_and_doubt(items)[0]


def speakers_and_doubt(items: list[BodyItem]) -> tuple[list[str | None], bool]:
    """The speaker of each item of a digest body (None for the editor's intro).

    Each speaker's view is closed by an attribution line.  The paragraphs
    before the first attribution may start with the editor's introduction,
    which is told apart by being set in another style than the boxed views
    (or, when the styles agree, by being extra: every other speaker has one
    paragraph and this group has more).
    """
    out: list[str | None] = [None] * len(items)
    guessed = False
    groups: list[list[int]] = [[]]
    for i, item in enumerate(items):
        if item.role == "attribution":
            name, _ = parse_attribution(item.lines)
            for j in groups[-1]:
                out[j] = name
            groups.append([])
        elif item.role == "paragraph":
            groups[-1].append(i)
    closed = groups[:-1]
    if closed and len(closed[0]) > 1:
        first = closed[0]
        # A new text frame (the dump's leading space) where the boxed views begin...
        framed = [k for k, j in enumerate(first) if k > 0 and items[j].lines[0].lead]
        if framed:
            intro = first[: framed[0]]
        else:
            # ...or another setting (blank lines or not) than the first view...
            last_style = _style(items[first[-1]])
            intro = [j for j in first[:-1] if _style(items[j]) not in (None, last_style)]
        if not intro:
            # ...or, failing those, every other speaker has one paragraph.
            others = [len(g) for g in closed[1:]]
            if others and all(n == 1 for n in others):
                intro = first[:-1]
                guessed = True
        # The introduction is a leading stretch of the group.
        for j in first:
            if j in intro:
                out[j] = None
            else:
                break
    return out, guessed



def title_text(lines: tuple[Line, ...]) -> str | None:
    return join_headline(lines).text if lines else None


def subtitle_text(lines: tuple[Line, ...]) -> str | None:
    return (_DASHES.sub("", display_text(lines)) or None) if lines else None


def column_text(lines: tuple[Line, ...]) -> str | None:
    """A column label without its icon glyph ('G 职场观察' → 职场观察)."""
    if not lines:
        return None
    m = re.match(r"^\s*([A-Za-z]|[^\w\s])\s+(.+)$", lines[0].raw)
    return m.group(2).strip() if m else Unit(lines).text


def series_text(lines: tuple[Line, ...]) -> str | None:
    if not lines:
        return None
    text = Unit(lines).text
    return undouble(text) or text


def note_text(lines: tuple[Line, ...]) -> str | None:
    return NOTE_LABEL.sub("", Unit(lines).text) if lines else None


def byline_authors(lines: tuple[Line, ...]) -> list[str]:
    return [name for ln in lines for name in (byline_names(ln.tokens) or ln.tokens)]


def contributors_of(
    bylines: tuple[Line, ...], footer: tuple[Line, ...], attributions: list[tuple[Line, ...]]
) -> tuple[str | None, list[ParsedContributor]]:
    """(affiliation, contributors): authors from the byline with their units from the
    footer, speakers from the attribution lines, compilers from the footer."""
    authors = byline_authors(bylines)
    affiliation = None
    compilers: list[ParsedContributor] = []
    units: dict[str, str] = {}
    if footer:
        affiliation, compilers, units = parse_footer(display_text(footer), authors)
    speakers = [ParsedContributor(*parse_attribution(group)[:1], "speaker", parse_attribution(group)[1]) for group in attributions]
    return affiliation, [ParsedContributor(a, "author", units.get(a)) for a in authors] + speakers + compilers
