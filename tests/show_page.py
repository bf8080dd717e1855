"""Show one generated page, what was laid out and what the parser recovered.

    python tests/show_page.py SEED [--family dev|classic] [--lines]

For reading the development family's failures (never the held-back one's).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from measure_layout import page_for  # noqa: E402
from pagegen import recovered  # noqa: E402

from etl.layout import parse_page  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("seed", type=int)
    ap.add_argument("--family", default="dev", choices=["dev", "classic"])
    ap.add_argument("--lines", action="store_true", help="print the page with line numbers")
    args = ap.parse_args()
    page = page_for(args.family, args.seed)
    parsed = parse_page(page.text)
    if args.lines:
        for no, line in enumerate(page.text.split("\n"), start=1):
            if line.strip():
                print(f"{no:4d} {line}")
    for i, spec in enumerate(page.articles):
        got = parsed.articles[i] if i < len(parsed.articles) else None
        diffs = recovered(spec, got) if got else ["missing"]
        print(f"--- article {i}: {'EXACT' if not diffs else diffs}")
        e = spec.expected()
        for key in diffs:
            if key in ("paragraphs", "headings", "speakers"):
                want = [(t[:12], h, s) for t, h, s in e["paragraphs"]]
                have = [(p.text[:12], p.heading, p.speaker) for p in got.paragraphs] if got else None
                print(f"  {key}: want {want}\n  {' ' * len(key)}  got  {have}")
            elif key != "missing":
                print(f"  {key}: want {e.get(key)!r}, got {getattr(got, key) if key != 'authors' else list(got.authors)!r}")
    for r in parsed.residue:
        print(f"  residue {r.line_no}: {r.text} ({r.reason})")
    for f in parsed.flags:
        print(f"  flag {f.kind} article {f.article} lines {f.line_start}-{f.line_end}: {f.detail}")


if __name__ == "__main__":
    main()
