"""Page reconstruction on pages laid out from known articles (see pagegen.py).

Property-based tests (hypothesis) check the rules on random layouts; a
measurement over a fixed set of generated pages guards the overall accuracy.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from etl.layout import parse_page
from etl.layout.lines import strip_noise_spaces

import conventions
from pagegen import Frame, Para, generate, render, sentence_pool, width, wrap
from measure_layout import measure

# derandomize: CI runs the same 150 examples every time; 1,500 random examples passed locally (2026-11-22).
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _owners(text: str, parsed) -> tuple[set[int], set[int]]:
    nonblank = {i for i, ln in enumerate(text.split("\n"), start=1) if ln.strip()}
    owned = {no for a in parsed.articles for no in a.lines} | {r.line_no for r in parsed.residue}
    return nonblank, owned


@SETTINGS
@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["classic", "dev", "held"]))
def test_nothing_on_a_generated_page_is_lost(seed, family):
    page = generate(seed) if family == "classic" else conventions.generate(seed, family)
    parsed = parse_page(page.text)
    nonblank, owned = _owners(page.text, parsed)
    assert nonblank == owned
    source = page.text.split("\n")
    for art in parsed.articles:
        for p in art.paragraphs:
            lines = "".join(strip_noise_spaces(ln) for ln in source[p.line_start - 1 : p.line_end])
            assert p.text.replace(" ", "") == lines.replace(" ", "")


def _column(draw_rng: random.Random, cells: int, n: int) -> list[str]:
    pool = sentence_pool()
    return ["".join(draw_rng.choice(pool) for _ in range(draw_rng.randint(2, 5))) for _ in range(n)]


@SETTINGS
@given(
    seed=st.integers(min_value=0, max_value=10**6),
    cells=st.integers(min_value=14, max_value=30),
    spaced=st.booleans(),
    para_gap=st.booleans(),
    headings=st.booleans(),
)
def test_paragraphs_and_headings_are_recovered_from_any_column_width(seed, cells, spaced, para_gap, headings):
    """One article in one column: every paragraph boundary and heading comes back.

    Layouts that are ambiguous in print are excluded (see the assumptions);
    the whole-page measurement below covers them.  Paragraphs have two to five
    sentences, so that most lines are full and show the column width.
    """
    rng = random.Random(seed)
    texts = _column(rng, cells, rng.randint(2, 7))
    heads = ["面临的挑战", "对策建议", "几点启示", "实践路径"] if headings else []
    paras = [Para(t, heads[min(i // 2, len(heads) - 1)] if heads and i else None) for i, t in enumerate(texts)]
    body = Frame([], spaced=spaced, para_gap=not spaced and para_gap)
    heading = None
    for p in paras:
        if p.heading != heading:
            body.breaks.add(len(body.lines))
            body.lines.append(p.heading)
            heading = p.heading
        # Cut at the width, punctuation or not (no squeezing or pushing: the
        # whole-page measurement below covers those).
        lines = wrap(p.text, cells, kinsoku=False)
        # Ambiguous in print, and left out: a full last line ending a sentence
        # (the paragraph could go on or stop there).
        assume(width(lines[-1]) < cells - 1.5)
        body.breaks.add(len(body.lines))
        body.lines.extend(lines)
    title = "数字经济时代的劳动关系治理"
    text, _ = render([Frame([title]), Frame(["张伟"]), body, Frame(["（作者单位：某大学劳动学院）"])], rng)
    parsed = parse_page(text)
    assert len(parsed.articles) == 1
    art = parsed.articles[0]
    assert [(p.text, p.heading) for p in art.paragraphs] == [(p.text, p.heading) for p in paras]
    assert art.title == title and list(art.authors) == ["张伟"]


@SETTINGS
@given(st.text(alphabet="0123456789", min_size=1, max_size=4), st.sampled_from(["年", "万人", "%", "个"]))
def test_stray_spaces_around_numbers_never_reach_the_text(digits, unit):
    line = f"全市工会会员 {digits} {unit}，比上年增长"
    assert strip_noise_spaces(line) == f"全市工会会员{digits}{unit}，比上年增长"


def test_generated_pages_are_recovered_exactly_most_of_the_time():
    """Accuracy guard on 100 fixed generated pages of each family (see tests/measure_layout.py).

    Measured (2026-12-01, `python tests/measure_layout.py --pages 1000`): classic 97.1%;
    the wider conventions of tests/conventions.py: dev about 81%, held about 82%.  These
    thresholds catch regressions, they are not the targets.
    """
    assert measure(100, 0).share >= 0.97
    assert measure(100, 0, "dev").share >= 0.82
    assert measure(100, 0, "held").share >= 0.82


def test_flags_point_at_failures_more_often_than_at_exact_articles():
    # An inexact article is at least three times as likely to carry a flag
    # as an exact one, and few exact articles carry one.  (Recall alone is a
    # poor guard: fixing a flagged failure lowers it.)
    for family in ("dev", "held"):
        m = measure(100, 0, family)
        assert m.flag_recall >= 3 * m.flag_rate and m.flag_rate <= 0.2, (family, m.flag_recall, m.flag_rate)
