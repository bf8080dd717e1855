"""Lines of a page dump: display width, layout-noise spaces and line classes.

A page dump is the text layer of a newspaper page PDF.  Every printed line of
every column becomes one text line, and the extractor adds spaces of its own:

* justified lines come out letter-spaced ("面 建 设 社 会");
* digits and Latin words get stray spaces around them ("1949年 1月",
  "3.59 亿人", "占 GDP比重");
* the first line of a new text frame often starts with a space.

None of those spaces were written by the author.  The only real spaces are
between two Latin words ("Open AI") and, in display lines such as titles,
bylines and attributions, between the parts of the line ("王明 李华",
"丰富维权服务载体 满足产业职工新型权益诉求").  This module removes the
noise and keeps those separators as *tokens*.

It also classifies each line by what it can only be (a footer, a pull-quote
marker, a column label, a byline...) from its own text; what an ordinary line
of prose is (body, title, heading, pull-quote) is decided later, in context.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from importlib import resources

from ..text import word_frequencies

# --- characters -------------------------------------------------------------

#: Punctuation that ends a sentence.  A paragraph's last line ends with one.
SENTENCE_END = "。！？…!?"
#: Closing marks that may follow the sentence end on the same line ("……。”").
CLOSERS = "”’）」』》)】"
#: Clause ends that can close a paragraph introducing a list, but rarely do.
CLAUSE_END = "；：;:"
#: Marks that may not end a line: typesetters move them to the next one.
OPENING_MARKS = "“‘（《〈「『(["
#: Marks that may not start a line (the kinsoku rule of Chinese typesetting).
NO_LINE_START = "，。、；：？！”’）》」』…%"
#: What the typesetter moves to the next line as one piece: opening marks, a
#: character or a Latin/digit run, and the marks that may not start a line.
_CHUNK = re.compile(
    "[" + re.escape(OPENING_MARKS) + "]*(?:[0-9A-Za-z.%+\\-]+|.)[" + re.escape(NO_LINE_START) + "]*"
)
#: How much a line-final punctuation mark counts towards the line's length.
TRAILING_MARK_WIDTH = 1.0
#: Marks that may end a line without counting towards its length.
TRAILING_MARKS = SENTENCE_END + CLOSERS + CLAUSE_END + "，、,"


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (the 汉字 of the text)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def char_width(ch: str) -> float:
    """Width of one character in print cells.

    A Chinese newspaper column is measured in characters: every 汉字 and every
    full-width punctuation mark takes one cell, while digits and Latin letters
    are set proportionally, about half a cell each (capitals a little more).
    """
    if ch.isspace():
        return 0.0
    if unicodedata.east_asian_width(ch) in "WFA":
        return 1.0
    # Capitals and the per-cent sign are wider than digits in a text face.
    if ch.isascii() and (ch.isupper() or ch in "%@&MW"):
        return 0.65
    return 0.5


class _Widths(dict):
    """char → char_width, filled on first use (a page uses a few hundred characters)."""

    def __missing__(self, ch: str) -> float:
        w = self[ch] = char_width(ch)
        return w


_WIDTHS = _Widths()


def display_width(text: str) -> float:
    return sum(map(_WIDTHS.__getitem__, text))


# --- full-width digits and letters ------------------------------------------

#: Full-width digits and Latin letters (older, GBK-era dumps use them) → ASCII.
_FOLD = {**{0xFF10 + i: ord("0") + i for i in range(10)}, **{0xFF21 + i: ord("A") + i for i in range(26)},
         **{0xFF41 + i: ord("a") + i for i in range(26)}}


_FULLWIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def fold_fullwidth(text: str) -> tuple[str, float]:
    """ASCII for full-width digits and letters (and a full-width point between
    digits: '３．５９' → '3.59'), and the cells the folded characters took
    beyond their ASCII width.

    The text is normalized, but the line was set with the full-width glyphs,
    so measuring the line must count them as the cell each one filled.
    """
    if not _FULLWIDTH.search(text):
        return text, 0.0
    folded = text.translate(_FOLD)
    folded = re.sub(r"(?<=[0-9])．(?=[0-9])", ".", folded)
    extra = sum(1.0 - char_width(b) for a, b in zip(text, folded) if a != b)
    return folded, extra


# --- noise spaces -----------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def _keep_space(text: str, start: int, end: int) -> bool:
    """Does the space at text[start:end] separate two Latin words (or a word and a number)?

    Not between two digits, nor between two single letters: a letter-spaced
    line spreads an abbreviation out ("占G D P比重") as it does 汉字.
    """
    left = text[start - 1] if start > 0 else ""
    right = text[end] if end < len(text) else ""
    if not (left and right and is_ascii_alnum(left) and is_ascii_alnum(right)):
        return False
    if left.isdigit() and right.isdigit():
        return False
    single_left = start < 2 or not is_ascii_alnum(text[start - 2])
    single_right = end + 1 >= len(text) or not is_ascii_alnum(text[end + 1])
    return not (single_left and single_right)


def strip_noise_spaces(text: str) -> str:
    """Remove layout spaces; keep a single space between two Latin words.

    >>> strip_noise_spaces("截至 1946 年 3")
    '截至1946年3'
    >>> strip_noise_spaces("面 建 设 社 会")
    '面建设社会'
    >>> strip_noise_spaces("Open AI 平台")
    'Open AI平台'
    >>> strip_noise_spaces("占 G D P 比 重")
    '占GDP比重'
    """
    text = text.strip(" \t\u00a0\u3000")
    if not _SPACES.search(text):
        return text
    out: list[str] = []
    pos = 0
    for m in _SPACES.finditer(text):
        out.append(text[pos : m.start()])
        if _keep_space(text, m.start(), m.end()):
            out.append(" ")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def join_wrapped(parts: list[str]) -> str:
    """Join wrapped line fragments: no separator, except between Latin words."""
    out = ""
    for part in parts:
        if out and part and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            out += " "
        out += part
    return out


def display_tokens(raw: str) -> list[str]:
    """Split a display line (title, byline, attribution) at its real separators.

    Letter-spaced lines (three or more single 汉字 in a row) are glued back
    first, because there the spaces are justification, not separators.
    """
    raw = raw.strip()
    if not _SPACES.search(raw):
        return [raw] if raw else []
    tokens = [t for t in _SPACES.split(raw) if t]
    singles = [len(t) == 1 and is_han(t) for t in tokens]
    run = best = 0
    for s in singles:
        run = run + 1 if s else 0
        best = max(best, run)
    if best >= 3:
        return [strip_noise_spaces(raw)]
    # Stray spaces inside numbers and next to Latin words are noise even here:
    # only a space between two runs of 汉字 separates display parts.
    merged: list[str] = []
    for tok in tokens:
        if merged and not (is_han(merged[-1][-1]) and is_han(tok[0])):
            merged[-1] = strip_noise_spaces(merged[-1] + " " + tok)
        else:
            merged.append(tok)
    return merged


# --- doubled glyph runs -----------------------------------------------------


def undouble(text: str) -> str | None:
    """Undo the doubling of bold display type, or None if the text is not doubled.

    Series labels set in a bold display face come out of the PDF with every run
    of glyphs twice: '““新业态新业态””' for '“新业态”'.  The text is then an
    exact concatenation of pairs XX; we find the shortest such segmentation.
    """
    s = "".join(text.split())
    n = len(s)
    if n < 4 or n % 2:
        return None
    # A doubled first run of k characters repeats its first character at k.
    if s.find(s[0], 1, n // 2 + 1) < 0 or not any(s[:k] == s[k : 2 * k] for k in range(1, n // 2 + 1)):
        return None  # not even the first run is doubled

    @lru_cache(maxsize=None)
    def solve(i: int) -> tuple[str, ...] | None:
        if i == n:
            return ()
        for k in range(1, (n - i) // 2 + 1):
            if s[i : i + k] == s[i + k : i + 2 * k]:
                rest = solve(i + 2 * k)
                if rest is not None:
                    return (s[i : i + k],) + rest
        return None

    parts = solve(0)
    solve.cache_clear()
    if not parts or not any(len(p) >= 2 and any(is_han(c) for c in p) for p in parts):
        return None
    return "".join(parts)


# --- line classes -------------------------------------------------------------


class Kind(str, Enum):
    """What a line can only be, judged from its own text."""

    TEXT = "text"  # prose, title, heading or pull-quote: decided in context
    FOOTER = "footer"  # （作者单位：…） closes an article body
    MARKER = "marker"  # ●观点 opens a pull-quote box
    COLUMN = "column"  # 'G 职场观察': icon glyph + recurring column label
    SERIES = "series"  # doubled bold series label, or one ending in ⑤
    DASH = "dash"  # '——…': a subtitle or a digest attribution
    NAME = "name"  # a byline: one to four personal names
    NOTE = "note"  # 编者按：… opens an editor's note


#: Bullets that open a boxed summary ("●观点", "■核心提示").
_MARKER = re.compile(r"^[●◆■▲★◎◉•►▶◇□○][\u4e00-\u9fff]{1,6}$")
#: A column label: an icon glyph (a Latin letter in a symbol font) + the label.
_COLUMN = re.compile(r"^([A-Za-z]|[^\w\s（(“《——])\s+([\u4e00-\u9fff]{2,10})$")
#: Footers name the author's unit, or who compiled or translated the piece.
#: A footer opens a parenthesis with its attribution (（作者单位：…）,
#: （张三 整理）).  A numeral closed in parentheses opens a numbered section
#: heading instead (（二）综合性改革的成效): its words may hold 综合 or 报道.
_FOOTER_HEAD = re.compile(
    r"^[（(](?!\s*[一二三四五六七八九十\d]{1,3}\s*[）)])\s*(作者|本文作者|本版|.{0,20}?(整理|编译|摘编|执笔|供稿|撰稿|编辑|综合|报道))"
)
#: A numbered section heading: 一、… （一）… 1.… 第一，…
NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.、．]|第[一二三四五六七八九十]{1,3}[，、,])")
_DASH = re.compile(r"^(——|—{2,}|－－|--)")
#: An editor's note opens with its label: 编者按：…, 【编者按】…, [编者按]….
NOTE_LABEL = re.compile(r"^(?:[【\[〔]\s*编者按\s*[】\]〕]\s*[：:]?|编者按\s*[：:])\s*")
_CIRCLED = re.compile(r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]$")
_DOT_NAME = re.compile(r"^[\u4e00-\u9fff]{1,6}[·・][\u4e00-\u9fff]{1,8}$")


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Single and compound family names from the lexicon."""
    text = resources.files("etl.lexicon").joinpath("surnames.txt").read_text(encoding="utf-8")
    names = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) > 1)


