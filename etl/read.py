"""Read page dumps: bytes → text, and the page's identity.

Dumps come from different tools: most are UTF-8, some carry a BOM, older ones
are GB18030 (a superset of GBK/GB2312) or UTF-16.  We decode strictly, trying
those in turn, and refuse a file that is none of them rather than guess: a
wrong guess would silently corrupt every character downstream.

A page is identified by the SHA-256 of its bytes, so the same dump always gets
the same `page_id`, whatever its file name or the order of the run.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: Tried in this order; the first strict decode that succeeds wins.
ENCODINGS = ("utf-8-sig", "utf-16", "gb18030")
#: File name patterns read from a folder.
PATTERNS = ("*.txt",)
#: Length of the hex prefix of the SHA-256 used as page_id.
PAGE_ID_HEX = 16


class PageError(ValueError):
    """A page file that cannot be used; the message names the file and why."""


@dataclass(frozen=True)
class Page:
    page_id: str
    file_name: str
    sha256: str
    encoding: str
    text: str


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """(text, encoding) of a page dump, or PageError."""
    if not data.strip():
        raise PageError(f"{name}: the file is empty")
    for enc in ENCODINGS:
        if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue  # without a BOM, UTF-16 would "decode" anything
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            continue
        if enc == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            enc = "utf-8"
        return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")), enc
    raise PageError(f"{name}: not text in UTF-8, UTF-16 or GB18030 (is it a PDF or an image?)")


def check_text(text: str, name: str) -> None:
    """Refuse text that is not a Chinese page dump at all."""
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    visible = sum(1 for c in text if not c.isspace())
    if visible and han / visible < 0.3:
        raise PageError(f"{name}: only {han} of {visible} characters are Chinese; not a page dump of this newspaper")
    if not any(c in text for c in "，。、"):
        # Binary data decoded as UTF-16 or GB18030 looks like random 汉字, but
        # never like prose: prose has Chinese punctuation.
        raise PageError(f"{name}: no Chinese punctuation at all; not the text of a newspaper page (binary data?)")


def read_page(path: Path) -> Page:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise PageError(f"{path}: cannot read ({e.strerror or e})") from e
    text, enc = decode(data, str(path))
    check_text(text, str(path))
    digest = hashlib.sha256(data).hexdigest()
    return Page(page_id=digest[:PAGE_ID_HEX], file_name=path.name, sha256=digest, encoding=enc, text=text)


def find_pages(paths: list[Path]) -> list[Path]:
    """Expand files and folders into page files, sorted by name for a stable order."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            files = sorted(f for pat in PATTERNS for f in p.rglob(pat) if f.is_file())
            if not files:
                raise PageError(f"{p}: no page files (*.txt) in this folder")
            found.extend(files)
        elif p.is_file():
            found.append(p)
        else:
            raise PageError(f"{p}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
