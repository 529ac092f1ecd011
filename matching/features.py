"""What the learned scorer (``matching.learned``) sees of a pair: a few numbers, each a way in
which a pickup differs from a story on the same topic that does not carry the document.

Every feature is computed from the two texts' terms (``matching.normalize``) and the time
between them; none looks at an outlet, an id or a label. Named in ``FEATURES`` (the model's
order); docs/agenda.md explains what each one catches.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from matching.documents import Document, Mention
from matching.normalize import weight
from matching.score import SHORT_HEADLINE, Score, char_score, coverage_score, distinctive

FEATURES: tuple[str, ...] = (
    "coverage_score",  # the hand-made score of matching.score (its coverages, conflicts, details)
    "document_coverage",  # share of the document's headline the mention carries
    "mention_coverage",  # share of the mention's headline that comes from the document
    "mention_whole_coverage",  # share of the mention's headline and snippet from the document
    "document_text_coverage",  # share of the document's headline and lead the mention carries
    "shared_weight",  # log(1 + weight of the terms both texts hold): how much evidence
    "own_weight",  # log(1 + weight of the mention headline's terms the document lacks)
    "distinctive_details",  # shared figures of at least 100 that are not years
    "number_shared",  # 1 when both state a number in common
    "number_conflict",  # 1 when the mention states numbers and none is the document's
    "place_conflict",  # 1 when both name a kabupaten/kota and none of the mention's is the
    # document's, or when the mention names another province (or its capital) the document does not
    "place_shared",  # 1 when both name the same kabupaten/kota
    "local_angle",  # 1 when the mention names a kabupaten/kota and the document none
    "char3_cosine",  # cosine of character 3-grams of the raw texts (spelling variants)
    "log_hours_after",  # log(1 + hours from the document to the mention): pickups come early
    "no_snippet",  # 1 when the mention has no snippet (a headline alone says less)
    "title_words",  # log(1 + words in the mention's headline): a post is long, a headline short
    "title_shared_weight",  # log(1 + weight of the mention headline's terms the document holds)
    "head_shared_weight",  # log(1 + weight of the document headline's terms the mention holds)
    "rare_shared",  # sum of the shared terms' rarity among the mentions searched (idf in [0, 1])
    "rare_head_coverage",  # share of the document headline's rarity the mention carries
    "rare_text_coverage",  # share of the document's headline and lead rarity the mention carries
    "big_number_conflict",  # number_conflict for figures of at least 10 (*tiga hari* is a detail)
    "big_number_shared",  # number_shared for figures of at least 10 (*3 titik* and *tiga hari* share 3)
)


def _weight(terms: frozenset[str]) -> float:
    return sum(weight(t) for t in terms)


ELSEWHERE_FACTOR = 0.5  # a mention of another province's programme waits for staff at best


def elsewhere(doc: Document, mention: Mention) -> bool:
    """True when the mention names another province (or its capital, ``xp:`` terms of
    ``matching.lexicon.ELSEWHERE``) that the document does not: *Pemprov Jateng Gelar Konsultasi
    Publik RKPD 2027* is not a pickup of Kalsel's release however many words they share."""
    return any(t.startswith("xp:") and t not in doc.terms.text for t in mention.terms.text)


def _big(numbers: frozenset[str]) -> frozenset[str]:
    """The figures of at least 10 among number terms (``n12``, ``n23d5``)."""
    return frozenset(n for n in numbers if float(n[1:].replace("d", ".")) >= 10)


def _rarity(terms: frozenset[str], rarity: Mapping[str, float]) -> float:
    return sum(rarity.get(t, 1.0) for t in terms)


def pair_features(
    doc: Document, mention: Mention, rarity: Mapping[str, float] | None = None, coverage: Score | None = None
) -> tuple[float, ...]:
    """The values of ``FEATURES`` for a pair, in that order (a text pair: the URL rule comes
    first and needs no features). ``rarity``: term -> inverse frequency in [0, 1] among the
    mentions searched (``matching.candidates.find_candidates``); a term it lacks counts as rare.
    ``coverage``: the pair's ``coverage_score`` when the caller has it already."""
    rarity = rarity or {}
    dt, mt = doc.terms, mention.terms
    result = coverage or coverage_score(dt, mt)
    own = mt.title if _weight(mt.title) >= SHORT_HEADLINE else mt.text
    shared = mt.text & dt.text
    hours = max(0.0, (mention.published_at - doc.start).total_seconds() / 3600)
    head = dt.title or dt.text
    values = {
        "coverage_score": result.value,
        "document_coverage": result.document_coverage,
        "mention_coverage": result.mention_coverage,
        "mention_whole_coverage": _weight(shared) / _weight(mt.text) if mt.text else 0.0,
        "document_text_coverage": _weight(shared) / _weight(dt.text) if dt.text else 0.0,
        "shared_weight": math.log1p(_weight(shared)),
        "own_weight": math.log1p(_weight(own - dt.text)),
        "distinctive_details": float(len(distinctive(shared))),
        "number_shared": float(bool(mt.numbers & dt.numbers)),
        "number_conflict": float(bool(mt.numbers) and not (mt.numbers & dt.numbers)),
        "place_conflict": float(
            (bool(mt.places and dt.places) and not (mt.places & dt.places)) or elsewhere(doc, mention)
        ),
        "place_shared": float(bool(mt.places & dt.places)),
        "local_angle": float(bool(mt.places) and not dt.places),
        "char3_cosine": char_score(doc, mention).value,
        "log_hours_after": math.log1p(hours),
        "no_snippet": float(not (mention.snippet or "").strip()),
        "title_words": math.log1p(len((mention.title or "").split())),
        "title_shared_weight": math.log1p(_weight(mt.title & dt.text)),
        "head_shared_weight": math.log1p(_weight(head & mt.text)),
        "rare_shared": _rarity(shared, rarity),
        "rare_head_coverage": _rarity(head & mt.text, rarity) / _rarity(head, rarity) if head else 0.0,
        "rare_text_coverage": _rarity(shared, rarity) / _rarity(dt.text, rarity) if dt.text else 0.0,
        "big_number_conflict": float(bool(_big(mt.numbers)) and not (_big(mt.numbers) & dt.numbers)),
        "big_number_shared": float(bool(_big(mt.numbers) & dt.numbers)),
    }
    return tuple(float(values[name]) for name in FEATURES)
