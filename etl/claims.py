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

_FW = str.maketrans("０１２３４５６７８９．，％仟佰萬", "0123456789.,%千百万")

AR = r"[0-9０-９]+(?:[,，][0-9０-９]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?"
#: Arabic digits with Chinese scale words inside: 3万5千, 1亿2000万.
MIXED = r"[0-9０-９]+(?:[万亿][0-9０-９]+[千百十万]?)+"
_MIXED_PART = re.compile(r"([0-9.]+)([亿万千百十]?)")
_SMALL = {"千": 1e3, "百": 1e2, "十": 10.0, "": 1.0}
CN = r"[零〇一二两三四五六七八九十百千万亿仟佰萬]+(?:点[零〇一二三四五六七八九]+)?"
#: Two neighbouring numerals for a range (八九亿, 四五千, 三五百, 一两个).
CONSEC = r"(?:一两|两三|三四|四五|五六|六七|七八|八九|三五|二三)(?:十|百|千|万|亿)*"
_CONSEC_PAIRS = {"一两": (1, 2), "两三": (2, 3), "二三": (2, 3), "三四": (3, 4), "四五": (4, 5), "五六": (5, 6),
                 "六七": (6, 7), "七八": (7, 8), "八九": (8, 9), "三五": (3, 5)}
#: Vague amounts: 几十万, 数十亿, 数百, 十几, 十几万.  Their bounds are given.
VAGUE = r"十几(?:[百千万亿]+)?|(?:几|数)[十百千万亿]+"
#: Scale words, also composed: 万亿 = 万 × 亿, 千万亿 = 千 × 万 × 亿.
_SCALE_CHARS = {"十": 10.0, "百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8}
SCALE = r"(?:千万亿|万亿|千亿|百亿|十亿|千万|百万|十万|亿|万)"
#: After Arabic digits a bare 千 or 百 is a scale too (3千多人, 两~3百日元).
SMALL_SCALE = r"[千百](?!米|克|瓦)"


def scale_value(word: str | None) -> float:
    out = 1.0
    for ch in word or "":
        out *= _SCALE_CHARS[ch]
    return out


#: Currencies and how the data names them (a currency printed before the number, 港币两千九百六十元, is its unit).
CURRENCIES = {
    "元": "元", "人民币": "元", "美元": "美元", "欧元": "欧元", "港元": "港元", "港币": "港元", "日元": "日元",
    "日币": "日元", "台币": "台币", "新台币": "台币", "韩元": "韩元", "澳元": "澳元", "英镑": "英镑", "卢布": "卢布",
    "泰铢": "泰铢", "卢比": "卢比", "加元": "加元",
}
CURRENCY_PREFIX = r"人民币|港币|新台币|美元|欧元|日元"

UNITS: dict[str, str] = {}
for _u in ("%", "％", "‰", "个百分点", "百分点"):
    UNITS[_u] = "percent"
for _u in ("万元", "亿元", *CURRENCIES):
    UNITS[_u] = "money"
for _u in ("人次", "人", "名", "位"):
    UNITS[_u] = "people"
for _u in ("个月", "年", "天", "小时", "周", "分钟", "学时"):
    UNITS[_u] = "duration"
for _u in (
    "个", "家", "项", "种", "场", "次", "双", "台", "件", "所", "座", "条", "批", "类", "只", "辆", "单", "届", "册",
    "套", "部", "份", "篇", "本", "张", "间", "户", "处", "支", "门", "期", "款", "方面", "大类", "小类", "重",
):
    UNITS[_u] = "count"
for _u in ("倍", "成", "公里", "千米", "平方米", "平方公里", "米", "吨", "万吨", "亩", "公顷", "千克", "千瓦时", "千瓦", "度", "斤", "分"):
    UNITS[_u] = "other"
UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))

APPROX_PRE = {
    "上": "more_than",  # 上百, 上千, 上万, 上千万 (only before a bare scale: see _fix_span)
    "大约": "about", "约为": "about", "约有": "about", "约": "about", "将近": "about", "接近": "about", "近": "about",
    "超过": "more_than", "逾": "more_than", "高于": "more_than", "大于": "more_than",
    "不足": "less_than", "不到": "less_than", "低于": "less_than", "少于": "less_than", "小于": "less_than",
    "至少": "at_least", "不少于": "at_least", "不低于": "at_least",
    "最多": "at_most", "不超过": "at_most", "至多": "at_most",
}
APPROX_POST = {"左右": "about", "上下": "about", "以上": "more_than", "有余": "more_than", "多": "more_than",
               "以下": "less_than", "以内": "less_than"}
