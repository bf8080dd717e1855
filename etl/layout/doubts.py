"""Doubts about the page's structure: the review flags `assemble` raises
once every headline, box, label and byline has found its article.

Each flag is one rule's doubt (see `flags.KINDS`): a headline given by its
words while another article shares them almost as well, a headline joined
from lines whose join was a guess, a kicker that may be part of the
headline, a box or a label printed away from its article, and what reads
like a headline but belongs to no article.
"""

from __future__ import annotations

from .banners import ARTICLE
from .blocks import Block
from .drafts import Draft, header_zone
from .fields import containment, display_text, shares
from .headlines import TITLE_LINE_OWNER, is_label, join_headline, piece_text, pieces, verb_phrases
from .reflow import Unit

#: A headline printed away from its body is doubtful when another article
#: shares less than this much fewer of its words.
FAR_MARGIN = 0.25
#: The first half of a two-part headline sharing less than this much of its
#: words with the article may be its kicker (see `structural_doubts`).
HALF_OWN_WORDS = 0.5


def displaced_pair_doubt(blocks: list[Block], by_block: dict[int, Draft], d: Draft, notes: list) -> None:
    """A headline printed away from its body moves with its kicker (引题),
    set right over it; so a far headline with a display line right under it
    that is no headline of its own (left over, or read as the next
    headline's kicker) may be the pair's kicker, and that line the headline:
    words alone cannot tell (the kicker's theme words are the article's
    too).  Both articles concerned are flagged.  (A line right over a far
    headline was checked too: right about 1 time in 4, not flagged.)"""
    k = next((i for i, b in enumerate(blocks) if b is d.title), None)
    under = blocks[k + 1] if k is not None and k + 1 < len(blocks) else None
    if under is None or under.kind != "title" or is_label(under.lines):
        return
    other = by_block.get(id(under))
    if other is None or other.kicker is under:
        detail = f"{display_text(d.title.lines)} | {display_text(under.lines)}"
        notes.append(("kicker_guess", d.title.lines, d, detail))
        if other is not None and other is not d:
            notes.append(("kicker_guess", under.lines, other, detail))


def structural_doubts(
    blocks: list[Block], drafts: list[Draft], by_block: dict[int, Draft], in_zone: set[int], notes: list,
    top: str | None = None,
) -> None:
    """Flags for the page's structure decided on weak evidence (see `flags.KINDS`)."""
    for d in drafts:
        if d.title is None:
            notes.append(("title_missing", d.body.all_lines[:1], d, "no headline found for this body"))
        else:
            text = display_text(d.title.lines)
            if id(d.title) not in in_zone and header_zone(drafts, d.title) is not d:
                mine = containment(text, d.grams)
                others = [containment(text, x.grams) for x in drafts if x is not d]
                if others and mine - max(others) < FAR_MARGIN:
                    notes.append(("title_far_from_body", d.title.lines, d, "headline given by its words, which another article shares almost as well"))
                displaced_pair_doubt(blocks, by_block, d, notes)
            joined = join_headline(d.title.lines)
            if joined.guess:
                notes.append(("title_lines_joined", d.title.lines, d, joined.text))
            tail = d.title.lines[-1:]
            if len(d.title.lines) > 1 and is_label(tail) and containment(display_text(tail), d.grams) < HALF_OWN_WORDS:
                # A short name under a headline that shares none of the
                # article's words: the headline's tail, or a column label
                # printed under it (labels without their icon look alike).
                notes.append(("title_lines_joined", d.title.lines, d, f"{joined.text} (the last line may be a label)"))
            parts = pieces(d.title.lines)
            if len(parts) > 1:
                first = piece_text(parts[0])
                rest = joined.text[len(first):].strip()
            else:
                first, _, rest = joined.text.partition(" ")
            wrapped = len(parts) > 1 and not joined.text[len(first) :].startswith(" ")
            if d.kicker is None and wrapped and verb_phrases(first, piece_text(parts[1])):
                # Two verb phrases joined as one wrapped headline: the upper
                # one may be a kicker over a short headline (推动…发展 + 支持…).
                notes.append(("kicker_guess", d.title.lines, d, f"{first} | {rest}"))
            elif d.kicker is None and rest and containment(first, d.grams) < HALF_OWN_WORDS:
                # Each half of a two-part headline, and the first line of a
                # wrapped one, restates the article in its own words; a kicker
                # (引题) sets the context in general ones (推动…高质量发展).  A
                # first part that shares few words with the article may be a
                # kicker read as part of the headline.
                notes.append(("kicker_guess", d.title.lines, d, f"{first} | {rest}"))
        if d.pullquote is not None and header_zone(drafts, d.pullquote) is not d:
            text = Unit(d.pullquote.lines).text
            others = [containment(text, x.grams) for x in drafts if x is not d]
            if others and containment(text, d.grams) - max(others) < FAR_MARGIN:
                notes.append(("box_by_content_only", d.pullquote.lines, d, "box printed in another article's header, given by words another article shares almost as well"))
    for i, b in enumerate(blocks):
        if id(b) in by_block or b.kind not in ("title", "pullquote", "column", "series", "note", "byline"):
            continue
        near = header_zone(drafts, b)
        if b.kind == "title":
            if i == 0 and top != ARTICLE:
                # A short name there may be the first article's column label,
                # a phrase right over a headline its kicker (引题): unless the
                # archive showed it is a banner (printed atop other pages),
                # the reading is a guess.
                over_headline = i + 1 < len(blocks) and blocks[i + 1].kind == "title"
                if near is not None and top is None and (is_label(b.lines) or over_headline):
                    notes.append(("banner_or_label", b.lines, near, display_text(b.lines)))
                    # (The headline under it may be another article's, printed away from its body.)
                    under = by_block.get(id(blocks[i + 1])) if over_headline else None
                    if under is not None and under is not near:
                        notes.append(("banner_or_label", b.lines, under, display_text(b.lines)))
            else:
                notes.append(("residue_looks_like_title", b.lines, near, display_text(b.lines)))
                # A headline shares words with its article: a left-over one
                # that another article shares clearly more of may be that
                # article's headline, whose own may then be wrong: flagged too.
                scores = shares(display_text(b.lines), drafts)
                best = max(range(len(drafts)), key=scores.__getitem__) if drafts else None
                here = scores[drafts.index(near)] if near is not None else 0.0
                if (
                    best is not None and drafts[best] is not near
                    and scores[best] >= TITLE_LINE_OWNER and scores[best] - here >= FAR_MARGIN
                ):
                    notes.append(("residue_looks_like_title", b.lines, drafts[best], display_text(b.lines)))
        elif b.kind in ("column", "series"):
            if not any(kind == "label_orphan" and lines == b.lines for kind, lines, _, _ in notes):  # once per label
                notes.append(("label_orphan", b.lines, near, display_text(b.lines)))
        else:
            notes.append(("residue_looks_like_title" if b.kind == "title" else "box_by_content_only", b.lines, near,
                          f"{b.kind} belongs to no article"))
