"""Newspaper conventions the two sample pages do not show, in two families.

`pagegen.generate(seed)` lays pages out the way the two sample dumps do
(the "classic" layouts the parser was first written against).  Here
`generate(seed, family)` lays them out with the wider set of conventions a
Chinese newspaper's typesetter uses, each an *independent* random choice, so
that the generator does not simply mirror what the parser expects:

Per article (probabilities in `P`):

* **引题 (kicker)**: a line above the headline (`kicker`), in its own frame:
  it names the theme or occasion (深化产业工人队伍建设改革, 写在…之际), not the
  article's own words.
* **Headlines on one, two or three lines**: a one-part headline wraps at
  the width of its frame (mid-word or at a word boundary: the title has no
  space); a two-part headline (主题 of two clauses) is printed on one line
  with a space, or each half on its own line (the dump then has no space;
  the title still has one).
* **Byline before the headline** (some header orders), and **staff bylines**
  (本报记者 张三, 本报记者 张三 本报通讯员 李四: the names are the authors;
  such pieces often have no footer).
* **Subtitles** (——…) under commentaries too, not only digests.
* **Section headings** unnumbered or numbered (一、/（一）/1./第一，…: the
  number is part of the heading), **wrapped over two lines** when longer
  than the column, or, now and then, **set on one dump line wider than the
  column** (a bold heading set across the frame).
* **Pull-quote boxes** (as many as on the sample pages) with the family's
  marker (●观点, ■观点…) or without any.
* **Column labels** with an icon letter (G 理论视野) or without (理论视野).
* **Editor's notes** (编者按：… / 【编者按】…) in a box of their own above
  the headline or between byline and body (`editor_note`: the note without
  its label).
* **Numbered series labels** whose quoted topic paraphrases the article (not
  word for word), printed over another article or at the foot of the page.

Per page: a banner; the first two articles' boxes and bylines stacked at the
top of the page (the second article's box and byline, then the first's, then
the first's headline and body: genuinely ambiguous, a case for review flags).

**Families.**  Rules are developed against the ``dev`` family; the ``held``
family is measured but its failures are not read: it has other column
widths (23–28 cells against 16–22), other header orders, other heading
numbering styles, box markers, staff titles, note labels, column names and
frame widths.  A rule that helps ``dev`` and hurts ``held`` is overfitting.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace

from pagegen import (
    BANNERS,
    ArticleSpec,
    Frame,
    GeneratedPage,
    Para,
    _name,
    _phrase,
    _unit,
    digest_frames,
    double,
    letter_spaced,
    noisy,
    render,
    sample_articles,
    sentence_pool,
    synthetic_article,
    width,
    wrap,
)

#: Probabilities of the per-article conventions (the same in both families).
P = {
    "kicker": 0.12,
    "subtitle": 0.12,
    "staff_byline": 0.12,
    "headings": 0.55,
    "numbered": 0.6,  # of articles with headings
    "wide_heading": 0.15,  # a heading longer than the column kept on one dump line
    "box_unmarked": 0.25,
    "column": 0.3,
    "column_no_icon": 0.4,
    "series": 0.12,
    "series_far": 0.5,  # of series labels: printed over another article or at the foot
    "editor_note": 0.08,
    "two_part_title": 0.35,
    "two_part_on_two_lines": 0.6,
    "stacked_heads": 0.06,  # per page
    "banner": 0.3,  # per page
}

CN_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Family:
    """The layout choices of one family of pages."""

    name: str
    widths: tuple[int, ...]
    title_cells: tuple[int, int]
    box_cells: tuple[int, int]
    orders: tuple[tuple[str, ...], ...]
    numbering: tuple[str, ...]  # format of a numbered heading: {n} Chinese numeral, {d} digit, {h} text
    markers: tuple[str, ...]
    staff: tuple[str, ...]
    note_labels: tuple[str, ...]
    columns: tuple[str, ...]
    icons: str
    series_suffixes: tuple[str, ...]
    heading_phrases: tuple[str, ...]
    kicker_themes: tuple[str, ...]  # {} is a topic
    kicker_topics: tuple[str, ...]
    headline_verbs: tuple[str, ...]  # first words of the halves of two-part headlines
    headline_patterns: tuple[str, ...]  # one-part headlines: {a} {b} noun phrases, {v} a verb


DEV = Family(
    name="dev",
    widths=(16, 17, 18, 19, 20, 21, 22),
    title_cells=(10, 20),
    box_cells=(10, 13),
    orders=(
        ("column", "series", "note", "kicker", "title", "subtitle", "pullquote", "byline"),
        ("column", "series", "pullquote", "kicker", "title", "subtitle", "byline", "note"),
        ("note", "column", "series", "kicker", "title", "subtitle", "byline", "pullquote"),
        ("column", "series", "byline", "kicker", "title", "subtitle", "pullquote", "note"),  # byline first
    ),
    numbering=("{n}、{h}", "（{n}）{h}"),
    markers=("●观点", "●观 点"),
    staff=("本报记者",),
    note_labels=("编者按：",),
    columns=("热点思考", "理论视野", "学者观察", "工运史话"),
    icons="GHK",
    series_suffixes=("系列谈", "的实践与思考"),
    heading_phrases=(
        "问题的提出", "现实困境", "主要做法与成效", "几点启示", "对策建议", "制度保障", "实践路径",
    ),
    kicker_themes=("深化{}改革", "聚焦{}", "推动{}高质量发展", "{}的新探索"),
    kicker_topics=("产业工人队伍建设", "新就业形态", "职工技能提升", "工会工作"),
    headline_verbs=("支持", "推动", "提升", "加强", "完善", "构建", "促进", "打造"),
    headline_patterns=("{v}{a}", "以{a}促进{b}", "{a}的{b}", "{a}的实践与思考", "{v}{a}的路径"),
)

HELD = Family(
    name="held",
    widths=(23, 24, 25, 26, 27, 28),
    title_cells=(14, 30),
    box_cells=(12, 16),
    orders=(
        ("series", "column", "kicker", "title", "subtitle", "byline", "pullquote", "note"),
        ("pullquote", "byline", "column", "series", "kicker", "title", "subtitle", "note"),  # box and byline first
        ("column", "series", "kicker", "title", "subtitle", "note", "byline", "pullquote"),
        ("byline", "column", "series", "kicker", "title", "subtitle", "pullquote", "note"),  # byline first
    ),
    numbering=("{d}.{h}", "第{n}，{h}", "{n}、{h}"),
    markers=("■观点", "◆核心提示", "●观点"),
    staff=("本报通讯员", "本报记者"),
    note_labels=("【编者按】", "编者按："),
    columns=("劳动论坛", "观点集萃", "一线调研", "工会视点"),
    icons="BDE",
    series_suffixes=("笔谈", "系列评论"),
    heading_phrases=(
        "时代背景", "发展现状", "面临的挑战", "完善体制机制", "加强组织建设", "提升服务能力", "强化政策支持",
    ),
    kicker_themes=("写在{}之际", "着力构建{}", "{}观察", "奋进新征程 {}"),
    kicker_topics=("和谐劳动关系", "劳模精神传承", "数字经济发展", "全国总工会成立百年"),
    headline_verbs=("挖掘", "创造", "满足", "激发", "拓展", "夯实", "发挥", "保障"),
    headline_patterns=("{a}的路径探析", "在{a}中{v}{b}", "{a}与{b}", "{v}{a}的几点思考", "让{a}{v}{b}"),
)

FAMILIES = {"dev": DEV, "held": HELD}


@dataclass
class Article(ArticleSpec):
    """An article with the conventions above (what the parser should recover)."""

    kicker: str | None = None
    editor_note: str | None = None
    byline: str | None = None  # the byline as printed, when not just the names
    title_lines: list[str] = field(default_factory=list)  # how the headline is printed
    wide_headings: set[str] = field(default_factory=set)  # headings kept on one over-wide line
    series_topic_printed: str | None = None  # the series label as printed, if displaced

    def expected(self) -> dict:
        out = super().expected()
        out["kicker"] = self.kicker
        out["editor_note"] = self.editor_note
        return out


def _numbered(fmt: str, k: int, text: str) -> str:
    return fmt.format(n=CN_NUMBERS[k], d=k + 1, h=text)


def noun_phrases(text: str) -> list[str]:
    """Runs of nouns of a text (劳动者权益保障, 数字技术工程师): what headlines name."""
    from etl.text import default_tokenizer

    runs, cur = [], []
    for word, tag in default_tokenizer().tag(text):
        if tag in ("n", "nz", "vn", "nt", "ns", "l", "j") and len(word) >= 2:
            cur.append(word)
        else:
            if cur:
                runs.append("".join(cur))
            cur = []
    if cur:
        runs.append("".join(cur))
    return sorted({r for r in runs if 3 <= len(r) <= 9})


def headline(rng: random.Random, family: "Family", body: str, two_part: bool) -> str:
    """A headline of the family's patterns on the article's own nouns."""
    nps = noun_phrases(body) or ["劳动者权益保障", "产业工人队伍建设"]
    np1, np2 = rng.choice(nps), rng.choice(nps)
    if two_part:
        # Halves about as long as each other (the samples' differ by at most 1.7 times).
        v1, v2 = rng.sample(family.headline_verbs, 2)
        for _ in range(20):
            if max(len(np1), len(np2)) + 2 <= 1.6 * (min(len(np1), len(np2)) + 2):
                break
            np2 = rng.choice(nps)
        return f"{v1}{np1} {v2}{np2}"
    return rng.choice(family.headline_patterns).format(a=np1, b=np2, v=rng.choice(family.headline_verbs))


def _paraphrase(rng: random.Random, topic: str) -> str:
    """The topic as a label writes it: a character dropped or a word order changed."""
    if len(topic) >= 5 and rng.random() < 0.5:
        k = rng.randrange(1, len(topic) - 1)
        return topic[:k] + topic[k + 1 :]
    k = len(topic) // 2
    return topic[k:] + topic[:k]


def article(rng: random.Random, family: Family, pool: list[str], sample: ArticleSpec | None = None) -> Article:
    """A synthetic (or sample) article with this family's conventions drawn independently."""
    base = sample if sample is not None else synthetic_article(rng, digest=rng.random() < 0.1, pool=pool)
    art = Article(**{k: getattr(base, k) for k in ArticleSpec.__dataclass_fields__})
    art.paragraphs = [Para(p.text, p.heading, p.speaker) for p in base.paragraphs]
    cells = rng.randint(*family.title_cells)
    if art.kind == "digest":
        # Digests keep their own layout (title, subtitle, views, attributions, compiler).
        art.title_lines = wrap(art.title, cells, indent=0) if width(art.title) > cells else [art.title]
        return art
    draw = lambda: pool.pop(rng.randrange(len(pool))) if pool else "劳动者权益保障需要多方共同努力。"  # noqa: E731
    body = "".join(p.text for p in art.paragraphs)
    if sample is None:
        # Section headings: numbered or not, from the family's phrases or the body's words.
        art.paragraphs = [Para(p.text) for p in art.paragraphs]
        if rng.random() < P["headings"] and len(art.paragraphs) >= 3:
            k = rng.randint(2, min(4, len(art.paragraphs) - 1))
            cuts = sorted(rng.sample(range(1, len(art.paragraphs)), k=k))
            fmt = rng.choice(family.numbering) if rng.random() < P["numbered"] else None
            heads = []
            for j in range(k):
                h = rng.choice(family.heading_phrases) if rng.random() < 0.4 else _phrase(rng, body, 6, 16)
                heads.append(_numbered(fmt, j, h) if fmt else h)
            if len(set(heads)) < len(heads):
                heads = [f"{h}{CN_NUMBERS[j]}" for j, h in enumerate(heads)]
            current = None
            for i, p in enumerate(art.paragraphs):
                if i in cuts:
                    current = heads[cuts.index(i)]
                p.heading = current
            art.wide_headings = {h for h in heads if rng.random() < P["wide_heading"]}
        # A headline on the article's nouns: two parallel verb phrases
        # (健全…体系 支持…发展), or one part.
        art.title = headline(rng, family, body, rng.random() < P["two_part_title"])
        if rng.random() < P["subtitle"] and not art.subtitle:
            art.subtitle = _phrase(rng, body, 4, 8) + rng.choice(["的思考", "的路径探析", "——基于调研的分析"])[:6]
            art.subtitle = art.subtitle.replace("——", "")
        if rng.random() < P["staff_byline"]:
            names = [_name(rng) for _ in range(rng.choice([1, 1, 2]))]
            while len(set(names)) < len(names):
                names = [_name(rng) for _ in names]
            staff = rng.choice(family.staff)
            if len(names) == 2 and rng.random() < 0.5:
                art.byline = f"{staff} {names[0]} {rng.choice(family.staff)} {names[1]}"
            else:
                art.byline = f"{staff} " + " ".join(names)
            art.authors = names
            if rng.random() < 0.7:
                art.affiliation = None
        if art.column_name:
            art.column_name = rng.choice(family.columns)
        elif rng.random() < P["column"]:
            art.column_name = rng.choice(family.columns)
        if art.series or rng.random() < P["series"]:
            topic = _phrase(rng, body, 4, 7)
            art.series = f"“{topic}”{rng.choice(family.series_suffixes)}{'③④⑤⑥⑦⑧'[rng.randrange(6)]}"
    if rng.random() < P["kicker"]:
        art.kicker = rng.choice(family.kicker_themes).format(rng.choice(family.kicker_topics))
    if rng.random() < P["editor_note"]:
        art.editor_note = draw() + (draw() if rng.random() < 0.5 else "")
    # How the headline is printed.
    if " " in art.title:
        halves = art.title.split(" ")
        art.title_lines = halves if rng.random() < P["two_part_on_two_lines"] else [art.title]
    elif width(art.title) > cells:
        art.title_lines = wrap(art.title, cells, indent=0)
    else:
        art.title_lines = [art.title]
    return art


