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

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


def candidates(tagged: list[tuple[str, str]], stopwords: frozenset[str]) -> list[str]:
    return [w for w, p in tagged if is_candidate(w, p, stopwords)]


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
        self.table, self.median = jieba_idf()
        self.learned: dict[str, float] | None = None
        if documents is not None and len(documents) >= CORPUS_IDF_MIN:
            df: Counter[str] = Counter()
            for doc in documents:
                df.update(doc)
            n = len(documents)
            self.learned = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}
            self.learned_default = math.log(1 + n) + 1

    @property
    def source(self) -> str:
        return "corpus" if self.learned is not None else "jieba"

    def __call__(self, word: str) -> float:
        if self.learned is not None:
            return self.learned.get(word, self.learned_default)
        if word in self.table:
            return self.table[word]
        parts = [p for p in rjieba.cut(word) if p != word]
        known = [self.table[p] for p in parts if p in self.table]
        return max(known) if known else self.median


def tfidf(words: list[str], idf: Idf, top_k: int = TOP_K) -> list[Keyword]:
    counts = Counter(words)
    total = sum(counts.values()) or 1
    scored = sorted(((c / total * idf(w), w) for w, c in counts.items()), key=lambda x: (-x[0], x[1]))
    return [Keyword("tfidf", i, w, round(s, 6)) for i, (s, w) in enumerate(scored[:top_k], start=1)]


def textrank(sequences: list[list[str]], top_k: int = TOP_K) -> list[Keyword]:
    """TextRank over candidate words; each sequence is one paragraph's candidates."""
    graph: dict[str, Counter[str]] = defaultdict(Counter)
    for seq in sequences:
        for i, w in enumerate(seq):
            for v in seq[i + 1 : i + WINDOW]:
                if v != w:
                    graph[w][v] += 1
                    graph[v][w] += 1
    if not graph:
        return []
    nodes = sorted(graph)
    score = {w: 1.0 / len(nodes) for w in nodes}
    out_weight = {w: sum(graph[w].values()) for w in nodes}
    inbound = {w: [(v, e / out_weight[v]) for v, e in graph[w].items()] for w in nodes}
    for _ in range(ITERATIONS):
        score = {w: (1 - DAMPING) + DAMPING * sum(share * score[v] for v, share in inbound[w]) for w in nodes}
    top = max(score.values())
    ranked = sorted(((s / top, w) for w, s in score.items()), key=lambda x: (-x[0], x[1]))
    return [Keyword("textrank", i, w, round(s, 6)) for i, (s, w) in enumerate(ranked[:top_k], start=1)]


def article_keywords(
    paragraph_tags: list[list[tuple[str, str]]], idf: Idf, stopwords: frozenset[str], top_k: int = TOP_K
) -> list[Keyword]:
    """Both methods for one article, from its paragraphs' tagged tokens."""
    sequences = [candidates(tags, stopwords) for tags in paragraph_tags]
    words = [w for seq in sequences for w in seq]
    return tfidf(words, idf, top_k) + textrank(sequences, top_k)