PRE = "|".join(sorted(APPROX_PRE, key=len, reverse=True)).replace("|约|", "|(?<![节制预合简隐契公条婚邀特])约|")
POST = "|".join(sorted(APPROX_POST, key=len, reverse=True))
RANGE = r"至|到|~|～|--|——|-|－|—"
#: A qualifier between the number and its scale word: 2000余万, 5300多万, 20来万.
MID = r"余|多|来"
#: What contracts add to a bound: 50万元（含）以上.
INCL = r"[（(]含[）)]"
NUMBER = rf"{MIXED}|{AR}|{CONSEC}|{VAGUE}|{CN}"

CLAIM = re.compile(
    rf"(?P<pre>{PRE})?"
    rf"(?P<cur>{CURRENCY_PREFIX})?"
    rf"(?P<pct>百分之)?"
    rf"(?P<num>{NUMBER})"
    rf"(?P<small0>{SMALL_SCALE})?"
    rf"(?P<mid0>{MID})?(?P<ge>个(?=[万亿]))?(?P<scale0>{SCALE})?"
    rf"(?:(?P<unit0>{UNIT})(?=(?:{INCL})?(?:{RANGE})))?(?:{INCL})?"
    rf"(?:(?P<sep>{RANGE})(?P<pct2>百分之)?(?P<num2>{AR}|{CN})(?P<small>{SMALL_SCALE})?)?"
    rf"(?P<scale>{SCALE})?"
    rf"(?P<mid>余|多)?"
    rf"(?P<unit>{UNIT})?"
    rf"(?:{INCL})?"
    rf"(?P<post>{POST})?"
)
#: Fractions: 三分之一, 五分之二, 1/3.  Recorded as a percentage (三分之一 → 33.333333 %).
FRACTION = re.compile(
    rf"(?P<pre>{PRE})?(?:(?P<den>(?!百分之)[一二三四五六七八九十百]+)分之(?P<nu>[一二三四五六七八九十]+)|(?P<a>[0-9]{{1,3}})/(?P<b>[0-9]{{1,3}}))(?P<post>{POST})?"
)
#: Rate bases: 每千人口, 每万人, 每十万人口, 每百户, 每百名职工, 每5名职工; and 人均 (per head).
RATE_BASE = re.compile(
    r"每(?:[0-9]+|[一二三四五六七八九十百千万]+)(?:名|个|位)?[\u4e00-\u9fff]{0,5}?(?=拥有|中|就有|有|平均|，|,|的)|人均"
)
#: A bound set apart from its figure by a verb: 至少保留2名, 至少召开两次, 约占四分之一.
_FAR_BOUND = re.compile(r"(至少|最多|至多|不少于|不超过|约)[\u4e00-\u9fff]{1,2}")
#: A duration followed by these is a point in time (5年前, 两个月以后), not a quantity.
TIME_REFERENCE = re.compile(r"^(?:以前|以后|之前|之后|前|后)")
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
FORECAST = re.compile(r"预测|预计|预期(?!目标)|有望|估计|将达到|将分别达到|将达|将突破|将超过")
TARGET = re.compile(r"计划|力争|预期目标|目标(?!任务的)|争取|规划|确保|(?:提出|要求|部署).{0,12}(?:到|至)\s*[12][0-9]{3}\s*年")
_LEAD = re.compile(r"^(?:其中|同时|此外|另外|目前|当前|截至|到|至|将|分别|而|并|且|但|如|例如|比如|以及|和|与|其)+")
_TRAIL = re.compile(r"(?:将分别达到|分别达到|分别为|达到了|上升到|增长到|提高到|下降到|发展到|增加到|增至|升至|降至|达到|超过|不足|不到|约为|约|为|是|达|占|有|共|计|了|的|至|到|近|逾|在)+$")

SCALES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4}


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
    rate_base: str | None = None  # 每千人口, 人均: the figure is per that base