#: Marks and words a headline line cannot end with: the line goes on below.
OPEN_ENDS = tuple("“‘（《〈「『、的之与和及对在")


def looks_like_name(token: str) -> bool:
    """A personal name: a family name and a one- or two-character given name.

    (王明, 李晓华, 欧阳明华; 阿不都·热合曼.)  Four 汉字 after a one-character
    family name are far more often a heading (时代背景) than a name.
    """
    if len(token) > 4:
        return bool(_DOT_NAME.match(token))
    if _DOT_NAME.match(token):
        return True
    if not all(is_han(c) for c in token):
        return False
    single, compound = surnames()
    if token[:2] in compound and 3 <= len(token) <= 4:
        return True
    return token[0] in single and 2 <= len(token) <= 3


#: A word at least this frequent in jieba's dictionary is an everyday word
#: (names that are also dictionary entries are rarer: 王明 368, 高峰 1,556).
EVERYDAY_WORD = 2000


def everyday_word(token: str) -> bool:
    """劳动, 方法, 文明, 许多: words that begin with a family name all the same."""
    return word_frequencies().get(token, 0) >= EVERYDAY_WORD


#: Titles printed before the names of staff bylines (本报记者 张三 本报通讯员 李四):
#: the newspaper's own reporters sign with their function, which is no name.
STAFF_TITLES = ("本报记者", "本报通讯员", "本报特约记者", "本报评论员", "特约记者", "记者", "通讯员", "实习生")
_STAFF_PREFIX = re.compile("^(" + "|".join(sorted(STAFF_TITLES, key=len, reverse=True)) + ")")


