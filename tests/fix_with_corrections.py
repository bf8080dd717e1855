"""Make inexact generated articles exact with correction files, as a person would.

    python tests/fix_with_corrections.py [N_ARTICLES]

For each inexact article of the development family (tests/conventions.py),
writes the page's correction file with `etl review --stub` (etl.review.stub),
edits it the way a reviewer reading the page would (the values that are
wrong, in the article's [[article]] entry; lines of the body that sit
elsewhere moved back with [[move]]; paragraphs split, merged, headed), applies
it, and checks that the article now comes out exact.  Pages on which the parser
found a different number of articles are left out: a correction file edits
articles, it does not create them (said in the README).

The test suite runs it on 20 articles (tests/test_corrections.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import conventions  # noqa: E402
from pagegen import recovered  # noqa: E402

from etl.corrections import apply, load  # noqa: E402
from etl.layout import parse_page  # noqa: E402
from etl.review import stub  # noqa: E402

BY = 'reason = "read against the page"\nby = "fix_with_corrections.py"\n'
_SQUASH = re.compile(r"\s+")


def _q(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _edit_stub(text: str, seq: int, spec) -> str:
    """The stub with the [[article]] entry of `seq` holding the expected values."""
    e = spec.expected()
    values = {
        "kicker": e.get("kicker"), "title": e["title"], "subtitle": e["subtitle"], "column_name": e["column_name"],
        "series": e["series"], "kind": e["kind"], "affiliation": e["affiliation"], "pullquote": e["pullquote"],
        "editor_note": e.get("editor_note"),
    }
    out, block = [], 0
    for line in text.split("\n"):
        if line.startswith("[[article]]"):
            block += 1
        if block == seq:
            key = line.split(" = ", 1)[0]
            if key in values:
                line = f"{key} = {_q(values[key] or '')}"
            elif key == "authors":
                line = f"authors = {_q(list(spec.authors))}"
            elif key == "affiliations":
                continue  # the units follow from the footer
            elif key in ("reason", "by"):
                line = BY.split("\n")[0 if key == "reason" else 1]
        out.append(line)
    return "\n".join(out)


def _lines_holding(page_text: str, text: str) -> tuple[int, int] | None:
    """The run of non-blank source lines whose text is exactly `text` (spaces ignored)."""
    want = _SQUASH.sub("", text)
    rows = [(n, _SQUASH.sub("", ln)) for n, ln in enumerate(page_text.split("\n"), start=1) if ln.strip()]
    for i in range(len(rows)):
        acc = ""
        for j in range(i, len(rows)):
            acc += rows[j][1]
            if acc == want:
                return rows[i][0], rows[j][0]
            if not want.startswith(acc):
                break
    return None


def _body_edits(page_text: str, article, spec, seq: int) -> list[str]:
    """[[move]] entries that bring the article's missing paragraphs home, and
    those that send away what is not its."""
    entries = []
    expected = [t for t, _, _ in spec.expected()["paragraphs"]]
    body = "".join(p.text for p in article.paragraphs)
    for t in expected:
        if t not in body:
            span = _lines_holding(page_text, t)
            if span:
                held = _held(page_text, span)
                entries.append(f"[[move]]\nlines = [{span[0]}, {span[1]}]\ntext = {_q(held)}\nto = {seq}\nas = \"body\"\n{BY}")
    whole = "".join(expected)
    texts = [p.text for p in article.paragraphs]
    for k, p in enumerate(article.paragraphs):
        if "".join(texts) != whole and "".join(texts[:k] + texts[k + 1 :]) == whole:  # the one paragraph too many
            span = (p.line_start, p.line_end)
            # A piece of the article's own box read as a paragraph goes back to the box.
            if spec.pullquote and p.text in spec.pullquote:
                entries.append(f"[[move]]\nlines = [{span[0]}, {span[1]}]\ntext = {_q(_held(page_text, span))}\nto = {seq}\nas = \"pullquote\"\n{BY}")
    return entries


def _held(page_text: str, span: tuple[int, int]) -> str:
    lines = page_text.split("\n")[span[0] - 1 : span[1]]
    return "".join(_SQUASH.sub("", ln) for ln in lines)


def _paragraph_edits(article, spec, seq: int) -> list[str]:
    """Split, merge, heading and speaker entries that turn the article's paragraphs into the expected ones."""
    expected = spec.expected()["paragraphs"]
    got = [p.text for p in article.paragraphs]
    if "".join(got) != "".join(t for t, _, _ in expected):
        return []
    want_cuts, acc = set(), 0
    for t, _, _ in expected[:-1]:
        acc += len(t)
        want_cuts.add(acc)
    have_cuts, acc = set(), 0
    for t in got[:-1]:
        acc += len(t)
        have_cuts.add(acc)
    entries = []
    # Merges first (right to left, so paragraph numbers stay valid), then splits.
    for k in sorted((k for k, cut in enumerate(sorted(have_cuts)) if cut not in want_cuts), reverse=True):
        entries.append(f"[[merge]]\narticle = {seq}\nparagraph = {k + 1}\n{BY}")
    texts = [t for t in got]
    merged: list[str] = []
    for k, t in enumerate(texts):
        if merged and sum(len(x) for x in merged) in (have_cuts - want_cuts):
            merged[-1] += t
        else:
            merged.append(t)
    position, index = 0, 0
    for t in merged:
        for cut in sorted(c for c in want_cuts if position < c < position + len(t)):
            entries.append(f"[[split]]\narticle = {seq}\nparagraph = {index + 1}\nat_offset = {cut - position}\n{BY}")
            t = t[cut - position :]
            position = cut
            index += 1
        position += len(t)
        index += 1
    for k, (_, heading, speaker) in enumerate(expected):
        entries.append(f"[[heading]]\narticle = {seq}\nparagraph = {k + 1}\nheading = {_q(heading or '')}\nthrough = {k + 1}\n{BY}")
        entries.append(f"[[speaker]]\narticle = {seq}\nparagraph = {k + 1}\nspeaker = {_q(speaker or '')}\n{BY}")
    return entries


