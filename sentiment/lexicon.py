"""A Banjar -> Indonesian word lexicon learned from parallel sentences (NusaX gives the same
sentences in both languages).

Banjar has far less labelled text than Indonesian; mapping its frequent function and content
words ("kada" -> "tidak", "nyaman" -> "enak") lets the Indonesian-heavy word features apply to
Banjar text. Character n-grams handle the regular sound shifts (panampilan/penampilan).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

from sentiment.normalize import tokens

MIN_PAIRS = 2  # a word pair must co-occur in at least this many sentence pairs
MIN_DICE = 0.3  # and be strongly associated (Dice coefficient of their sentence sets)


def learn_lexicon(pairs: Iterable[tuple[str, str]], indonesian_counts: Counter[str]) -> dict[str, str]:
    """Banjar word -> Indonesian word for words that are Banjar-specific.

    `pairs` are (Indonesian, Banjar) translations of one sentence; `indonesian_counts` counts
    words in a large Indonesian corpus, so that words common in Indonesian (shared by both
    languages) are never rewritten. Deterministic: ties are broken by the word itself.
    """
    ind_df: Counter[str] = Counter()
    bjn_df: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    for indonesian, banjar in pairs:
        ind_words, bjn_words = set(tokens(indonesian)), set(tokens(banjar))
        ind_df.update(ind_words)
        bjn_df.update(bjn_words)
        together.update((b, i) for b in bjn_words for i in ind_words)
    best: dict[str, tuple[float, str]] = {}
    for (banjar, indonesian), n in sorted(together.items()):
        if n < MIN_PAIRS:
            continue
        dice = 2 * n / (bjn_df[banjar] + ind_df[indonesian])
        if dice < MIN_DICE:
            continue
        # spelling similarity breaks near-ties towards cognates (haraga -> harga)
        score = dice + 0.1 * difflib.SequenceMatcher(None, banjar, indonesian).ratio()
        if score > best.get(banjar, (0.0, ""))[0]:
            best[banjar] = (score, indonesian)
    lexicon = {}
    for banjar, (_, indonesian) in sorted(best.items()):
        if banjar == indonesian or not banjar.replace("-", "").isalpha():
            continue
        # Banjar-specific: rare on the Indonesian side of the pairs and in the Indonesian corpus
        if ind_df[banjar] > 0.2 * bjn_df[banjar]:
            continue
        if indonesian_counts.get(banjar, 0) > 0.05 * indonesian_counts.get(indonesian, 0) + 3:
            continue
        lexicon[banjar] = indonesian
    return lexicon
