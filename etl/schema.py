"""THE data contract: tables, columns, types, descriptions, keys.

Everything that describes the data is generated from this one module, so the
three descriptions can never disagree:

* the Frictionless data package (`datapackage`),
* the SQLite schema (`sqlite_columns`, keys and indexes in `database`),
* the Datasette metadata (`datasette_metadata`).

Table and column names are fixed: researchers' SQL depends on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PACKAGE_NAME = "workers-theory-pages"
DATABASE_NAME = "theory_pages"
VERSION = "0.1.0"
TITLE = "工人日报理论版语料 · Theory pages of a Chinese workers' newspaper"
DESCRIPTION = (
    "从报纸理论版页面文本中重建的文章、段落、作者、关键词与数字论断，可追溯到原页面的行。\n\n"
    "Articles, paragraphs, contributors, keywords and numeric claims reconstructed from text dumps of the "
    "theory pages of a Chinese workers' newspaper (labour, trade unions, skills, the platform and digital "
    "economy). Every row traces back to its page file and source lines; every figure to its sentence."
)
SOURCE = "Text dumps of newspaper page PDFs (data/pages/*.txt in the project repository)"
RIGHTS = (
    "The article texts remain the copyright of their authors and the newspaper; they are redistributed here "
    "for non-commercial research, with attribution, as quotations of published work. The derived data "
    "(segmentation, identifiers, keywords, numeric claims) is released under CC BY 4.0; the code under MIT."
)
LICENSES = [
    {"name": "CC-BY-4.0", "title": "Derived data: Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"},
    {"name": "MIT", "title": "ETL code: MIT License", "path": "https://opensource.org/licenses/MIT"},
]
KEYWORDS = ["labour", "trade unions", "skills", "platform economy", "digital economy", "China", "工会", "劳动", "新就业形态", "数字经济"]

KINDS = ("commentary", "digest")
ROLES = ("author", "compiler", "speaker")
METHODS = ("tfidf", "textrank")
#: Review flag kinds, from the parser's own list (each one rule's doubt).
from .layout.flags import KINDS as FLAG_KINDS  # noqa: E402
QUANTITIES = ("percent", "money", "people", "count", "rank", "duration", "other")
APPROX = ("exact", "about", "more_than", "less_than", "at_least", "at_most")
MODALITIES = ("reported", "target", "forecast")
RESIDUE_REASONS = (
    "banner", "unassigned_title", "orphan_pullquote", "pullquote_marker", "orphan_byline", "orphan_footer",
    "orphan_subtitle", "orphan_label", "orphan_note", "column_icon", "unclassified",
)
ID_PATTERN = {
    "page": r"^[0-9a-f]{16}$",
    "article": r"^[0-9a-f]{16}-a[0-9]{2}$",
    "paragraph": r"^[0-9a-f]{16}-a[0-9]{2}-p[0-9]{3}$",
    "claim": r"^[0-9a-f]{16}-a[0-9]{2}-p[0-9]{3}-c[0-9]{2}$",
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string | integer | number | date (ISO, stored as text)
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    unit: str | None = None  # shown in Datasette for single-unit columns

    def frictionless(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "date":
            out["format"] = "default"  # ISO 8601, YYYY-MM-DD
        if self.unit:
            out["description"] += f" Unit: {self.unit}."
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    label_column: str | None = None
    facets: tuple[str, ...] = ()
    sort: str | None = None
    search: str | None = None  # the column indexed for full-text search

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def tuples(self, rows: list[dict]) -> list[tuple]:
        """Rows as tuples in column order (a missing key is None)."""
        columns = self.columns
        return [tuple(r.get(c) for c in columns) for r in rows]


def _id(kind: str, description: str, **kw: Any) -> Field:
    return Field(f"{kind}_id", "string", description, pattern=ID_PATTERN[kind], **kw)


PAGES = Table(
    "pages",
    "Pages",
    "One row per page dump read. page_id is the first 16 hex digits of the file's SHA-256, so it is the same "
    "whatever the file is called or the order of the run.",
    (
        _id("page", "Page identifier: SHA-256 prefix of the file's bytes.", required=True, unique=True),
        Field("file_name", "string", "Name of the page dump file.", required=True),
        Field("sha256", "string", "SHA-256 of the file's bytes (hex).", required=True, unique=True, pattern=r"^[0-9a-f]{64}$"),
        Field(
            "encoding", "string",
            "Encoding the file was read as: utf-8, utf-8-sig (with a BOM), utf-16-le/-be, utf-32-le/-be, gb18030 "
            "(also for GBK), big5; empty for an empty file.",
            required=True,
        ),
        Field("line_count", "integer", "Lines in the file, blank ones included.", required=True, minimum=0, unit="lines"),
        Field("char_count", "integer", "Non-whitespace characters on the page.", required=True, minimum=0, unit="characters"),
        Field("article_count", "integer", "Articles reconstructed from the page.", required=True, minimum=0, unit="articles"),
        Field("article_chars", "integer", "Non-whitespace characters on lines that belong to an article.", required=True, minimum=0, unit="characters"),
        Field("residue_chars", "integer", "Non-whitespace characters kept in page_residue (banners, markers, icons).", required=True, minimum=0, unit="characters"),
        Field("accounted_share", "number", "Share of the page's characters accounted for by articles and residue (1 = nothing lost).", required=True, minimum=0, maximum=1, unit="share (0–1)"),
        Field("newspaper", "string", "The newspaper the page was printed in (from the catalog, etl build --catalog)."),
        Field("published", "date", "Date of the issue (ISO 8601), from the catalog or from a file name that holds it (2023-05-16_07.txt); empty if unknown, never guessed."),
        Field("page_no", "integer", "Page number in the issue (版次), from the catalog or the file name.", minimum=1, unit="page"),
        Field("page_name", "string", "Name of the page (e.g. 理论版), from the catalog."),
        Field("edition", "string", "Edition of the issue, from the catalog."),
        Field("source_url", "string", "Where the page can be read online, from the catalog.", pattern=r"^https?://\S+$"),
    ),
    ("page_id",),
    label_column="file_name",
    sort="file_name",
)

ARTICLES = Table(
    "articles",
    "Articles",
    "One row per article as printed: its own title, authors, pull-quote and text, reconstructed from the page.",
    (
        _id("article", "Article identifier: page_id + '-a' + reading order on the page.", required=True, unique=True),
        _id("page", "The page the article is printed on.", required=True),
        Field("seq", "integer", "Reading order of the article on its page (1 = first).", required=True, minimum=1, unit="position"),
        Field("published", "date", "Date of the issue the article was printed in (the page's), for filtering without a join."),
        Field("published_year", "integer", "Year of publication (for facets and charts).", minimum=1800, maximum=2200, unit="year"),
        Field("published_month", "string", "Month of publication, YYYY-MM (for facets and charts).", pattern=r"^[0-9]{4}-[0-9]{2}$"),
        Field("kicker", "string", "Kicker (引题): the line printed over the headline, naming its theme or occasion."),
        Field("title", "string", "Headline; the two halves of a two-part headline are separated by one space."),
        Field("subtitle", "string", "Subtitle printed under the headline (without the leading dashes)."),
        Field("column_name", "string", "Recurring column label (栏目) the article is printed under, e.g. 理论视野."),
        Field("series", "string", "Numbered series label (系列), e.g. “…”培育的实践与思考⑤."),
        Field("kind", "string", "commentary: a signed article; digest: views of several speakers compiled by an editor.", required=True, enum=KINDS),
        Field("authors", "string", "Authors' names joined with 、 (empty for digests: see contributors)."),
        Field("affiliation", "string", "The closing footer without its parentheses, e.g. 作者单位：…"),
        Field("pullquote", "string", "The boxed summary (●观点) that belongs to this article, assigned by content."),
        Field("editor_note", "string", "Editor's note (编者按) printed with the article, without its label."),
        Field("text", "string", "The article's paragraphs joined by a blank line.", required=True),
        Field("char_count", "integer", "Characters of text (blank lines excluded).", required=True, minimum=0, unit="characters"),
        Field("paragraph_count", "integer", "Number of paragraphs.", required=True, minimum=0, unit="paragraphs"),
        Field("line_start", "integer", "First source line of the article body (1-based).", required=True, minimum=1, unit="line"),
        Field("line_end", "integer", "Last source line of the article body, footer included.", required=True, minimum=1, unit="line"),
        Field("flag_count", "integer", "Review flags on this article: decisions of the reconstruction taken on weak evidence (see review_flags); 0 = none.", required=True, minimum=0, unit="flags"),
        Field("corrected", "integer", "1 if a person corrected this article (see the corrections table for what, why and by whom), else 0.", required=True, minimum=0, maximum=1),
    ),
    ("article_id",),
    (ForeignKey(("page_id",), "pages", ("page_id",)),),
    label_column="title",
    facets=("column_name", "kind", "series", "published_year", "published_month"),
    sort="article_id",
    search="text",
)

CONTRIBUTORS = Table(
    "contributors",
    "Contributors",
    "People named by an article: authors in the byline, speakers quoted in a digest, the editor who compiled it.",
    (
        _id("article", "The article.", required=True),
        Field("seq", "integer", "Order of the person in the article (byline first, then speakers, then compiler).", required=True, minimum=1, unit="position"),
        Field("name", "string", "Personal name as printed.", required=True),
        Field("role", "string", "author (byline), speaker (quoted in a digest) or compiler (整理).", required=True, enum=ROLES),
        Field("affiliation", "string", "The author's unit from the footer, or the speaker's printed title."),
    ),
    ("article_id", "seq"),
    (ForeignKey(("article_id",), "articles", ("article_id",)),),
    label_column="name",
    facets=("role", "affiliation"),
)

PARAGRAPHS = Table(
    "paragraphs",
    "Paragraphs",
    "Paragraphs as the author wrote them: wrapped lines joined, layout spaces removed, with their source lines.",
    (
        _id("paragraph", "Paragraph identifier: article_id + '-p' + order in the article.", required=True, unique=True),
        _id("article", "The article.", required=True),
        _id("page", "The page (same as the article's; kept for direct lookups).", required=True),
        Field("seq", "integer", "Order of the paragraph in the article (1 = first).", required=True, minimum=1, unit="position"),
        Field("heading", "string", "The section heading (小标题) the paragraph falls under, if any."),
        Field("speaker", "string", "In a digest: the speaker whose view the paragraph gives (empty for the editor's introduction)."),
        Field("text", "string", "Paragraph text (NFC, full-width punctuation, no layout spaces).", required=True),
        Field("char_count", "integer", "Characters of text.", required=True, minimum=1, unit="characters"),
        Field("line_start", "integer", "First source line of the paragraph in the page file (1-based).", required=True, minimum=1, unit="line"),
        Field("line_end", "integer", "Last source line of the paragraph in the page file (1-based).", required=True, minimum=1, unit="line"),
    ),
    ("paragraph_id",),
    (ForeignKey(("article_id",), "articles", ("article_id",)), ForeignKey(("page_id",), "pages", ("page_id",))),
    label_column="paragraph_id",
    facets=("heading", "speaker"),
    sort="paragraph_id",
    search="text",
)

KEYWORDS_TABLE = Table(
    "keywords",
    "Keywords",
    "Top 20 keywords of each article by TF-IDF and by TextRank (jieba tokens with the project lexicon).",
    (
        _id("article", "The article.", required=True),
        Field("method", "string", "tfidf or textrank.", required=True, enum=METHODS),
        Field("rank", "integer", "1 = most characteristic.", required=True, minimum=1, unit="rank"),
        Field("keyword", "string", "The keyword.", required=True),
        Field("weight", "number", "TF-IDF score, or TextRank score scaled so the top word has 1.", required=True, minimum=0, unit="score"),
    ),
    ("article_id", "method", "rank"),
    (ForeignKey(("article_id",), "articles", ("article_id",)),),
    label_column="keyword",
    facets=("method", "keyword"),
)

CLAIMS = Table(
    "numeric_claims",
    "Numeric claims",
    "Every quantity stated in a paragraph, as a number, with its unit, qualifier, year and sentence.",
    (
        _id("claim", "Claim identifier: paragraph_id + '-c' + order in the paragraph.", required=True, unique=True),
        _id("article", "The article.", required=True),
        _id("paragraph", "The paragraph; mention == paragraph text[start:end].", required=True),
        Field("sentence", "string", "The full sentence stating the figure.", required=True),
        Field("mention", "string", "The figure as printed, qualifiers included (约8万人, 超过300个).", required=True),
        Field("value", "number", "The number with scale words applied (50.2万亿 → 50200000000000; 两到三万 → 20000, the scale printed once applies to both ends). A vague amount gives its lower bound (几十万 → 100000, 数十亿 → 1000000000) and a fraction its percentage (三分之一 → 33.333333, unit %).", unit="as given in the unit column"),
        Field("value_high", "number", "Upper bound of a range (3至5年 → 5; 八九亿 → 900000000), or of a vague amount (几十万 → 1000000), else empty.", unit="as given in the unit column"),
        Field("unit", "string", "Unit or measure word (%, 元, 美元, 人, 个, 年, 位…); units differ row by row. Money in 人民币 is 元; a currency printed before the number (港币两千九百六十元) is the unit (港元)."),
        Field("quantity", "string", "What kind of quantity.", required=True, enum=QUANTITIES),
        Field("approx", "string", "Qualifier: exact, about (约/近/左右/几), more_than (余/多/超过/以上), less_than (不足/不到/以下), at_least (至少/不少于), at_most.", required=True, enum=APPROX),
        Field("year", "integer", "Year the figure refers to (2022年上升到… → 2022), else empty.", minimum=1800, maximum=2200, unit="year"),
        Field("modality", "string", "reported, target (计划, 力争, 提出…到2030年) or forecast (预测, 预计).", required=True, enum=MODALITIES),
        Field("subject", "string", "Best-effort phrase for what is counted, from the clause before the figure."),
        Field("rate_base", "string", "For a rate, its base as printed (每千人口拥有执业医师3.4名 → 每千人口; 人均可支配收入 → 人均): the figure is per that base and must not be added to counts. Empty for a plain figure."),
        Field("start", "integer", "Offset of the mention in the paragraph text (0-based, in characters).", required=True, minimum=0, unit="characters"),
        Field("end", "integer", "End offset of the mention (exclusive).", required=True, minimum=1, unit="characters"),
    ),
    ("claim_id",),
    (ForeignKey(("article_id",), "articles", ("article_id",)), ForeignKey(("paragraph_id",), "paragraphs", ("paragraph_id",))),
    label_column="mention",
    facets=("quantity", "unit", "year", "modality", "approx", "rate_base"),
    sort="claim_id",
)

RESIDUE = Table(
    "page_residue",
    "Page residue",
    "Text of the page that belongs to no article (a page banner, pull-quote markers, column icons), so that no "
    "character of a page is lost.",
    (
        _id("page", "The page.", required=True),
        Field("seq", "integer", "Order of the residue on the page.", required=True, minimum=1, unit="position"),
        Field("line_no", "integer", "Source line (1-based).", required=True, minimum=1, unit="line"),
        Field("text", "string", "The text left over.", required=True),
        Field("reason", "string", "Why it belongs to no article.", required=True, enum=RESIDUE_REASONS),
    ),
    ("page_id", "seq"),
    (ForeignKey(("page_id",), "pages", ("page_id",)),),
    label_column="text",
    facets=("reason",),
)

REVIEW_FLAGS = Table(
    "review_flags",
    "Review flags",
    "Decisions of the page reconstruction taken on weak evidence, one row each: which article (or the page), "
    "what kind of doubt, and the source lines to look at. An article without flags was reconstructed by rules "
    "that had clear evidence; flags say where to check first (`etl review`). What each kind means is in the "
    "description of the column `kind`.",
    (
        _id("page", "The page.", required=True),
        Field("article_id", "string", "The article concerned; empty for a doubt about the page (e.g. a line that belongs to no article).", pattern=ID_PATTERN["article"]),
        Field("seq", "integer", "Order of the flag on the page.", required=True, minimum=1, unit="position"),
        Field("kind", "string", "What kind of decision was doubtful. "
              + "; ".join(f"{k}: {v}" for k, v in FLAG_KINDS.items()), required=True, enum=tuple(FLAG_KINDS)),
        Field("detail", "string", "What the decision concerned, in a few words (e.g. the headline read)."),
        Field("line_start", "integer", "First source line to look at (1-based).", required=True, minimum=1, unit="line"),
        Field("line_end", "integer", "Last source line to look at.", required=True, minimum=1, unit="line"),
    ),
    ("page_id", "seq"),
    (ForeignKey(("page_id",), "pages", ("page_id",)), ForeignKey(("article_id",), "articles", ("article_id",))),
    label_column="kind",
    facets=("kind",),
)

CORRECTIONS = Table(
    "corrections",
    "Corrections",
    "What a person changed in the reconstruction, kept as data (corrections/<page file>.toml in the project) and "
    "applied by every build before claims and keywords: one row per field set, lines moved, paragraph split or "
    "merged, heading or speaker set, or text fixed, with the reason and who made it. Articles it names have "
    "articles.corrected = 1.",
    (
        _id("page", "The page.", required=True),
        Field("article_id", "string", "The article corrected; empty when lines went to the page residue.", pattern=ID_PATTERN["article"]),
        Field("seq", "integer", "Order of the change on the page.", required=True, minimum=1, unit="position"),
        Field("entry", "integer", "The entry's number in the page's correction file.", required=True, minimum=1, unit="position"),
        Field("action", "string", "field: a field set; move: source lines given to another part; split/merge: paragraphs; heading/speaker: set or cleared; fix: characters the dump garbled.", required=True, enum=("field", "move", "split", "merge", "heading", "speaker", "fix")),
        Field("field", "string", "What was changed: the field's name, the part lines were given to, or the paragraphs concerned."),
        Field("old_value", "string", "The value before (for a move: the lines and where they were)."),
        Field("new_value", "string", "The value after."),
        Field("reason", "string", "Why, in the corrector's words.", required=True),
        Field("by", "string", "Who made the correction.", required=True),
    ),
    ("page_id", "seq"),
    (ForeignKey(("page_id",), "pages", ("page_id",)), ForeignKey(("article_id",), "articles", ("article_id",))),
    label_column="field",
    facets=("action", "by"),
)

TABLES: tuple[Table, ...] = (PAGES, ARTICLES, CONTRIBUTORS, PARAGRAPHS, KEYWORDS_TABLE, CLAIMS, RESIDUE, REVIEW_FLAGS, CORRECTIONS)
TABLE: dict[str, Table] = {t.name: t for t in TABLES}

_SQLITE = {"string": str, "integer": int, "number": float, "date": str}


def sqlite_columns(table: Table) -> dict[str, type]:
    """Column types for sqlite-utils (declared, so mixed ints and floats stay REAL)."""
    return {f.name: _SQLITE[f.type] for f in table.fields}


def datapackage(sources: list[dict[str, str]], path_prefix: str = "") -> dict[str, Any]:
    """The Frictionless descriptor; `path_prefix` is where the CSVs are from the descriptor."""
    resources = []
    for t in TABLES:
        schema: dict[str, Any] = {
            "fields": [f.frictionless() for f in t.fields],
            "primaryKey": list(t.primary_key),
            "missingValues": [""],
        }
        if t.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fk.fields), "reference": {"resource": fk.table, "fields": list(fk.reference)}}
                for fk in t.foreign_keys
            ]
        resources.append(
            {
                "name": t.name,
                "title": t.title,
                "description": t.description,
                "path": f"{path_prefix}{t.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": VERSION,
        "homepage": "README.md",
        "licenses": LICENSES,
        "rights": RIGHTS,
        "sources": sources,
        "contributors": [
            {"title": "Workers' theory pages data project", "role": "author"},
            {"title": "The newspaper's theory page authors and editors (see the contributors table)", "role": "contributor"},
        ],
        "keywords": KEYWORDS,
        "resources": resources,
    }


def markdown() -> str:
    """SCHEMA.md: every table and column, as researchers read them."""
    out = [
        "# Tables and columns",
        "",
        "Generated from `etl/schema.py` (`etl schema > SCHEMA.md`); the same text describes the data package,",
        "the SQLite database and the Datasette site.",
        "",
    ]
    for t in TABLES:
        out += [f"## `{t.name}` — {t.title}", "", t.description, ""]
        out.append(f"Primary key: `{', '.join(t.primary_key)}`.")
        for fk in t.foreign_keys:
            out.append(f"`{fk.fields[0]}` → `{fk.table}.{fk.reference[0]}`.")
        out += ["", "| column | type | required | description |", "|---|---|---|---|"]
        for f in t.fields:
            desc = f.description
            if f.enum:
                desc += " One of: " + ", ".join(f"`{v}`" for v in f.enum) + "."
            if f.unit:
                desc += f" Unit: {f.unit}."
            out.append(f"| `{f.name}` | {f.type} | {'yes' if f.required else ''} | {desc} |")
        out.append("")
    return "\n".join(out)
