"""Assemble articles: give every title, pull-quote and label to its article.

Each article body found by `blocks.segment` becomes one article.  What floats
around the bodies is attached by *content*, because page order lies: a title
can be printed far from its body, and a pull-quote box can sit beside another
article's title.

* A **title** shares words with its body; a **pull-quote** restates a passage
  of its article nearly word for word.  Both go to the article whose text
  contains most of their character bigrams (greedy, best pair first, each
  article taking at most one of each).
* A numbered **series** label names the series' topic, so it goes by content
  too; a **column** label ('G 职场观察') is generic and goes to the article
  printed right after it; a **subtitle** follows its title.
* What belongs to no article (a page banner, an orphan box) is kept as page
  residue with the reason, so that no character of the page is lost.

The article being assembled is a `drafts.Draft`; bylines printed among
several heads are settled in `bylines`, and the review flags on the page's
structure are raised in `doubts`, once everything has found its article.
"""

from __future__ import annotations

from ..text import default_tokenizer
from .blocks import Block
from .fields import (
    bigrams, containment, contributors_of, display_text, note_text, shares, series_text, speakers, speakers_and_doubt,
    subtitle_text, title_text, column_text,
)
from .banners import ARTICLE, BANNER
from .boxes import box_heads_apart, box_tails_back, boxes_ending_bodies, boxes_out_of_bodies
from .flags import Flag
from .labels import likely_owner, likely_owners, series_owner
from .headlines import TITLE_LINE_OWNER, is_label, split_stack, two_halves
from .reflow import Unit
from .regroup import banner_apart, bodies_at_bylines, boxes_read_as_bodies, is_byline, running_text
from .lines import Line, byline_names, looks_like_name, undouble
from .model import ParsedArticle, ParsedContributor, ParsedPage, ParsedParagraph, Residue
from .bylines import stacked_bylines
from .doubts import FAR_MARGIN, structural_doubts
from .drafts import Draft, header_zone

#: Least share of a title's bigrams found in a body to assign it by content.
TITLE_MIN_OVERLAP = 0.2
#: Least share of a short name's bigrams (see `headlines.is_label`) that makes it a far body's title.
LABEL_AS_TITLE = 0.5
#: Least share of a pull-quote's bigrams found in a body.
PULLQUOTE_MIN_OVERLAP = 0.3


# --- assembly -------------------------------------------------------------------------




def _greedy(cands: list[Block], drafts: list[Draft], attr: str, score, threshold: float) -> None:
    pairs = sorted(
        ((score(c, d), -abs(c.first - d.body.first), i, j) for i, c in enumerate(cands) for j, d in enumerate(drafts)),
        reverse=True,
    )
    used: set[int] = set()
    for s, _, i, j in pairs:
        if s < threshold:
            break
        if i in used or getattr(drafts[j], attr) is not None:
            continue
        setattr(drafts[j], attr, cands[i])
        used.add(i)


#: A headline in its article's header zone keeps it against another article
#: that shares at most this much more of its words.
ZONE_MARGIN = 0.1


def _titles_in_zone(blocks: list[Block], drafts: list[Draft], overlap) -> None:
    """The headline printed nearest above a body, in its header zone, is its own.

    Page order lies about displaced headlines, but not about the headline
    right over a body (with only its byline, box or labels between): that one
    is the body's unless its words clearly belong to another article.
    Content alone would give a kicker or a displaced headline that happens
    to share more words the wrong article.
    """
    start = 0
    for i, b in enumerate(blocks):
        if b.kind != "body":
            continue
        d = next(x for x in drafts if x.body is b)
        zone = [x for x in blocks[start:i] if x.kind == "title"]
        start = i + 1
        if not zone:
            continue
        cand = zone[-1]
        scores = [overlap(cand, x) for x in drafts]
        mine = scores[drafts.index(d)]
        if mine >= TITLE_LINE_OWNER and mine >= max(scores) - ZONE_MARGIN:
            d.title = cand


