"""Headlines: cut stacks of display lines into headlines, and join their lines.

A stack of stand-alone lines outside any body (see `blocks`) can hold the
headlines of several articles, a page banner, a kicker (引题) above a
headline and a column label without its icon.  The newspaper conventions
used here:

* **A headline shares words with its article**; the lines of one headline
  share them with the same article.  Consecutive lines owned by the same
  article are one headline, whatever their widths (a two-part headline may
  be printed half per line, the wider half second).
* **A word never breaks across two headlines**: lines a word runs across
  ("…培育的技能形" + "成体系") are one headline whatever their words say.
* **A line that shares no words with any article** is the tail of the
  headline above it (…的思考) when it ends the stack, unless it is a short
  generic name (学者观察: a column label, printed under its headline or over
  the next article's), and otherwise stands apart: a kicker or a label over
  the headline below it, or a banner (the caller decides from where it
  stands).
* **A wrap fills every line but its last** to the headline's frame: a line
  clearly narrower than the one above it that wraps on again shows the line
  above is no part of the wrap but a kicker set over the wrapped headline.
* **Joining** the lines of a headline: nothing between the parts of a word;
  a space between the two halves of a two-part headline (its second half
  opens with a verb: 健全…体系 支持…发展); otherwise nothing.  A join at a
  word boundary that is no two-part headline and leaves more below than
  above is a guess (`Joined.guess`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import default_tokenizer, joins_word
from .lines import OPEN_ENDS as _OPEN_ENDS, Line

#: A title line sharing this much with an article is strong evidence of whose it is.
TITLE_LINE_OWNER = 0.4
#: The halves of a two-part headline are about as long: at most this ratio.
HALVES_RATIO = 1.8
#: The second half of a two-part headline shares at least this much with the first's article.
HALF_MIN = TITLE_LINE_OWNER
#: Halves neither of which shares that much still join when one article
#: shares this much of both (not at the top of the page: the banner's place).
HALF_WEAK = 0.2
#: ...or no article shares this much more of it.
HALF_MARGIN = 0.5


def _line_text(line: Line) -> str:
    return " ".join(line.tokens)


#: Characters no headline starts with: a line opening with one is the tail
#: of the headline above (…工程师 / 的路径).
_NEVER_OPENS = ("的",)


def runs_on(upper: Line, lower: Line) -> bool:
    """Does the upper line go on into the lower one (a wrapped word or phrase)?

    Besides a word or an open phrase run across the lines, a line of one
    character (…管理机 / 制) or one opening with 的 (…工程师 / 的路径) is no
    headline of its own: the headline above wrapped there.
    """
    if " " in _line_text(upper):
        return False  # a two-part headline is complete on its line
    if len(lower.text) == 1 or lower.text.startswith(_NEVER_OPENS):
        return True
    return upper.text.endswith(_OPEN_ENDS) or joins_word(upper.text, lower.text)


def pieces(lines: tuple[Line, ...]) -> list[tuple[Line, ...]]:
    """Runs of lines that a word or an open phrase runs across: parts of one headline."""
    out: list[list[Line]] = []
    for ln in lines:
        if out and runs_on(out[-1][-1], ln):
            out[-1].append(ln)
        else:
            out.append([ln])
    return [tuple(p) for p in out]


#: A column label is a short name (职场观察, 一线声音); a kicker is a phrase.
LABEL_MAX_CHARS = 6
#: ...of two words at least: a wrapped headline may leave one word on its last line (…的实践 / 方法).
LABEL_MIN_CHARS = 4
_LABEL = re.compile(rf"^[\u4e00-\u9fff]{{2,{LABEL_MAX_CHARS}}}$")
#: Words a headline's tail may open with (…的思考, …之我见): they continue it.
_TAIL_OPENERS = tuple("的之与和及")


def is_label(lines: tuple[Line, ...]) -> bool:
    """A short name alone on its line: a column label, not a headline's tail.

    (A tail that shares no words with its article opens with a particle:
    …的思考, …之我见.)
    """
    return (
        len(lines) == 1 and len(lines[0].tokens) == 1 and bool(_LABEL.match(lines[0].text))
        and not lines[0].text.startswith(_TAIL_OPENERS)
    )


def piece_text(piece: tuple[Line, ...]) -> str:
    return "".join(_line_text(ln) for ln in piece)


def _first_tag(text: str) -> str:
    word, tag = default_tokenizer().first_word(text[:6])
    return tag if len(word) >= 2 else ""


def two_halves(a: str, b: str) -> bool:
    """Do two pieces read as the halves of a two-part headline?

    Each half is a verb phrase of its own, parallel to the other and about
    as long (the samples' halves differ by at most 1.7 times): the second
    opens with a verb, the first with a verb or a word jieba tags as an
    adjective (健全, 丰富 are both).  A one-part headline wrapped at a
    word boundary opens with anything (某市…, 协商会…, 以培训…) and its
    tail rarely with a verb.
    """
    if " " in a or " " in b or len(a) < 4 or len(b) < 4:
        return False
    if max(len(a), len(b)) > HALVES_RATIO * min(len(a), len(b)):
        return False  # not parallel: a kicker over a short headline, or a headline's short tail
    return _first_tag(a) in ("v", "a") and _first_tag(b) == "v"


def verb_phrases(a: str, b: str) -> bool:
    """Do two pieces each open a verb phrase of their own (推动…发展 / 支持…)?

    A one-part headline does not run two verb phrases together without a
    space: joined as a wrap, the upper one may be a kicker (引题).  Only a
    flag rests on it: a pivot construction wrapped at its second verb
    (推动平台企业与劳动者 / 开展协商) is one phrase and is flagged too.
    """
    return len(a) >= 4 and len(b) >= 4 and _first_tag(a) == "v" and _first_tag(b) == "v"


@dataclass(frozen=True)
class Joined:
    text: str
    guess: bool  # joined at a word boundary against the widths (a wrap with more below than above)


def join_headline(lines: tuple[Line, ...]) -> Joined:
    """The headline's text from its lines (see the module's conventions)."""
    parts = pieces(lines)
    text = piece_text(parts[0])
    guess = False
    for upper, lower in zip(parts, parts[1:]):
        a, b = piece_text(upper), piece_text(lower)
        # A wrap fills the upper line first: a lower line at least as wide
        # as the upper one is the second half; a short lower line after a
        # full upper one may be either.
        wider_below = lower[0].width >= upper[-1].width
        if two_halves(a, b):
            text += " " + b
        else:
            text += b
            # A wrap that leaves more below than above contradicts itself:
            # two headlines, or halves that do not read as parallel.
            guess = guess or (len(b) >= 4 and wider_below)
    return Joined(text, guess)


def complete(upper: tuple[Line, ...], lower: tuple[Line, ...]) -> bool:
    """Is the headline above finished where this piece starts?

    A two-part headline set on one line is complete on it, and is no
    headline's tail either (a headline has at most two parts: what stands
    over it is a kicker or another headline); a wrapped one fills its first
    line, so a lower line wider than the one above starts anew; and a line
    the dump starts with a space opens a new text frame.
    """
    above, ln = upper[-1], lower[0]
    return " " in _line_text(above) or " " in _line_text(ln) or above.width < ln.width - 0.5 or ln.lead


def same_headline(
    upper: tuple[Line, ...], up_scores: list[float], owner_prev: int | None,
    lower: tuple[Line, ...], scores: list[float], owner: int | None, page_top: bool = False,
) -> str | None:
    """How a piece belongs to the headline above it: "halves" (the second
    half of a two-part headline), "wrap" (the same headline going on, or a
    tail that shares no words: …的思考), or None (it starts anew).

    By the words they share with the articles (the same owner, or one
    that shares almost as much), unless the headline above is complete:
    then only the second half of a two-part headline joins it.
    """
    if two_halves(piece_text(upper), piece_text(lower)):
        # Parallel verb phrases one over the other are the two halves of one
        # headline when one article shares a good part of both (their verbs
        # and joins are rarely in the body), and the second is not clearly
        # another article's own headline.
        common = max(min(a, b) for a, b in zip(up_scores, scores))
        if owner_prev is None:
            # (A banner shares few words with any article: it stays apart.)
            return "halves" if common >= HALF_WEAK and not page_top else None
        elsewhere = owner is not None and owner != owner_prev and scores[owner] - scores[owner_prev] >= HALF_MARGIN
        return "halves" if not elsewhere and (common >= HALF_MIN or scores[owner_prev] >= HALF_MIN) else None
    if owner_prev is None:
        return None
    if owner is None and is_label(lower) and len(piece_text(lower)) >= LABEL_MIN_CHARS and max(scores, default=0.0) < HALF_WEAK:
        return None  # a column label: a tail shares words, opens with a particle (…的思考) or is one word (方法)
    if owner is not None and owner != owner_prev and scores[owner_prev] < max(TITLE_LINE_OWNER, scores[owner] - 0.2):
        return None
    if complete(upper, lower):
        return None
    return "wrap"


@dataclass
class Headline:
    """Lines of one headline as cut from a stack, and whether its first line
    was taken for a kicker (引题)."""

    lines: tuple[Line, ...]
    kicker: tuple[Line, ...] = ()


def split_stack(lines: tuple[Line, ...], score, page_top: bool = False) -> list[Headline]:
    """Cut a stack of display lines into headlines (and the lines that stand apart).

    `score(text)` gives the share of the text's bigrams found in each article;
    `page_top` says the stack opens the page.  A headline has at most two
    halves: what stands over them (even a third parallel phrase) is the kicker.
    """
    parts = pieces(lines)
    scored = []
    for p in parts:
        s = score(piece_text(p))
        best = max(s) if s else 0.0
        scored.append((p, s, s.index(best) if s and best >= TITLE_LINE_OWNER else None))
    groups: list[list[tuple[Line, ...]]] = []
    links: list[list[str]] = []
    owners: list[int | None] = []
    for k, (p, s, owner) in enumerate(scored):
        nxt_owner = scored[k + 1][2] if k + 1 < len(scored) else None
        # A line that shares no words, over the next headline: a kicker or a label
        # (unless it is the first half of that headline).
        stands_apart = owner is None and nxt_owner is not None and not (
            k + 1 < len(scored) and two_halves(piece_text(p), piece_text(scored[k + 1][0]))
        )
        how = None
        if groups and not stands_apart:
            up, up_scores, _ = scored[k - 1]
            how = same_headline(up, up_scores, owners[-1], p, s, owner, page_top and len(groups) == 1)
        if how:
            groups[-1].append(p)
            links[-1].append(how)
        else:
            groups.append([p])
            links.append([])
            owners.append(owner)
    out: list[Headline] = []
    for g, how in zip(groups, links):
        # What stands over the two halves of a two-part headline is its kicker.
        j = how.index("halves") if "halves" in how else 0
        if how.count("halves") >= 2:
            j = how.index("halves") + 1
        flat = [ln for p in g for ln in p]
        if j == 0 and len(flat) >= 3 and len(g[0]) == 1 and flat[1].width < flat[0].width - 1 and " " not in flat[0].text:
            # A wrap fills every line but its last to the headline's frame:
            # a second line clearly narrower than the first that wraps on
            # again says the first line is no part of the wrap but a kicker
            # (引题) set over a wrapped headline.
            j = 1
        if j >= 1:
            out.append(Headline(tuple(ln for p in g[j:] for ln in p), kicker=tuple(ln for p in g[:j] for ln in p)))
        else:
            out.append(Headline(tuple(ln for p in g for ln in p)))
    return out
