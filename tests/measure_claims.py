"""Measure numeric-claim extraction against the hand-written fixture of the sample pages.

    python tests/measure_claims.py

Prints recall and precision of extraction (a claim matches when page,
paragraph and mention agree) and the accuracy of value, unit, approx, year
and modality on the matched claims; lists every miss and every extra.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.claims import extract  # noqa: E402
from etl.layout import parse_page  # noqa: E402

FIELDS = ("value", "unit", "quantity", "approx", "year", "modality")


def extracted() -> list[dict]:
    out = []
    for path in sorted((ROOT / "data" / "pages").glob("*.txt")):
        page = parse_page(path.read_text(encoding="utf-8"))
        for art in page.articles:
            for para in art.paragraphs:
                for c in extract(para.text):
                    out.append({"page": path.name, "line": para.line_start, **{k: getattr(c, k) for k in ("mention", *FIELDS)}})
    return out


def measure() -> dict:
    expected = json.loads((ROOT / "tests" / "fixtures" / "sample_claims.json").read_text(encoding="utf-8"))["claims"]
    got = extracted()
    key = lambda c: (c["page"], c["line"], c["mention"])  # noqa: E731
    exp_keys = [key(c) for c in expected]
    got_by_key: dict = {}
    for c in got:
        got_by_key.setdefault(key(c), []).append(c)
    matched = [(e, got_by_key[key(e)].pop(0)) for e in expected if got_by_key.get(key(e))]
    extras = [c for cs in got_by_key.values() for c in cs]
    misses = [e for e in expected if key(e) not in {key(m[0]) for m in matched}]
    accuracy = {f: sum(1 for e, g in matched if e[f] == g[f]) / len(matched) for f in FIELDS} if matched else {}
    wrong = {f: [(e["mention"], e[f], g[f]) for e, g in matched if e[f] != g[f]] for f in FIELDS}
    return {
        "expected": len(exp_keys),
        "extracted": len(got),
        "recall": len(matched) / len(expected),
        "precision": len(matched) / len(got) if got else 1.0,
        "accuracy": accuracy,
        "misses": misses,
        "extras": extras,
        "wrong": wrong,
    }


if __name__ == "__main__":
    r = measure()
    print(f"expected {r['expected']}, extracted {r['extracted']}: recall {r['recall']:.1%}, precision {r['precision']:.1%}")
    for f, a in r["accuracy"].items():
        print(f"  {f}: {a:.1%}" + (f"  wrong: {r['wrong'][f]}" if r["wrong"][f] else ""))
    for m in r["misses"]:
        print("  MISSED", m["page"], m["line"], m["mention"])
    for x in r["extras"]:
        print("  EXTRA ", x["page"], x["line"], x["mention"], x["value"], x["unit"])
