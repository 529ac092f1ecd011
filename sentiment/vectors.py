"""TF-IDF over hashed n-gram counts, as training sees it, and the lookup tables that let
prediction compute the same linear scores with one sparse product per block.

Per block (words, characters) a text's feature for bucket b is `count_b * idf_b / norm`, with
`norm = sqrt(sum over the text's n-gram occurrences of idf**2)`: an L2-style normalization
that needs no de-duplication of the occurrences, so that prediction can get it from the
same product as the scores. Buckets seen in fewer than `MIN_DF` training texts are left out
(idf 0): one-off strings are noise. Training works on the buckets in use only (a compact
column per bucket); `tables` spreads the fitted weights back over all buckets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from sentiment import hashing

MIN_DF = 2


@dataclass(frozen=True)
class Block:
    buckets: np.ndarray  # int32, sorted: the buckets in use
    idf: np.ndarray  # float32, one per bucket in use

    @classmethod
    def fit(cls, counts: sp.csr_matrix) -> Block:
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        buckets = np.flatnonzero(df >= MIN_DF).astype(np.int32)
        idf = np.log((1 + counts.shape[0]) / (1 + df[buckets])) + 1
        return cls(buckets, idf.astype(np.float32))

    def transform(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """Texts x buckets in use, float64 features as defined in the module docstring."""
        full_idf = np.zeros(counts.shape[1], dtype=np.float64)
        full_idf[self.buckets] = self.idf
        x = counts.astype(np.float64)
        idf = full_idf[x.indices]
        rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
        norm = np.sqrt(np.bincount(rows, weights=x.data * idf * idf, minlength=x.shape[0]))
        x.data = x.data * idf / np.where(norm[rows] > 0, norm[rows], 1.0)
        return x[:, self.buckets].tocsr()

    def table(self, coefs: Sequence[np.ndarray]) -> np.ndarray:
        """Rows for the buckets in use: per head, idf times each class weight; then idf squared."""
        return np.column_stack([*(self.idf[:, None] * c.T for c in coefs), self.idf**2]).astype(np.float32)


@dataclass(frozen=True)
class Vectorizer:
    """The word and character blocks fitted on training texts."""

    word_map: tuple[np.ndarray, np.ndarray]
    word: Block
    char: Block

    @classmethod
    def fit(
        cls, texts: Sequence[str], word_map: tuple[np.ndarray, np.ndarray]
    ) -> tuple[Vectorizer, sp.csr_matrix, np.ndarray]:
        """The vectorizer, the training texts' features (words, then characters) and which are cased."""
        word, char, cased = _count_blocks(texts, word_map)
        vectorizer = cls(word_map, Block.fit(word), Block.fit(char))
        return vectorizer, vectorizer._join(word, char), cased

    def transform(self, texts: Sequence[str]) -> tuple[sp.csr_matrix, np.ndarray]:
        """Features of `texts` and which of them are cased."""
        word, char, cased = _count_blocks(texts, self.word_map)
        return self._join(word, char), cased

    def _join(self, word: sp.csr_matrix, char: sp.csr_matrix) -> sp.csr_matrix:
        return sp.hstack([self.word.transform(word), self.char.transform(char)]).tocsr()

    def split(self, coefs: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Class weights per head (classes x features) as (word rows, character rows) of the model file."""
        n = len(self.word.buckets)
        return self.word.table([c[:, :n] for c in coefs]), self.char.table([c[:, n:] for c in coefs])


def _count_blocks(
    texts: Sequence[str], word_map: tuple[np.ndarray, np.ndarray]
) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
    features = hashing.featurize(texts, word_map, cased=True)
    word = features.word.copy()
    word.sum_duplicates()
    char = features.char_counts()
    char.sum_duplicates()
    return word, char, features.cased
