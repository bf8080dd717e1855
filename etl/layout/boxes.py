"""Pull-quote boxes: where a box begins and ends, and which body holds one.

A box (观点, 摘要) restates a passage of its article, word for word or as an
editor shortened it, in a frame narrower than the columns.  The dump keeps
neither the frame nor the ●观点 marker reliably, so a box runs into what
is printed around it: headlines glued over it, the body's first paragraph
under it, a body it stands over, or the end of the body above it.  The
conventions used here:

* **a box quotes whole sentences** of its article: what stands before the
  quoted sentence's start is a headline, what comes after its end and is
  found in no article is the body's paragraph;
* **no paragraph of one article is printed in another**: a leading
  paragraph found word for word in another article is that article's box;
* **a box is set narrower than the column** it stands in, in a text frame of
  its own (the dump may start the frame's first line with a space).
"""

from __future__ import annotations

import re
from typing import Protocol

from .blocks import PULLQUOTE_MAX_CHARS, Block, BodyItem
from .fields import bigrams, containment, display_text, shares
from .headlines import TITLE_LINE_OWNER
from .lines import Line
from .reflow import Unit
from .regroup import MIN_PASSAGE, running_text


class Draft(Protocol):
    """What these rules read of an article being assembled (`drafts.Draft`)."""

    body: Block
    pullquote: Block | None
    text: str
    grams: set[str]


#: A first paragraph whose lines are this much narrower than the body's is a box.
BOX_NARROWER = 3.5


