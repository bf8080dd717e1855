"""Keywords per article, by TF-IDF and by TextRank, from tokens tagged once.

Both methods work on the same tagged tokens of the article's paragraphs (see
`text.Tokenizer.tag`) and keep only candidate words: nouns, verbal nouns,
abbreviations and Latin words of two or more characters that are not stop
words and not numbers.

**IDF rule.**  With fewer than `CORPUS_IDF_MIN` articles, IDF comes from
jieba's own table (idf.txt, computed on a large general corpus).  A user
dictionary term missing from that table gets the IDF of its rarest part as
jieba would cut it without the user dictionary (新就业形态 → max(新, 就业,
形态)); jieba's default, the median IDF, would rank every domain term above
every ordinary word.  From `CORPUS_IDF_MIN` articles up, IDF is learned from
the corpus itself: idf(w) = ln((1 + N) / (1 + df(w))) + 1.

**TextRank** follows jieba's: an undirected co-occurrence graph over candidate
words within a window of 5, PageRank with damping 0.85, weights scaled so the
top word has 1.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import rjieba

TOP_K = 20
CORPUS_IDF_MIN = 200
WINDOW = 5
DAMPING = 0.85
ITERATIONS = 10
#: Parts of speech a keyword may have (jieba tags): nouns of all kinds,
#: verbal nouns, abbreviations, Latin words.
KEYWORD_POS = ("n", "vn", "j", "eng")


@dataclass(frozen=True)
class Keyword:
    method: str  # tfidf | textrank
    rank: int
    keyword: str
    weight: float


def is_candidate(word: str, pos: str, stopwords: frozenset[str]) -> bool:
    if len(word) < 2 or word in stopwords:
        return False
    if not pos.startswith(KEYWORD_POS):
        return False
    if any(c.isdigit() for c in word) and not any("\u4e00" <= c <= "\u9fff" for c in word):
        return False
    if not any(c.isalnum() for c in word):
        return False
    return not pos.startswith("m")


_verdicts: dict[tuple[str, str, int], bool] = {}


def candidates(tagged: list[tuple[str, str]], stopwords: frozenset[str]) -> list[str]:
    # The same few thousand (word, tag) pairs recur in every article: judge each once.
    key = id(stopwords)
    out = []
    for w, p in tagged:
        verdict = _verdicts.get((w, p, key))
        if verdict is None:
            if len(_verdicts) > 500_000:
                _verdicts.clear()
            verdict = _verdicts[(w, p, key)] = is_candidate(w, p, stopwords)
        if verdict:
            out.append(w)
    return out


@lru_cache(maxsize=1)
def jieba_idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median (read from the installed jieba)."""
    text = resources.files("jieba.analyse").joinpath("idf.txt").read_text(encoding="utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        word, _, value = line.partition(" ")
        if value:
            table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2]


class Idf:
    """IDF lookup following the rule in the module docstring."""

    def __init__(self, documents: list[set[str]] | None = None) -> None:
        self.learned: dict[str, float] | None = None
        if documents is not None and len(documents) >= CORPUS_IDF_MIN:
            df: Counter[str] = Counter()
            for doc in documents:
                df.update(doc)
            self._learn(df, len(documents))

    @classmethod
    def from_counts(cls, df: dict[str, int], n: int) -> "Idf":
        """From document frequencies: df[w] = how many of the n articles contain w."""
        idf = cls()
        if n >= CORPUS_IDF_MIN:
            idf._learn(df, n)
        return idf

    def _learn(self, df: dict[str, int], n: int) -> None:
        self.learned = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}
        self.learned_default = math.log(1 + n) + 1

    @property
    def table(self) -> dict[str, float]:
        return jieba_idf()[0]  # loaded only when the corpus is too small to learn from

    @property
    def median(self) -> float:
        return jieba_idf()[1]

    @property
    def source(self) -> str:
        return "corpus" if self.learned is not None else "jieba"

    def lookup(self) -> Callable[[str], float]:
        """The IDF as a plain function (a dict lookup once the IDF is learned)."""
        if self.learned is None:
            return self
        learned, default = self.learned, self.learned_default
        return lambda word: learned.get(word, default)

    def __call__(self, word: str) -> float:
        if self.learned is not None:
            return self.learned.get(word, self.learned_default)
        if word in self.table:
            return self.table[word]
        parts = [p for p in rjieba.cut(word) if p != word]
        known = [self.table[p] for p in parts if p in self.table]
        return max(known) if known else self.median


