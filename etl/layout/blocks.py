"""Blocks: the page as a sequence of titles, boxes, bylines and article bodies.

A flattened page is a stream of text frames in no reliable order.  A few kinds
of line announce themselves (see `lines.Kind`); between them lie *runs* of
ordinary text.  Where a run stands tells what its parts are:

* an article **body** runs from its byline (the author's name on its own line)
  to its footer (（作者单位：…）), or, in a digest, through the attribution
  lines (——title name) that close each speaker's view;
* the first paragraph after a ●观点 marker is a **pull-quote** box; a short
  prose block that belongs to no body is one too (the marker may be lost);
* unfinished stand-alone lines are **titles** outside a body and section
  **headings** inside one;
* a '——' line right after a title is its **subtitle**.

Titles and pull-quotes are not attached to articles here: the page order does
not say whose they are (see `assemble`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lines import NUMBERED_HEADING, OPEN_ENDS, Kind, Line, looks_like_name
from ..text import default_tokenizer, joins_word
from .reflow import Unit, split_units, squeeze_threshold

#: The indent of a paragraph's first line, in cells.
INDENT_CELLS = 2.0
#: A prose block longer than this is an article body even without a byline or
#: footer; pull-quote boxes summarize an article in a sentence or two.
PULLQUOTE_MAX_CHARS = 200


@dataclass
class BodyItem:
    role: str  # paragraph | heading | attribution
    lines: tuple[Line, ...]
    doubts: tuple[str, ...] = ()  # review flag kinds (see reflow.doubtful_break)

    @property
    def text(self) -> str:
        return Unit(self.lines).text


@dataclass
class Block:
    kind: str  # title | subtitle | marker | pullquote | byline | body | column | series | footer | note | other | banner (see assemble)
    lines: tuple[Line, ...]
    items: list[BodyItem] = field(default_factory=list)  # body only
    footer: tuple[Line, ...] = ()  # body only: the closing footer lines
    lead_ins: tuple[Line, ...] = ()  # body only: byline or subtitle right before it

    @property
    def first(self) -> int:
        if self.kind != "body":
            return self.lines[0].no if self.lines else 0
        return min([ln.no for item in self.items for ln in item.lines] + [ln.no for ln in self.footer], default=0)

    @property
    def all_lines(self) -> tuple[Line, ...]:
        if self.kind != "body":
            return self.lines
        out = [ln for item in self.items for ln in item.lines] + list(self.footer)
        return tuple(sorted(out, key=lambda ln: ln.no))

    @property
    def text(self) -> str:
        return Unit(self.lines).text if self.lines else ""


# --- pieces: strong lines (with their continuations) and runs of text ---------


def _closes_paren(text: str) -> bool:
    return text.rstrip().endswith(("）", ")"))


def _ends_with_name(line: Line) -> bool:
    return len(line.tokens) >= 2 and looks_like_name(line.tokens[-1])


def pieces(lines: list[Line]) -> list[tuple[Kind, list[Line]]]:
    """Group lines into strong pieces and runs of TEXT lines.

    Footers and attributions may wrap: '（作者单位分别为…、江' + '西省社会科学院）';
    '——…学院党委' + '书记 刘向兵'.  Their continuation lines are taken with them.
    """
    out: list[tuple[Kind, list[Line]]] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.kind == Kind.TEXT:
            if out and out[-1][0] == Kind.TEXT:
                out[-1][1].append(ln)
            else:
                out.append((Kind.TEXT, [ln]))
            i += 1
            continue
        group = [ln]
        i += 1
        if ln.kind == Kind.NOTE:
            run = []
            while i < len(lines) and lines[i].kind == Kind.TEXT:
                run.append(lines[i])
                i += 1
            k = note_length([ln] + run)
            group.extend(run[: k - 1])
            i -= len(run) - (k - 1)
        elif ln.kind == Kind.FOOTER:
            while not _closes_paren(group[-1].text) and i < len(lines) and len(group) < 4:
                if lines[i].kind not in (Kind.TEXT, Kind.NAME):
                    break
                group.append(lines[i])
                i += 1
        elif ln.kind == Kind.DASH and not _ends_with_name(ln) and i >= 2 and lines[i - 2].sentence_end:
            # An attribution (it follows a speaker's paragraph) wrapped before
            # the speaker's name.  A subtitle follows a title instead, and the
            # name line after it is the byline.
            nxt = lines[i] if i < len(lines) else None
            if nxt is not None and (
                nxt.kind == Kind.NAME and len(nxt.tokens) == 1  # the name alone
                or nxt.kind in (Kind.TEXT, Kind.NAME)
                and _ends_with_name(nxt)
                and not nxt.sentence_end
                and nxt.width <= ln.width + 2
            ):
                group.append(lines[i])
                i += 1
        out.append((ln.kind, group))
    return _names_inside_bodies(out)


def note_length(lines: list[Line]) -> int:
    """How many lines an editor's note takes, its label line included.

    The note is one short paragraph set in a box of its own: it ends at the
    first line that ends a sentence and is short in the box, or after which
    a wider line or a new text frame follows, or the text is set otherwise
    (the box's lines come with blank lines between them in the dump and the
    body's without, or the other way round).
    """
    width = 0.0
    for i, ln in enumerate(lines):
        width = max(width, ln.width)
        if ln.sentence_end:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is None or nxt.width > width + 1 or width - ln.width >= 2 or nxt.lead:
                return i + 1
            if i >= 1 and _set_otherwise(lines[1 : i + 1], lines[i + 2] if i + 2 < len(lines) else nxt):
                return i + 1
            # Only an indented first line could go on with the note: a line
            # much shorter than that (a headline) is not part of it.
            if not nxt.sentence_end and nxt.width < width - INDENT_CELLS - 1.5:
                return i + 1
    return len(lines)


def _set_otherwise(box: list[Line], after: Line) -> bool:
    """Is the text after a box set otherwise than the box: spaced lines (a
    blank line before each) against compact ones, or the other way round?
    `after` is the line whose gap shows how the text after the box is set."""
    spaced = all(ln.gap > 0 for ln in box)
    compact = all(ln.gap == 0 for ln in box)
    return (spaced and after.gap == 0) or (compact and after.gap > 0)


def _headline_follows(lines: list[Line]) -> bool:
    """Does a run of text open with a stand-alone line (a headline), not a paragraph?"""
    units = split_units(lines[:8])
    return bool(units) and not units[0].is_paragraph and len(units) > 1


def _names_inside_bodies(ps: list[tuple[Kind, list[Line]]]) -> list[tuple[Kind, list[Line]]]:
    """A 'name' line between two stretches of prose is a short heading.

    A byline stands after a title, a pull-quote box, a label or a footer and
    before the body; a heading of two or three characters (展望, 方法论) can
    look like a name, but it follows a paragraph of running text.  Running
    text is told from a pull-quote by its length.
    """
    out: list[tuple[Kind, list[Line]]] = []
    for i, (kind, group) in enumerate(ps):
        if (
            kind == Kind.NAME
            and 0 < i < len(ps) - 1
            and ps[i - 1][0] == Kind.TEXT
            and ps[i + 1][0] == Kind.TEXT
            and sum(len(ln.text) for ln in ps[i - 1][1]) > PULLQUOTE_MAX_CHARS
            and ps[i - 1][1][-1].sentence_end
            and not _headline_follows(ps[i + 1][1])
        ):
            # (Unless a headline follows it: then it is the byline of the
            # next article, printed over its headline after a body that
            # ends without a footer, as reporters' pieces do.)
            kind = Kind.TEXT
        # ...and one that a word runs into is the tail of a wrapped title
        # ("…培育的技能形" + "成体系"), as is one under a line that cannot end
        # a title ("…工业城市的" + "劳动者").
        # (Not a line of two or more names: that is a byline, whatever runs into it.)
        if kind == Kind.NAME and i > 0 and ps[i - 1][0] == Kind.TEXT and len(group) == 1 and len(group[0].tokens) == 1:
            before = ps[i - 1][1][-1]
            # (A lead space opens a new frame: no title's tail.  And a word
            # may run by chance from a headline's last line into the byline's
            # name under it (…岗位胜任 + 何敏: 任何): a line the tagger reads
            # as one person's name is the byline.)
            if not before.sentence_end and not before.clause_end and not group[0].lead and (
                before.text.endswith(OPEN_ENDS)
                or joins_word(before.text, group[0].text) and not _one_person(group[0].text)
            ):
                kind = Kind.TEXT
        if kind == Kind.TEXT and out and out[-1][0] == Kind.TEXT:
            out[-1][1].extend(group)
        else:
            out.append((kind, list(group)))
    return out


def _one_person(text: str) -> bool:
    """Does the tagger read a line as one person's name (任晓, 何杰敏)?"""
    tagged = default_tokenizer().tag(text)
    return len(tagged) == 1 and tagged[0][1] == "nr"


# --- roles of the units of a run ---------------------------------------------------


def _is_attribution(group: list[Line], after_paragraph: bool) -> bool:
    """'——某研究会会长 张三' after a speaker's paragraph."""
    last = group[-1]
    lone_name = len(group) > 1 and len(last.tokens) == 1 and looks_like_name(last.tokens[0])
    return after_paragraph and (_ends_with_name(last) or lone_name)


class _Builder:
    """Walks the pieces once, keeping the article body that is still open."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.open_body: Block | None = None
        self.pending_lead: list[Line] = []  # byline lines waiting for their body

    def close(self) -> None:
        self.open_body = None

    def emit(self, kind: str, lines: list[Line] | tuple[Line, ...]) -> Block:
        block = Block(kind, tuple(lines))
        self.blocks.append(block)
        return block

    def body_item(self, role: str, lines: tuple[Line, ...], doubts: tuple[str, ...] = ()) -> None:
        if self.open_body is None:
            self.open_body = Block("body", (), lead_ins=tuple(self.pending_lead))
            self.pending_lead = []
            self.blocks.append(self.open_body)
        self.open_body.items.append(BodyItem(role, lines, doubts))


def _run_is_body(units: list[Unit], prev: str | None, nxt: str | None, continuing: bool) -> bool:
    """Is this run (part of) an article body rather than floating boxes and titles?

    Yes when a byline or an attribution stands before it or a footer or an
    attribution after it; otherwise only if it is too long for a pull-quote box.
    """
    prose = [u for u in units if u.is_paragraph]
    chars = sum(u.chars for u in prose)
    if prev == "byline" and nxt == "byline" and len(prose) == 1 and chars <= PULLQUOTE_MAX_CHARS:
        # One short paragraph between two bylines: the box of the article
        # whose byline follows, the heads of two articles printed together.
        return False
    if continuing or prev in ("byline", "attribution") or nxt in ("footer", "attribution"):
        return bool(prose)
    return (len(prose) >= 2 and chars > PULLQUOTE_MAX_CHARS) or chars > 1.5 * PULLQUOTE_MAX_CHARS


def segment(lines: list[Line]) -> list[Block]:
    """Turn the classified lines of a page into blocks, in page order."""
    ps = pieces(lines)
    b = _Builder()

    # Resolve what each '——' piece is before walking, since a run's role
    # depends on whether an attribution follows it.
    names: list[str] = []
    for idx, (kind, group) in enumerate(ps):
        if kind == Kind.TEXT:
            names.append("text")
        elif kind == Kind.DASH:
            prev_text = ps[idx - 1][1][-1] if idx and ps[idx - 1][0] == Kind.TEXT else None
            after_par = prev_text is not None and (prev_text.sentence_end or prev_text.clause_end)
            names.append("attribution" if _is_attribution(group, after_par) else "subtitle")
        else:
            names.append(
                {
                    Kind.FOOTER: "footer",
                    Kind.MARKER: "marker",
                    Kind.COLUMN: "column",
                    Kind.SERIES: "series",
                    Kind.NAME: "byline",
                    Kind.NOTE: "note",
                }[kind]
            )

    # One typesetter set the page: how it squeezes marks is read off all of
    # its text runs at once.
    squeeze = squeeze_threshold([group for kind, group in ps if kind == Kind.TEXT])
    for idx, (kind, group) in enumerate(ps):
        name = names[idx]
        prev = names[idx - 1] if idx else None
        nxt = names[idx + 1] if idx + 1 < len(names) else None
        if name == "text":
            if prev == "marker":
                box = marker_box(group)
                if box:
                    b.emit("pullquote", box)
                    group, prev = group[len(box) :], "pullquote"
            if group:
                _place_run(b, split_units(group, squeeze), prev, nxt)
        elif name == "footer":
            if b.open_body is not None:
                b.open_body.footer = tuple(group)
            else:
                b.emit("footer", group)
            b.close()
        elif name == "attribution":
            if b.open_body is not None:
                b.body_item("attribution", tuple(group))
            else:
                b.emit("other", group)
        elif name == "byline":
            b.close()
            b.pending_lead.extend(group)
            b.emit("byline", group)
        else:
            b.close()
            b.emit(name, group)
    return b.blocks


def _merge_wrapped_headings(units: list[Unit]) -> list[Unit]:
    """A heading too long for the column wraps: a full line, then a short one.

    Reflow cuts them apart (the short line looks like a heading of its own);
    two stand-alone units in a row whose first ends with a full line are one
    heading.
    """
    out: list[Unit] = []
    for u in units:
        if out and not u.is_paragraph and not out[-1].is_paragraph and len(out) >= 2 and out[-2].is_paragraph:
            column = max(ln.width for ln in out[-2].lines)
            if out[-1].lines[-1].width >= column - 1.5:
                out[-1] = Unit(out[-1].lines + u.lines)
                continue
        out.append(u)
    return out


def marker_box(lines: list[Line]) -> list[Line]:
    """The lines of the summary box after a ●观点 marker.

    The box is one short paragraph set in its own narrow frame: it ends at
    the first line that ends a sentence and is short in the box, or after
    which a wider line (another frame) follows.  Nothing if the first
    paragraph does not look like that (a title may stand between).
    """
    width = 0.0
    for i, ln in enumerate(lines):
        if i == 0 and not ln.sentence_end and len(lines) > 1 and lines[1].width < ln.width - 1:
            return []  # a headline before the box, not the box's first line
        width = max(width, ln.width)
        if ln.sentence_end:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is None or nxt.width > width + 1 or width - ln.width >= 2 or nxt.lead:
                return lines[: i + 1]
        if i >= 12:
            break
    return []


def _place_run(b: _Builder, units: list[Unit], prev: str | None, nxt: str | None) -> None:
    """Give each unit of a run its role, from what stands around the run."""
    if prev == "marker":
        # The box after ●观点: its first paragraph is the pull-quote.
        k = next((i for i, u in enumerate(units) if u.is_paragraph), None)
        if k is not None:
            for u in units[:k]:
                b.emit("title", u.lines)
            b.emit("pullquote", units[k].lines)
            units = units[k + 1 :]
            prev = "pullquote"
    if not units:
        return
    continuing = b.open_body is not None and prev == "attribution"
    if not _run_is_body(units, prev, nxt, continuing):
        b.close()
        _emit_floating(b, units)
        return
    units = _merge_wrapped_headings(units)
    paragraphs = [i for i, u in enumerate(units) if u.is_paragraph]
    first, last = paragraphs[0], paragraphs[-1]
    if not continuing:
        b.close()
    if first > 0 and prev != "attribution" and not (prev == "byline" and NUMBERED_HEADING.match(units[0].text)):
        # Unfinished lines before the first paragraph: a displaced title or
        # a page banner printed above this body, or, after the byline, the
        # headline itself (some pages print the byline over the headline).
        # A body opens with a paragraph, never with a section heading,
        # unless the heading is numbered (一、…).
        _emit_floating(b, units[:first])
        units, last, first = units[first:], last - first, 0
    for u in units[: last + 1]:
        b.body_item("paragraph" if u.is_paragraph else "heading", u.lines, u.doubts)
    if last + 1 < len(units):
        # Unfinished lines after the last paragraph belong to what follows.
        b.close()
        _emit_floating(b, units[last + 1 :])


def _emit_floating(b: _Builder, units: list[Unit]) -> None:
    """Prose outside a body is a pull-quote box; a stack of unfinished lines
    is a title (which `assemble` may cut where the lines belong to different
    articles)."""
    stack: list[Line] = []
    for u in units:
        if u.is_paragraph:
            if stack:
                b.emit("title", stack)
                stack = []
            b.emit("pullquote", u.lines)
        else:
            stack.extend(u.lines)
    if stack:
        b.emit("title", stack)


__all__ = ["Block", "BodyItem", "segment", "pieces"]
