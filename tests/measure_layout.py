"""Measure page reconstruction on generated pages: share of articles recovered exactly.

    python tests/measure_layout.py [--family dev|held|classic|all] [--pages N] [--first SEED]
                                   [--archive N] [--save FILE] [--compare FILE] [--show N]
                                   [--widths LOW-HIGH]

For each family (tests/conventions.py: ``dev``, the one rules are developed
against, and ``held``, measured but never read; ``classic``: the layouts of
tests/pagegen.py, the sample pages' own) prints the share of articles whose
title, subtitle, kicker, labels, kind, authors, affiliation, pull-quote,
editor's note and paragraphs (text, heading, speaker) all match what was
laid out, the kinds of failure, and how well the review flags point at
the failures: **flag recall** (share of inexact articles with at least one
flag) and **flag rate** on exact articles.

A build reads each page's top line against the other pages of its archive
(`etl.layout.banners`); here every ``--archive`` consecutive pages (default
50, about a year of a weekly page) are surveyed as one archive.

``--save`` writes every article's differences (family:seed:index → fields)
and ``--compare`` lists the articles that got worse or better against such
a file: the per-article diff a new rule must pass (no article made worse).

``--widths 23-28`` lays the dev and held families out at those column widths
instead of their own (`conventions.at_widths`: new pages, named dev@23-28):
the dev conventions at the held family's widths show what the width alone
does to a rule.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import conventions  # noqa: E402
from pagegen import generate, recovered  # noqa: E402

from etl.layout import parse_page  # noqa: E402
from etl.layout.banners import survey  # noqa: E402


@dataclass
class Measure:
    family: str
    pages: int = 0
    total: int = 0
    exact: int = 0
    kinds: Counter = field(default_factory=Counter)
    flag_kinds: Counter = field(default_factory=Counter)
    inexact_flagged: int = 0
    exact_flagged: int = 0
    bad_seeds: list[int] = field(default_factory=list)
    diffs: dict[str, list[str]] = field(default_factory=dict)
    unflagged: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.exact / self.total if self.total else 1.0

    @property
    def flag_recall(self) -> float:
        inexact = self.total - self.exact
        return self.inexact_flagged / inexact if inexact else 1.0

    @property
    def flag_rate(self) -> float:
        return self.exact_flagged / self.exact if self.exact else 0.0


#: Pages surveyed together for the role of their top lines (see
#: `etl.layout.banners`): about a year of a weekly page.
ARCHIVE = 50


def page_for(family: str, seed: int, **overrides):
    if family == "classic":
        return generate(seed, **overrides)
    return conventions.generate(seed, family)


def top_roles(pages: list, archive: int) -> dict[int, str | None]:
    """The role of each page's top line (seed → role), each run of `archive`
    consecutive pages surveyed as one archive, as a build over them would."""
    roles = {}
    for k in range(0, len(pages), archive):
        chunk = pages[k : k + archive]
        found = survey(lambda: ((str(p.seed), p.text) for p in chunk))
        roles.update({p.seed: found.role_of(str(p.seed)) for p in chunk})
    return roles


#: Share of a laid-out article's body bigrams a parsed article must hold to be its reading.
ALIGN_MIN = 0.5


def align(specs: list, parsed: list) -> list[int | None]:
    """The parsed article that reads each laid-out article (None if none does).

    Articles pair by position when the counts agree.  When they do not (two
    bodies read as one, or one cut in two), pairing by position would count
    every article after the slip as wrong; each laid-out article is paired,
    in page order, with the parsed article that holds most of its body, so
    that the slip costs only the articles it concerns.
    """
    if len(specs) == len(parsed):
        return list(range(len(specs)))

    def grams(text: str) -> set[str]:
        text = text.replace(" ", "").replace("\n", "")
        return {text[k : k + 2] for k in range(len(text) - 1)}

    want = [grams("".join(p[0] for p in s.expected()["paragraphs"])) for s in specs]
    have = [grams(a.text) for a in parsed]

    def held(i: int, j: int) -> float:
        return len(want[i] & have[j]) / len(want[i]) if want[i] else 0.0

    # Best order-preserving pairing (an alignment, as of two sequences).
    n, m = len(specs), len(parsed)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = held(i, j)
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + pair if pair >= ALIGN_MIN else 0.0)
    out: list[int | None] = [None] * n
    i = j = 0
    while i < n and j < m:
        pair = held(i, j)
        if pair >= ALIGN_MIN and best[i][j] == best[i + 1][j + 1] + pair:
            out[i] = j
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def measure(n: int, first: int = 0, family: str = "classic", archive: int = ARCHIVE, **overrides) -> Measure:
    m = Measure(family)
    pages = [page_for(family, seed, **overrides) for seed in range(first, first + n)]
    roles = top_roles(pages, archive)
    for seed, page in zip(range(first, first + n), pages):
        parsed = parse_page(page.text, roles[seed])
        m.pages += 1
        flagged = {f.article for f in parsed.flags}
        page_ok = len(parsed.articles) == len(page.articles)
        if not page_ok:
            m.kinds["article_count"] += 1
        reading = align(page.articles, parsed.articles)
        for i, spec in enumerate(page.articles):
            m.total += 1
            j = reading[i]
            got = parsed.articles[j] if j is not None else None
            diffs = recovered(spec, got) if got is not None else ["missing"]
            m.diffs[f"{family}:{seed}:{i}"] = diffs
            has_flag = j in flagged if got is not None else None in flagged  # a missing article: a page flag
            if not diffs:
                m.exact += 1
                m.exact_flagged += j in flagged
            else:
                page_ok = False
                m.kinds.update(diffs)
                m.inexact_flagged += bool(has_flag)
                if not has_flag:
                    m.unflagged.append(f"{seed}:{i} {','.join(diffs)}")
        m.flag_kinds.update(f.kind for f in parsed.flags)
        if not page_ok:
            m.bad_seeds.append(seed)
    return m


def report(m: Measure, first: int, show: int = 30) -> None:
    print(
        f"{m.family}: {m.pages} pages (seeds {first}-{first + m.pages - 1}), {m.total} articles, "
        f"{m.exact} exact: {m.share:.1%}; flag recall {m.flag_recall:.2f} "
        f"({m.inexact_flagged}/{m.total - m.exact} inexact flagged), flag rate on exact {m.flag_rate:.3f}"
    )
    for kind, count in m.kinds.most_common():
        print(f"  {kind}: {count}")
    if m.flag_kinds:
        print("  flags:", ", ".join(f"{k} {v}" for k, v in m.flag_kinds.most_common()))
    if not m.family.startswith("held"):  # nobody reads the held-back family's failures
        print("  pages with a failure (seeds):", m.bad_seeds[:show])
        if m.unflagged:
            print("  inexact without a flag:", m.unflagged[:show])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--family", default="all", choices=["dev", "held", "classic", "all"])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--archive", type=int, default=ARCHIVE)
    ap.add_argument("--save")
    ap.add_argument("--compare")
    ap.add_argument("--show", type=int, default=30)
    ap.add_argument("--widths", help="LOW-HIGH: lay dev and held out at these column widths (new pages)")
    args = ap.parse_args()
    families = ["dev", "held", "classic"] if args.family == "all" else [args.family]
    if args.widths:
        low, high = (int(x) for x in args.widths.split("-"))
        families = [conventions.at_widths(f, tuple(range(low, high + 1))) for f in families if f != "classic"]
        if not families:
            ap.error("--widths lays out the dev and held families; the classic layouts keep their own widths")
    diffs: dict[str, list[str]] = {}
    for family in families:
        m = measure(args.pages, args.first, family, args.archive)
        report(m, args.first, args.show)
        diffs.update(m.diffs)
    if args.save:
        Path(args.save).write_text(json.dumps(diffs), encoding="utf-8")
    if args.compare:
        before = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        worse = [k for k, v in diffs.items() if k in before and v and not before[k]]
        better = [k for k, v in diffs.items() if k in before and not v and before[k]]
        print(f"against {args.compare}: {len(better)} articles better, {len(worse)} worse")
        shown = [k for k in worse if not k.startswith("held:")]
        if shown:
            print("  worse:", shown[: args.show])


if __name__ == "__main__":
    main()