def _zone_over_far(titles: list[Block], drafts: list[Draft], taken: set[int], overlap, banner_place: Block | None) -> None:
    """A headline right over a body beats one printed elsewhere that was
    given to it on weak evidence.

    An article given by its words a headline printed away from its body,
    which another article shares almost as well (`FAR_MARGIN`: what
    `title_far_from_body` flags), while the headline nearest above its body
    is left free and shares its words too, takes that one: the far line is
    most likely another article's kicker (引题), whose theme words are this
    article's too.  (A column label, or the line in the banner's place, is
    no such headline.)
    """
    for d in drafts:
        if d.title is None or header_zone(drafts, d.title) is d:
            continue
        zone = [t for t in titles if t.first < d.body.first and header_zone(drafts, t) is d]
        if not zone or id(zone[-1]) in taken or zone[-1] is banner_place or is_label(zone[-1].lines):
            continue
        far = [overlap(d.title, x) for x in drafts]
        mine = far[drafts.index(d)]
        weak = mine - max((v for x, v in zip(drafts, far) if x is not d), default=0.0) < FAR_MARGIN
        if weak and overlap(zone[-1], d) >= TITLE_MIN_OVERLAP:
            taken.discard(id(d.title))
            d.title = zone[-1]
            taken.add(id(d.title))


