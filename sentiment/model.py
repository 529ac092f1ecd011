"""Load a sentiment model and label texts: `load_model().predict(texts) -> (labels, confidences)`.

The shipped model is `sentiment/artifacts/citra-sentiment.zip`, reproduced byte for byte by
`python -m sentiment train --check`; its SHA-256 is recorded next to it and checked on load,
so a model that changed without its hash being updated is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from sentiment import artifact
from sentiment.features import Featurizer
from sentiment.labelled import LABELS

ARTIFACT = Path(__file__).parent / "artifacts" / "citra-sentiment.zip"
ARTIFACT_SHA256 = ARTIFACT.with_suffix(".sha256")
BATCH = 20_000  # texts featurized at once: bounds memory on million-row batches


def version_of(sha256: str) -> str:
    """Model version string stored with every prediction: changes whenever the model does."""
    return f"citra-sentiment-{sha256[:12]}"


@dataclass
class Model:
    featurizer: Featurizer
    coef: np.ndarray  # classes x features, float32
    intercept: np.ndarray  # classes, float32
    manifest: dict
    sha256: str
    labels: tuple[str, ...] = field(default=LABELS)

    @property
    def version(self) -> str:
        return version_of(self.sha256)

    def scores(self, texts: list[str]) -> np.ndarray:
        """Raw linear scores, texts x classes."""
        out = np.empty((len(texts), len(self.labels)), dtype=np.float32)
        weights = self.coef.T
        for start in range(0, len(texts), BATCH):
            x = self.featurizer.transform(texts[start : start + BATCH])
            out[start : start + BATCH] = x @ weights + self.intercept
        return out

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Class probabilities: softmax of the scores at the temperature fitted on held-out folds."""
        z = self.scores(texts) / np.float32(self.manifest["temperature"])
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

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
    featurizer, coef, intercept, manifest = artifact.read(path)
    return Model(featurizer, coef, intercept, manifest, artifact.sha256_of(path))


@lru_cache(maxsize=1)
def _shipped() -> Model:
    expected = ARTIFACT_SHA256.read_text().split()[0]
    actual = artifact.sha256_of(ARTIFACT)
    if actual != expected:
        raise artifact.ModelFileError(
            f"{ARTIFACT.name}: SHA-256 {actual[:12]}... differs from the recorded {expected[:12]}...; "
            "rebuild it with `python -m sentiment train --output sentiment/artifacts/citra-sentiment.zip`"
        )
    featurizer, coef, intercept, manifest = artifact.read(ARTIFACT)
    return Model(featurizer, coef, intercept, manifest, actual)