def byline_names(tokens: tuple[str, ...] | list[str]) -> list[str] | None:
    """The personal names of a byline line, or None if it is not one.

    One to four names, each a family name and a given name, optionally
    after a staff title (本报记者 张三, also glued: 本报记者张三).
    """
    names: list[str] = []
    staff = False
    for tok in tokens:
        m = _STAFF_PREFIX.match(tok)
        if m:
            staff = True
            tok = tok[m.end() :]
            if not tok:
                continue
        names.append(tok)
    if not 1 <= len(names) <= 4 or not all(looks_like_name(t) for t in names):
        return None
    # Alone on its line an everyday word is the tail of a wrapped title
    # or a heading; beside other names (or a staff title) it is a name (蒋芳 韩国).
    if len(names) == 1 and not staff and everyday_word(names[0]):
        return None
    return names


def ends_sentence(text: str) -> bool:
    """True when the text ends a sentence (a closing quote may follow)."""
    t = text.rstrip(CLOSERS + " ")
    return bool(t) and t[-1] in SENTENCE_END


def ends_clause(text: str) -> bool:
    t = text.rstrip(CLOSERS + " ")
    return bool(t) and t[-1] in CLAUSE_END


@dataclass(frozen=True)
class Line:
    """One non-blank line of the page dump."""

    no: int  # 1-based line number in the source file
    raw: str  # the line as dumped (without the newline)
    text: str  # NFC, layout-noise spaces removed
    tokens: tuple[str, ...]  # display parts (for titles, bylines, attributions)
    width: float  # display width of `text` in print cells
    gap: int  # blank lines between this line and the previous non-blank one
    lead: bool  # the dump put a space before it: a new text frame starts here
    kind: Kind
    body: float = 0.0  # width as a line of the column measures it: see body_width
    sentence_end: bool = False  # ends a sentence (see ends_sentence)
    clause_end: bool = False  # ends with ；or ：
    unfinished: bool = False  # neither ends a sentence nor is a stub of 3 characters or less
    head: float = 1.0  # width of the piece a typesetter moves as one (see head_width)


