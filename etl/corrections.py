"""Corrections: a publisher's fixes to the reconstruction, kept as data.

No reconstruction of flattened pages is right on every page, and a published
dataset must be.  A person who checks an article (``etl review``) writes what
is wrong into a TOML file, one per page, in ``corrections/`` (named by the
page's file name: ``corrections/<name>.toml`` for ``pages/<name>.txt``), and every build
applies it after the reconstruction and before claims and keywords, so all
tables agree.  A file holds the page's ``sha256`` and a list of entries, each
with a ``reason`` and who made it (``by``):

``[[article]]`` — field overrides
    ``seq`` and ``starts`` (the first words of its body) name the article, so the
    file reads correctly to a person; then any of ``title``, ``subtitle``,
    ``kicker``, ``column_name``, ``series``, ``kind``, ``authors`` (a list) with
    ``affiliations`` (a list, per author), ``affiliation``, ``pullquote``,
    ``editor_note``.  A field equal to its reconstructed value changes nothing.
``[[move]]`` — give source lines to another article (or to the page residue)
    ``lines = [a, b]``, ``text`` (what the lines hold: checked, so a stale entry is
    never applied), ``to`` (the article's ``seq``, with ``starts``; or
    ``"residue"``; or ``"new"``) and ``as``: title, subtitle, kicker, column, series,
    byline, pullquote, note, footer or body.  The lines leave wherever they were:
    moved, not copied.
    Two articles read as one are parted with ``to = "new"`` and ``as = "body"``:
    the lines become the body of a new article, numbered after the page's last
    one (the next seq; later entries name it by that seq).  One article read as
    two is joined by moving all of the second's lines to the first: an article
    left with no line at all is dropped (a move that would leave an article a
    title or byline but no body is refused: move those lines first).  Articles
    keep the seq of the reconstruction while the file is applied; the
    published ids follow the final reading order.
``[[split]]`` / ``[[merge]]`` — paragraphs
    ``article``/``starts``, ``paragraph`` (its order in the article) and, for a
    split, ``at_line`` (the first line of the new paragraph) or ``at_offset``
    (characters into the paragraph); a merge joins the paragraph with the next.
``[[heading]]`` / ``[[speaker]]`` — set (or clear with ``""``) the section
    heading or the digest speaker of paragraph ``paragraph`` (a heading runs
    through the paragraphs that shared the old one, or to ``through``).
``[[fix]]`` — an explicit text fix
    ``old`` → ``new`` in the article's fields and paragraphs, for a character
    the dump garbled: the only entry that changes characters; both strings are
    recorded.

An entry that no longer fits its page (the bytes changed, a line span holds
other text, the article no longer starts with ``starts``) is not applied:
`apply` returns it as `Stale`, and the build says so in one line and exits 2.
Everything applied becomes rows of the ``corrections`` table (provenance).
"""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .layout.fields import (
    column_text, contributors_of, display_text, note_text, series_text, subtitle_text, title_text,
)
from .layout.model import ParsedArticle, ParsedContributor, ParsedPage, ParsedParagraph, Residue
from .layout.reflow import Unit
from .layout.lines import Line, split_lines

#: Fields an [[article]] entry may set, and how a value is read.
FIELDS = ("title", "subtitle", "kicker", "column_name", "series", "kind", "authors", "affiliation", "pullquote", "editor_note")
#: Parts a [[move]] entry may give lines to (`ParsedArticle.roles` names, and the body).
ROLES = ("title", "subtitle", "kicker", "column", "series", "byline", "pullquote", "note", "footer", "body")
ACTIONS = ("field", "move", "split", "merge", "heading", "speaker", "fix")
#: Where a role's lines go in page_residue when they are moved out of the articles.
_RESIDUE_REASON = {
    "title": "unassigned_title", "subtitle": "orphan_subtitle", "kicker": "unassigned_title", "column": "orphan_label",
    "series": "orphan_label", "byline": "orphan_byline", "pullquote": "orphan_pullquote", "note": "orphan_note",
    "footer": "orphan_footer", "body": "unclassified",
}
_SPACE = re.compile(r"\s+")


class CorrectionError(Exception):
    """A correction file that cannot be read: the message names the file and the problem."""


@dataclass(frozen=True)
class CorrectionFile:
    path: str
    page: str  # the page's file name
    sha256: str
    entries: tuple[tuple[str, dict[str, Any]], ...]  # (kind, entry) in file order


