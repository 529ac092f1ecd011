"""How sure it is that a mention carries a registered claim: a score in [0, 1].

A thin layer over the release matcher's terms (``matching.normalize``: affixes, numbers,
offices and places undone), because a claim is not a release: it is one sentence, and the
mentions that carry it add words of their own, a spreader's chatter (*buruan daftar dulur*) or
a debunker's denial (*dipastikan tidak benar*). Links in the claim (a fake registration site)
are kept apart from its words. Three parts:

- ``claim_coverage``: how much of the claim's words the mention carries, each term weighted by
  what it says about the story (``normalize.weight``) times how rare it is among the mentions
  searched (``hoaxes.frequency``: a claim is carried by its distinctive words);
- ``mention_coverage``: how much of the mention's headline comes from the claim and its
  keywords, leaving out the words of denials, warnings and chatter (``OWN_IGNORED``), which say
  what a mention does with a story, not which story it is; a story on the same topic that does
  not carry the claim has words of its own (another programme, place or figure);
- a keyword of the register (all of its terms in the mention, in any order), or a link of the
  claim or a keyword written as one token (a slug, a hashtag: ``literal``) as written in the
  mention: the mention carries the claim at least ``KEYWORD_FLOOR`` (a plain keyword only when
  the mention also carries ``KEYWORD_MIN_COVERAGE`` of the claim; a link or slug is the hoax's
  own identifier).

The score is ``claim_coverage ** CLAIM_POWER * mention_coverage ** (1 - CLAIM_POWER)``, times
``NUMBER_CONFLICT`` when the mention states figures and none is the claim's, and times
``PREDICATE_CONFLICT`` when the mention carries less than ``PREDICATE_MIN`` of what the claim
says about the names in it: a claim is a name and a predicate (*Pasar Terapung Lok Baintan* /
*ditutup permanen*), and a story about the same place or body saying something else (*wisatawan
padati*) is not the hoax. Names are runs of capitalised words (one at the claim's start only
when longer than one word), acronyms, and the seeds' places, agencies and officials. A link to
the hoax's clarification page scores 1 (``matched_on`` url).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from hoaxes.claims import fold
from hoaxes.frequency import Frequencies
from matching.documents import Document, Mention
from matching.normalize import Terms, terms, text_terms, weight
from matching.urls import url_key, urls_in

CLAIM_POWER = 0.6
NUMBER_CONFLICT = 0.75
PREDICATE_CONFLICT = 0.7
PREDICATE_MIN = 0.25
NAME_RUN = re.compile(r"(?:\b[A-Z][\w-]*(?:\s+|$))+")
KEYWORD_FLOOR = 0.7
KEYWORD_MIN_COVERAGE = 0.3
SHORT_HEADLINE = 2.0  # a mention headline weighing less than this is judged with its snippet
LINK = re.compile(r"(?:https?://)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s,;]*)?", re.IGNORECASE)
OWN_IGNORED = (
    "hoaks hoax tidak benar klarifikasi cek fakta faktanya bantah disinformasi misinformasi bohong palsu "
    "penipuan menyesatkan keliru beredar kabar isu pesan berantai viral sebar info informasi "
    "jangan klik resmi situs tegaskan pastikan waspada ternyata sebenarnya imbau "
    "dulur ulun kah banar lah dong ya nih kata katanya benarkah buruan cepat tolong"
)


@cache
def ignored_terms() -> frozenset[str]:
    return frozenset(terms(OWN_IGNORED))


@dataclass(frozen=True)
class ClaimTerms:
    """A claim as the score reads it: the terms of its words (links left out), the terms of its
    keywords, each keyword's terms, and its links (folded)."""

    words: frozenset[str]
    predicate: frozenset[str]  # the words that are not names (empty: the claim is all names)
    everything: frozenset[str]
    numbers: frozenset[str]
    keywords: tuple[tuple[str, frozenset[str]], ...]
    links: tuple[str, ...]


def literal(keyword: str) -> bool:
    """A keyword written as one token with ``-``, ``.``, ``/``, ``_`` or ``#`` in it (a link, a
    slug such as *bantuan-banjir-kalsel*, a hashtag) is an identifier: it must appear as written
    (its words in that order), not as a set of common words."""
    keyword = keyword.strip()
    return bool(LINK.fullmatch(keyword)) or (
        not any(c.isspace() for c in keyword) and any(c in "-./_#" for c in keyword)
    )


