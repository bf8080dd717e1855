"""Lay out known articles the way the page dumps do: the test oracle for `etl.layout`.

A generated page is what the text layer of a flattened newspaper page looks
like, with everything the real dumps do:

* columns of random width; every paragraph's first line two cells short (the
  indent is lost), no line starting with closing punctuation, Latin and digit
  runs never broken, and optionally punctuation squeezing (a line may hold a
  cell more when it has several punctuation marks);
* blocks set with a blank line after every line, or compact (boxes, digests),
  with or without a blank line between paragraphs;
* articles in random order, titles and pull-quote boxes displaced into other
  articles' header zones, pull-quotes without their ●观点 marker;
* bold series labels with every glyph run doubled, column labels with an icon
  glyph, a page banner, bylines, footers that wrap, digest boxes with
  attribution lines that wrap before the speaker's name;
* layout spaces: letter-spaced justified lines, stray spaces around digits and
  Latin words, a space at the start of a new text frame.

`generate(seed)` returns the page text and the articles it holds, as the
parser should recover them.  The articles are the two bundled sample pages'
(from the hand-written fixture) and synthetic ones composed from their
sentences, so no test depends on one page's layout.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sample_pages.json"

NO_LINE_START = set("，。、；：？！”’）》」』…%")
NO_LINE_END = set("“‘（《「『")
PUNCT = set("，。、；：？！“”‘’（）《》…—")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉晓莹然泉晰坤成鹏宇浩凯俊帆琳颖雪梅海波峰"
PLACES = ["北京", "上海", "天津", "重庆", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "四川", "贵州", "云南", "陕西", "甘肃"]
ORGS = ["大学社会学院", "大学劳动经济学院", "大学公共管理学院", "省总工会", "市总工会", "社会科学院", "劳动关系研究院", "职业技术学院", "行政学院", "委党校"]
COLUMNS = ["热点思考", "理论视野", "学者观察", "工运史话", "劳动论坛", "观点集萃", "一线调研"]
SERIES = ["新就业形态观察", "技能人才培养笔谈", "产业工人队伍建设改革谈", "劳动关系新论"]
BANNERS = ["学习贯彻党的二十大精神", "理论周刊", "从百年工运中汲取力量", "新时代工会理论研究"]
HEADING_POOL = [
    "问题的提出", "现实困境", "主要做法与成效", "几点启示", "对策建议", "制度保障", "实践路径", "时代背景",
    "发展现状", "面临的挑战", "完善体制机制", "加强组织建设", "提升服务能力", "强化政策支持",
]


def width(text: str) -> float:
    """Print width: 汉字 and full-width punctuation one cell, Latin and digits half."""
    return sum(0 if c == " " else 1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


# --- the articles -----------------------------------------------------------------


@dataclass
class Para:
    text: str
    heading: str | None = None
    speaker: str | None = None


@dataclass
class ArticleSpec:
    title: str
    paragraphs: list[Para]
    authors: list[str] = field(default_factory=list)
    affiliation: str | None = None  # footer text without parentheses
    pullquote: str | None = None
    subtitle: str | None = None
    column_name: str | None = None
    series: str | None = None
    kind: str = "commentary"
    speakers: list[tuple[str, str]] = field(default_factory=list)  # (name, printed title), in order

    def expected(self) -> dict:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "column_name": self.column_name,
            "series": self.series,
            "kind": self.kind,
            "authors": list(self.authors),
            "affiliation": self.affiliation,
            "pullquote": self.pullquote,
            "paragraphs": [(p.text, p.heading, p.speaker) for p in self.paragraphs],
        }


def _join_lines(lines: list[str]) -> str:
    from etl.layout.lines import join_wrapped, strip_noise_spaces

    return join_wrapped([strip_noise_spaces(ln) for ln in lines])


@lru_cache(maxsize=1)
def sample_articles() -> tuple[ArticleSpec, ...]:
    """The eight articles of the bundled pages, from the hand-written fixture."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data.pop("_about")
    out = []
    for name, page in sorted(data.items()):
        source = (ROOT / "data" / "pages" / name).read_text(encoding="utf-8").split("\n")
        for a in page["articles"]:
            paras = []
            for start, end, heading, speaker in a["paragraphs"]:
                text = a["texts"].get(str(start)) or _join_lines(source[start - 1 : end])
                paras.append(Para(text, heading, speaker))
            speakers = [(c[0], c[2]) for c in a["contributors"] if c[1] == "speaker"]
            out.append(
                ArticleSpec(
                    title=a["title"], paragraphs=paras, authors=a["authors"], affiliation=a["affiliation"],
                    pullquote=a["pullquote"], subtitle=a["subtitle"], column_name=a["column_name"],
                    series=a["series"], kind=a["kind"], speakers=speakers,
                )
            )
    return tuple(out)