@dataclass(frozen=True)
class Applied:
    """One row of the corrections table."""

    article: int | None  # index of the article on the corrected page
    entry: int  # the entry's number in its file (1-based)
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    reason: str
    by: str


@dataclass(frozen=True)
class Stale:
    file: str
    entry: int
    why: str

    def __str__(self) -> str:
        return f"{self.file}: entry {self.entry}: {self.why}; not applied"


_KINDS = ("article", "move", "split", "merge", "heading", "speaker", "fix")


def load(path: Path) -> CorrectionFile:
    """Read one correction file (I/O at the edge; every problem names the file)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as e:
        raise CorrectionError(f"{path}: cannot be read ({e})") from e
    except tomllib.TOMLDecodeError as e:
        raise CorrectionError(f"{path}: not valid TOML ({e})") from e
    for key in ("page", "sha256"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise CorrectionError(f"{path}: needs `{key} = \"…\"` at the top")
    unknown = set(data) - {"page", "sha256", *_KINDS}
    if unknown:
        raise CorrectionError(f"{path}: unknown key(s) {', '.join(sorted(unknown))} (entries are {', '.join(f'[[{k}]]' for k in _KINDS)})")
    for kind in _KINDS:
        items = data.get(kind, [])
        if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            raise CorrectionError(f"{path}: `{kind}` must be a list of tables, written [[{kind}]]")
    # TOML groups the tables of one name; apply them in the order they are written.
    order = [m.group(1) for m in re.finditer(r"^\s*\[\[\s*(\w+)\s*\]\]", text, re.M)]
    taken: dict[str, int] = {}
    ordered = []
    for kind in order:
        if kind in _KINDS and taken.get(kind, 0) < len(data.get(kind, [])):
            ordered.append((kind, data[kind][taken.get(kind, 0)]))
            taken[kind] = taken.get(kind, 0) + 1
    for n, (kind, item) in enumerate(ordered, start=1):
        _check_entry(path, n, kind, item)
    return CorrectionFile(str(path), data["page"], data["sha256"], tuple(ordered))


def _check_entry(path: Path, n: int, kind: str, item: dict) -> None:
    where = f"{path}: entry {n} ([[{kind}]])"
    for key in ("reason", "by"):
        if not isinstance(item.get(key), str):
            raise CorrectionError(f"{where}: needs `{key} = \"…\"`")
    if kind == "article":
        bad = set(item) - {"seq", "starts", "reason", "by", "affiliations", *FIELDS}
        if bad:
            raise CorrectionError(f"{where}: unknown field(s) {', '.join(sorted(bad))} (fields: {', '.join(FIELDS)})")
        if not isinstance(item.get("seq"), int):
            raise CorrectionError(f"{where}: needs `seq = N` (the article's order on the page)")
    elif kind == "move":
        lines = item.get("lines")
        if not (isinstance(lines, list) and len(lines) == 2 and all(isinstance(x, int) for x in lines) and 1 <= lines[0] <= lines[1]):
            raise CorrectionError(f"{where}: needs `lines = [first, last]` (source line numbers)")
        if item.get("as") not in ROLES:
            raise CorrectionError(f"{where}: `as` must be one of {', '.join(ROLES)}")
        if not (isinstance(item.get("to"), int) or item.get("to") in ("residue", "new")):
            raise CorrectionError(f"{where}: `to` must be an article's seq, \"new\" or \"residue\"")
        if item.get("to") == "new" and item.get("as") != "body":
            raise CorrectionError(f"{where}: a new article starts with its body (`as = \"body\"`); give it the other parts after")
        if not isinstance(item.get("text"), str):
            raise CorrectionError(f"{where}: needs `text = \"…\"`, what the lines hold (so a changed page is noticed)")
    else:
        if not isinstance(item.get("article"), int):
            raise CorrectionError(f"{where}: needs `article = N` (the article's seq)")
        if kind != "fix" and not isinstance(item.get("paragraph"), int):
            raise CorrectionError(f"{where}: needs `paragraph = N` (its order in the article)")
        if kind == "split" and not isinstance(item.get("at_line", item.get("at_offset")), int):
            raise CorrectionError(f"{where}: needs `at_line = L` or `at_offset = K`")
        if kind in ("heading", "speaker") and not isinstance(item.get(kind), str):
            raise CorrectionError(f"{where}: needs `{kind} = \"…\"` (\"\" clears it)")
        if kind == "fix" and not (isinstance(item.get("old"), str) and item["old"] and isinstance(item.get("new"), str)):
            raise CorrectionError(f"{where}: needs `old = \"…\"` and `new = \"…\"`")


# --- the page being corrected -----------------------------------------------------------


@dataclass
class _Para:
    lines: list[int]
    heading: str | None
    speaker: str | None
    text: str


@dataclass
class _Art:
    base: ParsedArticle
    roles: dict[str, list[int]]
    paras: list[_Para]
    overrides: dict[str, Any] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)  # roles whose lines changed
    gone: bool = False  # all its lines were given to other articles: dropped from the page

    def owns_lines(self) -> bool:
        return any(self.roles.values()) or any(p.lines for p in self.paras)


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


class _Page:
    def save(self) -> None:
        """Remember the state, so that an entry found stale halfway changes nothing."""
        self._saved = copy.deepcopy((self.arts, self.residue))

    @staticmethod
    def restore(page: "_Page") -> "_Page":
        page.arts, page.residue = copy.deepcopy(page._saved)
        return page

    def __init__(self, text: str, parsed: ParsedPage) -> None:
        self.lines: dict[int, Line] = {ln.no: ln for ln in split_lines(text)}
        self.arts = []
        for a in parsed.articles:
            paras = []
            for p in a.paragraphs:
                nos = [no for no in range(p.line_start, p.line_end + 1) if no in self.lines]
                paras.append(_Para(nos, p.heading, p.speaker, p.text))
            self.arts.append(_Art(a, {k: list(v) for k, v in a.roles.items()}, paras))
        self.residue = list(parsed.residue)
        self.flags = parsed.flags

    def text_of(self, nos: list[int]) -> str:
        return Unit(tuple(self.lines[n] for n in nos)).text

    def owner(self, no: int) -> tuple[str, int | None, str | None]:
        """Where a line is: ("role", article, role), ("para", article, None) or ("residue", None, None)."""
        for k, art in enumerate(self.arts):
            for role, nos in art.roles.items():
                if no in nos:
                    return "role", k, role
            if any(no in p.lines for p in art.paras):
                return "para", k, None
        return "residue", None, None

    def take(self, nos: list[int]) -> None:
        """Remove lines from wherever they are (their text goes with them)."""
        for art in self.arts:
            for role in list(art.roles):
                kept = [n for n in art.roles[role] if n not in nos]
                if kept != art.roles[role]:
                    art.roles[role] = kept
                    art.touched.add(role)
            for p in list(art.paras):
                kept = [n for n in p.lines if n not in nos]
                if kept != p.lines:
                    if kept:
                        p.lines, p.text = kept, self.text_of(kept)
                    else:
                        art.paras.remove(p)
        self.residue = [r for r in self.residue if r.line_no not in nos]


def _article_ref(page: _Page, item: dict, key: str) -> tuple[int | None, str | None]:
    """(index, None) of the article an entry names, or (None, why it is stale)."""
    seq = item.get(key)
    if not isinstance(seq, int) or not 1 <= seq <= len(page.arts):
        return None, f"no article {seq} on the page (it has {len(page.arts)})"
    art = page.arts[seq - 1]
    if art.gone:
        return None, f"article {seq} was joined to another by an earlier entry"
    starts = item.get("starts")
    if starts:
        first = art.paras[0].text if art.paras else ""
        if not _squash(first).startswith(_squash(starts)):
            return None, f"article {seq} no longer starts with “{starts}” (it starts “{first[:16]}”)"
    return seq - 1, None


def _render(page: _Page, art: _Art) -> ParsedArticle:
    """The article again, its changed parts read from their lines and its overrides applied."""
    b = art.base
    lines = lambda role: tuple(page.lines[n] for n in sorted(art.roles.get(role, [])))  # noqa: E731
    values = {
        "title": b.title, "subtitle": b.subtitle, "kicker": b.kicker, "column_name": b.column_name,
        "series": b.series, "pullquote": b.pullquote, "editor_note": b.editor_note, "kind": b.kind,
        "affiliation": b.affiliation,
    }
    readers = {
        "title": ("title", title_text), "subtitle": ("subtitle", subtitle_text),
        "kicker": ("kicker", lambda ls: display_text(ls) if ls else None), "column": ("column_name", column_text),
        "series": ("series", series_text), "pullquote": ("pullquote", lambda ls: Unit(ls).text if ls else None),
        "note": ("editor_note", note_text),
    }
    for role, (name, read) in readers.items():
        if role in art.touched:
            values[name] = read(lines(role))
    contributors = list(b.contributors)
    if {"byline", "footer"} & art.touched:
        # Speakers stay as read; authors and their units (and compilers) are read again.
        affiliation, fresh = contributors_of(lines("byline"), lines("footer"), [])
        values["affiliation"] = affiliation
        speakers = [c for c in b.contributors if c.role == "speaker"]
        contributors = [c for c in fresh if c.role == "author"] + speakers + [c for c in fresh if c.role == "compiler"]
        values["kind"] = "digest" if any(c.role in ("speaker", "compiler") for c in contributors) else "commentary"
    for name, value in art.overrides.items():
        if name == "authors":
            units = art.overrides.get("affiliations") or [None] * len(value)
            others = [c for c in contributors if c.role != "author"]
            contributors = [ParsedContributor(n, "author", u) for n, u in zip(value, units)] + others
        elif name != "affiliations":
            values[name] = value or None
    paragraphs = tuple(ParsedParagraph(p.text, p.heading, p.speaker, p.lines[0], p.lines[-1]) for p in art.paras)
    body = [n for p in art.paras for n in p.lines] + [n for r in ("heading", "attribution", "footer") for n in art.roles.get(r, [])]
    owned = sorted({n for nos in art.roles.values() for n in nos} | {n for p in art.paras for n in p.lines})
    return replace(
        b, title=values["title"], subtitle=values["subtitle"], kicker=values["kicker"], column_name=values["column_name"],
        series=values["series"], pullquote=values["pullquote"], editor_note=values["editor_note"], kind=values["kind"],
        affiliation=values["affiliation"], paragraphs=paragraphs, contributors=tuple(contributors),
        line_start=min(body) if body else b.line_start, line_end=max(body) if body else b.line_end,
        lines=tuple(owned), roles={k: tuple(sorted(v)) for k, v in art.roles.items() if v},
    )


def _field_value(art: ParsedArticle, name: str) -> Any:
    if name == "authors":
        return [c.name for c in art.contributors if c.role == "author"]
    return getattr(art, name)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def apply(text: str, parsed: ParsedPage, corrections: CorrectionFile, sha256: str) -> tuple[ParsedPage, list[Applied], list[Stale]]:
    """Apply a page's corrections in file order: (corrected page, rows, stale entries)."""
    name = Path(corrections.path).name
    if corrections.sha256 != sha256:
        why = f"written for bytes with sha256 {corrections.sha256[:12]}…, the page now has {sha256[:12]}…"
        return parsed, [], [Stale(name, n, why) for n in range(1, len(corrections.entries) + 1)]
    page = _Page(text, parsed)
    page.save()
    applied: list[Applied] = []
    stale: list[Stale] = []
    for n, (kind, item) in enumerate(corrections.entries, start=1):
        try:
            rows = _APPLY[kind](page, item)
            if rows and not (item["reason"].strip() and item["by"].strip()):
                raise _StaleEntry("it changes the article but gives no reason or no `by` (corrections are credited)")
        except _StaleEntry as e:
            stale.append(Stale(name, n, str(e)))
            page = _Page.restore(page)  # an entry applies whole or not at all
            continue
        page.save()
        applied += [Applied(a, n, action, f, o, v, item["reason"], item["by"]) for a, action, f, o, v in rows]
    # Dropped articles leave the page.  When articles were parted or joined,
    # the page's articles are put in the order their bodies are printed in
    # the dump; rows and flags follow their article.
    kept = [k for k, art in enumerate(page.arts) if not art.gone]
    if len(kept) != len(parsed.articles) or len(page.arts) != len(parsed.articles):
        kept.sort(key=lambda k: _first_line(page.arts[k]))
    order = {k: i for i, k in enumerate(kept)}
    articles = tuple(_render(page, page.arts[k]) for k in kept)
    applied = [replace(c, article=order.get(c.article)) if c.article is not None else c for c in applied]
    flags = tuple(replace(f, article=order.get(f.article)) if f.article is not None else f for f in page.flags)
    residue = tuple(sorted(page.residue, key=lambda r: (r.line_no, r.reason)))
    return ParsedPage(articles, residue, flags), applied, stale


