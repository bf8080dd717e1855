"""The one place that owns Chinese tokenization and sentence splitting.

Tokens come from rjieba (the Rust port of jieba: same dictionary, same
segmentation as `jieba.lcut`, measured 20x faster; see FACTS.md) with the
project's user dictionary loaded into a private instance, so that domain terms
stay whole.  Every paragraph is tagged once (`tag`) and the tokens are reused
by keyword extraction and the search index.

Sentences end at 。！？!?； or ……, and a closing quote or bracket after the
end mark stays with its sentence ("……目标。”").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import rjieba

_SENTENCE_END = re.compile(r"(?:[。！？!?；;]+|…{2,}|\.{6})[”’」』）)》]*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph; the spans cover the text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _read_list(path: Path | None, package_file: str) -> list[str]:
    if path is None:
        raw = resources.files("etl.lexicon").joinpath(package_file).read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@dataclass(frozen=True)
class Lexicon:
    """User dictionary entries (word, freq, tag) and stop words."""

    words: tuple[tuple[str, int, str], ...]
    stopwords: frozenset[str]

    @classmethod
    def load(cls, userdicts: tuple[Path, ...] = (), stopwords: tuple[Path, ...] = ()) -> "Lexicon":
        entries: dict[str, tuple[str, int, str]] = {}
        for source in (None, *userdicts):
            for ln in _read_list(source, "userdict.txt"):
                parts = ln.split()
                word = parts[0]
                freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1000
                tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) == 2 and not parts[1].isdigit() else "n")
                entries[word] = (word, freq, tag)
        stops: set[str] = set()
        for source in (None, *stopwords):
            stops.update(_read_list(source, "stopwords.txt"))
        return cls(tuple(sorted(entries.values())), frozenset(stops))


class Tokenizer:
    """A jieba tokenizer with the project lexicon, used everywhere."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or Lexicon.load()
        self._jieba = rjieba.Jieba()
        for word, freq, tag in self.lexicon.words:
            self._jieba.add_word(word, freq, tag)
        self._user_tags = {w: t for w, _, t in self.lexicon.words}

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) for each token, in order; they concatenate to text."""
        out = []
        for word, tag in self._jieba.tag(text):
            out.append((word, tag or self._user_tags.get(word, "n")))
        return out

    def first_word(self, text: str) -> tuple[str, str]:
        """The first word of a short text and its part of speech (for the
        layout's headline rules; keyword tagging goes through `tag`)."""
        for word, tag in self._jieba.tag(text[:8]):
            return word, tag or self._user_tags.get(word, "n")
        return "", ""

    def cut(self, text: str, hmm: bool = True) -> list[str]:
        """Words of a text; without the HMM, unknown runs stay in single characters."""
        if not hmm:
            return self._jieba.cut(text, False)
        return [w for w, _ in self.tag(text)]


@lru_cache(maxsize=4)
def default_tokenizer() -> Tokenizer:
    return Tokenizer()


def joins_word(left: str, right: str) -> bool:
    """Does a word run across the join of two line fragments?

    A line wrapped in the middle of a word ("…技能形" + "成体系") continues
    on the next line; a heading or title followed by a byline does not
    ("…权益诉求" + "王明").
    """
    a, b = left[-3:], right[:3]
    if not a or not b:
        return False
    if a[-1].isascii() and a[-1].isalnum() or a[-1] in "“‘（《〈「『":
        return True  # a number or an opening mark never ends a heading ("1949年7" + "月")
    pos = 0
    # Common dictionary words only: the HMM would glue any unknown pair
    # ('制' + '王明'), and rare entries join a title to a name ('中小' + '苏明').
    freq = word_frequencies()
    for word in default_tokenizer().cut(a + b, hmm=False):
        if pos < len(a) < pos + len(word) and freq.get(word, 0) >= COMMON_WORD:
            return True
        pos += len(word)
    return False


#: A dictionary word this frequent (in jieba's counts) is a common word.
COMMON_WORD = 100


#: A line of jieba's dict.txt: word, count, part of speech.
_DICT_LINE = re.compile(r"^(\S+) (\d+)", re.MULTILINE)


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, int]:
    """jieba's dictionary frequencies, with the project's user words.

    Only words counted at least COMMON_WORD times are kept: every question
    asked of this table is "at least COMMON_WORD" or a higher threshold, and
    the 36,000 such words of 349,000 are read in half the time (it is paid
    by every build that processes a page, however few).
    """
    raw = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    freq = {word: int(count) for word, count in _DICT_LINE.findall(raw) if int(count) >= COMMON_WORD}
    for word, count, _ in default_tokenizer().lexicon.words:
        freq[word] = max(freq.get(word, 0), count)
    return freq
