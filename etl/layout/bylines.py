"""Bylines: which article a byline printed among several heads belongs to.

A byline is first given to the body it stands over (`regroup`, `blocks`);
when the heads of two articles are printed together, `stacked_bylines`
moves it to the article whose box or headline it stands under, and flags
the judgment (``byline_ambiguous``).
"""

from __future__ import annotations

from .blocks import Block
from .drafts import Draft, views_gathered


def stacked_bylines(blocks: list[Block], drafts: list[Draft], notes: list) -> None:
    """Bylines piled up over one body: each earlier one goes with the box or
    headline printed right above it.

    A byline stands under its article's headline or box.  When the heads of
    two articles are printed together (box, byline, box, byline) and a body
    follows, each byline belongs to the article whose box or headline it
    stands under; one under nothing of another article stays with the body
    (unless the body is a digest's: signed by its compiler, a digest has no
    author's byline).  Of several bylines over the page's first body, the
    one printed first goes to the second article when that has none (see
    below).  Which article a byline goes with is then a judgment: flagged.
    """
    owner_of = {}
    for d in drafts:
        for b in (d.pullquote, d.title):
            if b is not None:
                owner_of[id(b)] = d
    position = {id(b): i for i, b in enumerate(blocks)}
    piled: Block | None = None  # a byline of several over one body

    def bylineless_above(byline: Block, d: Draft) -> Draft | None:
        """The other article whose box or headline is printed right above the
        byline, if it has no byline of its own."""
        k = position[id(byline)]
        above = owner_of.get(id(blocks[k - 1])) if k else None
        return above if above is not None and above is not d and not above.bylines else None

    for d in drafts:
        if len(d.bylines) == 1:
            # One byline over the body, right under another article's box or
            # headline whose article has none: it stays with the body, but it
            # may be the other article's (the heads of two articles stacked);
            # over a digest's views it is the other article's, since a digest
            # is signed by its compiler, not by an author.
            byline = d.bylines[0]
            above = bylineless_above(byline, d)
            if above is not None and views_gathered(d):
                d.bylines.remove(byline)
                above.bylines.append(byline)
                notes.append(("byline_ambiguous", byline.lines, above, "under this article's box, over a digest's body"))
            elif above is not None:
                notes.append(("byline_ambiguous", byline.lines, d, "under another article's box or headline, which has no byline"))
                notes.append(("byline_ambiguous", byline.lines, above, "the byline under this article's box or headline went to the body below"))
            continue
        for byline in list(d.bylines):
            above = bylineless_above(byline, d)
            if above is not None:
                d.bylines.remove(byline)
                above.bylines.append(byline)
                notes.append(("byline_ambiguous", byline.lines, above, "under this article's box, over another article's body"))
        if len(d.bylines) >= 2 and d is drafts[0] and len(drafts) > 1 and not drafts[1].bylines:
            # The heads of the page's first two articles stacked at its top
            # (the second's box and byline, then the first's, then the
            # first's headline and body): a byline under no box of its own
            # printed first of several over the first body is the second
            # article's, which has none.
            first = min(d.bylines, key=lambda b: position[id(b)])
            d.bylines.remove(first)
            drafts[1].bylines.append(first)
            notes.append(("byline_ambiguous", first.lines, drafts[1], "printed first of several over the page's first body: taken for the next article's"))
            notes.append(("byline_ambiguous", first.lines, d, "the first of several bylines over this body went to the next article"))
        for byline in d.bylines:
            notes.append(("byline_ambiguous", byline.lines, d, "one of several bylines over this body"))
            piled = piled or byline
    if piled is not None:
        # Bylines piled over one body while another article has none: one
        # of them may be that article's (its byline printed with the other's
        # heads), so the article without a byline is checked too.
        for d in drafts:
            if not d.bylines:
                notes.append(("byline_ambiguous", piled.lines, d, "no byline, while several stand over another body"))