def _first_line(art: _Art) -> int:
    return min((n for p in art.paras for n in p.lines), default=art.base.line_start)


def _blank_article(nos: list[int]) -> ParsedArticle:
    """What a new article is before anything is given to it."""
    return ParsedArticle(None, None, None, None, "commentary", None, None, (), (), min(nos), max(nos), ())


class _StaleEntry(Exception):
    pass


def _ref(page: _Page, item: dict, key: str = "article") -> int:
    k, why = _article_ref(page, item, key)
    if k is None:
        raise _StaleEntry(why)
    return k


def _para(page: _Page, k: int, item: dict) -> int:
    j = item["paragraph"] - 1
    if not 0 <= j < len(page.arts[k].paras):
        raise _StaleEntry(f"article {k + 1} has no paragraph {item['paragraph']} (it has {len(page.arts[k].paras)})")
    return j


def _apply_article(page: _Page, item: dict) -> list[tuple]:
    k = _ref(page, item, "seq")
    art = page.arts[k]
    current = _render(page, art)
    rows = []
    for name in FIELDS:
        if name not in item:
            continue
        old = _field_value(current, name)
        new = item[name]
        if name == "authors":
            units = [c.affiliation for c in current.contributors if c.role == "author"]
            wanted = [u or None for u in item.get("affiliations", units)] + [None] * len(new)
            if list(new) == old and wanted[: len(new)] == [u or None for u in units]:
                continue
            art.overrides["affiliations"] = wanted[: len(new)]
        elif (new or None) == (old or None):
            continue  # as reconstructed: no correction
        art.overrides[name] = new
        rows.append((k, "field", name, _as_text(old), _as_text(new)))
    return rows


