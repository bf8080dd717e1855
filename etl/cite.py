"""Citations of an article: GB/T 7714-2015, BibTeX and CSL-JSON.

Pure functions of a `Record` (the article's title, its people and its page's
bibliographic facts), used by the site and anything else that cites.  Parts
that are not known are left out, never filled with placeholders.  The form
cited is a newspaper article (文献类型标识 [N]):

    主要责任者. 题名：副题名[N]. 报纸名, 出版日期(版次).

with at most three authors (then 等), the digest's compiler as its
responsible person (the speakers it quotes go to the note of BibTeX and
CSL-JSON), and the page number as 版次.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .layout.lines import looks_like_name, surnames


@dataclass(frozen=True)
class Record:
    article_id: str
    title: str | None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    compilers: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    newspaper: str | None = None
    published: str | None = None  # ISO date
    page_no: int | None = None
    page_name: str | None = None
    edition: str | None = None
    source_url: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def responsible(self) -> tuple[str, ...]:
        """Who answers for the text: its authors, or for a digest its compiler."""
        return self.authors or self.compilers

    @property
    def full_title(self) -> str:
        title = self.title or "(无题)"
        return f"{title}：{self.subtitle}" if self.subtitle else title

    @property
    def note(self) -> str | None:
        parts = []
        if self.speakers:
            parts.append("发言人：" + "、".join(self.speakers))
        if self.page_name:
            parts.append(self.page_name)
        return "；".join(parts) or None


def gbt7714(r: Record) -> str:
    """The GB/T 7714-2015 reference of a newspaper article."""
    people = list(r.responsible)
    head = ", ".join(people[:3]) + (", 等" if len(people) > 3 else "")
    out = f"{head}. " if head else ""
    out += f"{r.full_title}[N]"
    if r.newspaper:
        out += f". {r.newspaper}"
        if r.published:
            out += f", {r.published}"
        if r.page_no:
            out += f"({r.page_no:02d})"
    elif r.published:
        out += f". {r.published}"
    return out + "."


def _bib_escape(text: str) -> str:
    return text.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")


def bibtex(r: Record) -> str:
    """A BibTeX @article entry; each Chinese name braced whole (no first/last split)."""
    fields_: list[tuple[str, str]] = []
    if r.responsible:
        fields_.append(("author", " and ".join("{" + _bib_escape(p) + "}" for p in r.responsible)))
    fields_.append(("title", _bib_escape(r.full_title)))
    if r.newspaper:
        fields_.append(("journal", _bib_escape(r.newspaper)))
    if r.published:
        y, m, d = r.published.split("-")
        fields_ += [("year", y), ("month", str(int(m))), ("date", r.published)]
    if r.page_no:
        fields_.append(("pages", str(r.page_no)))
    if r.edition:
        fields_.append(("edition", _bib_escape(r.edition)))
    if r.note:
        fields_.append(("note", _bib_escape(r.note)))
    if r.source_url:
        fields_.append(("url", r.source_url))
    fields_.append(("language", "chinese"))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields_)
    return f"@article{{{r.article_id},\n{body}\n}}\n"


def _csl_name(name: str) -> dict:
    """A person's name for CSL: family and given name when the family name is known, else literal."""
    single, compound = surnames()
    if looks_like_name(name) and "·" not in name:
        family = name[:2] if name[:2] in compound and len(name) > 2 else name[:1]
        if family in single or family in compound:
            return {"family": family, "given": name[len(family) :]}
    return {"literal": name}


def csl_json(r: Record) -> dict:
    """A CSL-JSON item (type article-newspaper)."""
    item: dict = {"id": r.article_id, "type": "article-newspaper", "title": r.full_title, "language": "zh-CN"}
    if r.authors:
        item["author"] = [_csl_name(a) for a in r.authors]
    elif r.compilers:
        item["editor"] = [_csl_name(c) for c in r.compilers]
    if r.newspaper:
        item["container-title"] = r.newspaper
    if r.published:
        item["issued"] = {"date-parts": [[int(x) for x in r.published.split("-")]]}
    if r.page_no:
        item["page"] = str(r.page_no)
    if r.page_name:
        item["section"] = r.page_name
    if r.edition:
        item["edition"] = r.edition
    if r.source_url:
        item["URL"] = r.source_url
    if r.speakers:
        item["note"] = "发言人：" + "、".join(r.speakers)
    return item


def csl_json_text(records: list[Record]) -> str:
    return json.dumps([csl_json(r) for r in records], ensure_ascii=False, indent=2) + "\n"
