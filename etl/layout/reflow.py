"""Reflow: cut a run of wrapped lines into paragraphs and stand-alone lines.

The dump keeps the printed line breaks but not the paragraph breaks.  In a
Chinese newspaper column every line of a paragraph is set to the full column
width, except two:

* the **first line** is indented by two characters.  The extractor drops the
  indent, so that line comes out about two cells *shorter* than the column;
* the **last line** stops where the paragraph stops: usually short, and it
  ends with sentence punctuation (。！？…, maybe followed by a closing quote).

So between two lines there is a paragraph break when the upper line ends a
sentence and either it is clearly short, or the lower line is about two cells
short (it lost its indent).  Because punctuation squeezing makes printed line
lengths vary by a cell or so, the column width is estimated locally, from the
neighbouring lines that do not end a sentence (those are full or first lines).

A line that does not end a sentence but is too short to be a wrapped line, or
is followed by a freshly indented line, stands alone: a title, a section
heading (小标题) or a label.  Which one is decided by the caller, from where
the line stands.

In blocks set without blank lines between wrapped lines ("compact" blocks, such
as boxed digests), a blank line marks a paragraph break as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lines import Line, join_wrapped

#: How many neighbours on each side estimate the local column width.
WINDOW = 8
#: The indent of a paragraph's first line, in cells.
INDENT = 2.0
#: A line this much shorter than the column ends its paragraph.
SHORT_LAST = 2.0
#: A line this much shorter than the column lost its indent (first line).
SHORT_FIRST = 1.5
#: A line not ending a sentence and this much shorter than the column cannot
#: be a wrapped line, not even an indented first line: it stands alone.
STANDALONE = INDENT + 3.0


@dataclass(frozen=True)
class Unit:
    """A paragraph (ends a sentence) or a stand-alone line group (does not)."""

    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return join_wrapped([ln.text for ln in self.lines])

    @property
    def is_paragraph(self) -> bool:
        last = self.lines[-1]
        return last.sentence_end or (last.clause_end and len(self.lines) > 1)

    @property
    def first(self) -> int:
        return self.lines[0].no

    @property
    def last(self) -> int:
        return self.lines[-1].no

    @property
    def chars(self) -> int:
        return sum(len(ln.text) for ln in self.lines)


def column_widths(lines: list[Line]) -> list[float]:
    """Local column width at each line: upper quartile of nearby unfinished lines."""
    widths: list[float] = []
    for i in range(len(lines)):
        lo, hi = max(0, i - WINDOW), min(len(lines), i + WINDOW + 1)
        near = sorted(ln.width for ln in lines[lo:hi] if not ln.sentence_end and len(ln.text) > 3)
        if not near:
            near = sorted(ln.width for ln in lines[lo:hi])
        widths.append(near[(3 * (len(near) - 1)) // 4] if len(near) > 1 else near[0])
    return widths


def following_width(lines: list[Line], i: int) -> float | None:
    """Width of the full lines right after line i (its paragraph's body), if any.

    Comparing a line with the lines that follow it tells an indented first
    line from a full one even where the column width changes nearby.
    """
    after = []
    for ln in lines[i + 1 : i + 4]:
        if ln.sentence_end or ln.clause_end:
            break
        after.append(ln.width)
    return sorted(after)[len(after) // 2] if after else None


def blank_break(lines: list[Line], i: int) -> bool:
    """A blank line before line i marks a break, inside a compact block.

    In blocks set without blank lines between wrapped lines, a blank line
    separates paragraphs.  Whether the block is compact is judged right
    there: the line after the blank is followed by the next without a gap.
    """
    return lines[i].gap > 0 and i + 1 < len(lines) and lines[i + 1].gap == 0


def breaks_before(lines: list[Line], i: int, width: float, prev_starts: bool) -> bool:
    """Is there a paragraph (or stand-alone line) boundary before line i?"""
    prev, cur = lines[i - 1], lines[i]
    # A line much wider than the column cannot belong to it: a new block.
    if cur.width > width + 2 * INDENT:
        return True
    blank = blank_break(lines, i)
    short_prev = width - prev.width
    if prev_starts:
        short_prev -= INDENT  # a first line is short because of its indent
    follow = following_width(lines, i)
    unfinished = not cur.sentence_end and len(cur.text) > 3
    # Indented against the lines that follow it (robust where the column
    # width changes nearby)...
    indented = unfinished and (follow if follow is not None else width) - cur.width >= SHORT_FIRST
    if prev.sentence_end:
        # The upper line is short: its paragraph ended.  Or the lower line
        # lost its indent, against its followers or the column: a new
        # paragraph starts (a short last line of the same paragraph would be
        # short too, so its length says nothing).
        return blank or short_prev >= SHORT_LAST or indented or (unfinished and width - cur.width >= SHORT_FIRST)
    if prev.clause_end:
        # A paragraph may end with "：" before a list; only a clearly short
        # line, or a blank line in a compact block, says so.
        return blank or short_prev >= SHORT_LAST + 1
    if prev_starts:
        # An unfinished line that starts a unit and is followed by a freshly
        # indented line stands alone: a heading, a title or a label.  So does
        # one too short to be even an indented first line.
        return blank or indented or width - prev.width >= STANDALONE
    return False


def split_units(lines: list[Line]) -> list[Unit]:
    """Cut a run of text lines into paragraphs and stand-alone line groups."""
    if not lines:
        return []
    widths = column_widths(lines)
    units: list[list[Line]] = [[lines[0]]]
    for i in range(1, len(lines)):
        width = max(widths[i - 1], widths[i])
        if breaks_before(lines, i, width, len(units[-1]) == 1):
            units.append([lines[i]])
        else:
            units[-1].append(lines[i])
    return [Unit(tuple(u)) for u in units]
