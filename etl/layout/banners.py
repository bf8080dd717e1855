"""Page banners across an archive: what the top line of a page is.

A page of a weekly theory section opens with its **banner** (the section's
running name, or a campaign's slogan, printed issue after issue), or with
its first article's column label or kicker (引题), or with a headline.  On
one page nothing tells a banner from a kicker or a label: all are short
display lines that share few of the articles' words (see `assemble`, which
reads the top line as the banner and flags it when it looks like a label).

Across an archive they differ in *where they recur*, and this module reads
that.  The newspaper convention: a banner belongs to the page, so it is
printed at the top of pages and nowhere else; a column label or a kicker
belongs to an article, and articles are printed anywhere on a page, so when
such a line recurs it recurs lower on pages too.  Hence the role of a page's
top line, from the archive being built:

* ``BANNER``: it opens at least `MIN_PAGES` pages, over different lines
  (the same lines atop two pages are one article printed twice), and is
  printed nowhere else: the page's banner, whatever it looks like or whatever words it
  shares (no headline, no doubt to flag), unless a word runs on from it
  into the next line (then it is a wrapped headline: `assemble`);
* ``ARTICLE``: it is printed below the top of some page: it belongs to the
  first article (a column label or kicker, read like any other such line);
* ``None``: it opens this page only (a one-off banner, a kicker, a label)
  or the archive is too small to say: the page alone decides, as before.

The survey reads every page twice (the top lines first, then the lines
below the tops that match one); it keeps one counter entry per distinct top
line, not the pages.  A page's role depends on the other pages, so the page
cache keys it (see `etl.pipeline`): a page whose top line's role changes
when pages are added is processed again, no other.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

BANNER = "banner"
ARTICLE = "article"
#: A banner opens at least this many pages of the archive.
MIN_PAGES = 2

#: A column icon before a label (a Latin letter or a symbol set in a glyph
#: font, 'G 职场观察'): the same label is printed with and without it.
_ICON = re.compile(r"^(?:[A-Za-z]|[^\w\s（(“《—])\s+(?=[\u4e00-\u9fff])")


def line_key(line: str) -> str:
    """A display line as it recurs: no column icon, no spaces (letter-spaced
    banners, stray spaces of the dump)."""
    line = line.strip()
    if line[:1].isascii() or not line[:1].isalnum():
        line = _ICON.sub("", line)  # (most lines open with a 汉字: no icon to look for)
    return "".join(line.split())


def _split_top(text: str) -> tuple[str, list[str]]:
    """The key of a page's first non-blank line, and its other lines."""
    lines = text.splitlines()
    for i, ln in enumerate(lines):
        if ln.strip():
            return line_key(ln), lines[i + 1 :]
    return "", []


def _next_key(rest: list[str]) -> str:
    return next((line_key(ln) for ln in rest if ln.strip()), "")


@dataclass
class Banners:
    """How often each top line opens a page, what follows it there (up to
    two different lines), on how many pages it is printed lower down, and
    the top line of each page surveyed."""

    tops: Counter = field(default_factory=Counter)
    after: dict[str, set[str]] = field(default_factory=dict)
    lower: Counter = field(default_factory=Counter)
    top_of: dict[str, str] = field(default_factory=dict)

    def role_of(self, page: str) -> str | None:
        """`BANNER`, `ARTICLE` or None for the top line of a surveyed page."""
        key = self.top_of.get(page, "")
        if not key:
            return None
        if self.lower[key]:
            return ARTICLE
        if self.tops[key] >= MIN_PAGES and len(self.after[key]) > 1:
            return BANNER
        return None


def survey(pages: Callable[[], Iterable[tuple[str, str]]]) -> Banners:
    """The archive's top lines, from `pages()`: (name, text) of every page,
    names distinct, in any order (it is called twice)."""
    found = Banners()
    for name, text in pages():
        key, rest = _split_top(text)
        found.top_of[name] = key
        if key:
            found.tops[key] += 1
            following = found.after.setdefault(key, set())
            if len(following) < 2:
                following.add(_next_key(rest))
    # (Most lines end with a character no top line ends with: no key to make.)
    ends = {k[-1] for k in found.tops}
    for _, text in pages():
        _, rest = _split_top(text)
        found.lower.update({k for ln in rest if ln.rstrip()[-1:] in ends and (k := line_key(ln)) in found.tops})
    return found


__all__ = ["ARTICLE", "BANNER", "Banners", "MIN_PAGES", "line_key", "survey"]
