"""Load a sentiment model and label texts: `load_model().predict(texts) -> (labels, confidences)`.

The shipped model is `sentiment/artifacts/citra-sentiment.zip`, reproduced byte for byte by
`python -m sentiment train --check`; its SHA-256 is recorded next to it and checked on load,
so a model that changed without its hash being updated is refused.

Labelling is array work from end to end (sentiment/hashing.py): a batch's texts become one
byte stream, its n-grams bucket numbers, and each block of buckets is multiplied with a lookup
table (idf x weight per class, idf squared) in one sparse product, so the linear scores and
the TF-IDF norms come out together. Large inputs are cut into batches that run on one thread
per core (numpy and scipy release the interpreter lock while they work).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from sentiment import artifact, hashing
from sentiment.calibration import softmax
from sentiment.labelled import LABELS

ARTIFACT = Path(__file__).parent / "artifacts" / "citra-sentiment.zip"
ARTIFACT_SHA256 = ARTIFACT.with_suffix(".sha256")
BATCH = 20_000  # most texts featurized at once: bounds memory on million-row inputs
MIN_SHARE = 2_000  # fewer texts than this per thread are labelled in one thread


def version_of(sha256: str) -> str:
    """Model version string stored with every prediction: changes whenever the model does."""
    return f"citra-sentiment-{sha256[:12]}"


def cores() -> int:
    """Cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class _Table:
    """A block's rows, looked up by bucket: an index from bucket to row (0: a bucket the model
    does not use, a row of zeros) and the rows themselves. 8 MB of index and 1.5 MB of rows
    instead of a 56 MB table with a row for every bucket, at the same speed."""

    def __init__(self, buckets: np.ndarray, rows: np.ndarray) -> None:
        self.index = np.zeros(hashing.BUCKETS, dtype=np.int32)
        self.index[buckets] = np.arange(1, len(buckets) + 1, dtype=np.int32)
        self.rows = np.zeros((len(buckets) + 1, rows.shape[1]), dtype=np.float32)
        self.rows[1:] = rows

    def sums(self, counts: sp.csr_matrix) -> np.ndarray:
        """Per row of `counts` (texts or words x buckets), the sum of the rows of its buckets."""
        rows = sp.csr_matrix(
            (counts.data, self.index[counts.indices], counts.indptr), shape=(counts.shape[0], len(self.rows))
        )
        return rows @ self.rows


@dataclass
class Model:
    parts: artifact.Parts
    sha256: str
    labels: tuple[str, ...] = LABELS
    threads: int = field(default_factory=cores)

    def __post_init__(self) -> None:
        scheme = (self.parts.manifest.get("hashing"), self.parts.manifest.get("bits"))
        if scheme != (hashing.VERSION, hashing.BITS):
            raise artifact.ModelFileError(
                f"model hashed with scheme {scheme[0]} into 2**{scheme[1]} buckets, this Citra uses scheme "
                f"{hashing.VERSION} and 2**{hashing.BITS}: train it again with `citra sentiment train`"
            )
        self._word = _Table(self.parts.word_buckets, self.parts.word_rows)
        self._char = _Table(self.parts.char_buckets, self.parts.char_rows)
        self._word_map = hashing.word_map_arrays(self.parts.standard_words)
        self._heads = len(self.parts.manifest.get("heads", [None]))
        self._temperature = np.array(self.parts.manifest["temperature"], dtype=np.float32).reshape(-1)

    @property
    def version(self) -> str:
        return version_of(self.sha256)

    @property
    def manifest(self) -> dict:
        return self.parts.manifest

    def _batch(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Raw scores of each text's head (texts x classes) and the head (0: lower case, 1: cased)."""
        features = hashing.featurize(texts, self._word_map, cased=self._heads > 1)
        w = self._word.sums(features.word)
        spelled = self._char.sums(features.spellings[0])  # per distinct word of the batch
        for block in features.spellings[1:]:
            spelled += self._char.sums(block)
        c = features.uses @ spelled
        k = len(self.labels)
        w_norm, c_norm = np.sqrt(w[:, -1]), np.sqrt(c[:, -1])
        w_norm[w_norm == 0] = 1
        c_norm[c_norm == 0] = 1
        head = features.cased.astype(np.int64) if self._heads > 1 else np.zeros(len(texts), dtype=np.int64)
        columns = head[:, None] * k + np.arange(k)
        rows = np.arange(len(texts))[:, None]
        scores = w[rows, columns] / w_norm[:, None] + c[rows, columns] / c_norm[:, None]
        return scores + self.parts.intercept[head], head

    def _scores_and_heads(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        texts = list(texts)
        scores = np.empty((len(texts), len(self.labels)), dtype=np.float32)
        heads = np.empty(len(texts), dtype=np.int64)
        size = min(BATCH, max(MIN_SHARE, -(-len(texts) // max(1, self.threads))))
        starts = range(0, len(texts), size)
        batches = [texts[s : s + size] for s in starts]
        if self.threads > 1 and len(batches) > 1:
            with ThreadPoolExecutor(min(self.threads, len(batches))) as pool:
                results = list(pool.map(self._batch, batches))
        else:
            results = [self._batch(b) for b in batches]
        for s, (batch_scores, batch_heads) in zip(starts, results):
            scores[s : s + len(batch_heads)] = batch_scores
            heads[s : s + len(batch_heads)] = batch_heads
        return scores, heads

    def scores(self, texts: list[str]) -> np.ndarray:
        """Raw linear scores of each text's head, texts x classes (an empty text gets the intercepts)."""
        return self._scores_and_heads(texts)[0]

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Class probabilities: softmax of the scores at the temperature of the text's head,
        fitted on held-out folds."""
        scores, heads = self._scores_and_heads(texts)
        return softmax(scores, self._temperature[heads][:, None])

    def predict(self, texts: list[str]) -> tuple[list[str], np.ndarray]:
        """A label per text and its confidence (the probability of that label, in [0, 1])."""
        p = self.probabilities(list(texts))
        best = p.argmax(axis=1)
        return [self.labels[i] for i in best], p[np.arange(len(best)), best]


def load_model(path: Path | str | None = None) -> Model:
    """The shipped model (hash-checked), or the model file at `path` (e.g. one trained with corrections)."""
    if path is None:
        return _shipped()
    path = Path(path)
    return Model(artifact.read(path), artifact.sha256_of(path))


@lru_cache(maxsize=1)
def _shipped() -> Model:
    expected = ARTIFACT_SHA256.read_text().split()[0]
    actual = artifact.sha256_of(ARTIFACT)
    if actual != expected:
        raise artifact.ModelFileError(
            f"{ARTIFACT.name}: SHA-256 {actual[:12]}... differs from the recorded {expected[:12]}...; "
            "rebuild it with `python -m sentiment train --output sentiment/artifacts/citra-sentiment.zip`"
        )
    return Model(artifact.read(ARTIFACT), actual)