def head_width(text: str) -> float:
    """Room the first piece of a line needed on the line above: opening
    marks, a character or a Latin word or number, and the marks that may
    not start a line after it.

    One such mark moves with its character (the typesetter pushed both
    down: 机 / 制，…).  Two or more (效”。) are squeezed to half a cell each
    (标点挤压) rather than leave the line above two cells short, so they
    need half their width: a line two cells short before 效”。 had room for
    it, and is an indented first line.
    """
    m = _CHUNK.match(text)
    if not m:
        return 1.0
    piece = m.group(0)
    core = piece.rstrip(NO_LINE_START)
    marks = piece[len(core):]
    return display_width(core) + display_width(marks) / (2 if len(marks) >= 2 else 1)


def body_width(text: str) -> float:
    """Width with a trailing punctuation mark counted as TRAILING_MARK_WIDTH.

    Typesetters keep a closing mark off the start of a line by hanging it
    past the margin, squeezing it in, or pushing a character down, so a line
    that ends with a mark can be a cell longer or shorter than the column.
    The bundled pages squeeze and push (a mark is a full cell there); a dump
    of hung punctuation would want 0.5.
    """
    stripped = text.rstrip(TRAILING_MARKS)
    return display_width(stripped) + TRAILING_MARK_WIDTH * display_width(text[len(stripped) :])


def classify(raw: str, text: str | None = None, tokens: list[str] | tuple[str, ...] | None = None) -> Kind:
    """The class a line has by its own text alone (see `Kind`)."""
    text = strip_noise_spaces(raw) if text is None else text
    tokens = display_tokens(raw) if tokens is None else tokens
    if _MARKER.match(text):
        return Kind.MARKER
    if _FOOTER_HEAD.match(text):
        return Kind.FOOTER
    if NOTE_LABEL.match(text):
        return Kind.NOTE
    if _DASH.match(text):
        return Kind.DASH
    if undouble(text) is not None:
        return Kind.SERIES
    if _COLUMN.match(raw.strip()):
        return Kind.COLUMN
    if byline_names(tokens) is not None:
        return Kind.NAME
    if _CIRCLED.search(text) and display_width(text) <= 30 and not ends_sentence(text):
        return Kind.SERIES
    return Kind.TEXT


def split_lines(page_text: str) -> list[Line]:
    """The non-blank lines of a page, normalized and classified."""
    lines: list[Line] = []
    gap = 0
    for no, raw in enumerate(page_text.split("\n"), start=1):
        raw = unicodedata.normalize("NFC", raw.rstrip("\r"))
        if not raw.strip():
            gap += 1
            continue
        folded, extra = fold_fullwidth(raw)
        text = strip_noise_spaces(folded)
        tokens = tuple(display_tokens(folded))
        sentence_end = ends_sentence(text)
        width = display_width(text)
        lines.append(
            Line(
                no=no,
                raw=raw,
                text=text,
                tokens=tokens,
                width=width + extra,
                gap=gap,
                lead=raw[:1].isspace(),
                kind=classify(folded, text, tokens),
                body=(body_width(text) if text[-1] in TRAILING_MARKS else width) + extra,
                sentence_end=sentence_end,
                clause_end=ends_clause(text),
                unfinished=not sentence_end and len(text) > 3,
                head=head_width(text),
            )
        )
        gap = 0
    return lines
