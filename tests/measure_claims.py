"""Measure numeric-claim extraction against hand-annotated fixtures.

    python tests/measure_claims.py [--show]

Three checks, each printed with recall, precision and the accuracy of every
field on the matched claims:

* the two sample pages (tests/fixtures/sample_claims.json: 32 quantities);
* the forms of statistical news (tests/fixtures/claims_forms.txt: sentences
  written for it, every quantity and every look-alike annotated), also by form;
* sentences held back from the grammar's development (claims_heldout.txt);
* JioNLP's money-parser cases (tests/fixtures/claims_peer.txt), each in a
  sentence: value, value_high and unit, with the cases set aside listed.

A claim matches when its mention (the figure as printed) is the annotated one.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT))

from etl.claims import extract  # noqa: E402
from etl.layout import parse_page  # noqa: E402

FIELDS = ("value", "value_high", "unit", "quantity", "approx", "year", "modality", "rate_base")


@dataclass
class Gold:
    sentence: str
    form: str
    claims: list[dict] = field(default_factory=list)
    non_claims: list[tuple[str, str]] = field(default_factory=list)


def _number(text: str) -> float | None:
    return None if text in ("", "-") else float(text)


def load_forms(path: Path = FIXTURES / "claims_forms.txt") -> list[Gold]:
    """Parse the forms fixture (its format is described at its top)."""
    out: list[Gold] = []
    form = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            form = line[3:].strip()
        elif line.startswith("S "):
            out.append(Gold(line[2:].strip(), form))
        elif line.startswith("C "):
            mention, rest = line[2:].split(" = ", 1)
            parts = [p.strip() for p in rest.split(";")]
            value, _, high = parts[0].partition("..")
            extra = dict(p.split("=", 1) for p in parts[6:])
            out[-1].claims.append({
                "mention": mention.strip(), "value": _number(value), "value_high": _number(high),
                "unit": None if parts[1] == "-" else parts[1], "quantity": parts[2], "approx": parts[3],
                "year": None if parts[4] == "-" else int(parts[4]), "modality": parts[5],
                "rate_base": extra.get("per"),
            })
        elif line.startswith("N "):
            text, _, why = line[2:].partition(" : ")
            out[-1].non_claims.append((text.strip(), why.strip()))
    return out


def _same(field_name: str, want, got) -> bool:
    if field_name in ("value", "value_high") and want is not None and got is not None:
        return math.isclose(want, got, rel_tol=1e-9, abs_tol=1e-6)
    return want == got


@dataclass
class Score:
    expected: int = 0
    extracted: int = 0
    matched: int = 0
    right: dict = field(default_factory=lambda: defaultdict(int))
    wrong: dict = field(default_factory=lambda: defaultdict(list))
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    def accuracy(self, f: str) -> float:
        return self.right[f] / self.matched if self.matched else 1.0

    def add(self, gold: list[dict], got: list[dict], context: str) -> None:
        self.expected += len(gold)
        self.extracted += len(got)
        left = list(got)
        for g in gold:
            hit = next((c for c in left if c["mention"] == g["mention"]), None)
            if hit is None:
                self.misses.append((context, g["mention"]))
                continue
            left.remove(hit)
            self.matched += 1
            for f in FIELDS:
                if f not in g:
                    self.right[f] += 1
                elif _same(f, g[f], hit[f]):
                    self.right[f] += 1
                else:
                    self.wrong[f].append((g["mention"], g[f], hit[f]))
        self.extras += [(context, c["mention"]) for c in left]


def _as_dict(c) -> dict:
    return {"mention": c.mention, **{f: getattr(c, f) for f in FIELDS}}


def measure_samples() -> Score:
    expected = json.loads((FIXTURES / "sample_claims.json").read_text(encoding="utf-8"))["claims"]
    score = Score()
    by_para: dict[tuple, list] = defaultdict(list)
    for e in expected:
        by_para[(e["page"], e["line"])].append(e)
    for path in sorted((ROOT / "data" / "pages").glob("*.txt")):
        page = parse_page(path.read_text(encoding="utf-8"))
        for art in page.articles:
            for para in art.paragraphs:
                got = [_as_dict(c) for c in extract(para.text)]
                gold = [{k: v for k, v in e.items() if k not in ("page", "line")} for e in by_para.pop((path.name, para.line_start), [])]
                score.add(gold, got, f"{path.name}:{para.line_start}")
    for key, rest in by_para.items():  # paragraphs the fixture names but the parse does not have
        score.expected += len(rest)
        score.misses += [(key, e["mention"]) for e in rest]
    return score


def measure_forms(path: Path = FIXTURES / "claims_forms.txt") -> tuple[Score, dict[str, Score], list[tuple[str, str]]]:
    """Score over every sentence, scores by form, and non-claims extracted."""
    total, by_form = Score(), defaultdict(Score)
    leaked: list[tuple[str, str]] = []
    for gold in load_forms(path):
        got = [_as_dict(c) for c in extract(gold.sentence)]
        total.add(gold.claims, got, gold.sentence)
        by_form[gold.form].add(gold.claims, got, gold.sentence)
        for text, _ in gold.non_claims:
            if any(text in c["mention"] or c["mention"] in text for c in got if c["mention"] not in {g["mention"] for g in gold.claims}):
                leaked.append((gold.sentence, text))
    return total, dict(by_form), leaked


PEER_FRAME = "合同约定的金额是{}。"


def measure_peer() -> tuple[int, list[str], list[tuple[str, str]]]:
    """(cases checked, failures, cases set aside with the reason)."""
    checked, failures, aside = 0, [], []
    for raw in (FIXTURES / "claims_peer.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("X "):
            text, _, why = raw[2:].partition(" : ")
            aside.append((text, why))
            continue
        if not raw.startswith("P "):
            continue
        case, rest = raw[2:].split(" = ")
        amount, unit = [p.strip() for p in rest.split(";")]
        low, _, high = amount.partition("..")
        want = (float(low), float(high) if high else None, None if unit == "-" else unit)
        sentence = PEER_FRAME.format(case)
        claims = extract(sentence)
        checked += 1
        got = [(c.value, c.value_high, c.unit) for c in claims]
        ok = len(claims) == 1 and _same("value", want[0], got[0][0]) and _same("value_high", want[1], got[0][1]) and want[2] == got[0][2]
        if not ok:
            failures.append(f"{case}: want {want}, got {got}")
    return checked, failures, aside


def _print(name: str, s: Score, show: bool) -> None:
    fields = ", ".join(f"{f} {s.accuracy(f):.1%}" for f in FIELDS)
    print(f"{name}: {s.expected} annotated, {s.extracted} extracted: recall {s.recall:.1%}, precision {s.precision:.1%}; {fields}")
    if show:
        for f in FIELDS:
            for w in s.wrong[f]:
                print(f"    wrong {f}: {w}")
        for m in s.misses:
            print(f"    MISSED {m}")
        for x in s.extras:
            print(f"    EXTRA  {x}")


def main() -> None:
    show = "--show" in sys.argv
    _print("sample pages", measure_samples(), show)
    total, by_form, leaked = measure_forms()
    _print(f"forms of statistical news ({len(load_forms())} sentences)", total, show)
    for form, s in sorted(by_form.items()):
        _print(f"  {form}", s, False)
    print(f"  non-claims extracted: {len(leaked)}" + ("".join(f"\n    {x}" for x in leaked) if leaked and show else ""))
    held, _, held_leaked = measure_forms(FIXTURES / "claims_heldout.txt")
    _print(f"held-back sentences ({len(load_forms(FIXTURES / 'claims_heldout.txt'))}, not tuned on)", held, show)
    print(f"  non-claims extracted: {len(held_leaked)}" + ("".join(f"\n    {x}" for x in held_leaked) if held_leaked and show else ""))
    checked, failures, aside = measure_peer()
    print(f"JioNLP money cases: {checked - len(failures)} of {checked} right; {len(aside)} set aside")
    for f in failures:
        print(f"    {f}")


if __name__ == "__main__":
    main()
