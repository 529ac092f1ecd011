"""An issue classifier trained on the office's own labelled mentions: TF-IDF word and
character n-grams (the sentiment model's featurizer, without the Banjar lexicon) and a
multinomial logistic regression, whose probabilities serve as confidences.

"Enough" labelled data: at least MIN_TEXTS distinct texts overall, and an issue takes part
only with at least MIN_PER_ISSUE texts of its own (fewer, and the classifier would mostly
echo the keywords); below that, suggestions come from keywords alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sentiment.features import Featurizer

MIN_TEXTS = 200
MIN_PER_ISSUE = 20
MAX_TEXTS = 20_000  # trained on at most this many texts (evenly spread over the labelled data)
SEED = 0


@dataclass
class IssueClassifier:
    featurizer: Featurizer
    issues: list[str]
    model: object  # sklearn LogisticRegression

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """texts x issues (in the order of `self.issues`)."""
        if not texts:
            return np.zeros((0, len(self.issues)))
        return self.model.predict_proba(self.featurizer.transform(list(texts)))


def train_classifier(examples: Sequence[tuple[str, str]]) -> IssueClassifier | None:
    """Fit on (text, issue code) pairs, or None when there is not enough labelled data."""
    from sklearn.linear_model import LogisticRegression

    counts = Counter(issue for _, issue in examples)
    usable = sorted(issue for issue, n in counts.items() if n >= MIN_PER_ISSUE)
    kept = [(t, i) for t, i in examples if i in usable]
    if len(usable) < 2 or len(kept) < MIN_TEXTS:
        return None
    if len(kept) > MAX_TEXTS:
        step = len(kept) / MAX_TEXTS
        kept = [kept[int(k * step)] for k in range(MAX_TEXTS)]
    texts = [t for t, _ in kept]
    featurizer = Featurizer.fit(texts, {})
    y = np.array([usable.index(i) for _, i in kept])
    model = LogisticRegression(C=10, max_iter=2000, random_state=SEED).fit(featurizer.transform(texts), y)
    return IssueClassifier(featurizer, usable, model)


def save_classifier(path: Path, classifier: IssueClassifier) -> None:
    """Write the classifier as plain arrays (no pickle), atomically (temp file + rename)."""
    f, model = classifier.featurizer, classifier.model
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("wb") as out:
        np.savez(
            out,
            issues=np.array(classifier.issues, dtype=str),
            word_vocab=np.array(f.word_vocab, dtype=str),
            char_vocab=np.array(f.char_vocab, dtype=str),
            word_idf=f.word_idf,
            char_idf=f.char_idf,
            coef=model.coef_,
            intercept=model.intercept_,
        )
    partial.replace(path)


def load_classifier(path: Path) -> IssueClassifier:
    """A classifier written by `save_classifier`: the same probabilities as when it was saved."""
    from sklearn.linear_model import LogisticRegression

    with np.load(path, allow_pickle=False) as arrays:
        parts = {name: arrays[name] for name in arrays.files}
    featurizer = Featurizer(
        [str(g) for g in parts["word_vocab"]],
        [str(g) for g in parts["char_vocab"]],
        parts["word_idf"],
        parts["char_idf"],
        {},
    )
    if parts["coef"].shape[1] != featurizer.n_features:
        raise ValueError(f"{path.name}: {parts['coef'].shape[1]} weights for {featurizer.n_features} features")
    model = LogisticRegression(C=10, max_iter=2000, random_state=SEED)
    model.coef_, model.intercept_ = parts["coef"], parts["intercept"]
    model.classes_ = np.arange(len(parts["issues"]))
    model.n_features_in_ = featurizer.n_features
    return IssueClassifier(featurizer, [str(i) for i in parts["issues"]], model)