#: Idioms made of number words (千方百计): longest first, so a longer one wins.
_IDIOMS = re.compile("|".join(map(re.escape, sorted(IDIOMS, key=len, reverse=True))))
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|「[^」]*」")
#: A quoted name, slogan or plan label opens with its number: “十四五”, “1+X”, “三个确保”, “90后”.
_LABEL_START = re.compile(r"^[“「][0-9０-９一二两三四五六七八九十百千]")


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans that hold names, not figures: 《…》, quoted labels (“十四五”), idioms.

    A quotation that states a figure (产量“已达2200吨”) is a source's words:
    its figures are claims.
    """
    spans = []
    for m in _QUOTED.finditer(text):
        if m.group(0).startswith("《") or _LABEL_START.match(m.group(0)) or not _UNIT_AFTER_NUMBER.search(m.group(0)):
            spans.append(m.span())
    spans += [m.span() for m in _IDIOMS.finditer(text)]
    return spans


_UNIT_AFTER_NUMBER = re.compile(rf"(?:{AR}|{CN})(?:{SCALE})?(?:{UNIT})")


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
    """An Arabic or Chinese numeral as a float (None for vague ones and pairs)."""
    token = token.translate(_FW)
    if re.fullmatch(r"[0-9][0-9,]*(\.[0-9]+)?", token):
        return float(token.replace(",", ""))
    if re.fullmatch(MIXED, token):
        return _mixed(token)
    if re.match(rf"(?:{VAGUE})$", token) or re.match(rf"(?:{CONSEC})$", token):
        return None
    if token[0] in "十百千万亿" and token[0] != "十":
        token = "一" + token  # 百 → 一百: a bare scale word is one of it
    try:
        return float(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def vague_bounds(token: str) -> tuple[float, float] | None:
    """Bounds of a vague amount: 几十万 → (1e5, 1e6), 数十亿 → (1e9, 1e10), 十几 → (10, 20)."""
    if token.startswith("十几"):
        scale = scale_value(token[2:])
        return 10 * scale, 20 * scale
    m = re.fullmatch(r"(?:几|数)([十百千万亿]+)", token)
    if m is None:
        return None
    low = scale_value(m.group(1))
    return low, low * 10


def pair_bounds(token: str) -> tuple[float, float] | None:
    """Two neighbouring numerals: 八九亿 → (8e8, 9e8), 三五百 → (300, 500)."""
    pair = _CONSEC_PAIRS.get(token[:2])
    if pair is None:
        return None
    scale = scale_value(token[2:])
    return pair[0] * scale, pair[1] * scale


def split_scale(token: str) -> tuple[str, str]:
    """A Chinese numeral's trailing scale word: 两千万 → (两千, 万), 九百亿 → (九百, 亿), 八千 → (八, 千)."""
    token = token.translate(_FW)
    base = token.rstrip("万亿")
    if base != token and base:
        return base, token[len(base) :]
    if re.fullmatch(r"[一二两三四五六七八九][千百]", token):
        return token[0], token[1]
    return token, ""


def _is_date(m: re.Match[str], text: str) -> bool:
    num, unit = m.group("num"), m.group("unit")
    after = text[m.end() : m.end() + 1]
    if unit == "年":
        four_digit = bool(re.fullmatch(r"[12][0-9]{3}", num.translate(_FW)))
        return four_digit or (bool(after) and after in "代级初底末中")
    if m.group("unit") is None and after and after in ("月", "日", "号", "时", "世", "年", "点"):
        return True
    return False


def _fix_span(m: re.Match[str], text: str) -> tuple[int, int] | None:
    """Trim a match to its claim, or None if it is not one."""
    num = m.group("num")
    unit = m.group("unit") or m.group("unit0")
    start, end = m.start(), m.end()
    if m.group("cur"):
        start = m.start("pct") if m.group("pct") else m.start("num")  # 港币两千九百六十元: the currency is the unit
        if m.group("pre"):
            return None  # a qualifier before the currency word: keep it simple, rare
    before = text[max(0, start - 1) : start]
    scaled = bool(m.group("scale") or m.group("scale0") or m.group("small0"))
    if m.group("pre") == "上" and not re.fullmatch(r"[百千万亿]+", num):
        return None  # 上 is a qualifier only in 上百, 上千, 上万, 上千万
    is_cn = not re.match(r"[0-9０-９]", num)
    if before in ("第", "其", "初", "星期", "礼拜", "每") and not m.group("pre") or before == "周" and is_cn:
        return None  # ordinals, list markers, weekdays, intervals (每五年) and rate bases (每千人口)
    after = text[end : end + 1]
    if after == "岁" or unit in ("周", "年") and after == "岁":
        return None  # an age (16周岁)
    if unit == "届" and after and after in "一二三四五六七八九十":
        return None  # 七届二中全会: a congress's name
    if unit == "分" and before in ("点", "时"):
        return None  # a time of day
    if unit in ("年", "个月", "天", "周", "小时") and TIME_REFERENCE.match(text[end:]):
        return None  # 5年前, 两个月以后: a point in time
    if is_cn:
        if m.group("pct"):
            return start, end
        vague = re.fullmatch(rf"(?:{VAGUE}|{CONSEC})", num)
        if not unit and not scaled and not (vague and re.search(r"[万亿]", num)) and not (
            re.search(r"[一二两三四五六七八九]", num) and re.search(r"[万亿]", num)
        ) and not (m.group("pre") == "上"):
            return None  # a numeral word without unit: not a figure (三百万, 数千万 are)
        if num == "一" and not m.group("num2") and unit != "倍" and not (unit == "成" and (m.group("pre") or text[end:end + 1] != "为")):
            return None  # 一种, 一个: an article, not a count (一倍 and 不到一成 are figures; 一成为 is 成为)
        if re.fullmatch(r"[十百千万亿]+", num) and not unit and m.group("pre") != "上":
            return None
        if unit in ("度", "成", "期", "门", "部", "本", "张", "支", "处", "款") and len(num) == 1 and num in "一二三四五六七八九十两":
            # 三部曲, 一张蓝图, 两支队伍: rarely figures when spelled out
            return None if unit in ("部", "本", "张", "支", "处", "款", "门", "期") else (start, end)
    elif not unit and not m.group("pct") and not scaled:
        if "." not in num and "．" not in num:
            return None  # a bare integer: a code, an age (60岁), a time (8点), a document number
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