def _narrower_than_body(items: list[BodyItem]) -> bool:
    """Is the first paragraph set in a frame much narrower than the body's column?

    Widths of the lines that are full or indented: not a paragraph's last.
    """
    def inner(item: BodyItem) -> list[float]:
        return [ln.body for ln in item.lines[:-1]]

    if any(it.role == "attribution" for it in items):
        return False  # a digest: its views are boxed wider than the introduction
    first = inner(items[0])
    rest = sorted(w for it in items[1:] if it.role == "paragraph" for w in inner(it))
    if len(first) < 2 or len(rest) < 3:
        return False
    return max(first) <= rest[len(rest) // 2] - BOX_NARROWER


def boxes_out_of_bodies(blocks: list[Block], drafts: list["Draft"]) -> list[Block]:
    """Take out of a body the box that opens it and restates another article.

    A pull-quote box that lost its ●观点 marker and stands right above a
    body is read as the body's first paragraph.  But a box restates a
    passage of its own article word for word, and no paragraph of one
    article is printed word for word in another: a leading paragraph found
    in another article, and nowhere else in its own, is that article's box.
    """
    out: list[Block] = []
    for b in blocks:
        d = next((x for x in drafts if x.body is b), None)
        items = b.items if d is not None else []
        if items and items[0].role == "paragraph" and len(items) > 1:
            text = items[0].text
            rest = running_text(items[1:])
            others = [x for x in drafts if x is not d and text in x.text]
            # ...and one repeated word for word further down its own body is
            # its own box, set between the byline and the body.
            own = not others and text in rest and d.pullquote is None
            # ...and so is one set in a frame much narrower than the body's
            # column (a box is set narrower than the columns around it).
            narrow = not others and _narrower_than_body(items)
            if len(text) >= MIN_PASSAGE and (len(others) == 1 and text not in rest or own or narrow):
                out.append(Block("pullquote", items[0].lines))
                del items[0]
                d.text = rest
                d.grams = bigrams(rest)
        out.append(b)
    return out


def boxes_ending_bodies(blocks: list[Block], drafts: list["Draft"]) -> list[Block]:
    """Take out of a body the box that ends it and restates another article.

    A box printed over the next article's headline, with no footer between
    (the article above ends without one), is read as the last paragraph of
    the body above.  It is a box when the dump opens a new text frame with
    it (its first line starts with a space) or another article prints it
    word for word, its lines are set much narrower than the body's column,
    and it shares more of another article's words than of the body it
    ended.
    """
    out: list[Block] = []
    for b in blocks:
        out.append(b)
        d = next((x for x in drafts if x.body is b), None)
        if d is None or b.footer or len(b.items) < 2:
            continue
        last = b.items[-1]
        if last.role != "paragraph" or len(last.lines) < 3:
            continue
        text = last.text
        # A new frame, or a paragraph another article prints word for word.
        if not last.lines[0].lead and not any(text in x.text for x in drafts if x is not d):
            continue
        rest = running_text(b.items[:-1])
        column = sorted(ln.body for it in b.items[:-1] if it.role == "paragraph" for ln in it.lines[:-1])
        if len(text) > PULLQUOTE_MAX_CHARS or len(column) < 3:
            continue
        if max(ln.body for ln in last.lines[:-1]) > column[len(column) // 2] - BOX_NARROWER:
            continue
        rest_grams = bigrams(rest)
        if max((containment(text, x.grams) for x in drafts if x is not d), default=0.0) > containment(text, rest_grams):
            del b.items[-1]
            d.text = rest
            d.grams = rest_grams
            out.append(Block("pullquote", last.lines))
    return out


def box_heads_apart(blocks: list[Block], drafts: list["Draft"]) -> list[Block]:
    """Cut between headlines and a pull-quote box where the box's passage begins.

    A box without its ●观点 marker starts with lines that look like a
    headline ('某市推动协商机制' + '建设，…'), and a box printed under
    displaced headlines can run on from them.  A box that restates a passage
    of its article word for word shows where it begins:

    * a title line right above the box belongs to it if the passage, with
      that line in front, is still in the article;
    * lines at the head of a box that are not in the passage go to the
      titles if each reads like a headline (no clause punctuation) and
      either the passage opens a sentence of an article (a box quotes
      whole sentences: the lines over it are a headline glued on, even the
      box's own article's) or each belongs, by its words, to another
      article than the box.

    An edited box, not word for word, keeps what it has: its first line may
    well differ from the article.
    """
    texts = [d.text for d in drafts]
    out: list[Block] = []
    for box in blocks:
        if box.kind != "pullquote" or not box.lines:
            out.append(box)
            continue
        title = out[-1] if out and out[-1].kind == "title" and out[-1].lines else None
        owners = [k for k, t in enumerate(texts) if Unit(box.lines).text in t]
        if len(owners) == 1 and title is not None:
            k = len(title.lines)
            while k > 0 and Unit(title.lines[k - 1 :] + box.lines).text in texts[owners[0]]:
                k -= 1
            out[-1] = Block("title", title.lines[:k])
            out.append(Block("pullquote", title.lines[k:] + box.lines))
            continue
        if not owners:
            head = _headlines_before_passage(box.lines, texts, drafts)
            if head:
                out.append(Block("title", box.lines[:head]))
                out.append(Block("pullquote", box.lines[head:]))
                continue
        out.append(box)
    return [b for b in out if b.kind != "title" or b.lines]


def box_tails_back(blocks: list[Block], drafts: list["Draft"]) -> list[Block]:
    """Give the body under a box back the paragraph the box ran on into.

    A box quotes whole sentences of its article word for word.  When the
    box read over a body is found nowhere as a whole, but its lines up to a
    sentence end are, and the rest is found nowhere (it was taken out of
    the body), the rest is the body's first paragraph: the box's frame ended
    where the quoted sentences did, and nothing in the dump marked it.  The
    rest must be set wider than the box (a box is set narrower than the
    column): a sentence the editor shortened is no paragraph of the body.
    """
    texts = [d.text for d in drafts]
    out = list(blocks)
    for k, box in enumerate(out[:-1]):
        body = out[k + 1]
        d = next((x for x in drafts if x.body is body), None)
        if box.kind != "pullquote" or d is None or any(Unit(box.lines).text in t for t in texts):
            continue
        for cut in range(len(box.lines) - 1, 0, -1):
            quote, rest = box.lines[:cut], box.lines[cut:]
            if not (quote[-1].sentence_end and rest[-1].sentence_end):
                continue
            if max(ln.body for ln in rest) <= max(ln.body for ln in quote):
                continue  # set within the box's width: an edited sentence of the box
            if any(Unit(quote).text in t for t in texts) and not any(Unit(rest).text in t for t in texts):
                out[k] = Block("pullquote", quote)
                body.items.insert(0, BodyItem("paragraph", rest))
                d.text = running_text(body.items)
                d.grams = bigrams(d.text)
                texts = [x.text for x in drafts]
                break
    return out


def _headlines_before_passage(lines: tuple[Line, ...], texts: list[str], drafts: list["Draft"]) -> int:
    """How many head lines of a box are headlines (0 if none)."""
    def owners_from(k: int) -> tuple[str, list[int]]:
        passage = Unit(lines[k:]).text
        return passage, [j for j, t in enumerate(texts) if passage in t]

    # A box quotes whole sentences: lines without clause punctuation over a
    # passage that opens a sentence of an article are no part of the quote
    # (even when another article prints the same sentence).
    for k in range(1, len(lines)):
        if _CLAUSE_MARKS.search(lines[k - 1].text):
            break
        passage, owners = owners_from(k)
        if owners and len(passage) >= 8:
            if any(_opens_sentence(passage, drafts[j]) for j in owners):
                return k
            break
        if not owners and _quotes_clauses(passage, drafts):
            return k
    # A box is one text frame: where the dump opens a new frame (a line it
    # starts with a space) under lines without clause punctuation, those
    # lines are headlines printed over the box (an edited box is found in
    # no article, so its words cannot show where it begins).
    # So does a line wider than every line of the box under it (a line
    # wider than a column is no line of it).
    frame = 0
    for k in range(1, len(lines)):
        if _CLAUSE_MARKS.search(lines[k - 1].text):
            break
        if lines[k].lead or lines[k - 1].body > max(ln.body for ln in lines[k:]):
            frame = k
    if frame:
        return frame
    # Otherwise the head lines must each be another article's headline.
    for k in range(1, len(lines)):
        passage, owners = owners_from(k)
        if len(owners) == 1 and len(passage) >= 8:
            break
    else:
        return 0
    if any(_CLAUSE_MARKS.search(ln.text) for ln in lines[:k]):
        return 0
    for ln in lines[:k]:
        scores = shares(display_text((ln,)), drafts)
        best = max(scores)
        if best < TITLE_LINE_OWNER or scores.index(best) == owners[0]:
            return 0
    return k


_CLAUSE_MARKS = re.compile(r"[，。、；：！？]")
_SENTENCE_ENDS = tuple("。！？；…")


#: An edited box's opening words found in its article: at least this many characters.
CLAUSE_MIN = 8


def _quotes_clauses(passage: str, drafts: list["Draft"]) -> bool:
    """Does an edited box open with a sentence of an article and end with
    that article's words?

    Editors shorten the passage a box quotes (they join the first clause
    of one sentence to the next sentence), so the whole box is not found in
    its article; its opening clauses, where a sentence of the article
    starts, and its last clause still are.
    """
    marks = [m.start() for m in _CLAUSE_MARKS.finditer(passage)]
    head = next((passage[:at] for at in marks if at >= CLAUSE_MIN), None)
    tail = next((passage[at + 1 :] for at in reversed(marks[:-1]) if at > len(head or passage)), None)
    if head is None or tail is None:
        return False
    return any(tail in d.text and _opens_sentence(head, d) for d in drafts)


def _opens_sentence(passage: str, d: "Draft") -> bool:
    """Does the passage start where a sentence of the article starts (after
    a sentence's end, or at the start of a paragraph or heading)?"""
    text = d.text
    at = text.find(passage)
    if at < 0:
        return False
    starts, pos = {0}, 0
    for it in d.body.items:
        pos += len(running_text([it]))
        starts.add(pos)
    return at in starts or text[:at].rstrip("”’」』）").endswith(_SENTENCE_ENDS)


__all__ = ["box_heads_apart", "box_tails_back", "boxes_ending_bodies", "boxes_out_of_bodies"]
