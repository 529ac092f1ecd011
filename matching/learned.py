"""The learned pair scorer: a logistic regression over ``matching.features``, trained on the
labelled sets by a deliberate command (``python -m matching train``), never during a build.

Why: the hand-made coverage score (``matching.score``) weighs the document's headline heavily,
so a headline built from one detail of a release (*Warga Banjarbaru dan Martapura Segera Dapat
Tambahan Air Bersih*, from the lead of a release on a water project) scores near 0 however much
of it comes from the release. The model weighs the same evidence by what separated pickups from
decoys in the labelled sets: most of all where the mention's words come from and whether it
has words of its own, then conflicting numbers and places and how long after the release it
appeared. Its output is a probability, and the thresholds of ``agenda.yml`` are on it. One rule
stays a rule: a mention naming another province the release does not name (``features.elsewhere``)
has its probability halved, so it waits in the review queue at best.

The artifact is ``matching/pair_model.json``: the feature names, coefficients and intercept,
the sets and pair counts it was trained on, the SHA-256 of its training table (the same
command on the same sets writes the same file) and the leave-one-set-out figures that chose it.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matching.documents import Document, Mention
from matching.features import ELSEWHERE_FACTOR, FEATURES, elsewhere, pair_features
from matching.score import METHODS as HAND_METHODS
from matching.score import Score, coverage_score, url_score

MODEL_PATH = Path(__file__).parent / "pair_model.json"


@dataclass(frozen=True)
class PairModel:
    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    sha256: str  # of the file's model part (features, coefficients, intercept)

    def probability(self, values: tuple[float, ...]) -> float:
        """P(the mention carries the document) for the features' values."""
        z = self.intercept + sum(c * v for c, v in zip(self.coefficients, values, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def model_digest(features: list[str], coefficients: list[float], intercept: float) -> str:
    """SHA-256 of a model's parameters, as stored (the matcher's version depends on it)."""
    payload = json.dumps({"features": features, "coefficients": coefficients, "intercept": intercept})
    return hashlib.sha256(payload.encode()).hexdigest()


def read_model(path: Path = MODEL_PATH) -> PairModel:
    """The model of ``path``; an error naming the file when it is missing, damaged or built for
    other features than this code computes."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        features, coefficients, intercept = data["features"], data["coefficients"], data["intercept"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a pair model ({exc}); run `python -m matching train`") from exc
    if tuple(features) != FEATURES or len(coefficients) != len(FEATURES):
        raise ValueError(
            f"{path}: trained on features {features}, the code computes {list(FEATURES)}; "
            "run `python -m matching train`"
        )
    digest = model_digest(features, coefficients, intercept)
    if data.get("sha256") != digest:
        raise ValueError(f"{path}: sha256 {data.get('sha256')} does not match its parameters ({digest})")
    return PairModel(tuple(features), tuple(float(c) for c in coefficients), float(intercept), digest)


@cache
def shipped_model() -> PairModel:
    return read_model()


def learned_score(
    doc: Document, mention: Mention, model: PairModel | None = None, rarity: Mapping[str, float] | None = None
) -> Score:
    """The URL rule first (``matching.score.url_score``), else the model's probability, with
    the coverages and shared terms of the coverage score to say why. ``rarity``: the terms'
    inverse frequency among the mentions searched (``matching.candidates``)."""
    linked = url_score(doc, mention)
    if linked is not None:
        return linked
    model = model or shipped_model()
    why = coverage_score(doc.terms, mention.terms)
    value = model.probability(pair_features(doc, mention, rarity, why))
    if elsewhere(doc, mention):  # a rule, not a weight: the sets hold too few such stories to learn it
        value *= ELSEWHERE_FACTOR
    return Score(round(value, 6), "text", why.document_coverage, why.mention_coverage, why.shared)


METHODS = {**HAND_METHODS, "learned": learned_score}
"""Every scoring method by name: ``learned`` (the agenda's), ``coverage`` (the hoax tracer's and
the learned model's first feature) and the two baselines."""