#: Words that make a target cue report an achievement: 完成全年目标的113%, 超过计划的10%.
_ACHIEVED = re.compile(r"(?:完成|超额完成|超过|超出|实现|达到|达成)[^，。；]{0,6}$")
#: What was done stays reported even after a target cue: 目前已建成320个.
_DONE = re.compile(r"已经|已|实际|目前")


def _modality(text: str, s_start: int, pos: int) -> str:
    """Forecast or target if a cue stands before the figure in its sentence,
    the nearest cue deciding, else reported.

    A target that was met (完成全年目标的113%) is reported; so is a figure of
    what has been done, in a clause of its own after the cue (目前已建成).
    """
    before = text[s_start:pos]
    cues = []
    for m in FORECAST.finditer(before):
        cues.append((m.start(), "forecast", m))
    for m in TARGET.finditer(before):
        if _ACHIEVED.search(before[: m.start()]):
            continue
        cues.append((m.start(), "target", m))
    if not cues:
        return "reported"
    at, kind, m = max(cues, key=lambda c: (c[0], c[1] == "target"))
    clause_start = max(before.rfind(c) for c in "，,；;：:") + 1
    if clause_start > at and _DONE.search(before[clause_start:]):
        return "reported"
    return kind


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


def _rate_base(text: str, bases: list[re.Match[str]], start: int) -> str | None:
    """The base of a rate (每千人口, 人均) printed before the figure in its clause."""
    clause_start = max(text.rfind(c, 0, start) for c in "，。；：,;:！？") + 1
    near = [b for b in bases if clause_start <= b.start() and b.end() <= start]
    return near[-1].group(0) if near else None


def _unit_name(unit: str | None, currency: str | None) -> str | None:
    if unit in ("%", "％"):
        return "%"
    if unit in CURRENCIES:
        if currency and unit == "元":
            return CURRENCIES[currency]
        return CURRENCIES[unit]
    return unit


