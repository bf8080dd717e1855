"""Drafts: an article being assembled, and where on the page it stands.

`assemble` turns each body into a `Draft` and gives it, rule by rule, the
headline, boxes, labels and bylines printed around it; the modules that
take part (`bylines`, `doubts`, `boxes`) read and change drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import Block


@dataclass
class Draft:
    body: Block
    seq: int
    title: Block | None = None
    subtitle: Block | None = None
    pullquote: Block | None = None
    column: Block | None = None
    series: Block | None = None
    kicker: Block | None = None
    note: Block | None = None
    bylines: list[Block] = field(default_factory=list)
    text: str = ""  # the body's paragraphs and headings, joined
    grams: set[str] = field(default_factory=set)


def header_zone(drafts: list[Draft], block: Block) -> Draft | None:
    """The article whose body is the first to start after a block."""
    for d in drafts:
        if d.body.first > block.first:
            return d
    return None


def views_gathered(d: Draft) -> bool:
    """Does the body gather views under their speakers' attributions (a digest)?"""
    return any(item.role == "attribution" for item in d.body.items)
