"""TF-IDF features: word 1-2-grams of the standardized words and character 2-5-grams of each
word (with a space on either side, so prefixes and suffixes are features).

Word n-grams carry the sentiment words and negations ("tidak enak"); character n-grams carry
Banjar morphology, informal spelling and typos. Both blocks use sublinear tf, smoothed idf and
are L2-normalized separately. Written here rather than taken from scikit-learn so that the
artifact holds plain arrays (no pickle) and prediction caches each word's n-grams, which makes
large batches fast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import scipy.sparse as sp

from sentiment.normalize import standard_words, tokens

CHAR_NGRAMS = (2, 5)
MIN_DF = 2  # an n-gram must occur in two training texts: one-off strings are noise


def word_grams(words: Sequence[str]) -> list[str]:
    grams = list(words)
    grams += [f"{a} {b}" for a, b in zip(words, words[1:])]
    return grams


def char_grams(word: str) -> list[str]:
    padded = f" {word} "
    lo, hi = CHAR_NGRAMS
    return [padded[i : i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1)]


@dataclass
class Featurizer:
    """Vocabularies and idf weights of both blocks, plus the Banjar lexicon applied to words."""

    word_vocab: list[str]
    char_vocab: list[str]
    word_idf: np.ndarray
    char_idf: np.ndarray
    lexicon: Mapping[str, str]

    def __post_init__(self) -> None:
        self._word_index = {g: i for i, g in enumerate(self.word_vocab)}
        self._char_index = {g: i for i, g in enumerate(self.char_vocab)}
        self._char_cache: dict[str, list[int]] = {}

    @property
    def n_features(self) -> int:
        return len(self.word_vocab) + len(self.char_vocab)

    @classmethod
    def fit(cls, texts: Sequence[str], lexicon: Mapping[str, str]) -> Featurizer:
        """Vocabularies (n-grams in at least MIN_DF texts, sorted) and smoothed idf from `texts`."""
        # give every n-gram a provisional id, count the texts that hold it, keep the frequent ones
        word_ids: dict[str, int] = {}
        char_ids: dict[str, int] = {}
        per_word: dict[str, list[int]] = {}
        word_rows: list[list[int]] = []
        char_rows: list[list[int]] = []
        for text in texts:
            words = tokens(text)
            word_rows.append(
                [word_ids.setdefault(g, len(word_ids)) for g in word_grams(standard_words(words, lexicon))]
            )
            ids: list[int] = []
            for w in words:
                if w not in per_word:
                    per_word[w] = [char_ids.setdefault(g, len(char_ids)) for g in char_grams(w)]
                ids += per_word[w]
            char_rows.append(ids)
        blocks = []
        for rows, ids in ((word_rows, word_ids), (char_rows, char_ids)):
            df = np.bincount(_counts(rows, len(ids)).indices, minlength=len(ids))
            vocab = sorted(g for g, i in ids.items() if df[i] >= MIN_DF)
            counts = np.array([df[ids[g]] for g in vocab], dtype=np.float64)
            blocks.append((vocab, (np.log((1 + len(texts)) / (1 + counts)) + 1).astype(np.float32)))
        (word_vocab, word_idf), (char_vocab, char_idf) = blocks
        return cls(word_vocab, char_vocab, word_idf, char_idf, dict(lexicon))

    def _char_ids(self, word: str) -> list[int]:
        ids = self._char_cache.get(word)
        if ids is None:
            index = self._char_index
            ids = [index[g] for g in char_grams(word) if g in index]
            if len(self._char_cache) < 500_000:
                self._char_cache[word] = ids
        return ids

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Rows of float32 TF-IDF features, one per text (an empty text gives an empty row)."""
        word_index, lexicon, char_ids = self._word_index, self.lexicon, self._char_ids
        word_rows: list[list[int]] = []
        char_rows: list[list[int]] = []
        for text in texts:
            words = tokens(text)
            word_rows.append([word_index[g] for g in word_grams(standard_words(words, lexicon)) if g in word_index])
            ids: list[int] = []
            for w in words:
                ids += char_ids(w)
            char_rows.append(ids)
        word_block = _tfidf(_counts(word_rows, len(self.word_vocab)), self.word_idf)
        char_block = _tfidf(_counts(char_rows, len(self.char_vocab)), self.char_idf)
        return sp.hstack([word_block, char_block], format="csr", dtype=np.float32)


def _counts(rows: list[list[int]], width: int) -> sp.csr_matrix:
    """Term counts per row (duplicates summed in C by scipy)."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    indices = np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=int(indptr[-1]))
    counts = sp.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), width))
    counts.sum_duplicates()
    return counts


def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Counts -> (1 + log tf) * idf, L2-normalized per row, vectorized over the whole batch."""
    values = (1 + np.log(counts.data)) * idf[counts.indices]
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=counts.shape[0])).astype(np.float32)
    counts.data = (values / norms[rows]).astype(np.float32)
    return counts
