"""Read page dumps: bytes → text, and the page's identity.

Dumps come from different tools and years: most are UTF-8, some carry a BOM,
older ones are GBK/GB18030, a few are UTF-16, with Windows (CRLF) or old Mac
(CR) line ends.  **Encoding rule**, first match wins:

1. a byte-order mark says it: UTF-8 (BOM), UTF-32 or UTF-16, LE or BE;
2. bytes that decode as strict UTF-8 are UTF-8 (other encodings of Chinese
   text practically never form valid UTF-8);
3. otherwise charset-normalizer guesses among the encodings Chinese dumps
   come in (GB18030 and its subsets GBK/GB2312, Big5, UTF-16/32 without
   BOM), and its guess is used only if it decodes strictly and the text is
   Chinese prose (see `check_text`).  A GBK guess is decoded as GB18030, its
   superset, and recorded as gb18030.

Anything else is refused with the reason rather than guessed at: a wrong
guess would silently corrupt every character downstream.  Line ends become
"\\n"; line numbers are those of the file as an editor shows them.

A page is identified by the SHA-256 of its bytes, so the same dump always gets
the same `page_id`, whatever its file name or the order of the run.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: File name patterns read from a folder.
PATTERNS = ("*.txt",)
#: Length of the hex prefix of the SHA-256 used as page_id.
PAGE_ID_HEX = 16
#: Byte-order marks, longest first (the UTF-32 LE mark starts like UTF-16 LE's).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: What charset-normalizer may choose from (everything else is a misdetection).
CANDIDATES = ["gb18030", "gbk", "gb2312", "big5", "utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
#: Guesses decoded with a superset codec.
SUPERSET = {"gbk": "gb18030", "gb2312": "gb18030"}


class PageError(ValueError):
    """A page file that cannot be used; the message names the file and why."""


@dataclass(frozen=True)
class Page:
    page_id: str
    file_name: str
    sha256: str
    encoding: str
    text: str


def page_id(data: bytes) -> tuple[str, str]:
    """(page_id, sha256) of a page file's bytes."""
    digest = hashlib.sha256(data).hexdigest()
    return digest[:PAGE_ID_HEX], digest


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """(text, encoding) of a page dump by the rule above, or PageError.

    An empty file decodes to "" (encoding "empty"): it is a page with no text.
    """
    if not data:
        return "", "empty"
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc.removesuffix("-sig"))
            except UnicodeDecodeError as e:
                raise PageError(f"{name}: starts with a {enc} byte-order mark but is not {enc} ({e.reason} at byte {e.start})") from e
            return _clean(text), enc
    try:
        return _clean(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None:
        if b"\x00" in data:
            raise PageError(f"{name}: binary data (NUL bytes), not a text dump (is it a PDF or an image?)")
        raise PageError(f"{name}: not text in UTF-8, GB18030/GBK, Big5 or UTF-16 (is it a PDF or an image?)")
    guess = best.encoding.lower()
    enc = SUPERSET.get(guess, guess).replace("_", "-")
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        raise PageError(f"{name}: looks like {enc} but does not decode ({e.reason} at byte {e.start})") from e
    return _clean(text), enc


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", normalize_newlines(text))


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]+")
_SPACE = re.compile(r"\s+")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _count(pattern: re.Pattern, text: str) -> int:
    """How many characters of the text the one-character pattern matches."""
    return len(text) - len(pattern.sub("", text))


def check_text(text: str, name: str) -> None:
    """Refuse text that is not a Chinese page dump at all (binary, another language)."""
    controls = _count(_CONTROLS, text)
    visible = len(text) - _count(_SPACE, text)
    if visible and controls / visible > 0.01:
        raise PageError(f"{name}: {controls} control characters; binary data, not a text dump")
    han = _count(_HAN, text)
    if visible and han / visible < 0.3:
        raise PageError(f"{name}: only {han} of {visible} characters are Chinese; not a page dump of this newspaper")
    if visible and not any(c in text for c in "，。、"):
        # Binary data decoded as UTF-16 or GB18030 looks like random 汉字, but
        # never like prose: prose has Chinese punctuation.
        raise PageError(f"{name}: no Chinese punctuation at all; not the text of a newspaper page (binary data?)")


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise PageError(f"{path}: cannot read ({e.strerror or e})") from e


def read_page(path: Path, data: bytes | None = None) -> Page:
    """Read, decode and check one page file (PageError if it cannot be used)."""
    path = Path(path)
    data = read_bytes(path) if data is None else data
    text, enc = decode(data, str(path))
    check_text(text, str(path))
    pid, digest = page_id(data)
    return Page(page_id=pid, file_name=path.name, sha256=digest, encoding=enc, text=text)


def find_pages(paths: list[Path]) -> tuple[list[Path], list[PageError]]:
    """Expand files and folders into page files (sorted, each once), and the paths that are not there."""
    found: list[Path] = []
    missing: list[PageError] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            entries = sorted(f for pat in PATTERNS for f in p.rglob(pat))
            files = [f for f in entries if f.is_file()]
            broken = [f for f in entries if f.is_symlink() and not f.exists()]
            missing.extend(PageError(f"{f}: not a regular file (a broken link or a device?)") for f in broken)
            if not files and not broken:
                missing.append(PageError(f"{p}: no page files (*.txt) in this folder"))
            found.extend(files)
        elif p.is_file():
            found.append(p)
        elif p.exists() or os.path.lexists(p):
            missing.append(PageError(f"{p}: not a regular file (a broken link or a device?)"))
        else:
            missing.append(PageError(f"{p}: no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return sorted(unique, key=str), missing
