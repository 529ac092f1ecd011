"""How sure it is that a mention carries a document: a score in [0, 1].

- **url**: the mention links to the document's page (in its text or its expanded links): 1.0.
  A mention whose own URL is the document's page is the document itself, not a pickup: 0.
- **text** (the method picked on the dev set, docs/agenda.md): both texts as sets of terms
  (``matching.normalize``), each term weighted by what it says about the story
  (``normalize.weight``). Two coverages:

  * ``document_coverage``: how much of the document's headline the mention carries (in its
    headline or snippet). A story on the same topic shares the topic's words, not the rest.
  * ``mention_coverage``: how much of the mention's headline comes from the document's headline
    and lead. A story that does not carry the release has words of its own (a complaint, a
    different place, another event).

  The score is their weighted geometric mean (the document's coverage weighing
  ``DOCUMENT_WEIGHT``), so both must be high; when the mention states numbers
  and none of them is in the document, it is multiplied by ``NUMBER_CONFLICT`` (the story is
  about other figures), and when both name a kabupaten or kota and none of the mention's is
  the document's, by ``PLACE_CONFLICT`` (the same kind of event somewhere else); a mention that
  names a kabupaten or kota where the document names none is a local angle on it, by
  ``LOCAL_ANGLE``.

  A headline built from one detail of the release (*912 Ribu Warga Kalsel Sudah Aktifkan KTP
  Digital*) carries little of the release's headline. When the pair shares a **distinctive
  detail** (a figure of at least ``DETAIL_MIN_VALUE``, not a year: *1.200 personel*, *Rp 18
  miliar*), the score is at least the same mean with the document's coverage weighing only
  ``DETAIL_DOCUMENT_WEIGHT`` (the mention's words must still come from the release; when the
  figure is only in the snippet, the whole mention is judged). The conflicts apply after it.

``METHODS`` also holds two baselines measured beside it (docs/agenda.md): word Jaccard of the
raw texts and character 3-gram cosine.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from matching.documents import Document, Mention, lead_of
from matching.normalize import YEAR, Terms, weight
from matching.urls import url_key, urls_in

DOCUMENT_WEIGHT = 0.6  # of the document's coverage in the weighted geometric mean (dev sets)
NUMBER_CONFLICT = 0.75
PLACE_CONFLICT = 0.6
LOCAL_ANGLE = 0.85
SHORT_HEADLINE = 2.0  # a mention headline weighing less than this is judged with its snippet
# a figure of at least this value (not a year) that both state is a distinctive detail: the
# count of a small list (3 kecamatan, 8 ambulans) is not, 1.200 personel or Rp 18 miliar is
DETAIL_MIN_VALUE = 100
DETAIL_DOCUMENT_WEIGHT = 0.2  # of the document's coverage when a distinctive detail is shared


def _value(term: str) -> float:
    return float(term[1:].replace("d", "."))


def distinctive(terms: Iterable[str]) -> tuple[str, ...]:
    """The distinctive details among shared terms: figures of at least ``DETAIL_MIN_VALUE``
    (not years), which a story on another event rarely repeats."""
    return tuple(
        sorted(
            t
            for t in terms
            if t.startswith("n") and t[1:2].isdigit() and not YEAR.match(t) and _value(t) >= DETAIL_MIN_VALUE
        )
    )


@dataclass(frozen=True)
class Score:
    value: float
    matched_on: str  # url | text | self (the document's own page)
    document_coverage: float = 0.0
    mention_coverage: float = 0.0
    shared: tuple[str, ...] = ()  # the shared terms, heaviest first: why the pair scored


def _weight(terms: Iterable[str]) -> float:
    return sum(weight(t) for t in terms)


def coverage_score(doc: Terms, mention: Terms) -> Score:
    """The text score of the module docstring."""
    head = doc.title or doc.text
    if not head or not mention.text:
        return Score(0.0, "text")
    shared_head = head & mention.text
    document_coverage = _weight(shared_head) / _weight(head)
    own = mention.title if _weight(mention.title) >= SHORT_HEADLINE else mention.text
    mention_coverage = _weight(own & doc.text) / _weight(own)
    value = document_coverage**DOCUMENT_WEIGHT * mention_coverage ** (1 - DOCUMENT_WEIGHT)
    if distinctive(mention.text & doc.text):
        # a headline built from one detail of the release (or its snippet stating the detail):
        # judged mostly by where the mention's words come from
        whole = (
            mention_coverage
            if distinctive(own & doc.text)
            else _weight(mention.text & doc.text) / _weight(mention.text)
        )
        detail = document_coverage**DETAIL_DOCUMENT_WEIGHT * whole ** (1 - DETAIL_DOCUMENT_WEIGHT)
        value = max(value, detail)
    if mention.numbers and not (mention.numbers & doc.numbers):
        value *= NUMBER_CONFLICT
    if mention.places and doc.places and not (mention.places & doc.places):
        value *= PLACE_CONFLICT
    elif mention.places and not doc.places:
        value *= LOCAL_ANGLE
    shared = tuple(sorted(shared_head | (own & doc.text), key=lambda t: (-weight(t), t)))
    return Score(round(value, 6), "text", round(document_coverage, 6), round(mention_coverage, 6), shared)


def url_score(doc: Document, mention: Mention) -> Score | None:
    """1.0 when the mention links to the document's page, 0 when it is that page; else None."""
    if doc.url_key is None:
        return None
    if url_key(mention.url) == doc.url_key:
        return Score(0.0, "self")
    if doc.url_key in urls_in(mention.title, mention.snippet, mention.expanded_url):
        return Score(1.0, "url", 1.0, 1.0)
    return None


def score(doc: Document, mention: Mention) -> Score:
    """The score of a pair: the URL rule first, else the text score."""
    return url_score(doc, mention) or coverage_score(doc.terms, mention.terms)


# baselines measured beside the method (docs/agenda.md), on the raw texts
def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def jaccard_score(doc: Document, mention: Mention) -> Score:
    a = _words(f"{doc.title} {lead_of(doc.body)}")
    b = _words(f"{mention.title} {mention.snippet}")
    return Score(len(a & b) / len(a | b) if a | b else 0.0, "text")


def _grams(text: str) -> Counter[str]:
    text = " ".join(re.findall(r"[a-z0-9]+", text.lower()))
    return Counter(text[i : i + 3] for i in range(len(text) - 2))


def char_score(doc: Document, mention: Mention) -> Score:
    a, b = _grams(f"{doc.title} {lead_of(doc.body)}"), _grams(f"{mention.title} {mention.snippet}")
    dot = sum(v * b[k] for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return Score(dot / norm if norm else 0.0, "text")


METHODS: dict[str, Callable[[Document, Mention], Score]] = {
    "coverage": score,
    "jaccard": lambda d, m: url_score(d, m) or jaccard_score(d, m),
    "char3": lambda d, m: url_score(d, m) or char_score(d, m),
}
