"""Series labels: which article a numbered series label belongs to.

A column label (职场观察) is generic and goes to the article printed after
it.  A numbered series label either names a standing series (新就业形态观察③:
it shares words with many articles and proves nothing, so it stays where it
is printed) or quotes the series' topic (“技能强国”建设的实践与思考⑤).  A
quoted topic is what the article discusses, so such a label can be printed
over another article, or at the foot of the page, and still be placed:

1. a topic found word for word in one article only, and not in the one
   printed under the label, is that article's; failing that, a topic found
   *restated* in one article only (see `restated`: its words in another
   order, or one character left out) is that article's;
2. otherwise the article under the label keeps it if it shares the topic's
   words about as well as any other (flagged if another shares at least
   half of them and as many as it does);
3. otherwise the article that clearly shares most of the topic's words
   (the label may paraphrase it: 强国技能 for 技能强国) takes it, flagged;
4. otherwise the article under the label keeps it, flagged when another
   shares clearly more of the topic (position and words disagree);
5. a label with no article under it and no clear owner is an orphan, flagged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

#: Least share of a topic's bigrams an article must hold to take the label by content.
TOPIC_MIN = 0.5
#: ...and this much more than any other article.
TOPIC_MARGIN = 0.2
#: The article printed under the label keeps it unless another shares this much more.
UNDER_MARGIN = 0.2
_QUOTED_TOPIC = re.compile(r"“([^”]{2,})”")
#: Shares are ratios of small counts (3/5 - 1/5 is 0.39999999999999997).
EPS = 1e-9


def quoted_topic(label: str) -> str | None:
    m = _QUOTED_TOPIC.search(label)
    return m.group(1) if m else None


#: Shortest topic matched out of order: shorter ones are found by chance.
RESTATED_MIN_CHARS = 4


def restated(topic: str, text: str) -> bool:
    """Is the topic in the text with its words in another order, or with one
    character the label left out?

    A label abbreviates or reorders its topic (强国技能 for 技能强国, 高质发展
    for 高质量发展): the characters stay together in the article, so some
    stretch of it as long as the topic, or one character longer, holds every
    one of them.  Weaker than a word-for-word match (used only when no
    article holds the topic word for word), stronger than shared bigrams
    (an article on a neighbouring subject shares most of them, and a
    reordered topic loses the bigram across its cut).
    Unsure: measured on generated labels (halves swapped, a character
    dropped); real labels may paraphrase more freely.
    """
    n = len(topic)
    if n < RESTATED_MIN_CHARS:
        return False
    need = Counter(topic)
    found = {c: text.count(c) for c in need}
    if any(found[c] < m for c, m in need.items()):
        return False
    # Every stretch that holds the topic holds its rarest character in the
    # text: only the stretches around that character's places are read.
    rare = min(need, key=found.__getitem__)
    places = [i for i, c in enumerate(text) if c == rare]
    for width in (n, n + 1):
        for q in places:
            for start in range(max(0, q - width + 1), min(q, len(text) - width) + 1):
                have = Counter(text[start : start + width])
                if all(have[c] >= m for c, m in need.items()):
                    return True
    return False


def series_owner(
    label: str, under: int | None, candidates: list[int], texts: list[str], share: Callable[[str, int], float]
) -> tuple[int | None, str | None]:
    """(article index, flag kind) for a series label.

    `under` is the article printed after the label (None at the foot of the
    page); `candidates` the articles that have no series label yet; `texts`
    their texts; `share(text, k)` the share of a text's bigrams found in
    article k (its title included).
    """
    topic = quoted_topic(label)
    if topic is None:
        return (under, None) if under in candidates else (None, "label_orphan")
    holds = lambda k: topic in texts[k]  # noqa: E731
    holders = [k for k in candidates if holds(k)]
    if not holders:
        holds = lambda k: restated(topic, texts[k])  # noqa: E731
        holders = [k for k in candidates if holds(k)]
    if len(holders) == 1 and (under is None or not holds(under)):
        return holders[0], None  # word for word (or restated) in one article only: not a guess
    scores = sorted(((share(topic, k), k) for k in candidates), reverse=True)
    here = share(topic, under) if under in candidates else -1.0
    if scores and under in candidates and here >= scores[0][0] - UNDER_MARGIN - EPS:
        # Kept where it is printed; but when another article shares the
        # topic as well (a paraphrased topic, a label printed between two
        # articles on one subject) the position decided alone: flagged.
        rival = max((sc for sc, j in scores if j != under), default=0.0)
        return under, ("label_contested" if rival >= TOPIC_MIN - EPS and rival >= here - EPS else None)
    if scores:
        best, k = scores[0]
        runner_up = scores[1][0] if len(scores) > 1 else 0.0
        if best >= TOPIC_MIN - EPS and best - runner_up >= TOPIC_MARGIN - EPS:
            # Clearly this article's topic, or only just: flagged when close.
            return k, ("label_by_content" if best - runner_up < 2 * TOPIC_MARGIN - EPS else None)
    if under in candidates:
        # Another article shares clearly more of the topic, though not
        # enough to take the label: position and words disagree.
        return under, "label_contested"
    return None, "label_orphan"


#: Least share of a quoted topic's bigrams that makes an article worth checking for an orphan label.
SUSPECT_MIN = 0.25


def likely_owner(label: str, candidates: list[int], share: Callable[[str, int], float]) -> int | None:
    """The article a person should check for an orphan label: the one that
    shares most of its quoted topic (at least SUSPECT_MIN), else None.
    Too weak to give it the label (see `series_owner`), strong enough to
    point the review flag at it rather than at the page."""
    owners = likely_owners(label, candidates, share)
    return owners[0] if owners else None


def likely_owners(label: str, candidates: list[int], share: Callable[[str, int], float]) -> list[int]:
    """The articles a person should check for an orphan label, most likely
    first: the one that shares most of its quoted topic (at least
    SUSPECT_MIN) and those that share nearly as much (within TOPIC_MARGIN:
    the label could not be placed because they tie)."""
    topic = quoted_topic(label)
    if topic is None or not candidates:
        return []
    scores = sorted(((share(topic, j), j) for j in candidates), reverse=True)
    best = scores[0][0]
    if best < SUSPECT_MIN - EPS:
        return []
    return [j for sc, j in scores if sc > best - TOPIC_MARGIN + EPS]
