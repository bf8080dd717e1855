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

Some typesetters squeeze the marks of a line that holds many (标点挤压) to
fit one more character, so there full lines differ by a cell with how many
marks they hold.  How a page does it is learnt from the page itself (see
`squeeze_threshold`), and squeezed lines are measured without their extra cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..text import joins_word
from .lines import NUMBERED_HEADING, OPENING_MARKS, TRAILING_MARKS, Line, display_width, join_wrapped

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
#: An unfinished line this much shorter than the column is a heading unless a
#: word runs on into the next line.
HEADING_SHORT = INDENT + 2.0


@dataclass(frozen=True)
class Unit:
    """A paragraph (ends a sentence) or a stand-alone line group (does not)."""

    lines: tuple[Line, ...]
    doubts: tuple[str, ...] = ()  # review flag kinds of the boundaries around it (see doubtful_break)

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


#: Which quantile of nearby unfinished lines is the column width.
QUANTILE = 0.75
#: ...unless one width is this common (exactly typeset columns).
MODE_SHARE = 0.5
#: A line this much wider than its column starts a wider block (another frame).
WIDER = 3.5
#: This many consecutive unfinished lines this much narrower start a narrower block.
NARROWER = 3.5
NARROW_RUN = 3


def _quartile(values: list[float]) -> float:
    values = sorted(values)
    return values[int(QUANTILE * (len(values) - 1))]


def _mode(values: list[float]) -> tuple[float, float]:
    """The commonest value and its share."""
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    mode, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return mode, n / len(values)


def _spaced_above(lines: list[Line], i: int) -> bool:
    """Are the lines above line i set with a blank line after every line?

    A blank line between two lines of one paragraph or headline says so; so
    do three in a row.  (A compact frame may have a blank line between
    paragraphs: one or two one-line paragraphs do not make it spaced.)
    """
    if i < 2 or lines[i - 1].gap == 0:
        return False
    above = lines[i - 2]
    if not above.sentence_end and not above.clause_end:
        return True
    return i >= 3 and above.gap > 0 and lines[i - 3].gap > 0


def frame_starts(lines: list[Line], i: int) -> bool:
    """Does a new text frame start at line i (by the dump's own signs)?

    The extractor puts a space before the first line of some frames, and a
    frame set without blank lines between its lines (a box) starts where the
    blank lines stop.
    """
    if lines[i].lead:
        return True
    compact_after = i + 2 < len(lines) and lines[i + 1].gap == 0 and lines[i + 2].gap == 0
    if not compact_after or lines[i].sentence_end or not _spaced_above(lines, i):
        return False
    # Spaced lines above, none between the lines below: the compact run
    # starts here if a blank line stands before this line too; if none does,
    # the line above belongs to the run unless it ended its paragraph (the
    # last line of the spaced frame, the new one glued on).
    return lines[i].gap > 0 or lines[i - 1].sentence_end


def width_blocks(lines: list[Line]) -> list[int]:
    """Block number of each line: where the column width changes, a block ends.

    The text frames of a page are flattened into one stream, so a run of
    text can go on from a column of 19 cells into a box of 27.  Line lengths
    are only comparable within one block.  A block changes where an
    unfinished line is much wider than the column so far (it cannot be a line
    of it), or where several unfinished lines in a row are much narrower; the
    change is placed after the last paragraph end before it, since frames
    hold whole paragraphs.
    """
    block = [0] * len(lines)
    current = 0
    start = 0  # first line of the current block
    par_start = 0  # first line after the last paragraph end in the block
    for i, ln in enumerate(lines):
        if i > start and frame_starts(lines, i):
            current += 1
            start = par_start = i
        recent = [x.body for x in lines[max(start, i - WINDOW) : i] if x.unfinished]
        # Headings and labels in between do not measure the column.
        recent = [w for w in recent if w >= 0.6 * max(recent)] if recent else recent
        if ln.unfinished and recent:
            col = _quartile(recent)
            narrow = len(recent) >= 2 and all(
                x.unfinished and x.body < col - NARROWER for x in lines[i : i + NARROW_RUN]
            ) and i + NARROW_RUN <= len(lines)
            # One line seen so far may be an indented first line.
            margin = WIDER if len(recent) >= 2 else WIDER + INDENT
            if ln.body > col + margin or narrow:
                cut = par_start if par_start > start else i
                if cut == i and i - start <= 2 and not narrow and _first_line_above(lines, i):
                    # Two lines are no frame of their own when the second
                    # is the indented first line of the wider column: a
                    # headline and the first line under it.
                    cut = start
                current += 1
                for k in range(cut, i):
                    block[k] = current
                start = cut
        block[i] = current
        if ln.sentence_end:
            par_start = i + 1
    return block


