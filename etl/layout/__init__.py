"""Page reconstruction: from a flattened page dump to articles and paragraphs.

The stages are small pure functions, each in its own module:

    lines.split_lines    text  -> classified lines (noise spaces removed)
    blocks.segment       lines -> titles, boxes, bylines, bodies (reflow inside)
    assemble.assemble    blocks -> articles + page residue (ownership by content)
"""

from __future__ import annotations

from .assemble import ParsedArticle, ParsedContributor, ParsedPage, ParsedParagraph, Residue, assemble
from .blocks import segment
from .lines import split_lines


def parse_page(text: str) -> ParsedPage:
    """Reconstruct the articles of one page dump."""
    return assemble(segment(split_lines(text)))


__all__ = ["parse_page", "ParsedArticle", "ParsedContributor", "ParsedPage", "ParsedParagraph", "Residue"]