@lru_cache(maxsize=1)
def sentence_pool() -> tuple[str, ...]:
    from etl.text import sentence_spans

    pool = []
    for art in sample_articles():
        for p in art.paragraphs:
            for s, e in sentence_spans(p.text):
                sent = p.text[s:e]
                if 8 <= len(sent) <= 90 and sent[-1] in "。！？":
                    pool.append(sent)
    return tuple(pool)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 1, 2])))


def _unit(rng: random.Random) -> str:
    return rng.choice(PLACES) + rng.choice(ORGS)


def _phrase(rng: random.Random, text: str, lo: int, hi: int) -> str:
    """Whole words from a run of 汉字 of the text (titles share words with it)."""
    from etl.text import default_tokenizer

    runs = [r for r in re.findall(r"[\u4e00-\u9fff]+", text) if len(r) >= lo]
    rng.shuffle(runs)
    for run in runs[:20]:
        words = default_tokenizer().cut(run)
        for _ in range(10):
            i = rng.randrange(len(words))
            j = i
            phrase = words[i]
            while len(phrase) < lo and j + 1 < len(words):
                j += 1
                phrase += words[j]
            if lo <= len(phrase) <= hi and not phrase.startswith(("的", "了", "和", "与", "是")) and not phrase.endswith(("的", "和", "与", "是", "在", "及", "对", "把", "被", "将", "为", "等", "以", "从")):
                return phrase
    return "劳动者权益保障"


def _series(rng: random.Random, body: str) -> str:
    """A numbered series label; its topic is what the series' articles discuss."""
    topic = f"“{_phrase(rng, body, 4, 6)}”" + rng.choice(["系列谈", "的实践与思考", "笔谈"]) if rng.random() < 0.8 else rng.choice(SERIES)
    return topic + "③④⑤⑥⑦⑧"[rng.randrange(6)]