def extract(text: str) -> list[Claim]:
    """All numeric claims of one paragraph, in order; mention == text[start:end]."""
    text_for_regex = text
    protected = _protected(text)
    sentences = sentence_spans(text) or [(0, len(text))]
    bases = [b for b in RATE_BASE.finditer(text) if not _inside(b.span(), protected)]
    found: list[Claim] = []
    taken: list[tuple[int, int]] = [b.span() for b in bases if b.group(0) != "人均"]

    def sentence_of(pos: int) -> tuple[int, int]:
        return next((s for s in sentences if s[0] <= pos < s[1]), sentences[-1])

    def emit(start: int, end: int, value, high, unit, quantity, approx) -> None:
        s_start, s_end = sentence_of(start)
        sentence = text[s_start:s_end]
        found.append(
            Claim(
                sentence=sentence.strip(),
                mention=text[start:end],
                value=_clean(value),
                value_high=_clean(high),
                unit=unit,
                quantity=quantity,
                approx=approx,
                year=_year_for(text, s_start, s_end, start),
                modality=_modality(text, s_start, start),
                subject=_subject(text, s_start, start),
                start=start,
                end=end,
                rate_base=_rate_base(text, bases, start),
            )
        )
        taken.append((start, end))

    for m in RANK.finditer(text):
        if _inside(m.span(), protected):
            continue
        emit(m.start(), m.end(), parse_number(m.group("num")), None, "位", "rank", "exact")

    for m in FRACTION.finditer(text):
        if _inside(m.span(), protected) or _inside(m.span(), taken):
            continue
        if m.group("den"):
            den, nu = parse_number(m.group("den")), parse_number(m.group("nu"))
        else:
            nu, den = float(m.group("a")), float(m.group("b"))
        if not den or nu is None or nu >= den:
            continue  # not a proper fraction (3/2, a date, a score)
        approx = APPROX_POST[m.group("post")] if m.group("post") else APPROX_PRE[m.group("pre")] if m.group("pre") else "exact"
        far = _FAR_BOUND.search(text, max(0, m.start() - 6), m.start())
        if approx == "exact" and far is not None and far.end() == m.start():
            approx = APPROX_PRE[far.group(1)]
        emit(m.start(), m.end(), 100 * nu / den, None, "%", "percent", approx)

    for m in CLAIM.finditer(text_for_regex):
        if not m.group("num") or _inside(m.span("num"), protected) or _inside(m.span("num"), taken):
            continue
        if _is_date(m, text):
            continue
        span = _fix_span(m, text)
        if span is None:
            continue
        start, end = span
        num = m.group("num")
        unit = m.group("unit") or m.group("unit0")
        if m.group("num2") and m.group("sep") in ("-", "－", "—", "--", "——") and unit is None and not m.group("pct") \
                and not (m.group("scale") or m.group("scale0")):
            continue  # 2021-2025 and codes, not ranges of a quantity
        value, high, approx = _values(m, num)
        if unit in ("万元", "亿元", "万吨"):
            factor = SCALES[unit[0]]
            value = value * factor if value is not None else None
            high = high * factor if high is not None else None
            unit = unit[1:]
        quantity = UNITS.get(unit or "", "other")
        if m.group("pct") or m.group("pct2"):
            quantity, unit = "percent", "%"
        if unit == "成":
            quantity, unit = "percent", "%"
            value = value * 10 if value is not None else None
            high = high * 10 if high is not None else None
        if unit == "‰":
            quantity = "percent"
        unit = _unit_name(unit, m.group("cur"))
        if m.group("pre"):
            approx = APPROX_PRE[m.group("pre")]
        if m.group("mid0") or m.group("mid"):
            approx = "about" if m.group("mid0") == "来" else "more_than"
        if m.group("post"):
            approx = APPROX_POST[m.group("post")]
        far = _FAR_BOUND.search(text, max(0, start - 6), start)
        if approx == "exact" and far is not None and far.end() == start:
            approx = APPROX_PRE[far.group(1)]  # 至少保留2名, 每年至少召开两次
        emit(start, end, value, high, unit, quantity, approx)

    found.sort(key=lambda c: c.start)
    return found


def _values(m: re.Match[str], num: str) -> tuple[float | None, float | None, str]:
    """(value, value_high, approx) of a match, scale words applied.

    A scale word printed once, after a range, applies to both ends (两到三万
    → 2万–3万) when the low end, without it, is not larger than the high end
    (8500到3万 stays 8500).  Vague amounts and neighbouring numerals give their
    bounds, approx 'about'.
    """
    approx = "exact"
    low_scale = scale_value(m.group("small0")) * scale_value(m.group("scale0"))
    if m.group("ge") and not m.group("scale0"):
        low_scale = 1.0
    bounds = vague_bounds(num) or pair_bounds(num)
    if bounds is not None:
        value, high = bounds[0] * low_scale, bounds[1] * low_scale
        if m.group("scale") and not m.group("num2"):
            value, high = value * scale_value(m.group("scale")), high * scale_value(m.group("scale"))
        return value, high, "about"
    value = parse_number(num)
    high = None
    if m.group("num2"):
        num2 = m.group("num2")
        high_scale = scale_value(m.group("small")) * scale_value(m.group("scale"))
        base2 = num2
        if not re.match(r"[0-9０-９]", num2):
            base2, trailing = split_scale(num2)
            high_scale *= scale_value(trailing)
        high_bare = parse_number(base2)
        high = high_bare * high_scale if high_bare is not None else None
        if value is not None and not (m.group("scale0") or m.group("small0") or m.group("unit0")):
            if high_bare is not None and value <= high_bare:
                low_scale = high_scale  # the scale printed once applies to both ends
    elif m.group("scale"):
        low_scale *= scale_value(m.group("scale"))
    if value is not None:
        value *= low_scale
    return value, high, approx


def _clean(value: float | None) -> float | None:
    if value is None:
        return None
    value = round(value, 6)
    return float(int(value)) if value == int(value) else value
