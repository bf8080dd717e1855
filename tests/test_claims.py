"""Numeric claims: quantities with unit, qualifier, year and modality."""

import pytest

from etl.claims import extract


def one(text):
    claims = extract(text)
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    "text, mention, value, unit, quantity, approx",
    [
        ("规模达到50.2万亿元。", "50.2万亿元", 50_200_000_000_000, "元", "money", "exact"),
        ("比重上升到41.5%。", "41.5%", 41.5, "%", "percent", "exact"),
        ("就业人员为3.59亿人。", "3.59亿人", 359_000_000, "人", "people", "exact"),
        ("会员发展到4.9万余人。", "4.9万余人", 49_000, "人", "people", "more_than"),
        ("每年培训8万人左右。", "8万人左右", 80_000, "人", "people", "about"),
        ("覆盖城市超过300个。", "超过300个", 300, "个", "count", "more_than"),
        ("新职业13个。", "13个", 13, "个", "count", "exact"),
        ("赶制十三个样品。", "十三个", 13, "个", "count", "exact"),
        ("百分之四十二的职工", "百分之四十二", 42, "%", "percent", "exact"),
        ("“产改”6年来，", "6年", 6, "年", "duration", "exact"),
        ("规模位居世界第二。", "位居世界第二", 2, "位", "rank", "exact"),
        ("不足100人", "不足100人", 100, "人", "people", "less_than"),
        ("至少3家企业", "至少3家", 3, "家", "count", "at_least"),
        ("合计35,000元", "35,000元", 35_000, "元", "money", "exact"),
        ("合计３５万元", "３５万元", 350_000, "元", "money", "exact"),
    ],
)
def test_quantities_are_normalized(text, mention, value, unit, quantity, approx):
    c = one(text)
    assert (c.mention, c.value, c.unit, c.quantity, c.approx) == (mention, value, unit, quantity, approx)
    assert text[c.start : c.end] == c.mention


def test_a_range_is_one_claim_with_low_and_high():
    c = one("培养周期3至5年。")
    assert (c.value, c.value_high, c.unit) == (3, 5, "年")


def test_a_list_gives_one_claim_per_figure():
    claims = extract("将分别达到59.05%、54.96%。")
    assert [c.value for c in claims] == [59.05, 54.96]


def test_year_and_modality_come_from_the_sentence():
    claims = extract("2018年，我国数字经济占GDP比重为34.8%，到2022年上升到41.5%。预计到2025年将达到50%。")
    assert [(c.value, c.year, c.modality) for c in claims] == [(34.8, 2018, "reported"), (41.5, 2022, "reported"), (50, 2025, "forecast")]
    target = one("计划到2030年末，培育数字技术工程师1万人以上。")
    assert (target.year, target.modality, target.approx) == (2030, "target", "more_than")


@pytest.mark.parametrize(
    "text",
    [
        "1949年1月，抚顺市召开座谈会。",  # dates
        "20世纪20年代以后",
        "党的二十大报告提出",  # a congress, not a count
        "一是依靠工人阶级；其一，牢牢把握方向。",  # enumerations
        "地的农民第一次分到土地。",  # ordinal
        "“数字工匠”培育的实践与思考⑤",  # circled series number
        "《中华人民共和国职业分类大典（2022年版）》",  # inside a document title
        "形成“4+4+N”“产改”制度体系",  # inside a slogan
        "围绕“幸福10号”职工服务平台",  # inside a name
        "千方百计稳就业",  # idiom
        "一种默会知识",  # 一种 is "a kind of"
    ],
)
def test_non_claims_from_real_sentences_are_not_extracted(text):
    assert extract(text) == []


def test_mention_is_always_the_paragraph_slice():
    text = "截至2021年，我国服务业就业人员为3.59亿人，占全国就业人员总数的48%。"
    for c in extract(text):
        assert text[c.start : c.end] == c.mention
        assert c.sentence == text


# --- property-based: numbers written every way the newspaper writes them ----------------

import cn2an  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from measure_claims import measure  # noqa: E402

UNITS = {"人": "people", "元": "money", "个": "count", "家": "count", "名": "people"}
QUALIFIERS = [("", "", "exact"), ("约", "", "about"), ("", "左右", "about"), ("超过", "", "more_than"),
              ("", "以上", "more_than"), ("不足", "", "less_than"), ("至少", "", "at_least")]


def render(value: int, form: str) -> str:
    if form == "arabic":
        return str(value)
    if form == "separators":
        return f"{value:,}"
    if form == "fullwidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if form == "chinese":
        return cn2an.an2cn(value)
    if form == "chinese" and value == 1:
        value = 2  # 一个, 一名 mean "a", not a count: see the non-claims test
    if form == "wan":  # 3.5万
        return f"{value / 10000:g}万"
    if form == "mixed":  # 3万5千
        wan, rest = divmod(value, 10000)
        return f"{wan}万{rest // 1000}千" if rest else f"{wan}万"
    raise ValueError(form)


@settings(max_examples=300, deadline=None)
@given(
    value=st.integers(min_value=1, max_value=99_999_999),
    form=st.sampled_from(["arabic", "separators", "fullwidth", "chinese", "wan", "mixed"]),
    unit=st.sampled_from(sorted(UNITS)),
    qualifier=st.sampled_from(QUALIFIERS),
)
def test_any_written_form_of_a_number_parses_to_its_value(value, form, unit, qualifier):
    if form == "chinese" and value == 1:
        value = 2  # 一个, 一名 mean "a", not a count: see the non-claims test
    if form == "wan":
        value = value // 1000 * 1000 or 1000  # 3.5万 has at most four significant digits
    if form == "mixed":
        value = max(value // 1000 * 1000, 10000)
    pre, post, approx = qualifier
    mention = f"{pre}{render(value, form)}{unit}{post}"
    text = f"据统计，该市{mention}。"
    claims = extract(text)
    assert len(claims) == 1, (text, claims)
    c = claims[0]
    assert (c.mention, c.value, c.unit, c.quantity, c.approx) == (mention, value, unit, UNITS[unit], approx)
    assert text[c.start : c.end] == c.mention


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=0.1, max_value=99.9).map(lambda x: round(x, 1)), st.booleans())
def test_percentages_in_digits_and_in_words(value, words):
    written = f"百分之{cn2an.an2cn(value)}" if words else f"{value}%"
    claims = extract(f"占比为{written}。")
    assert [(c.value, c.unit, c.quantity) for c in claims] == [(value, "%", "percent")]


def test_the_sample_pages_quantities_are_all_found_with_their_context():
    """Against the fixture written by reading the two pages (tests/measure_claims.py)."""
    r = measure()
    assert r["misses"] == [] and r["extras"] == []
    assert all(a == 1.0 for a in r["accuracy"].values()), r["wrong"]