def _split_titles(blocks: list[Block], drafts: list[Draft], kickers: list[Block], top: str | None = None) -> list[Block]:
    """Cut each stack of title lines into headlines (see `headlines.split_stack`);
    the kickers found on the way are added to `kickers`."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if b.kind != "title" or len(b.lines) < 2 or not drafts:
            out.append(b)
            continue
        for h in split_stack(b.lines, lambda text: shares(text, drafts), page_top=i == 0 and top != ARTICLE):
            if h.kicker:
                kickers.append(Block("title", h.kicker))
                out.append(kickers[-1])
            out.append(Block("title", h.lines))
    return out


def _heads_over_titles(blocks: list[Block], drafts: list[Draft], taken: set[int], notes: list, top: str | None = None) -> list[Block]:
    """Unclaimed display lines over a headline: a column label, a kicker or
    the headline's first half (see `_first_half_of`).  `top` is the role of
    the page's top line in its archive (`banners.role_of`).

    A column label without its icon (职场观察) is a short name printed at
    the head of its article, generic: it shares few words with any article;
    a kicker (引题) is a phrase printed right over the headline, on the
    article's theme.  Neither was claimed as a headline.  The first line of
    the page is its banner.
    """
    title_of = {id(d.title): d for d in drafts if d.title is not None}
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if b.kind != "title" or id(b) in taken or len(b.lines) != 1:
            out.append(b)
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if i == 0 and top != ARTICLE:
            # The first line of the page is its banner (the section's running
            # name, a campaign's slogan), though a short name there may be the first
            # article's column label: `flags` says so, unless the archive
            # showed it printed atop other pages only (see `banners`).  When
            # the archive showed it printed lower on a page, it belongs to
            # an article and is read below like any other line.
            out.append(b)
            continue
        d = title_of.get(id(nxt)) if nxt is not None else None
        if d is not None and not d.bylines and _a_name(b):
            # A person's name over a headline whose article has no byline is
            # that article's byline (some pages print it over the headline),
            # not a column label: labels are generic words (职场观察).
            byline = Block("byline", b.lines)
            d.bylines.append(byline)
            out.append(byline)
            continue
        if is_label(b.lines) and max(shares(b.text, drafts), default=0.0) < TITLE_LINE_OWNER:
            out.append(Block("column", b.lines))
            continue
        if d is not None and d.kicker is None and _first_half_of(b, d):
            nxt.lines = b.lines + nxt.lines
            scores = shares(display_text(b.lines), drafts)
            if max(scores) - scores[drafts.index(d)] >= FAR_MARGIN:
                # Another article shares clearly more of it: it may be a kicker after all.
                notes.append(("kicker_guess", b.lines, d, display_text(b.lines)))
            continue
        if d is not None and d.kicker is None:
            d.kicker = b
        out.append(b)
    return out


def _a_name(b: Block) -> bool:
    """Is a display line one person's name?

    A byline's name (see `lines.byline_names`: a family name and one or two
    characters, no everyday word), read by the tagger as a person's name
    too: short column labels begin with family names (时评, 史话: nouns).
    """
    tokens = b.lines[0].tokens if len(b.lines) == 1 else ()
    names = byline_names(tokens) if len(tokens) == 1 else None
    tagged = list(default_tokenizer().tag(names[0])) if names else []
    return bool(tagged) and tagged[0][1].startswith("nr")


def _first_half_of(line: Block, d: Draft) -> bool:
    """Is an unclaimed line over a one-part headline that headline's first half?

    The halves of a two-part headline restate the article in its own words
    (健全…体系 支持…发展); a kicker (引题) over it sets the context in general
    ones (深化…改革, 写在…之际).  A parallel verb phrase right over the
    headline that shares a good part of the article's words is its first
    half: the stack was cut there only because a half this short is also
    shared by another article.  (A headline has at most two halves: over a
    two-part headline such a line stays the kicker.)
    """
    text = display_text(line.lines)
    return two_halves(text, title_text(d.title.lines) or "") and containment(text, d.grams) >= TITLE_LINE_OWNER


def assemble(blocks: list[Block], top: str | None = None) -> ParsedPage:
    #: Doubts, as (flag kind, the lines concerned, the article or None, detail).
    notes: list[tuple[str, tuple[Line, ...], Draft | None, str]] = []
    if top == BANNER:
        blocks = banner_apart(blocks)
    blocks = boxes_read_as_bodies(blocks)
    blocks = bodies_at_bylines(blocks)
    drafts = [Draft(b, seq) for seq, b in enumerate((b for b in blocks if b.kind == "body"), start=1)]
    for d in drafts:
        d.text = running_text(d.body.items)
        d.grams = bigrams(d.text)
        d.bylines = [b for b in blocks if b.kind == "byline" and b.lines and b.lines[0] in d.body.lead_ins]

    def overlap(c: Block, d: Draft) -> float:
        return containment(display_text(c.lines), d.grams)

    def title_overlap(c: Block, d: Draft) -> float:
        # A short name of three bigrams shares one with most articles
        # (职场观察: 职场): a column label without its icon is given to a
        # body printed away from it only if it shares most of its words.
        share = overlap(c, d)
        return share if share >= LABEL_AS_TITLE or not is_label(c.lines) else 0.0

    blocks = boxes_out_of_bodies(blocks, drafts)
    blocks = boxes_ending_bodies(blocks, drafts)
    blocks = box_heads_apart(blocks, drafts)
    blocks = box_tails_back(blocks, drafts)
    kickers: list[Block] = []
    blocks = _split_titles(blocks, drafts, kickers, top)
    titles = [b for b in blocks if b.kind == "title" and not any(b is k for k in kickers)]
    _titles_in_zone(blocks, drafts, overlap)
    in_zone = {id(d.title) for d in drafts if d.title is not None}
    _greedy([t for t in titles if not any(d.title is t for d in drafts)], drafts, "title", title_overlap, TITLE_MIN_OVERLAP)
    taken = {id(d.title) for d in drafts if d.title}
    _zone_over_far(titles, drafts, taken, overlap, blocks[0] if blocks and top != ARTICLE else None)
    # An article whose title shares few words with it keeps the nearest free
    # title printed above its body.
    for d in drafts:
        if d.title is None:
            above = [t for t in titles if id(t) not in taken and t.first < d.body.first and header_zone(drafts, t) is d]
            if above:
                d.title = above[-1]
                taken.add(id(d.title))

    blocks = _heads_over_titles(blocks, drafts, taken, notes, top)

    pullquotes = [b for b in blocks if b.kind == "pullquote"]
    _greedy(pullquotes, drafts, "pullquote", overlap, PULLQUOTE_MIN_OVERLAP)
    stacked_bylines(blocks, drafts, notes)

    by_block: dict[int, Draft] = {}
    for d in drafts:
        for b in [d.body, d.title, d.pullquote, d.kicker, *d.bylines]:
            if b is not None:
                by_block[id(b)] = d

    def following(i: int, floating: tuple[str, ...] = ()) -> Draft | None:
        return next((by_block[id(x)] for x in blocks[i + 1 :] if id(x) in by_block and x.kind not in floating), None)

    # A subtitle is printed under its title; if the title stands elsewhere,
    # the subtitle (观点摘编, 访…) is matched by content like a title.
    for i, b in enumerate(blocks):
        if b.kind != "subtitle":
            continue
        prev = blocks[i - 1] if i else None
        d = by_block.get(id(prev)) if prev is not None and prev.kind == "title" else None
        if d is None or d.subtitle is not None:
            free = [x for x in drafts if x.subtitle is None]
            scores = [containment(b.text, x.grams) for x in free]
            d = free[scores.index(max(scores))] if scores and max(scores) >= TITLE_MIN_OVERLAP else following(i)
        if d is not None and d.subtitle is None:
            d.subtitle = b
            by_block[id(b)] = d

    # An editor's note is printed at the head of its article: it goes to the
    # article printed after it (not to a box that floated in between).
    for i, b in enumerate(blocks):
        if b.kind == "note":
            d = following(i, floating=("pullquote",))
            if d is not None and d.note is None:
                d.note = b
                by_block[id(b)] = d

    # Labels go to the article printed after them (not to the owner of a
    # pull-quote box that floated in between); a series label that quotes
    # its topic can be printed elsewhere (see `labels`).
    for i, b in enumerate(blocks):
        if b.kind not in ("column", "series"):
            continue
        d = following(i, floating=("pullquote",))
        if b.kind == "series":
            label = undouble(b.text) or b.text
            free = [k for k, x in enumerate(drafts) if x.series is None]
            extended = [x.grams | (bigrams(display_text(x.title.lines)) if x.title else set()) for x in drafts]
            share = lambda text, k: containment(text, extended[k])  # noqa: E731
            k, flag = series_owner(label, drafts.index(d) if d is not None else None, free, [x.text for x in drafts], share)
            d = drafts[k] if k is not None else None
            if flag == "label_orphan":
                # Placed nowhere: the flag points at the articles its topic
                # suggests (those that tie for it), if any.
                suspects = likely_owners(label, free, share) or [None]
                notes.extend((flag, b.lines, drafts[k] if k is not None else None, label) for k in suspects)
            elif flag:
                notes.append((flag, b.lines, d, label))
                if flag == "label_contested":
                    # Position and words disagree: the article the words
                    # point to is as likely the label's (flagged there too).
                    rival = likely_owner(label, [j for j in free if j != k], share)
                    if rival is not None:
                        notes.append((flag, b.lines, drafts[rival], f"{label} (went to the article printed under it)"))
        if d is not None and getattr(d, b.kind) is None:
            setattr(d, b.kind, b)
            by_block[id(b)] = d

    structural_doubts(blocks, drafts, by_block, in_zone, notes, top)
    for d in drafts:
        if speakers_and_doubt(d.body.items)[1]:
            notes.append(("digest_speaker_guess", d.body.items[0].lines, d, "the editor's introduction told from the first view by the number of paragraphs"))
    for d in drafts:
        for item in d.body.items:
            if is_byline(item):
                # A name alone inside a body, not cut at (see `regroup.bodies_at_bylines`):
                # the body may still run into the next article.
                detail = f"{display_text(item.lines)} reads as a byline inside the body"
                notes.append(("bodies_merged", item.lines, d, detail))
                notes.append(("bodies_merged", item.lines, None, detail))
            for kind in item.doubts:
                notes.append((kind, item.lines, d, f"{item.role} at lines {item.lines[0].no}-{item.lines[-1].no}"))
    articles = tuple(_article(d) for d in drafts)
    for d, a in zip(drafts, articles):
        if a.kind == "digest" and a.authors and d.bylines:
            # A digest gathers views under their speakers' attributions and
            # is signed by its compiler, not by an author: an author's byline
            # over one is another article's, whose body may have run on into
            # the digest's (its own headline printed elsewhere).
            detail = f"a digest under the byline {display_text(d.bylines[0].lines)}"
            notes.append(("bodies_merged", d.bylines[0].lines, d, detail))
            notes.append(("bodies_merged", d.bylines[0].lines, None, detail))
    residue = _residue(blocks, by_block, drafts)
    flags = [
        Flag(kind, detail, lines[0].no, lines[-1].no, drafts.index(d) if d is not None else None)
        for kind, lines, d, detail in notes
        if lines
    ]
    return ParsedPage(articles, residue, tuple(sorted(flags, key=lambda f: (f.line_start, f.kind))))


def _article(d: Draft) -> ParsedArticle:
    items = d.body.items
    by_item = speakers(items)
    paragraphs: list[ParsedParagraph] = []
    heading: str | None = None
    attributions: list[tuple[Line, ...]] = []
    for item, speaker in zip(items, by_item):
        if item.role == "heading":
            heading = item.text
        elif item.role == "attribution":
            attributions.append(item.lines)
        else:
            paragraphs.append(ParsedParagraph(item.text, heading, speaker, item.lines[0].no, item.lines[-1].no))
    bylines = tuple(ln for b in d.bylines for ln in b.lines)
    affiliation, contributors = contributors_of(bylines, tuple(d.body.footer), attributions)
    kind = "digest" if any(c.role in ("speaker", "compiler") for c in contributors) else "commentary"

    def lines_of(b: Block | None) -> tuple[Line, ...]:
        return b.lines if b is not None else ()

    roles = {
        "title": lines_of(d.title), "subtitle": lines_of(d.subtitle), "kicker": lines_of(d.kicker),
        "column": lines_of(d.column), "series": lines_of(d.series), "pullquote": lines_of(d.pullquote),
        "note": lines_of(d.note), "byline": bylines, "footer": tuple(d.body.footer),
        "heading": tuple(ln for it in items if it.role == "heading" for ln in it.lines),
        "attribution": tuple(ln for group in attributions for ln in group),
    }
    owned = [ln.no for lines in roles.values() for ln in lines] + [ln.no for ln in d.body.all_lines]
    body_lines = d.body.all_lines
    return ParsedArticle(
        title=title_text(roles["title"]),
        kicker=display_text(roles["kicker"]) if roles["kicker"] else None,
        editor_note=note_text(roles["note"]),
        subtitle=subtitle_text(roles["subtitle"]),
        column_name=column_text(roles["column"]),
        series=series_text(roles["series"]),
        kind=kind,
        affiliation=affiliation,
        pullquote=Unit(roles["pullquote"]).text if roles["pullquote"] else None,
        paragraphs=tuple(paragraphs),
        contributors=tuple(contributors),
        line_start=body_lines[0].no if body_lines else 0,
        line_end=body_lines[-1].no if body_lines else 0,
        lines=tuple(sorted(set(owned))),
        roles={k: tuple(ln.no for ln in v) for k, v in roles.items() if v},
    )


_REASONS = {
    "title": "unassigned_title",
    "pullquote": "orphan_pullquote",
    "marker": "pullquote_marker",
    "byline": "orphan_byline",
    "footer": "orphan_footer",
    "subtitle": "orphan_subtitle",
    "column": "orphan_label",
    "series": "orphan_label",
    "note": "orphan_note",
    "other": "unclassified",
    "banner": "banner",
}


def _residue(blocks: list[Block], by_block: dict[int, Draft], drafts: list[Draft]) -> tuple[Residue, ...]:
    out: list[Residue] = []
    first_body = min((d.body.first for d in drafts), default=None)
    for b in blocks:
        if b.kind == "column" and id(b) in by_block:
            # The icon glyph before a column label is page furniture.
            parts = b.lines[0].raw.strip().split()
            if len(parts) > 1:
                out.append(Residue(b.lines[0].no, parts[0], "column_icon"))
            continue
        if id(b) in by_block:
            continue
        reason = _REASONS.get(b.kind, "unclassified")
        if b.kind == "title" and (first_body is None or b.first < first_body or _is_banner(b, drafts)):
            reason = "banner"
        for ln in b.all_lines:
            out.append(Residue(ln.no, ln.text, reason))
    return tuple(sorted(out, key=lambda r: (r.line_no, r.reason)))


def _is_banner(b: Block, drafts: list[Draft]) -> bool:
    """A title-like line that no article claims and that leads a page section."""
    return all(containment(b.text, d.grams) < TITLE_MIN_OVERLAP for d in drafts)


__all__ = [
    "ParsedArticle",
    "ParsedContributor",
    "ParsedPage",
    "ParsedParagraph",
    "Residue",
    "assemble",
    "bigrams",
    "containment",
    "looks_like_name",
]