def synthetic_article(rng: random.Random, digest: bool = False, pool: list[str] | None = None) -> ArticleSpec:
    """An article of sentences drawn (without replacement) from `pool`.

    Articles on one page never share a sentence, as real articles don't: the
    parser may rely on text overlap to tell them apart.
    """
    pool = pool if pool is not None else list(sentence_pool())

    def draw() -> str:
        return pool.pop(rng.randrange(len(pool)))

    n_paras = rng.randint(3, 9)
    paragraphs: list[Para] = []
    headings = rng.sample(HEADING_POOL, k=rng.choice([0, 0, 2, 3])) if not digest else []
    for i in range(n_paras):
        text = "".join(draw() for _ in range(rng.randint(1, 4)))
        paragraphs.append(Para(text))
    if headings:
        # Section headings start after the lead paragraph, at distinct places.
        cuts = sorted(rng.sample(range(1, n_paras), k=min(len(headings), n_paras - 1)))
        current = None
        for i, p in enumerate(paragraphs):
            if i in cuts:
                current = headings[cuts.index(i)]
            p.heading = current
    def make_title(body: str) -> str:
        first, second = _phrase(rng, body, 5, 10), _phrase(rng, body, 5, 10)
        for _ in range(5):
            if second != first:
                break
            second = _phrase(rng, body, 4, 10)
        title = f"{first} {second}" if rng.random() < 0.4 and first != second else first + ("" if rng.random() < 0.5 else second)
        return title if len(title) >= 8 else first + second

    if digest:
        speakers = []
        intro = Para("".join(draw() for _ in range(rng.randint(1, 2))))
        paras = [intro]
        for _ in range(rng.randint(2, 5)):
            name = _name(rng)
            office = _unit(rng) + rng.choice(["院长", "教授", "主任", "副会长", "研究员", "副主席"])
            speakers.append((name, office))
            for _ in range(rng.choice([1, 1, 2])):
                paras.append(Para("".join(draw() for _ in range(rng.randint(2, 4))), None, name))
        compiler = _name(rng)
        body = "".join(p.text for p in paras)
        title = make_title(body)
        return ArticleSpec(
            title=title.replace(" ", ""), paragraphs=paras, affiliation=f"{compiler} 整理",
            subtitle=_phrase(rng, body, 4, 8) + rng.choice(["观点摘编", "发言摘登", "研讨会综述"]),
            kind="digest", speakers=speakers,
        )
    body = "".join(p.text for p in paragraphs)
    title = make_title(body)
    authors = [_name(rng) for _ in range(rng.choice([1, 1, 1, 2]))]
    while len(set(authors)) < len(authors):
        authors = [_name(rng) for _ in authors]
    if len(authors) == 2 and rng.random() < 0.5:
        affiliation = f"作者单位分别为{_unit(rng)}、{_unit(rng)}"
    elif rng.random() < 0.3:
        affiliation = f"作者为{_unit(rng)}教授"
    else:
        affiliation = f"作者单位：{_unit(rng)}"
    pullquote = None
    if rng.random() < 0.7:
        source = rng.choice(paragraphs).text
        sentences = [s for s in re.split(r"(?<=[。！？])", source) if len(s) > 12]
        pullquote = rng.choice(sentences) if sentences else None
    return ArticleSpec(
        title=title, paragraphs=paragraphs, authors=authors, affiliation=affiliation, pullquote=pullquote,
        column_name=rng.choice(COLUMNS) if rng.random() < 0.3 else None,
        series=_series(rng, body) if rng.random() < 0.15 else None,
    )


# --- typesetting ------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    """Atoms of line breaking: a Latin/digit run, '……', or one character."""
    return re.findall(r"[0-9A-Za-z.%,+\-]+|……|——|.", text)


def wrap(
    text: str, cells: float, indent: float = 2.0, squeeze: bool = False, push: float = 0.5, kinsoku: bool = True
) -> list[str]:
    """Break a paragraph into printed lines of `cells` width (first line indented).

    A closing mark never starts a line: the typesetter squeezes it into the
    line above (which then holds a cell more), or, with probability `push`,
    pushes the last character down with it (the line above holds one less).
    `squeeze` also lets a line with several marks hold one more character.
    With ``kinsoku=False`` none of that: lines are cut at the width, marks or not.
    """
    rng = random.Random(text)
    lines: list[str] = []
    cur: list[str] = []
    used = 0.0
    limit = cells - indent
    for tok in _tokens(text):
        w = width(tok)
        room = limit + (1 if squeeze and sum(1 for t in cur if t in PUNCT) >= 3 else 0)
        if cur and used + w > room:
            if not kinsoku:
                lines.append("".join(cur))
                cur, used, limit = [tok], w, cells
                continue
            if tok[0] in NO_LINE_START:
                if len(cur) > 1 and rng.random() < push and cur[-1] not in PUNCT:
                    pushed = cur.pop()  # push the last character down with the mark
                    lines.append("".join(cur))
                    cur, used, limit = [pushed, tok], width(pushed) + w, cells
                    continue
                cur.append(tok)  # squeeze the mark in
                used += w
                continue
            carry = []
            while cur and cur[-1] in NO_LINE_END:
                carry.insert(0, cur.pop())  # an opening mark moves to the next line
            lines.append("".join(cur))
            cur, used, limit = carry, sum(width(t) for t in carry), cells
        cur.append(tok)
        used += w
    if cur:
        lines.append("".join(cur))
    return [ln for ln in lines if ln]


