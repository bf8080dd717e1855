"""Numeric claims: every quantity a paragraph states, as a number with context.

A claim is a number with what it counts: 34.8%, 50.2万亿元, 3.59亿人, 约8万人,
300多个, 十三个, 百分之四十二, 6年来, 位居世界第二.  The grammar, in order:

    [qualifier] number [至 number] [scale] [余|多] [unit] [左右|以上|以下…]

* **number**: Arabic digits (full-width too, with thousands separators and
  decimals) or Chinese numerals, which are converted by cn2an.  "几十万" and
  "数百" are vague: their value is left empty and `approx` is 'about'.
* **scale**: 万, 亿, 万亿, 千万… are applied to `value` (50.2万亿 → 5.02e13).
* **unit** decides `quantity`: % and 百分点 → percent; 元 → money; 人, 名, 人次
  → people; 个, 家, 项, 种… → count; 年, 个月, 天 → duration; 第N after 位居,
  排名… → rank; other measures (倍, 吨, 公里) → other.
* **qualifiers** set `approx`: 约/近/左右/几 → about; 余/多/超过/以上 →
  more_than; 不足/不到/以下 → less_than; 至少/不少于 → at_least; 最多/不超过 →
  at_most; none → exact.  They are part of `mention`.

Not claims: dates (2022年, 3月, 20世纪20年代: a year becomes the `year` of the
claims around it), ordinals and enumerations (第一, 其一, 一是), a bare 一
before a measure word (一种 is "a kind of", not a count), circled numbers,
anything inside 《》 or “” (document titles, slogans, brand names such as
“4+4+N”), party congresses (二十大) and idioms with numerals (千方百计).

`year`: the nearest year mentioned before the number in its sentence, else the
first one after it in the sentence.  `modality`: forecast if the sentence
predicts (预测, 预计, 有望), target if it sets a goal (计划, 力争, 目标,
提出…到/至2030年), else reported.  `subject`: the clause before the number (from
the previous comma or stop), without a leading discourse word and a trailing
linking verb (为, 达到, 占, 超过…), at most 16 characters: best effort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

from .text import sentence_spans

# --- lexicon of the grammar ------------------------------------------------------

_FW = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")

AR = r"[0-9０-９]+(?:[,，][0-9０-９]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?"
#: Arabic digits with Chinese scale words inside: 3万5千, 1亿2000万.
MIXED = r"[0-9０-９]+(?:[万亿][0-9０-９]+[千百十万]?)+"
_MIXED_PART = re.compile(r"([0-9.]+)([亿万千百十]?)")
_SMALL = {"千": 1e3, "百": 1e2, "十": 10.0, "": 1.0}
CN = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
VAGUE = r"(?:几|数)(?:十|百|千|万)+"
SCALES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4}
SCALE = "|".join(sorted(SCALES, key=len, reverse=True))

UNITS: dict[str, str] = {}
for _u in ("%", "％", "‰", "个百分点", "百分点"):
    UNITS[_u] = "percent"
for _u in ("万元", "亿元", "元", "美元", "欧元", "港元"):
    UNITS[_u] = "money"
for _u in ("人次", "人", "名", "位"):
    UNITS[_u] = "people"
for _u in ("个月", "年", "天", "小时", "周", "分钟"):
    UNITS[_u] = "duration"
for _u in (
    "个", "家", "项", "种", "场", "次", "双", "台", "件", "所", "座", "条", "批", "类", "只", "辆",
    "套", "部", "份", "篇", "本", "张", "间", "户", "处", "支", "门", "期", "款", "方面", "大类", "小类", "重",
):
    UNITS[_u] = "count"
for _u in ("倍", "成", "公里", "千米", "平方米", "平方公里", "米", "吨", "万吨", "亩", "公顷", "千克", "千瓦", "度"):
    UNITS[_u] = "other"
UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))

APPROX_PRE = {
    "上": "more_than",  # 上百, 上千, 上万 (only before a bare scale: see _fix_span)
    "大约": "about", "约": "about", "将近": "about", "接近": "about", "近": "about",
    "超过": "more_than", "逾": "more_than", "高于": "more_than",
    "不足": "less_than", "不到": "less_than", "低于": "less_than", "少于": "less_than",
    "至少": "at_least", "不少于": "at_least", "不低于": "at_least",
    "最多": "at_most", "不超过": "at_most", "至多": "at_most",
}
APPROX_POST = {"左右": "about", "上下": "about", "以上": "more_than", "有余": "more_than", "多": "more_than",
               "以下": "less_than", "以内": "less_than"}
PRE = "|".join(sorted(APPROX_PRE, key=len, reverse=True))
POST = "|".join(sorted(APPROX_POST, key=len, reverse=True))
RANGE = r"至|到|~|～|-|－|—"

CLAIM = re.compile(
    rf"(?P<pre>{PRE})?"
    rf"(?P<pct>百分之)?"
    rf"(?P<num>{MIXED}|{AR}|{VAGUE}|{CN})"
    rf"(?:(?P<unit0>%|％)?(?P<sep>{RANGE})(?P<pct2>百分之)?(?P<num2>{AR}|{CN}))?"
    rf"(?P<scale>{SCALE})?"
    rf"(?P<mid>余|多)?"
    rf"(?P<unit>{UNIT})?"
    rf"(?P<post>{POST})?"
)

#: Rank claims: 位居世界第二, 排名全国第3.
RANK = re.compile(
    rf"(?:位居|稳居|跃居|居于|居|排名|排在|名列|位列|升至|降至)(?:世界|全球|全国|全省|全市|亚洲|同行业|行业)?第(?P<num>{AR}|[一二三四五六七八九十]+)(?P<unit>位|名)?"
)
YEAR = re.compile(r"(?<![0-9０-９])([12][0-9]{3})\s*年(?!代|级|龄)")
IDIOMS = (
    "千家万户", "三心二意", "一心一意", "万众一心", "千方百计", "五花八门", "四面八方", "七嘴八舌", "十全十美",
    "百年大计", "千丝万缕", "一五一十", "三令五申", "九牛一毛", "一举两得", "两全其美", "三言两语", "三五成群",
    "成千上万", "千千万万", "万无一失", "百花齐放", "百家争鸣", "千篇一律", "四通八达", "五湖四海", "千军万马",
    "万水千山", "七上八下", "半斤八两", "三天两头", "说一不二", "独一无二", "一清二楚", "一干二净", "接二连三",
    "三番五次", "一石二鸟", "举一反三", "百尺竿头", "千里之行", "十年磨一剑", "百闻不如一见",
)
FORECAST = re.compile(r"预测|预计|预期|有望|估计|将达到|将分别达到")
TARGET = re.compile(r"计划|力争|目标|争取|规划|确保|(?:提出|要求|部署).{0,12}(?:到|至)\s*[12][0-9]{3}\s*年")
_LEAD = re.compile(r"^(?:其中|同时|此外|另外|目前|当前|截至|到|至|将|分别|而|并|且|但|如|例如|比如|以及|和|与|其)+")
_TRAIL = re.compile(r"(?:将分别达到|分别达到|分别为|达到了|上升到|增长到|提高到|下降到|发展到|增加到|增至|升至|降至|达到|超过|不足|不到|约为|约|为|是|达|占|有|共|计|了|的|至|到|近|逾|在)+$")


@dataclass(frozen=True)
class Claim:
    sentence: str
    mention: str
    value: float | None
    value_high: float | None
    unit: str | None
    quantity: str  # percent | money | people | count | rank | duration | other
    approx: str  # exact | about | more_than | less_than | at_least | at_most
    year: int | None
    modality: str  # reported | target | forecast
    subject: str | None
    start: int
    end: int


#: Idioms made of number words (千方百计): longest first, so a longer one wins.
_IDIOMS = re.compile("|".join(map(re.escape, sorted(IDIOMS, key=len, reverse=True))))
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|「[^」]*」")


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans that hold names, not figures: 《…》, “…”, idioms."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    spans += [m.span() for m in _IDIOMS.finditer(text)]
    return spans


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _mixed(token: str) -> float:
    """3万5千 → 35000; 1亿2000万 → 120000000."""
    total = section = 0.0
    for digits, unit in _MIXED_PART.findall(token):
        n = float(digits)
        if unit == "亿":
            total += (section + n) * 1e8
            section = 0.0
        elif unit == "万":
            total += (section + n) * 1e4
            section = 0.0
        else:
            section += n * _SMALL[unit]
    return total + section


def parse_number(token: str) -> float | None:
    """An Arabic or Chinese numeral as a float (None for vague ones)."""
    token = token.translate(_FW)
    if re.fullmatch(r"[0-9][0-9,]*(\.[0-9]+)?", token):
        return float(token.replace(",", ""))
    if re.fullmatch(MIXED, token):
        return _mixed(token)
    if re.match(VAGUE + "$", token):
        return None
    if token[0] in "十百千万亿" and token[0] != "十":
        token = "一" + token  # 百 → 一百: a bare scale word is one of it
    try:
        return float(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _is_date(m: re.Match[str], text: str) -> bool:
    num, unit = m.group("num"), m.group("unit")
    after = text[m.end() : m.end() + 1]
    if unit == "年":
        four_digit = bool(re.fullmatch(r"[12][0-9]{3}", num.translate(_FW)))
        return four_digit or (bool(after) and after in "代级初底末中")
    if m.group("unit") is None and after and after in ("月", "日", "号", "时", "世", "年"):
        return True
    return False


def _fix_span(m: re.Match[str], text: str) -> tuple[int, int] | None:
    """Trim a match to its claim, or None if it is not one."""
    num = m.group("num")
    unit = m.group("unit")
    start, end = m.start(), m.end()
    before = text[max(0, start - 1) : start]
    is_cn = not re.match(r"[0-9０-９]", num)
    if m.group("pre") == "上" and not re.fullmatch(r"[百千万]", num):
        return None  # 上 is a qualifier only in 上百, 上千, 上万
    if before in ("第", "其", "初", "周", "星期", "礼拜") and not m.group("pre"):
        return None
    if is_cn:
        if m.group("pct"):
            return start, end
        if not unit and not m.group("scale"):
            return None
        if num == "一" and not m.group("num2"):
            return None  # 一种, 一个: an article, not a count
        if re.fullmatch(r"[十百千万亿]+", num) and not unit:
            return None
        if unit in ("度", "成", "期", "门", "部", "本", "张", "支", "处", "款") and len(num) == 1 and num in "一二三四五六七八九十两":
            # 三部曲, 一张蓝图, 两支队伍: rarely figures when spelled out
            return None if unit in ("部", "本", "张", "支", "处", "款", "门", "期") else (start, end)
    elif not unit and not m.group("pct"):
        after = text[end : end + 1]
        if after and (after.isascii() and after.isalnum()):
            return None
    return start, end


def _year_for(text: str, s_start: int, s_end: int, pos: int) -> int | None:
    years = [(m.start(), int(m.group(1))) for m in YEAR.finditer(text, s_start, s_end)]
    before = [y for p, y in years if p < pos]
    if before:
        return before[-1]
    after = [y for p, y in years if p >= pos]
    return after[0] if after else None


def _subject(text: str, s_start: int, start: int) -> str | None:
    """The clause before the number, trimmed; earlier clauses if it is empty."""
    end = start
    while end > s_start:
        cut = max(text.rfind(c, s_start, end) for c in "，。；：、（）,;:！？")
        clause = text[max(cut + 1, s_start) : end]
        clause = re.sub(r"[“”《》‘’\s]", "", clause)
        clause = YEAR.sub("", clause)
        clause = re.sub(r"[0-9０-９.%．]+", "", clause)
        clause = _LEAD.sub("", clause)
        clause = _TRAIL.sub("", clause)
        if len(clause) >= 2:
            return clause[-16:]
        end = max(cut, s_start)
    return None


def extract(text: str) -> list[Claim]:
    """All numeric claims of one paragraph, in order; mention == text[start:end]."""
    protected = _protected(text)
    sentences = sentence_spans(text) or [(0, len(text))]
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def sentence_of(pos: int) -> tuple[int, int]:
        return next((s for s in sentences if s[0] <= pos < s[1]), sentences[-1])

    def emit(start: int, end: int, value, high, unit, quantity, approx) -> None:
        s_start, s_end = sentence_of(start)
        sentence = text[s_start:s_end]
        modality = "forecast" if FORECAST.search(sentence) else "target" if TARGET.search(sentence) else "reported"
        found.append(
            Claim(
                sentence=sentence.strip(),
                mention=text[start:end],
                value=value,
                value_high=high,
                unit=unit,
                quantity=quantity,
                approx=approx,
                year=_year_for(text, s_start, s_end, start),
                modality=modality,
                subject=_subject(text, s_start, start),
                start=start,
                end=end,
            )
        )
        taken.append((start, end))

    for m in RANK.finditer(text):
        if _inside(m.span(), protected):
            continue
        emit(m.start(), m.end(), parse_number(m.group("num")), None, "位", "rank", "exact")

    for m in CLAIM.finditer(text):
        if not m.group("num") or _inside(m.span("num"), protected) or _inside(m.span(), taken):
            continue
        if _is_date(m, text):
            continue
        span = _fix_span(m, text)
        if span is None:
            continue
        start, end = span
        num, unit = m.group("num"), m.group("unit")
        value = parse_number(num)
        high = parse_number(m.group("num2")) if m.group("num2") else None
        if m.group("num2") and m.group("sep") in "-－—" and unit is None and not m.group("pct"):
            continue  # 2021-2025 and codes, not ranges of a quantity
        scale = SCALES.get(m.group("scale") or "", 1.0)
        if unit in ("万元", "亿元", "万吨"):
            scale *= SCALES[unit[0]]
            unit = unit[1:]
        if value is not None:
            value *= scale
        if high is not None:
            high *= scale
        quantity = UNITS.get(unit or "", "other")
        if m.group("pct") or m.group("pct2"):
            quantity, unit = "percent", "%"
        if unit == "成":
            quantity, unit = "percent", "%"
            value = value * 10 if value is not None else None
            high = high * 10 if high is not None else None
        if unit in ("%", "％", "‰"):
            unit = "%" if unit != "‰" else "‰"
        approx = "exact"
        if m.group("pre"):
            approx = APPROX_PRE[m.group("pre")]
        if m.group("mid"):
            approx = "more_than"
        if m.group("post"):
            approx = APPROX_POST[m.group("post")]
        if re.match(VAGUE, num):
            approx, value = "about", None
        if value is not None:
            value = round(value, 6)
            if value == int(value):
                value = float(int(value))
        emit(start, end, value, high, unit, quantity, approx)

    found.sort(key=lambda c: c.start)
    return found
