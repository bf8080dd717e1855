"""Regroup the segmenter's blocks where the page's conventions show it cut wrongly.

`blocks.segment` reads one page alone, line by line; some of its cuts only
show as wrong once the blocks are seen together (or, for the page's top
line, once the archive is: see `banners`).  Each function here takes the
blocks and returns them regrouped, before `assemble` gives the parts to
their articles:

* `banner_apart`: the page's first line set apart as its banner when the
  archive says it is one;
* `boxes_read_as_bodies`: a body of one short paragraph that another
  article prints word for word (or nearly) is that article's box;
* `bodies_at_bylines`: a body that ran on into the next article is cut at
  the byline inside it.
"""

from __future__ import annotations

from dataclasses import replace

from .blocks import PULLQUOTE_MAX_CHARS, Block, BodyItem
from .fields import bigrams, containment
from .headlines import runs_on
from .lines import Line, byline_names

#: A box's passage shorter than this (in characters) proves nothing.
MIN_PASSAGE = 12
#: ...and one whose bigrams an article holds this much of restates that article.
BOX_RESTATES = 0.9


def running_text(items: list[BodyItem]) -> str:
    """A body's paragraphs and headings joined: the text its parts are matched against."""
    return "".join(it.text for it in items if it.role != "attribution")


def boxes_read_as_bodies(blocks: list[Block]) -> list[Block]:
    """A body of one short paragraph that another article prints word for
    word, or nearly, is that article's pull-quote box.

    A box without its ●观点 marker set apart from its article's body (an
    editor's note printed between them) comes out of the dump as a body of
    its own: one paragraph, no byline over it, no footer under it.  No
    article prints one of its paragraphs in another; a box restates a
    passage of its article word for word, or an editor condenses it (a word
    or two left out: nearly all of its bigrams are still the article's,
    `BOX_RESTATES`; a paragraph of one article shares far fewer with
    another).
    """
    texts = {id(b): running_text(b.items) for b in blocks if b.kind == "body"}
    grams: dict[int, set[str]] = {}  # each body's bigrams, read when a short body needs them

    def restates(text: str, k: int) -> bool:
        if text in texts[k]:
            return True
        if k not in grams:
            grams[k] = bigrams(texts[k])
        return containment(text, grams[k]) >= BOX_RESTATES

    out: list[Block] = []
    lead: tuple[Line, ...] = ()  # a byline over the box: the next body's
    for b in blocks:
        if b.kind == "body" and len(b.items) == 1 and b.items[0].role == "paragraph" and not b.footer:
            text = texts[id(b)]
            if MIN_PASSAGE <= len(text) <= PULLQUOTE_MAX_CHARS and any(restates(text, k) for k in texts if k != id(b)):
                out.append(Block("pullquote", b.items[0].lines))
                lead += b.lead_ins
                continue
        if b.kind == "body" and lead:
            b = replace(b, lead_ins=lead + b.lead_ins)
            lead = ()
        out.append(b)
    return out


def is_byline(item: BodyItem) -> bool:
    """Is a body item a person's name alone on its line, read as a heading?"""
    return item.role == "heading" and len(item.lines) == 1 and bool(byline_names(item.lines[0].tokens))


def _short_paragraph(item: BodyItem) -> bool:
    return item.role == "paragraph" and len(running_text([item])) <= PULLQUOTE_MAX_CHARS


#: Boxes an article prints between its headline and its byline, at most.
MAX_BOXES = 1


def bodies_at_bylines(blocks: list[Block]) -> list[Block]:
    """A body that ran on into the next article is cut at its byline.

    A body has no byline inside it: a person's name alone on a line read as
    a section heading, under a line read as a heading and at most a short
    paragraph (a box without its marker), is the next article's byline
    under its headline and box (an article without a footer runs into the
    next when nothing else separates them).  The body is cut there: the
    heading lines become a headline, the short paragraph a box, the name a
    byline, and what follows a body of its own.
    """
    out: list[Block] = []
    for b in blocks:
        while b.kind == "body":
            at = next((k for k, it in enumerate(b.items) if k > 0 and is_byline(it)), None)
            if at is None:
                break
            box = at
            while box > 0 and at - box < MAX_BOXES and _short_paragraph(b.items[box - 1]):
                box -= 1
            start = box
            while start > 0 and b.items[start - 1].role == "heading" and not is_byline(b.items[start - 1]):
                start -= 1
            if start == 0 or start == box or at + 1 >= len(b.items):
                break
            name = b.items[at].lines
            out.append(Block("body", (), items=b.items[:start], lead_ins=b.lead_ins))
            out.append(Block("title", tuple(ln for it in b.items[start:box] for ln in it.lines)))
            out.extend(Block("pullquote", it.lines) for it in b.items[box:at])
            out.append(Block("byline", name))
            b = Block("body", (), items=b.items[at + 1 :], footer=b.footer, lead_ins=name)
        out.append(b)
    return out


def banner_apart(blocks: list[Block]) -> list[Block]:
    """The page's first line set apart as its banner, when the archive says
    it is one (a line printed atop several pages and nowhere else: see
    `banners`): no headline, label or byline of an article, whatever its
    words or its shape.  But a banner is complete on its line: a first line
    that a word runs on from into the next (…构建可持 / 续协商…) is a wrapped
    headline, whatever the archive says (an article printed atop two pages).
    """
    if not blocks or blocks[0].kind == "body" or not blocks[0].lines:
        return blocks
    first, rest = blocks[0].lines[0], blocks[0].lines[1:]
    if rest and runs_on(first, rest[0]):
        return blocks
    return [Block("banner", (first,))] + ([replace(blocks[0], lines=rest)] if rest else []) + blocks[1:]


__all__ = ["MIN_PASSAGE", "banner_apart", "bodies_at_bylines", "boxes_read_as_bodies", "is_byline", "running_text"]
