"""Chinese full-text search that finds substrings, with SQLite's stock FTS5.

SQLite's `unicode61` tokenizer makes a whole run of 汉字 one token, so a word
inside it cannot be found; the `trigram` tokenizer cannot find two-character
words (工会, 骑手), the commonest queries here.  So the index stores, for each
run of 汉字, its overlapping bigrams plus the run's last character, and keeps
Latin words and numbers whole:

    全国总工会主席 → 全国 国总 总工 工会 会主 主席 席

A query becomes the phrase of its own bigrams ("工会主席" → "工会 会主 主席"),
which matches exactly the rows whose text contains the query as a substring;
a single 汉字 becomes a prefix query ("工"*).  The index is an ordinary FTS5
table with the default tokenizer, readable by any sqlite3 shell.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def _han(run: str) -> bool:
    return not run[0].isascii() and not ("\uff10" <= run[0] <= "\uff5a")


def index_text(text: str) -> str:
    """The token string stored in the FTS index for a text."""
    out: list[str] = []
    for m in _RUN.finditer(text):
        run = m.group()
        if _han(run):
            out.extend(map(str.__add__, run, run[1:]))
            out.append(run[-1])
        else:
            out.append(run)
    return " ".join(out)


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression finding the rows that contain every term.

    Terms are separated by whitespace; each must occur as a substring.
    Returns an expression that matches nothing for a query without letters.
    """
    phrases: list[str] = []
    for term in query.split():
        tokens: list[str] = []
        prefix = False
        runs = [m.group() for m in _RUN.finditer(term)]
        for k, run in enumerate(runs):
            last = k == len(runs) - 1
            if _han(run):
                tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
                if len(run) == 1 or not last:
                    # A run that ends inside the query ends in the text too,
                    # where its last character is indexed on its own.
                    tokens.append(run[-1])
                if len(run) == 1 and last:
                    prefix = True
            else:
                tokens.append(run)
                if last:
                    prefix = True  # a Latin word may go on (GDP → GDPs)
        if tokens:
            phrase = '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
            phrases.append(phrase + (" *" if prefix else ""))
    return " AND ".join(phrases) if phrases else '""'
