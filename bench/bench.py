"""Benchmark: build speed and memory on a generated corpus, and search latency.

    python bench/bench.py [--pages 1000] [--out .bench]

1. Lays out N pages of known articles with tests/pagegen.py (cached in
   OUT/pages), builds them with `etl.pipeline.build` and reports wall time,
   pages per second and peak memory (max RSS of this process).
2. For 36 search terms, compares the bigram full-text search (zh_fts, as the
   Datasette search box uses it) with the substring truth (instr) and with a
   LIKE '%term%' scan of the base table: precision, recall and latency
   (median and 95th percentile of 5 runs per term), on the same database in
   the same run.  Also times the search through Datasette's own JSON API.

Results are printed as a table and written to OUT/results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sqlite3
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from pagegen import generate  # noqa: E402

from etl import schema  # noqa: E402
from etl.pipeline import build  # noqa: E402
from etl.search import fts_query  # noqa: E402

TERMS = [
    "工会", "骑手", "算法", "劳动", "职工", "平台", "技能", "就业", "权益", "培训", "协商", "党的",
    "数字工匠", "新就业形态", "新就业形态劳动者", "全国总工会", "总工会", "产业工人", "数字技术工程师",
    "高质量发展", "集体合同", "人工智能", "工匠精神", "恳谈会", "服务业数字化", "劳动关系",
    "工", "会", "GDP", "AI", "GDP比重", "2021", "3.59", "48%", "区块链技术平台", "XYZ",
]
RUNS = 5


def timed(fn, runs: int = RUNS) -> tuple[float, float, object]:
    times = []
    result = None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--out", type=Path, default=ROOT / ".bench")
    args = ap.parse_args()
    pages_dir = args.out / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    have = len(list(pages_dir.glob("*.txt")))
    t = time.perf_counter()
    for seed in range(have, args.pages):
        (pages_dir / f"gen_{seed:05d}.txt").write_text(generate(seed).text, encoding="utf-8")
    for extra in sorted(pages_dir.glob("*.txt"))[args.pages :]:
        extra.unlink()
    print(f"generated {args.pages - have} pages in {time.perf_counter() - t:.1f}s ({args.pages} in {pages_dir})")

    out = args.out / "outputs"
    t = time.perf_counter()
    report = build([pages_dir], out)
    seconds = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mb_text = sum(f.stat().st_size for f in pages_dir.glob("*.txt")) / 1e6
    print(
        f"build: {report.pages} pages, {report.articles} articles, {report.paragraphs} paragraphs, "
        f"{report.claims} claims in {seconds:.1f}s = {report.pages / seconds:.1f} pages/s, "
        f"{mb_text / seconds:.2f} MB/s of text; peak RSS {peak_mb:.0f} MB"
    )

    db_path = out / f"{schema.DATABASE_NAME}.db"
    conn = sqlite3.connect(db_path)
    conn.create_function("zh_fts", 1, fts_query, deterministic=True)
    rows = []
    tp = fp = fn_ = 0
    for term in TERMS:
        truth = {r for (r,) in conn.execute("select rowid from paragraphs where instr(text, ?) > 0", (term,))}
        fts_med, fts_p95, got = timed(lambda: {r for (r,) in conn.execute(
            "select rowid from paragraphs where rowid in (select rowid from paragraphs_fts where paragraphs_fts match zh_fts(?))", (term,))})
        like_med, like_p95, _ = timed(lambda: conn.execute(
            "select rowid from paragraphs where text like ?", (f"%{term}%",)).fetchall())
        tp += len(got & truth)
        fp += len(got - truth)
        fn_ += len(truth - got)
        rows.append({"term": term, "truth": len(truth), "found": len(got), "exact": got == truth,
                     "fts_ms": round(fts_med, 2), "fts_p95_ms": round(fts_p95, 2),
                     "like_ms": round(like_med, 2), "like_p95_ms": round(like_p95, 2)})
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn_) if tp + fn_ else 1.0

    # Through Datasette's own JSON API (the search box), first page of results.
    from datasette.app import Datasette

    metadata = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    ds = Datasette(immutables=[str(db_path)], metadata=metadata)
    ds_times = []
    for term in TERMS:
        path = f"/{schema.DATABASE_NAME}/paragraphs.json?" + urllib.parse.urlencode({"_search": term, "_shape": "array"})
        med, _, _ = timed(lambda: asyncio.run(ds.client.get(path)), runs=3)
        ds_times.append(med)

    print(f"\nsearch over {report.paragraphs} paragraphs ({args.pages} pages): precision {precision:.4f}, recall {recall:.4f} "
          f"against substring truth, {sum(r['exact'] for r in rows)}/{len(rows)} terms exact")
    print(f"{'term':<14}{'truth':>7}{'found':>7}  {'fts ms':>8}{'p95':>8}  {'LIKE ms':>8}{'p95':>8}")
    for r in rows:
        print(f"{r['term']:<14}{r['truth']:>7}{r['found']:>7}  {r['fts_ms']:>8.2f}{r['fts_p95_ms']:>8.2f}  {r['like_ms']:>8.2f}{r['like_p95_ms']:>8.2f}")
    fts_all = statistics.median(r["fts_ms"] for r in rows)
    like_all = statistics.median(r["like_ms"] for r in rows)
    print(f"median over terms: FTS {fts_all:.2f} ms, LIKE scan {like_all:.2f} ms; "
          f"Datasette JSON search page {statistics.median(ds_times):.1f} ms")
    results = {
        "pages": report.pages, "articles": report.articles, "paragraphs": report.paragraphs,
        "build_seconds": round(seconds, 2), "pages_per_second": round(report.pages / seconds, 2),
        "peak_rss_mb": round(peak_mb), "search_precision": precision, "search_recall": recall,
        "fts_median_ms": fts_all, "like_median_ms": like_all,
        "datasette_median_ms": round(statistics.median(ds_times), 1), "terms": rows,
    }
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