def _apply_move(page: _Page, item: dict) -> list[tuple]:
    a, b = item["lines"]
    nos = [n for n in range(a, b + 1) if n in page.lines]
    if not nos:
        raise _StaleEntry(f"lines {a}-{b} are blank or past the end of the page")
    held = "".join(_squash(page.lines[n].text) for n in nos)
    if held != _squash(item["text"]):
        raise _StaleEntry(f"lines {a}-{b} hold “{held[:20]}”, not “{_squash(item['text'])[:20]}”")
    origin = {page.owner(n) for n in nos}
    role = item["as"]
    if item["to"] == "residue":
        page.take(nos)
        for n in nos:
            page.residue.append(Residue(n, page.lines[n].text, _RESIDUE_REASON[role]))
        return [(o[1], "move", role, f"lines {a}-{b}", "page_residue") for o in origin if o[1] is not None] or [(None, "move", role, f"lines {a}-{b}", "page_residue")]
    if item["to"] == "new":
        page.arts.append(_Art(_blank_article(nos), {}, []))
        k = len(page.arts) - 1
    else:
        k = _ref(page, item, "to")
    art = page.arts[k]
    emptied = []
    for kind, j, _ in origin:
        if kind == "para" and j is not None and j != k and all(set(p.lines) <= set(nos) for p in page.arts[j].paras):
            others = {n for nos_ in page.arts[j].roles.values() for n in nos_} - set(nos)
            if others:
                raise _StaleEntry(f"moving lines {a}-{b} would leave article {j + 1} without a body but with lines "
                                  f"{min(others)}-{max(others)}; move those first (an article with no line left is dropped)")
            emptied.append(j)
    page.take(nos)
    for j in emptied:
        page.arts[j].gone = True
    if role == "body":
        para = _Para(nos, None, None, page.text_of(nos))
        art.paras.append(para)
        art.paras.sort(key=lambda p: p.lines[0])
        i = art.paras.index(para)
        para.heading = art.paras[i - 1].heading if i else None
    else:
        art.roles[role] = sorted(set(art.roles.get(role, [])) | set(nos))
        art.touched.add(role)
    where = ", ".join(sorted({f"article {o[1] + 1}" if o[1] is not None else "page_residue" for o in origin}))
    if item["to"] == "new":
        where += " (a new article)"
    rows = [(k, "move", role, f"lines {a}-{b} from {where}", page.text_of(nos))]
    # The article the lines left is corrected too.
    for j, from_role in sorted({(o[1], o[2] or "body") for o in origin if o[1] is not None and o[1] != k}):
        rows.append((j, "move", from_role, f"lines {a}-{b}", f"given to article {k + 1} as {role}"))
    return rows