def header_frames(art: Article, rng: random.Random, family: Family, page: dict) -> dict[str, list[Frame]]:
    parts: dict[str, list[Frame]] = {}
    if art.column_name:
        label = art.column_name if rng.random() < P["column_no_icon"] else f"{rng.choice(family.icons)} {art.column_name}"
        parts["column"] = [Frame([label])]
    if art.series:
        parts["series"] = [Frame([double(art.series)])]
    if art.kicker:
        parts["kicker"] = [Frame([art.kicker])]
    parts["title"] = [Frame(list(art.title_lines), spaced=rng.random() < 0.5)]
    if art.subtitle:
        parts["subtitle"] = [Frame([f"——{art.subtitle}"])]
    if art.pullquote:
        lines = wrap(art.pullquote, rng.randint(*family.box_cells))
        if art.kind != "digest" and rng.random() >= P["box_unmarked"]:
            lines = [rng.choice(family.markers)] + lines
        parts["pullquote"] = [Frame(lines, spaced=rng.random() < 0.8)]
    if art.byline or art.authors:
        parts["byline"] = [Frame([art.byline or " ".join(art.authors)])]
    if art.editor_note:
        label = rng.choice(family.note_labels)
        cells = rng.randint(*family.box_cells) + 4
        parts["note"] = [Frame(wrap(label + art.editor_note, cells), spaced=rng.random() < 0.5)]
    return parts