def _first_line_above(lines: list[Line], i: int) -> bool:
    """Is line i a full line and the one above it its paragraph's first line?"""
    prev, ln = lines[i - 1], lines[i]
    follow = following_width(lines, i)
    return (
        prev.unfinished
        and (follow is None or ln.body >= follow - 1)
        and ln.body - INDENT - 1.5 <= prev.body < ln.body
    )


def column_widths(lines: list[Line] | tuple[Line, ...], blocks: list[int] | None = None) -> list[float]:
    """Local column width at each line: upper quartile of nearby unfinished lines.

    Unfinished lines (not ending a sentence) are full lines or indented first
    lines, so their upper quartile is the column width; only lines of the same
    width block count.
    """
    if blocks is None:
        blocks = width_blocks(lines)
    # In an exactly typeset column most lines have the very same width: that
    # commonest width is the column, whatever squeezed lines do to a quantile.
    bodies = [ln.body for ln in lines]
    unfinished = [ln.unfinished for ln in lines]
    by_block: dict[int, list[float]] = {}
    for k, b in enumerate(blocks):
        if unfinished[k]:
            by_block.setdefault(b, []).append(bodies[k])
    block_mode = {b: _mode(ws) for b, ws in by_block.items() if len(ws) >= 6}
    # Block numbers never decrease along the page: a block is a run of lines.
    n = len(lines)
    first = list(range(n))
    last = list(range(1, n + 1))
    for k in range(1, n):
        if blocks[k] == blocks[k - 1]:
            first[k] = first[k - 1]
    for k in range(n - 2, -1, -1):
        if blocks[k] == blocks[k + 1]:
            last[k] = last[k + 1]
    widths: list[float] = []
    for i in range(n):
        lo, hi = max(first[i], i - WINDOW), min(last[i], i + WINDOW + 1)
        near = [b for b, u in zip(bodies[lo:hi], unfinished[lo:hi]) if u] or bodies[lo:hi]
        cut = 0.6 * max(near)
        near = [w for w in near if w >= cut]  # not the headings
        local = _quartile(near)
        mode, share = block_mode.get(blocks[i], (local, 0.0))
        widths.append(mode if share >= MODE_SHARE and abs(mode - local) <= 1 else local)
    return widths