def _apply_split(page: _Page, item: dict) -> list[tuple]:
    k = _ref(page, item)
    j = _para(page, k, item)
    p = page.arts[k].paras[j]
    if "at_line" in item:
        at = item["at_line"]
        if at not in p.lines or at == p.lines[0]:
            raise _StaleEntry(f"line {at} is not inside paragraph {j + 1} of article {k + 1} (lines {p.lines[0]}-{p.lines[-1]})")
        cut = p.lines.index(at)
        first, second = _Para(p.lines[:cut], p.heading, p.speaker, page.text_of(p.lines[:cut])), _Para(p.lines[cut:], p.heading, p.speaker, page.text_of(p.lines[cut:]))
    else:
        off = item["at_offset"]
        if not 0 < off < len(p.text):
            raise _StaleEntry(f"offset {off} is not inside paragraph {j + 1} of article {k + 1} ({len(p.text)} characters)")
        # The line the cut falls in belongs to both halves.
        used, cut_line = 0, p.lines[-1]
        for n in p.lines:
            used += len(page.lines[n].text)
            if used >= off:
                cut_line = n
                break
        first = _Para([n for n in p.lines if n <= cut_line], p.heading, p.speaker, p.text[:off])
        second = _Para([n for n in p.lines if n >= cut_line], p.heading, p.speaker, p.text[off:])
    page.arts[k].paras[j : j + 1] = [first, second]
    return [(k, "split", f"paragraph {j + 1}", p.text, f"{first.text} ¶ {second.text}")]