def body_frames(art: Article, rng: random.Random, page: dict) -> list[Frame]:
    cells = page["width"]
    if art.kind == "digest":
        frames = digest_frames(art, rng, page)
        if art.affiliation:  # the compiler: （张三 整理）
            frames.append(Frame([f"（{art.affiliation}）"], spaced=True))
        return frames
    spaced = rng.random() < page["p_spaced"]
    frame = Frame([], spaced=spaced, para_gap=not spaced and rng.random() < 0.7)
    heading = None
    for p in art.paragraphs:
        if p.heading != heading and p.heading:
            frame.breaks.add(len(frame.lines))
            if width(p.heading) > cells - 2 and p.heading not in art.wide_headings:
                frame.lines.extend(wrap(p.heading, cells, indent=0))
            else:
                frame.lines.append(p.heading)
        heading = p.heading
        frame.breaks.add(len(frame.lines))
        lines = wrap(p.text, cells, squeeze=page["squeeze"], push=page["push"])
        for k, ln in enumerate(lines):
            ln = noisy(ln, rng, page["p_noise"])
            if 0 < k < len(lines) - 1 and rng.random() < page["p_letterspace"]:
                ln = letter_spaced(ln)
            frame.lines.append(ln)
    frames = [frame]
    if art.affiliation:
        footer = f"（{art.affiliation}）"
        lines = wrap(footer, cells, indent=0) if rng.random() < 0.5 else [footer]
        frames.append(Frame(lines, spaced=True))
    return frames