def tfidf(words: list[str], idf: Idf, top_k: int = TOP_K) -> list[Keyword]:
    return tfidf_counts(Counter(words), idf, top_k)


def tfidf_counts(counts: dict[str, int], idf: Idf, top_k: int = TOP_K) -> list[Keyword]:
    """TF-IDF from an article's candidate counts: tf = count / all candidates."""
    total = sum(counts.values()) or 1
    weight = idf.lookup()
    # Highest score first, equal scores by word: the smallest (-score, word).
    top = heapq.nsmallest(top_k, [(-(c / total * weight(w)), w) for w, c in counts.items()])
    return [Keyword("tfidf", i, w, round(-s, 6)) for i, (s, w) in enumerate(top, start=1)]


def textrank(sequences: list[list[str]], top_k: int = TOP_K) -> list[Keyword]:
    """TextRank over candidate words; each sequence is one paragraph's candidates.

    Two different words are linked each time they stand within WINDOW
    candidates of each other in a paragraph (the link's weight counts the
    times).  Words without a link take no part.  The graph and the PageRank
    sums are computed with numpy; `bincount` adds each node's terms one by one
    in a fixed order, so the scores are the same on every machine.
    """
    vocab = sorted({w for seq in sequences for w in seq})
    index = {w: i for i, w in enumerate(vocab)}
    n = len(vocab)
    # All paragraphs in one array; a link never crosses from one to the next.
    codes = np.array([index[w] for seq in sequences for w in seq], dtype=np.int64)
    paragraph = np.repeat(np.arange(len(sequences)), [len(seq) for seq in sequences])
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    for k in range(1, WINDOW):
        a, b = codes[:-k], codes[k:]
        keep = (a != b) & (paragraph[:-k] == paragraph[k:])
        left.append(a[keep])
        right.append(b[keep])
    if not sum(len(x) for x in left):
        return []
    a, b = np.concatenate(left), np.concatenate(right)
    src, dst = np.concatenate([a, b]), np.concatenate([b, a])  # links go both ways
    pairs, weight = np.unique(dst * n + src, return_counts=True)  # sorted by (dst, src)
    dst, src = pairs // n, pairs % n
    out_weight = np.bincount(src, weights=weight, minlength=n)
    linked = out_weight > 0
    share = weight / out_weight[src]
    scores = np.full(n, 1.0 / int(linked.sum()))
    for _ in range(ITERATIONS):
        scores = (1 - DAMPING) + DAMPING * np.bincount(dst, weights=share * scores[src], minlength=n)
    values = scores[linked].tolist()
    words = [w for w, keep in zip(vocab, linked.tolist()) if keep]
    top = max(values)
    # Ranked by the weight as published (6 decimals), equal weights by word:
    # differences beyond the 6th decimal are rounding noise, not rank.
    ranked = sorted(((round(s / top, 6), w) for w, s in zip(words, values)), key=lambda x: (-x[0], x[1]))
    return [Keyword("textrank", i, w, s) for i, (s, w) in enumerate(ranked[:top_k], start=1)]


def article_terms(paragraph_tags: list[list[tuple[str, str]]], stopwords: frozenset[str]) -> list[list[str]]:
    """Candidate words of each paragraph of an article, in order."""
    return [candidates(tags, stopwords) for tags in paragraph_tags]


def article_keywords(
    paragraph_tags: list[list[tuple[str, str]]], idf: Idf, stopwords: frozenset[str], top_k: int = TOP_K
) -> list[Keyword]:
    """Both methods for one article, from its paragraphs' tagged tokens."""
    sequences = [candidates(tags, stopwords) for tags in paragraph_tags]
    words = [w for seq in sequences for w in seq]
    return tfidf(words, idf, top_k) + textrank(sequences, top_k)