def _apply_merge(page: _Page, item: dict) -> list[tuple]:
    k = _ref(page, item)
    j = _para(page, k, item)
    paras = page.arts[k].paras
    if j + 1 >= len(paras):
        raise _StaleEntry(f"paragraph {j + 1} is the last of article {k + 1}: nothing to merge it with")
    a, b = paras[j], paras[j + 1]
    merged = _Para(a.lines + [n for n in b.lines if n not in a.lines], a.heading, a.speaker, a.text + b.text)
    paras[j : j + 2] = [merged]
    return [(k, "merge", f"paragraphs {j + 1}-{j + 2}", f"{a.text} ¶ {b.text}", merged.text)]


def _apply_heading(page: _Page, item: dict, attr: str = "heading") -> list[tuple]:
    k = _ref(page, item)
    j = _para(page, k, item)
    paras = page.arts[k].paras
    old = getattr(paras[j], attr)
    last = item.get("through")
    end = j + 1
    if isinstance(last, int):
        end = min(max(last, j + 1), len(paras))
    elif attr == "heading":
        while end < len(paras) and paras[end].heading == old:
            end += 1
    new = item[attr] or None
    for p in paras[j:end]:
        setattr(p, attr, new)
    return [(k, attr, f"paragraphs {j + 1}-{end}", old, new)]


def _apply_fix(page: _Page, item: dict) -> list[tuple]:
    k = _ref(page, item)
    art = page.arts[k]
    old, new = item["old"], item["new"]
    hits = 0
    for p in art.paras:
        if old in p.text:
            hits += p.text.count(old)
            p.text = p.text.replace(old, new)
    current = _render(page, art)
    for name in ("title", "subtitle", "kicker", "pullquote", "editor_note", "affiliation"):
        value = art.overrides.get(name, getattr(current, name))
        if isinstance(value, str) and old in value:
            hits += value.count(old)
            art.overrides[name] = value.replace(old, new)
    if not hits:
        raise _StaleEntry(f"“{old}” is nowhere in article {k + 1}")
    return [(k, "fix", "text", old, new)]


_APPLY = {
    "article": _apply_article, "move": _apply_move, "split": _apply_split, "merge": _apply_merge,
    "heading": _apply_heading, "speaker": lambda page, item: _apply_heading(page, item, "speaker"), "fix": _apply_fix,
}


def owned_lines(page: ParsedPage) -> list[int]:
    """Every line an article or the residue holds, once per holder (for conservation checks)."""
    return sorted([n for a in page.articles for n in a.lines] + [r.line_no for r in page.residue])
