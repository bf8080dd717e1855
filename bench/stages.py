"""Where a build's time goes: per-page stages, the build's phases, and a bound.

    python bench/stages.py [--pages 1000] [--out .bench]     (make bench-stages)

Uses the corpus of `bench.py` (generated pages, seeds 0..N-1, cached in
OUT/pages) and prints, all measured in this one process at ``--jobs 1``:

1. **Per-page stages**, in ms per page: reading and checking the file, page
   reconstruction, the page's rows with claim extraction (and claims alone),
   tagging with rjieba, keyword candidates, TextRank, the search index; and
   `process_page` as the build calls it (all of them together).
2. **Build phases**: a whole build, timed by its own progress reports: the
   pages (per-page work plus the rows into SQLite and the CSVs), the
   corpus-wide TF-IDF pass, the database indexes, metadata and zip, and the
   Frictionless validation.
3. **A bound**: the same build with page reconstruction taken out (its
   results computed beforehand and looked up), i.e. what the rest of the
   build costs however fast the layout engine became.

The ratio target of issue 7 compares the build with one `jieba.lcut` pass
(see bench.py); this script shows which parts make up the difference.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402

from etl import claims, pipeline  # noqa: E402
from etl.keywords import article_terms, textrank  # noqa: E402
from etl.layout import parse_page  # noqa: E402
from etl.read import read_bytes, read_page  # noqa: E402
from etl.search import index_text  # noqa: E402


def stages(files: list[Path]) -> dict[str, float]:
    """Milliseconds per page of each per-page stage."""
    pipeline._init_worker((), ())
    pipeline.process_page(str(files[0]))  # load dictionaries and caches first
    tokenizer = pipeline._tokenizer
    assert tokenizer is not None
    spent: Counter[str] = Counter()

    def timed(stage: str, fn, *args):
        t = time.perf_counter()
        result = fn(*args)
        spent[stage] += time.perf_counter() - t
        return result

    for f in files:
        page = timed("read and check the file", lambda: read_page(f, read_bytes(f)))
        parsed = timed("page reconstruction", parse_page, page.text)
        rows = timed("page rows, with claims", pipeline.page_rows, page, parsed)
        texts = [p["text"] for p in rows["paragraphs"]]
        timed("  claims alone", lambda: [claims.extract(t) for t in texts])
        by_article: dict[str, list] = {}
        for p in rows["paragraphs"]:
            by_article.setdefault(p["article_id"], []).append(p["text"])
        tags = {a: timed("tagging (rjieba)", lambda ts=ts: [tokenizer.tag(t) for t in ts]) for a, ts in by_article.items()}
        terms = {a: timed("keyword candidates", article_terms, t, tokenizer.lexicon.stopwords) for a, t in tags.items()}
        for seqs in terms.values():
            timed("TextRank", textrank, seqs)
        timed("search index", lambda: [index_text(t) for t in texts])
        timed("process_page (all of the above)", pipeline.process_page, str(f))
    return {stage: 1000 * s / len(files) for stage, s in spent.items()}


def phases(files: list[Path], out: Path) -> dict[str, float]:
    """Seconds at which each phase of a build ended, and the total."""
    t0 = time.perf_counter()
    ended: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if done == total:
            ended[stage] = time.perf_counter() - t0

    pipeline.build(files, out, jobs=1, progress=progress)
    ended["total"] = time.perf_counter() - t0
    return ended


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--out", type=Path, default=ROOT / ".bench")
    args = ap.parse_args()
    files = corpus(args.out / "pages", args.pages)

    print(f"\nper-page stages, ms per page ({len(files)} pages, --jobs 1):")
    for stage, ms in stages(files).items():
        print(f"  {stage:<34}{ms:7.2f}")

    work = Path(tempfile.mkdtemp(prefix="stages-", dir=args.out))
    try:
        ended = phases(files, work / "full")
        print("\nbuild phases, seconds (--jobs 1; each ends at):")
        labels = {"pages": "pages in (rows into SQLite and CSVs)", "keywords": "TF-IDF pass",
                  "write": "indexes, metadata, zip", "validate": "Frictionless validation"}
        last = 0.0
        for stage in ("pages", "keywords", "write", "validate"):
            print(f"  {labels[stage]:<38}{ended[stage] - last:6.2f}  (at {ended[stage]:6.2f})")
            last = ended[stage]
        print(f"  {'whole build':<38}{ended['total']:6.2f}")

        # The bound: page reconstruction computed beforehand and looked up.
        parsed = {}
        banners = pipeline.survey_pages(pipeline.identify(files)[0])
        for f in files:
            page = read_page(f, read_bytes(f))
            top = banners.role_of(page.sha256)
            parsed[page.text, top] = parse_page(page.text, top)
        real = pipeline.parse_page
        pipeline.parse_page = lambda text, top=None: parsed[text, top]
        try:
            bound = phases(files, work / "no_layout")
        finally:
            pipeline.parse_page = real
        print(f"\nthe same build without page reconstruction (looked up): {bound['total']:.2f} s, "
              f"of which Frictionless validation {bound['validate'] - bound['write']:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