def noisy(line: str, rng: random.Random, p_space: float) -> str:
    """Add the extractor's stray spaces around digit and Latin runs."""
    if rng.random() >= p_space:
        return line
    out = re.sub(r"(?<=[\u4e00-\u9fff，。、“”])([0-9A-Za-z.%]+)", lambda m: " " + m.group(1) if rng.random() < 0.6 else m.group(1), line)
    out = re.sub(r"([0-9A-Za-z.%]+)(?=[\u4e00-\u9fff，。、])", lambda m: m.group(1) + " " if rng.random() < 0.6 else m.group(1), out)
    return out


def letter_spaced(line: str) -> str:
    return " ".join(line)


def double(label: str) -> str:
    """Bold display type in the dump: every run of glyphs comes out twice."""
    runs = re.findall(r"[\u4e00-\u9fff]+|[^\u4e00-\u9fff]", label)
    return "".join(r + r for r in runs)


@dataclass
class Frame:
    lines: list[str]
    spaced: bool = True  # a blank line after every line
    para_gap: bool = False  # compact frames: a blank line between paragraphs
    breaks: set[int] = field(default_factory=set)  # indexes of lines that start a paragraph


def body_frames(art: ArticleSpec, rng: random.Random, page: dict) -> list[Frame]:
    cells = page["width"]
    spaced = rng.random() < page["p_spaced"]
    frame = Frame([], spaced=spaced, para_gap=not spaced and rng.random() < 0.7)
    heading = None
    for p in art.paragraphs:
        if p.heading != heading and p.heading:
            frame.breaks.add(len(frame.lines))
            frame.lines.extend(wrap(p.heading, cells, indent=0) if width(p.heading) > cells - 2 else [p.heading])
        heading = p.heading
        frame.breaks.add(len(frame.lines))
        lines = wrap(p.text, cells, squeeze=page["squeeze"], push=page["push"])
        for k, ln in enumerate(lines):
            ln = noisy(ln, rng, page["p_noise"])
            if 0 < k < len(lines) - 1 and rng.random() < page["p_letterspace"]:
                ln = letter_spaced(ln)
            frame.lines.append(ln)
    return [frame]


def digest_frames(art: ArticleSpec, rng: random.Random, page: dict) -> list[Frame]:
    cells = page["width"]
    box = rng.randint(max(20, int(cells)), 30)
    frames = [Frame([], spaced=True)]
    intro = [p for p in art.paragraphs if p.speaker is None]
    for p in intro:
        frames[0].breaks.add(len(frames[0].lines))
        frames[0].lines.extend(wrap(p.text, cells, push=page["push"]))
    for name, office in art.speakers:
        frames.append(Frame([], spaced=False))
        for p in art.paragraphs:
            if p.speaker == name:
                frames[-1].breaks.add(len(frames[-1].lines))
                frames[-1].lines.extend(wrap(p.text, box, squeeze=page["squeeze"], push=page["push"]))
        attribution = f"——{office} {name}"
        if width(attribution) > box:
            # wraps inside the office, like '——…学院党委' + '书记 刘向兵'
            k = min(int(box) - 2, len(office) - 2)
            tail = f"{office[k:]} {name}" if rng.random() < 0.8 else name  # or the name alone
            head = f"——{office[:k]}" if tail != name else f"——{office}"
            frames.append(Frame([head, tail], spaced=True))
        else:
            frames.append(Frame([attribution], spaced=True))
    return frames