def fix(seed: int, index: int, folder: Path) -> bool:
    """Write, edit and apply the correction file for one inexact article; is it exact now?"""
    generated = conventions.generate(seed, "dev")
    path = folder / f"dev_{seed:04d}.txt"
    path.write_text(generated.text, encoding="utf-8")
    sha = hashlib.sha256(generated.text.encode("utf-8")).hexdigest()
    spec, seq = generated.articles[index], index + 1
    text = _edit_stub(stub(path), seq, spec)
    toml = folder / f"dev_{seed:04d}.toml"
    for _ in range(3):  # moves, then the paragraphs of the result
        toml.write_text(text, encoding="utf-8")
        page, _, stale = apply(generated.text, parse_page(generated.text), load(toml), sha)
        article = page.articles[index]
        if not recovered(spec, article):
            return True
        more = _body_edits(generated.text, article, spec, seq) or _paragraph_edits(article, spec, seq)
        if not more:
            return False
        text += "\n" + "\n".join(more)
    return not recovered(spec, page.articles[index])


def inexact_articles(n: int, first_seed: int = 0) -> list[tuple[int, int]]:
    out = []
    seed = first_seed
    while len(out) < n and seed < first_seed + 2000:
        generated = conventions.generate(seed, "dev")
        parsed = parse_page(generated.text)
        if len(parsed.articles) == len(generated.articles):
            out += [(seed, i) for i, (s, a) in enumerate(zip(generated.articles, parsed.articles)) if recovered(s, a)]
        seed += 1
    return out[:n]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    with tempfile.TemporaryDirectory() as tmp:
        cases = inexact_articles(n)
        fixed = [case for case in cases if fix(*case, Path(tmp))]
    print(f"{len(fixed)} of {len(cases)} inexact articles made exact by an edited `etl review --stub` file")
    print("  not fixed:", [c for c in cases if c not in fixed])


if __name__ == "__main__":
    main()
