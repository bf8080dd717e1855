"""Page reconstruction: from a flattened page dump to articles and paragraphs.

The stages are small pure functions, each in its own module:

    lines.split_lines    text  -> classified lines (noise spaces removed)
    blocks.segment       lines -> titles, boxes, bylines, bodies (reflow inside)
    regroup.*            blocks -> blocks (cuts the segmenter could not see alone)
    boxes.*              blocks -> blocks (where pull-quote boxes begin and end)
    assemble.assemble    blocks -> articles + page residue (ownership by content)

with the results' types in `model`, the reading of each part's value from
its lines in `fields`, and the doubts the stages raise in `flags`.  One
stage reads across pages: `banners.survey` tells from an archive whether a
page's top line is its banner (see there); its answer is `parse_page`'s `top`.
"""

from __future__ import annotations

from .assemble import assemble
from .blocks import segment
from .lines import split_lines
from .model import ParsedArticle, ParsedContributor, ParsedPage, ParsedParagraph, Residue


def parse_page(text: str, top: str | None = None) -> ParsedPage:
    """Reconstruct the articles of one page dump.

    `top` is what the page's archive says of its top line (`banners`:
    ``"banner"``, ``"article"``, or None when the page alone decides).
    """
    return assemble(segment(split_lines(text)), top)


__all__ = ["parse_page", "ParsedArticle", "ParsedContributor", "ParsedPage", "ParsedParagraph", "Residue"]