def render(frames: list[Frame], rng: random.Random) -> tuple[str, list[int]]:
    """Page text of the frames; also the line number where each frame starts."""
    out: list[str] = [""]  # dumps start with an empty line
    starts = []
    for frame in frames:
        if len(out) > 1 and rng.random() < 0.3 and not out[-1] == "":
            # a new text frame: sometimes a leading space, sometimes glued on
            frame_lead = " "
        else:
            frame_lead = ""
            if len(out) > 1 and rng.random() < 0.5:
                out.append("")
        starts.append(len(out) + 1)
        for k, line in enumerate(frame.lines):
            if k == 0:
                line = frame_lead + line
            elif frame.spaced:
                out.append("")
            elif frame.para_gap and k in frame.breaks:
                out.append("")
            out.append(line)
    out.append("")
    return "\n".join(out), starts


def article_frames(art: ArticleSpec, rng: random.Random, page: dict, first: bool) -> dict[str, list[Frame]]:
    """The frames of one article, by role, in printing order."""
    parts: dict[str, list[Frame]] = {}
    if art.column_name:
        parts["column"] = [Frame([f"{rng.choice('GHKBDE')} {art.column_name}"])]
    if art.series:
        parts["series"] = [Frame([double(art.series)])]
    if art.pullquote:
        pq_cells = rng.randint(10, 14)
        marker = rng.choice(["●观 点", "●观点"])
        parts["pullquote"] = [Frame([marker] + wrap(art.pullquote, pq_cells), spaced=rng.random() < 0.8)]
    title_cells = rng.randint(12, 30)
    # A two-part headline stays on one line; a long one-part headline wraps.
    title_lines = [art.title] if " " in art.title or width(art.title) <= title_cells else wrap(art.title, title_cells, indent=0)
    parts["title"] = [Frame(title_lines, spaced=rng.random() < 0.5)]
    if art.subtitle:
        parts["subtitle"] = [Frame([f"——{art.subtitle}"])]
    if art.authors:
        parts["byline"] = [Frame([" ".join(art.authors)])]
    parts["body"] = digest_frames(art, rng, page) if art.kind == "digest" else body_frames(art, rng, page)
    if art.affiliation:
        footer = f"（{art.affiliation}）"
        lines = wrap(footer, page["width"], indent=0) if rng.random() < 0.5 else [footer]
        parts["footer"] = [Frame(lines, spaced=True)]
    return parts


HEADER_ORDERS = [
    ["column", "series", "title", "subtitle", "pullquote", "byline"],
    ["column", "series", "pullquote", "title", "subtitle", "byline"],
    ["series", "title", "subtitle", "column", "pullquote", "byline"],
]


@dataclass
class GeneratedPage:
    text: str
    articles: list[ArticleSpec]  # in reading order (the order their bodies are printed)
    banner: str | None
    seed: int
    params: dict