def following_width(lines: list[Line], i: int) -> float | None:
    """Width of the full lines right after line i (its paragraph's body), if any.

    Comparing a line with the lines that follow it tells an indented first
    line from a full one even where the column width changes nearby.
    """
    after = []
    for k in range(i + 1, min(i + 4, len(lines))):
        ln = lines[k]
        if ln.sentence_end or ln.clause_end:
            break
        # A line that could not take the next line's first piece ('示，',
        # '48%。') was fuller than it looks by all of that piece but a cell.
        after.append(ln.body + max(0.0, next_chunk(lines, k) - 1.0))
    return sorted(after)[len(after) // 2] if after else None


def blank_break(lines: list[Line], i: int) -> bool:
    """A blank line before line i marks a break, inside a compact block.

    In blocks set without blank lines between wrapped lines, a blank line
    separates paragraphs.  Whether the block is compact is judged right
    there: the line after the blank is followed by the next without a gap.
    A line after the blank that ends a sentence starts a paragraph only if
    the line before the blank ended one too; otherwise it closes the
    paragraph the blank interrupted.
    """
    return (
        lines[i].gap > 0
        and i + 1 < len(lines)
        and lines[i + 1].gap == 0
        and (not lines[i].sentence_end or lines[i - 1].sentence_end)
        and (i + 2 >= len(lines) or lines[i + 2].gap == 0 or lines[i + 1].sentence_end)
    )


#: A line on an exactly set page this much short of the column is not full.
EXACT_SHORT = 0.75
#: ...on a page where at most this share of surely full lines is that short,
EXACT_JITTER = 0.1
#: ...counted over at least this many lines.
EXACT_MIN = 5
#: Tolerance when comparing a line's gap with the piece that did not fit in it.
CHUNK_SLACK = 0.25


def next_chunk(lines: list[Line], i: int) -> float:
    """Width of the piece the next line starts with, which did not fit on line i.

    Lines are broken between characters, except that a mark may not start a
    line, an opening mark may not end one, and a Latin word or number is not
    split.  So a line left a cell short was full all the same when what comes
    next is wider than the gap: the typesetter pushed a character down with
    its comma ("…协商协调机" + "制、强化…"), or could not fit '“1+X”'.
    """
    return lines[i + 1].head if i + 1 < len(lines) else 1.0


def short_of(lines: list[Line], i: int, width: float) -> float:
    """How short line i is of the column, if what follows could have fitted.

    Zero when the next line's first piece is wider than the gap: then the
    line was as full as it could be.
    """
    gap = width - lines[i].body
    return gap if gap >= next_chunk(lines, i) - CHUNK_SLACK else 0.0


def starts_paragraph(lines: list[Line], i: int, width: float) -> bool:
    """Line i looks like an indented first line: short against the column
    and against the lines that follow it."""
    ln = lines[i]
    if ln.sentence_end or len(ln.text) <= 3:
        return False
    if short_of(lines, i, width) == 0:
        return False  # as full as it could be
    follow = following_width(lines, i)
    return width - ln.body >= SHORT_FIRST and (follow if follow is not None else width) - ln.body >= SHORT_FIRST


def breaks_before(lines: list[Line], i: int, width: float, prev_starts: bool, exact: bool = False) -> bool:
    """Is there a paragraph (or stand-alone line) boundary before line i?"""
    prev, cur = lines[i - 1], lines[i]
    # A line much wider than the column cannot belong to it: a new block.
    if cur.body > width + 2 * INDENT:
        return True
    blank = blank_break(lines, i)
    short_prev = width - prev.body
    if prev_starts:
        short_prev -= INDENT  # a first line is short because of its indent
    if cur.text[:1] in OPENING_MARKS and (short_prev < cur.head - CHUNK_SLACK or not exact):
        # An opening mark (and what follows) was moved down to this line: the
        # line above is a cell short though full.  Unless, on an exactly set
        # run, the mark and the character after it would have fitted (《中 in
        # a gap of two cells): then the line above stopped short.  (Where
        # full lines vary by a cell, a gap of two says nothing.)
        short_prev -= 1
    follow = following_width(lines, i)
    unfinished = not cur.sentence_end and len(cur.text) > 3
    # Indented against the column, and against the lines that follow it
    # (which is robust where the column width changes nearby).
    # A line that could not take the next line's first piece was full.
    body = cur.body if short_of(lines, i, width) > 0 else width
    by_column = unfinished and width - body >= SHORT_FIRST
    by_followers = unfinished and (follow if follow is not None else width) - body >= SHORT_FIRST
    if prev.sentence_end:
        # The upper line is short: its paragraph ended.  Or the lower line
        # lost its indent: a new paragraph starts (a short last line of the
        # same paragraph would be short too, so its length says nothing).
        # An unfinished last line of a run cannot end a paragraph either.
        last_of_run = i == len(lines) - 1 and not cur.sentence_end and not cur.clause_end
        # Indented against the column; the lines that follow confirm it,
        # unless the line is clearly short (followers may be squeezed).
        indented = by_column and (by_followers or follow is None or width - body >= SHORT_FIRST + 0.5)
        # On an exactly set page even a cell short is an indent: a first
        # line that took in a comma it could not pass on ("…特点，").
        if exact and unfinished and short_prev < SHORT_LAST and width - body >= EXACT_SHORT:
            indented = True
        # An unfinished line followed by a fresh paragraph cannot end one:
        # it stands alone (a heading as wide as the column).
        before_paragraph = (
            not cur.sentence_end and not cur.clause_end and i + 1 < len(lines) and starts_paragraph(lines, i + 1, width)
        )
        # A first line can itself end a sentence ("一是……。" then more): it
        # is then short against the column, and the next line goes on.
        # (Its final mark may have been squeezed in: it does not count.)  The
        # next line may end a sentence too if it is full: a full line is no
        # first line, so the short line over it opens its paragraph.
        first_line_sentence = (
            cur.sentence_end
            and i + 1 < len(lines)
            and width - display_width(cur.text.rstrip(TRAILING_MARKS)) >= SHORT_FIRST
            and short_of(lines, i + 1, width) < (EXACT_SHORT if exact else SHORT_FIRST)
            and (not lines[i + 1].sentence_end or lines[i + 1].body >= width)
        )
        # On an exactly set page every full line reaches the column, so a
        # line a cell short that could have taken the next line's first
        # piece stopped because its paragraph did; unless the line under it
        # is full too, which no indented first line is.
        gap = width - prev.body - (INDENT if prev_starts else 0)
        stopped_short = (
            exact and gap >= EXACT_SHORT and gap >= next_chunk(lines, i - 1) - CHUNK_SLACK
            and not (unfinished and short_of(lines, i, width) < EXACT_SHORT)
        )
        return (
            blank or short_prev >= SHORT_LAST or indented or last_of_run or before_paragraph
            or first_line_sentence or stopped_short
        )
    if prev.clause_end:
        # A paragraph may end with "：" before a list; only a clearly short
        # line, or a blank line in a compact block, says so.
        return blank or short_prev >= SHORT_LAST + 1
    if width - prev.body >= STANDALONE and not joins_word(prev.text, cur.text):
        # A line inside a paragraph is full; an unfinished short one ends a
        # stand-alone unit (the tail of a wrapped heading: '…的实' + '践'),
        # unless a word runs on into the next line (the column is narrower
        # than it looks).
        return True
    if prev_starts:
        # An unfinished line that starts a unit and is followed by a freshly
        # indented line stands alone: a heading, a title or a label.  So does
        # one too short to be even an indented first line.
        # One clearly shorter than a first line, that no word runs out of,
        # stands alone too ("…的时代背景" + "当前，…").
        # Either way, a word that runs from one line into the next keeps
        # them together ("…经验来" + "看，…").
        # (An opening mark moved down from its end makes a line a cell short.)
        short = width - prev.body - (1 if cur.text[:1] in OPENING_MARKS else 0)
        follow_prev = following_width(lines, i - 1)
        short_both = min(short, (follow_prev if follow_prev is not None else width) - prev.body)
        # Unless that line holds a comma, like running text, and the line
        # under it is full or a cell short, which no indented first line is
        # (and opens no new frame): then it is a first line that pushed its
        # last character down with the mark after it ("…协商机制建" + "设，
        # 今后…"), on a page whose squeezed lines make the column look a
        # cell wider.
        pushed_first = "，" in prev.text and cur.body >= width - 1 and not cur.lead
        # And an unfinished line that ends a sentence inside it is neither a
        # heading (no heading holds a sentence end) nor a paragraph (it would
        # end with one): its paragraph goes on.
        sentence_inside = any(m in prev.text for m in "。！？")
        alone = blank or not sentence_inside and (
            (by_column and by_followers) or short >= STANDALONE
            or (short_both >= HEADING_SHORT and not pushed_first)
        )
        # A numbered heading (（三）…, 一、…) set this short is no wrapped
        # line, whatever word its last character makes with the next line's
        # first by chance (…范围内 + 在…: 内在).  Nor is a line that does not
        # fill half the column over a line of the column's width (at most
        # an indent short): a paragraph fills every line but its last, so
        # such a line cannot start one that goes on (…数字工会 + 会员…);
        # a word run across a box's narrower lines, whose column the page's
        # width misjudges, is kept by the second condition.
        numbered = NUMBERED_HEADING.match(prev.text) and short >= STANDALONE
        half_empty = prev.body <= width / 2 and cur.body >= width - INDENT - 1
        return alone and (numbered or half_empty or not joins_word(prev.text, cur.text))
    if (
        i >= 2 and not prev_starts and by_column and by_followers
        and lines[i - 2].body < prev.body - INDENT - 1 and not joins_word(prev.text, cur.text)
    ):
        # Display lines, not a paragraph: a line much shorter than the one
        # under it (a headline's first half), then, under that one, a freshly
        # indented line.  Inside a paragraph every line but the first is
        # full, and the first is only an indent short.
        return True
    return False


def exactly_set(lines: list[Line], widths: list[float]) -> bool:
    """Is this run typeset exactly: are its full lines all as wide as the column?

    Some pages (and every page re-set by a program) fill each line to the
    very cell, while others compress punctuation so that full lines vary by
    a cell.  Which one a run is can be read off the lines that surely go on
    a paragraph (after an unfinished full line, before another one): if
    hardly any of them is a cell short, a line a cell short after a
    sentence end is a first line that squeezed a mark in, not a full line.
    """
    n = short = 0
    for i in range(1, len(lines)):
        p, c = lines[i - 1], lines[i]
        if p.sentence_end or p.clause_end or len(p.text) <= 3 or widths[i] - p.body >= SHORT_FIRST:
            continue
        if c.sentence_end or c.clause_end or len(c.text) <= 3:
            continue
        n += 1
        short += short_of(lines, i, widths[i]) >= EXACT_SHORT
    return n >= EXACT_MIN and short <= EXACT_JITTER * n


#: Punctuation marks a typesetter can squeeze to half a cell (标点挤压).
SQUEEZABLE = "，。、；：？！“”‘’（）《》…—"
#: Each side of a squeeze threshold needs this many surely full lines...
SQUEEZE_MIN_LINES = 3
#: ...and the threshold must fit this many more pairs of them (or this share
#: more) than one width for all.
SQUEEZE_MARGIN = 3
SQUEEZE_SHARE = 0.1
#: A width block is a column of squeezed text if it holds this many pairs of
#: full lines itself (a headline or a box of a few lines is not).
SQUEEZE_RUN_PAIRS = 3


#: Thresholds tried: a line with this many marks or more counts as this many.
MAX_MARKS = 5


def _marks(ln: Line) -> int:
    return min(sum(ch in SQUEEZABLE for ch in ln.text), MAX_MARKS)


@lru_cache(maxsize=64)
def _measured(lines: tuple[Line, ...]) -> tuple[list[int], list[float], list[tuple[int, tuple[int, float], tuple[int, float]]]]:
    """A run's width blocks, column widths and neighbouring surely full lines
    (block, (marks, width) of each), computed once: the page's squeeze is read
    off every run, then each run is cut with it.

    Surely full: unfinished, under a full unfinished line (so no first
    line), near the column, and not ending with a mark (a closing mark
    squeezed into the line or hung past it makes any line a cell wider).
    """
    blocks = width_blocks(list(lines))
    widths = column_widths(lines, blocks)
    full = [
        (i, _marks(ln), ln.body)
        for i, ln in enumerate(lines[:-1])
        if i > 0 and lines[i - 1].unfinished and lines[i - 1].body >= widths[i] - 1 and ln.unfinished
        and ln.text[-1] not in TRAILING_MARKS and abs(ln.body - widths[i]) < INDENT
    ]
    pairs = [
        (blocks[a[0]], (a[1], a[2]), (b[1], b[2]))
        for a, b in zip(full, full[1:])
        if b[0] - a[0] <= WINDOW and blocks[a[0]] == blocks[b[0]]
    ]
    return blocks, widths, pairs


def squeeze_threshold(runs: list[list[Line]]) -> int | None:
    """How many marks let a full line hold a cell more than the column, if
    the page is set so.

    Some typesetters squeeze the marks of a line that holds several (标点挤
    压) and fit one more character in it, so on such a page a full line with
    many marks is a cell wider than one with few; measured against a single
    column width, plain full lines then look a cell short (indented) where
    marks are common, and squeezed first lines look full.  Which count of
    marks does it is the typesetter's, the same all over the page: it is
    read off the page's surely full lines, comparing each with the next one
    of its run (so no column width need be known): a threshold must make
    clearly more of those pairs equally wide, once a cell is taken off the
    lines with that many marks, than no threshold does.

    (One cell: a typesetter who squeezes a line by two cells, or by half a
    cell per mark, is read as the nearest step.  Measured on generated pages
    that squeeze at three marks; no real page of another habit was at hand.)
    """
    pairs = [p[1:] for run in runs for p in _measured(tuple(run))[2]]
    marks = [m for pair in pairs for m, _ in pair]
    plain = sum(a[1] == b[1] for a, b in pairs)
    best, best_fit = None, plain + max(SQUEEZE_MARGIN, SQUEEZE_SHARE * len(pairs))
    # From the highest threshold down: a lower one that explains no more
    # pairs would take a cell off more lines on no more evidence.
    for t in range(MAX_MARKS, 0, -1):
        if min(sum(m < t for m in marks), sum(m >= t for m in marks)) < SQUEEZE_MIN_LINES:
            continue
        fit = sum(a[1] - (a[0] >= t) == b[1] - (b[0] >= t) for a, b in pairs)
        if fit > best_fit:
            best, best_fit = t, fit
    return best


def unsqueezed(lines: list[Line], threshold: int | None) -> list[Line]:
    """The lines with a squeezed line's extra cell taken off its width (see
    squeeze_threshold): every full line then measures the column.

    Only in the width blocks that hold full lines of their own (a column of
    text): a headline or a box of a few lines has no line squeezed full.
    """
    if threshold is None:
        return lines
    blocks, _, pairs = _measured(tuple(lines))
    counts: dict[int, int] = {}
    for block, _, _ in pairs:
        counts[block] = counts.get(block, 0) + 1
    return [
        replace(ln, body=ln.body - 1) if _marks(ln) >= threshold and counts.get(b, 0) >= SQUEEZE_RUN_PAIRS else ln
        for ln, b in zip(lines, blocks)
    ]


def split_units(lines: list[Line], squeeze: int | None = None) -> list[Unit]:
    """Cut a run of text lines into paragraphs and stand-alone line groups.

    `squeeze`: the page's squeeze threshold (see squeeze_threshold), if any.
    """
    if not lines:
        return []
    # Decided on the lines measured without a squeezed line's extra cell;
    # the units hold the lines as dumped.
    measured = unsqueezed(lines, squeeze)
    widths = _measured(tuple(lines))[1] if measured is lines else column_widths(measured)
    exact = exactly_set(measured, widths)
    units: list[list[Line]] = [[lines[0]]]
    doubts: list[set[str]] = [set()]
    for i in range(1, len(lines)):
        width = max(widths[i - 1], widths[i])
        prev_starts = len(units[-1]) == 1
        broke = breaks_before(measured, i, width, prev_starts, exact)
        doubt = doubtful_break(measured, i, width, prev_starts, broke)
        if broke:
            units.append([lines[i]])
            doubts.append(set())
        else:
            units[-1].append(lines[i])
        if doubt:
            doubts[-1].add(doubt)
            if broke and len(units) > 1:
                doubts[-2].add(doubt)  # the paragraph above may have gone on
    out: list[Unit] = []
    for u, d in zip(units, doubts):
        out.extend(_heading_after_sentence(Unit(tuple(u), tuple(sorted(d)))))
    return out


#: A section heading runs to at most this many lines.
HEADING_LINES = 3


def _heading_after_sentence(unit: Unit) -> list[Unit]:
    """A stand-alone group that holds a sentence end: a paragraph, then a heading.

    A section heading never ends a sentence inside it.  One as wide as the
    column wraps and fills its first line, so it shows no indent under the
    full last line of the paragraph above ("…取得明显成效。" + "“某某”机制建设
    的建" + "议"): the lines stay together until the heading's short tail
    stands alone.  What runs to the last sentence end is the paragraph.
    """
    lines = unit.lines
    if unit.is_paragraph or len(lines) < 2:
        return [unit]
    ends = [k for k, ln in enumerate(lines[:-1]) if ln.sentence_end]
    if not ends or len(lines) - ends[-1] - 1 > HEADING_LINES:
        return [unit]
    k = ends[-1] + 1
    return [Unit(lines[:k], unit.doubts), Unit(lines[k:], unit.doubts)]


#: A width difference within this of a threshold decides on about one cell.
DOUBT_MARGIN = 0.75


def doubtful_break(lines: list[Line], i: int, width: float, prev_starts: bool, broke: bool) -> str | None:
    """The review flag kind of a boundary decided on weak evidence, else None.

    A line without any punctuation as wide as an indented first line,
    followed by a line a cell short, not joined to it by a word: the first
    line of a paragraph, or a section heading nearly as wide as the column
    with the first line of its paragraph under it.  Also a short line
    without marks kept over an indented one only because a word runs across
    them (a heading whose last character makes a word with the paragraph's
    first by chance: …范围内 + 在…).  (Paragraph breaks after a full line
    that ends a sentence rest on a cell too, but flagging them would flag
    most articles: they are left to the measure.)
    """
    prev, cur = lines[i - 1], lines[i]
    if blank_break(lines, i):
        return None
    if (
        prev_starts and not prev.sentence_end and not prev.clause_end and len(prev.text) >= 4
        and not _ANY_MARK.search(prev.text) and not joins_word(prev.text, cur.text)
    ):
        short, short_cur = width - prev.body, short_of(lines, i, width)
        opener = "，" in cur.text[:5]  # 当前，近年来，同时，: how a paragraph often opens
        if not broke and opener and INDENT - DOUBT_MARGIN <= short <= INDENT + 1.0 and 0.75 <= short_cur <= 1.75:
            # An indented first line without any punctuation, then a line a
            # cell short that opens like a sentence: or a heading nearly as
            # wide as the column, then the first line under it.
            return "heading_ambiguous"
    if (
        prev_starts and not broke and not prev.sentence_end and not prev.clause_end and len(prev.text) >= 4
        and not _ANY_MARK.search(prev.text) and joins_word(prev.text, cur.text)
        and width - prev.body >= STANDALONE and short_of(lines, i, width) >= SHORT_FIRST
    ):
        # Kept together only because a word runs across: a heading, or a
        # paragraph's short first line (see the docstring).
        return "heading_ambiguous"
    return None


_ANY_MARK = re.compile(r"[，。、；：！？,.;:!?（）()]")