@cache
def claim_terms(claim: str, keywords: tuple[str, ...]) -> ClaimTerms:
    """The ``ClaimTerms`` of a claim and its keywords (a link or slug keyword counts as a link)."""
    links = [fold(x) for x in LINK.findall(claim)] + [fold(k) for k in keywords if literal(k)]
    text = LINK.sub(" ", claim)
    words = text_terms(text)
    plain = tuple((k, frozenset(terms(k))) for k in keywords if not literal(k))
    everything = words.text.union(*(t for _, t in plain))
    return ClaimTerms(
        words.title,
        words.title - names(text),
        everything,
        words.numbers,
        plain,
        tuple(x for x in dict.fromkeys(links) if x),
    )


def names(claim: str) -> frozenset[str]:
    """The terms of the names in a claim (module docstring)."""
    found = {t for t in terms(claim) if ":" in t}
    for match in NAME_RUN.finditer(claim.strip()):
        run = match.group(0).split()
        if match.start() == 0 and len(run) == 1 and not run[0].isupper():
            continue  # the claim's first word, capitalised as a sentence starts
        found.update(terms(" ".join(run)))
    return frozenset(found)


@dataclass(frozen=True)
class ClaimScore:
    value: float
    matched_on: str  # text | url
    claim_coverage: float = 0.0
    mention_coverage: float = 0.0
    keyword: str | None = None  # the register keyword or claim link the mention holds
    shared: tuple[str, ...] = ()


def _weight(items: frozenset[str] | set[str]) -> float:
    return sum(weight(t) for t in items)


def _keyword(claim: ClaimTerms, mention: Terms, folded: str) -> str | None:
    for link in claim.links:
        if f" {link} " in folded:
            return link
    return next((k for k, t in claim.keywords if t and t <= mention.text), None)


def _claim_weight(items: frozenset[str], freq: Frequencies | None) -> float:
    if freq is None:
        return _weight(items)
    return sum(weight(t) * (freq.idf(t) or freq.ceiling) for t in items)


def text_score(claim: ClaimTerms, mention: Terms, folded: str, freq: Frequencies | None = None) -> ClaimScore:
    """The text part of the module docstring (``folded``: the mention's text, ``fold``-ed and
    padded with spaces; ``freq``: the terms' frequencies, None for plain weights)."""
    if not claim.words or not mention.text:
        return ClaimScore(0.0, "text")
    shared = claim.words & mention.text
    claim_coverage = _claim_weight(shared, freq) / _claim_weight(claim.words, freq)
    own = mention.title if _weight(mention.title) >= SHORT_HEADLINE else mention.text
    own = own - ignored_terms()
    mention_coverage = _weight(own & claim.everything) / _weight(own) if own else 1.0
    value = claim_coverage**CLAIM_POWER * mention_coverage ** (1 - CLAIM_POWER)
    if mention.numbers and not (mention.numbers & claim.numbers):
        value *= NUMBER_CONFLICT
    if claim.predicate and claim.predicate != claim.words:
        said = _claim_weight(claim.predicate & mention.text, freq) / _claim_weight(claim.predicate, freq)
        if said < PREDICATE_MIN:
            value *= PREDICATE_CONFLICT
    hit = _keyword(claim, mention, folded)
    if hit is not None and (hit in claim.links or claim_coverage >= KEYWORD_MIN_COVERAGE):
        value = KEYWORD_FLOOR + (1 - KEYWORD_FLOOR) * value
    return ClaimScore(
        round(value, 6),
        "text",
        round(claim_coverage, 6),
        round(mention_coverage, 6),
        hit,
        tuple(sorted(shared, key=lambda t: (-weight(t), t))),
    )


def claim_score(doc: Document, mention: Mention, freq: Frequencies | None = None) -> ClaimScore:
    """The score of a (hoax, mention) pair: a link to the clarification first, else the text."""
    if doc.url_key is not None and url_key(mention.url) != doc.url_key:
        if doc.url_key in urls_in(mention.title, mention.snippet, mention.expanded_url):
            return ClaimScore(1.0, "url", 1.0, 1.0)
    folded = " " + fold(f"{mention.title} {mention.snippet} {mention.expanded_url or ''}") + " "
    return text_score(claim_terms(doc.title, doc.keywords), mention.terms, folded, freq)