def generate(seed: int, n_articles: int | None = None, samples: bool = True, **overrides) -> GeneratedPage:
    """A page of known articles laid out like the dumps (deterministic for a seed).

    `overrides` fix layout parameters (width, p_spaced, p_noise, p_letterspace,
    squeeze, push, p_displace), e.g. ``generate(7, squeeze=False, push=0.0)``.
    """
    rng = random.Random(seed)
    page = {
        "width": rng.choice([16, 17, 18, 19, 20, 21, 22, 24, 26, 28]),
        "p_spaced": rng.choice([0.0, 0.5, 1.0]),
        "p_noise": rng.choice([0.0, 0.3, 0.8]),
        "p_letterspace": rng.choice([0.0, 0.05]),
        "squeeze": rng.random() < 0.4,
        "push": rng.choice([0.0, 0.5]),
        "p_displace": rng.choice([0.0, 0.3, 0.6]),
    }
    page.update(overrides)
    n = n_articles or rng.randint(2, 5)
    chosen = [rng.random() < 0.3 and samples for _ in range(n)]
    samples_used = rng.sample(sample_articles(), k=min(sum(chosen), len(sample_articles())))
    used_text = "".join(p.text for a in samples_used for p in a.paragraphs)
    pool = [x for x in sentence_pool() if x not in used_text]
    arts: list[ArticleSpec] = []
    for is_sample in chosen:
        if is_sample and samples_used:
            arts.append(samples_used.pop())
        elif len(pool) > 60:
            arts.append(synthetic_article(rng, digest=rng.random() < 0.12, pool=pool))
    # One page never prints the same article twice.
    seen_titles: set[str] = set()
    arts = [a for a in arts if not (a.title in seen_titles or seen_titles.add(a.title))]
    headers: list[list[Frame]] = []
    bodies: list[list[Frame]] = []
    for i, art in enumerate(arts):
        parts = article_frames(art, rng, page, first=i == 0)
        order = rng.choice(HEADER_ORDERS)
        headers.append([f for role in order for f in parts.get(role, [])])
        bodies.append(parts["body"] + parts.get("footer", []))
    # Displace titles and pull-quote boxes into other articles' header zones.
    if len(arts) > 1:
        for i, art in enumerate(arts):
            if rng.random() >= page["p_displace"]:
                continue
            role = rng.choice(["title", "pullquote", "title", "pullquote", "series"])
            # A series label names its topic in quotes ('“…”系列谈'): then it
            # can be printed over another article, as on page 000.
            frames = [
                f
                for f in headers[i]
                if (role == "title" and f.lines and f.lines[0].replace(" ", "") == art.title.replace(" ", ""))
                or (role == "pullquote" and f.lines and f.lines[0].startswith("●"))
                or (role == "series" and art.series and art.series.startswith("“") and f.lines == [double(art.series)])
            ]
            if not frames:
                continue
            frame = frames[0]
            if role == "pullquote" and rng.random() < 0.5:
                frame = Frame(frame.lines[1:], spaced=frame.spaced)  # the marker got lost
                if not frame.lines:
                    continue
                headers[i].remove(frames[0])
                j = rng.choice([k for k in range(len(arts)) if k != i])
                headers[j].insert(0, frame)  # an unmarked box printed first in another zone
                continue
            headers[i].remove(frame)
            moved = [frame]
            if role == "title":
                moved += [f for f in headers[i] if art.subtitle and f.lines == [f"——{art.subtitle}"]]
                for f in moved[1:]:
                    headers[i].remove(f)
            j = rng.choice([k for k in range(len(arts)) if k != i])
            # Into the other article's header zone: first, or (a box) right
            # before its byline, where that article's own box would stand.
            bylines = [k for k, f in enumerate(headers[j]) if f.lines and f.lines[0].replace(" ", "") == "".join(arts[j].authors)]
            if role == "pullquote" and bylines and rng.random() < 0.5:
                headers[j].insert(bylines[0], frame)
            else:
                headers[j][0:0] = moved
    frames: list[Frame] = []
    banner = rng.choice(BANNERS) if rng.random() < 0.3 else None
    if banner:
        frames.append(Frame([banner]))
    for h, b in zip(headers, bodies):
        frames.extend(h)
        frames.extend(b)
    text, _ = render(frames, rng)
    return GeneratedPage(text=text, articles=arts, banner=banner, seed=seed, params=page)


def recovered(expected: ArticleSpec, got) -> list[str]:
    """The fields of a parsed article that differ from what was laid out."""
    e = expected.expected()
    diffs = []
    for key in ("title", "subtitle", "column_name", "series", "kind", "affiliation", "pullquote"):
        if getattr(got, key) != e[key]:
            diffs.append(key)
    for key in ("kicker", "editor_note"):
        if getattr(got, key) != e.get(key):
            diffs.append(key)
    if list(got.authors) != e["authors"]:
        diffs.append("authors")
    paras = [(p.text, p.heading, p.speaker) for p in got.paragraphs]
    if [p[0] for p in paras] != [p[0] for p in e["paragraphs"]]:
        diffs.append("paragraphs")
    elif [p[1] for p in paras] != [p[1] for p in e["paragraphs"]]:
        diffs.append("headings")
    elif [p[2] for p in paras] != [p[2] for p in e["paragraphs"]]:
        diffs.append("speakers")
    return diffs