def at_widths(family: str, widths: tuple[int, ...]) -> str:
    """Register `family`'s conventions laid out at other column widths; its name.

    The variant is a family of its own name, and pages are drawn with the
    name, so its pages are new ones: dev conventions at held widths
    (``dev@23-28``) are pages nobody tuned on, read to see what the column
    width alone does (wide columns hold more marks, and squeeze more).
    """
    name = f"{family}@{min(widths)}-{max(widths)}"
    FAMILIES[name] = replace(FAMILIES[family], name=name, widths=tuple(widths))
    return name


def generate(seed: int, family: str = "dev") -> GeneratedPage:
    """A page of known articles laid out with `family`'s conventions (deterministic for a seed)."""
    fam = FAMILIES[family]
    rng = random.Random(f"{family}-{seed}")
    page = {
        "width": rng.choice(fam.widths),
        "p_spaced": rng.choice([0.0, 0.5, 1.0]),
        "p_noise": rng.choice([0.0, 0.3, 0.8]),
        "p_letterspace": rng.choice([0.0, 0.05]),
        "squeeze": rng.random() < 0.4,
        "push": rng.choice([0.0, 0.5]),
        "p_displace": rng.choice([0.0, 0.3, 0.6]),
    }
    n = rng.randint(2, 5)
    chosen = [rng.random() < 0.3 for _ in range(n)]
    samples_used = rng.sample(sample_articles(), k=min(sum(chosen), len(sample_articles())))
    used_text = "".join(p.text for a in samples_used for p in a.paragraphs)
    pool = [x for x in sentence_pool() if x not in used_text]
    arts: list[Article] = []
    for is_sample in chosen:
        if is_sample and samples_used:
            arts.append(article(rng, fam, pool, sample=samples_used.pop()))
        elif len(pool) > 60:
            arts.append(article(rng, fam, pool))
    seen: set[str] = set()
    arts = [a for a in arts if not (a.title in seen or seen.add(a.title))]

    headers: list[list[Frame]] = []
    bodies: list[list[Frame]] = []
    feet: list[Frame] = []  # printed at the foot of the page
    for art in arts:
        parts = header_frames(art, rng, fam, page)
        order = rng.choice(fam.orders)
        assert set(parts) <= set(order), (set(parts) - set(order), order)  # every part is printed
        headers.append([f for role in order for f in parts.get(role, [])])
        bodies.append(body_frames(art, rng, page))
    if len(arts) > 1:
        for i, art in enumerate(arts):
            # A quoted-topic series label far from its article, paraphrased.
            if art.series and art.series.startswith("“") and rng.random() < P["series_far"]:
                label = [f for f in headers[i] if f.lines == [double(art.series)]]
                if label:
                    headers[i].remove(label[0])
                    if rng.random() < 0.5:
                        feet.append(label[0])
                    else:
                        j = rng.choice([k for k in range(len(arts)) if k != i])
                        headers[j].insert(0, label[0])
                    m = re.match(r"“([^”]+)”", art.series)
                    if m and rng.random() < 0.6:
                        art.series = art.series.replace(m.group(1), _paraphrase(rng, m.group(1)), 1)
                        label[0].lines = [double(art.series)]
            # Displaced headlines, as on the sample pages: the headline moves
            # with its kicker and subtitle, which are set with it.
            if rng.random() < page["p_displace"] * 0.5:
                title = [f for f in headers[i] if f.lines == list(art.title_lines)]
                if title:
                    k = headers[i].index(title[0])
                    moved = [title[0]]
                    if art.kicker and k > 0 and headers[i][k - 1].lines == [art.kicker]:
                        moved.insert(0, headers[i][k - 1])
                    if art.subtitle and k + 1 < len(headers[i]) and headers[i][k + 1].lines == [f"——{art.subtitle}"]:
                        moved.append(headers[i][k + 1])
                    for f in moved:
                        headers[i].remove(f)
                    j = rng.choice([k for k in range(len(arts)) if k != i])
                    headers[j][0:0] = moved
    if len(arts) > 1 and rng.random() < P["stacked_heads"]:
        # The first two articles' boxes and bylines stacked at the top of the page.
        stacked = []
        for i in (1, 0):  # the other article's box and byline, then those of the article below
            box = [f for f in headers[i] if arts[i].pullquote and "".join(f.lines).replace(" ", "").endswith(arts[i].pullquote[-6:])]
            byline = arts[i].byline or " ".join(arts[i].authors)
            by = [f for f in headers[i] if byline and f.lines == [byline]]
            for f in box[:1] + by[:1]:
                headers[i].remove(f)
                stacked.append(f)
        headers[0][0:0] = stacked
    frames: list[Frame] = []
    banner = rng.choice(BANNERS) if rng.random() < P["banner"] else None
    if banner:
        frames.append(Frame([banner]))
    for h, b in zip(headers, bodies):
        frames.extend(h)
        frames.extend(b)
    frames.extend(feet)
    text, _ = render(frames, rng)
    return GeneratedPage(text=text, articles=arts, banner=banner, seed=seed, params=dict(page, family=family))
