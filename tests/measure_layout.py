"""Measure page reconstruction on generated pages: share of articles recovered exactly.

    python tests/measure_layout.py [N_PAGES] [FIRST_SEED]

Prints the share of articles whose title, subtitle, labels, kind, authors,
affiliation, pull-quote and paragraphs (text, heading, speaker) all match what
was laid out, and the kinds of failure that remain.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pagegen import generate, recovered  # noqa: E402

from etl.layout import parse_page  # noqa: E402


def measure(n: int, first: int = 0, **overrides) -> tuple[int, int, Counter, list[int]]:
    total = exact = 0
    kinds: Counter[str] = Counter()
    bad_seeds: list[int] = []
    for seed in range(first, first + n):
        page = generate(seed, **overrides)
        parsed = parse_page(page.text)
        by_title = {}
        for art in parsed.articles:
            by_title.setdefault(art.title, art)
        page_ok = True
        if len(parsed.articles) != len(page.articles):
            kinds["article_count"] += 1
        for spec, art in zip(page.articles, parsed.articles):
            total += 1
            diffs = recovered(spec, art)
            if not diffs:
                exact += 1
            else:
                page_ok = False
                kinds.update(diffs)
        total += max(0, len(page.articles) - len(parsed.articles))
        if not page_ok or len(parsed.articles) != len(page.articles):
            bad_seeds.append(seed)
    return total, exact, kinds, bad_seeds


def report(n: int, first: int, label: str, **overrides) -> None:
    total, exact, kinds, bad = measure(n, first, **overrides)
    print(f"{label}: {n} generated pages, {total} articles, {exact} recovered exactly: {exact / total:.1%}")
    for kind, count in kinds.most_common():
        print(f"  {kind}: {count}")
    print("  pages with a failure (seeds):", bad[:30])


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    report(n, first, "all layouts")
    report(n, first, "without punctuation squeezing or push-out", squeeze=False, push=0.0)
