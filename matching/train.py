"""Train the learned pair scorer (``python -m matching train``): a deliberate command whose output,
``matching/pair_model.json``, is committed; a build only reads it.

The training pairs are what the matcher meets in a run: the DuckDB candidate search
(``matching.candidates``) over each labelled set with the sample's ordinary headlines around it,
every candidate pair a row (``matching.features``), labelled 1 when the mention carries that
document. Pairs decided by a link (the URL rule) take no part: they never reach the model.

Before it writes the model the command measures it the way a held-out set would: each hand-made
set left out in turn (the model trained on the others and the generator's rewrites), and the
generator's rewrites in four folds by release; the figures go into the file. A set named in
``HELD_OUT`` is never read here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

from ingestion.memory import cap_memory
from matching.candidates import find_candidates, load_mentions
from matching.documents import Document, MatchSettings, Mention, mentions_table
from matching.features import ELSEWHERE_FACTOR, FEATURES, elsewhere, pair_features
from matching.labelled import LabelledSet, load_set
from matching.learned import MODEL_PATH, model_digest
from matching.score import Score, url_score

TRAINING_SETS = ("dev", "heldout", "heldout_b", "heldout_c", "heldout_d", "heldout_e", "sample")
HELD_OUT = ("heldout_f",)  # written by someone who never saw the matcher; evaluated, never trained on
BACKGROUND = 20_000
REGULARIZATION = 3.0  # sklearn's C, chosen by the leave-one-set-out figures (docs/agenda.md)
ACCEPT, REVIEW = 0.6, 0.3  # the thresholds on the probability that the figures are measured at
SAMPLE_FOLDS = 4


@dataclass(frozen=True)
class Pair:
    set_name: str
    doc_id: str
    mention_id: str
    label: int
    values: tuple[float, ...]  # empty for a pair the URL rule decides (probability 1, not trained on)
    elsewhere: bool = False  # the mention names another province (``features.elsewhere``)


def candidate_pairs(
    labelled: LabelledSet, settings: MatchSettings | None = None
) -> tuple[list[tuple[Document, Mention]], dict[str, float]]:
    """The candidate pairs of a labelled set, as a run finds them (but a mention's own page),
    and the terms' rarity among its mentions."""
    con = cap_memory(duckdb.connect())
    try:
        con.register("_labelled", mentions_table(labelled.mentions))
        count = load_mentions(con, "select * from _labelled", {}, labelled.documents)
        rarity: dict[str, float] = {}
        found = find_candidates(con, labelled.documents, settings or MatchSettings(), count, rarity)
    finally:
        con.close()
    docs = {d.doc_id: d for d in labelled.documents}
    mentions = {x.mention_id: x for x in labelled.mentions}
    pairs = [(docs[d], mentions[x]) for d, x in found]
    return [(d, x) for d, x in pairs if (url_score(d, x) or _TEXT).matched_on != "self"], rarity


_TEXT = Score(0.0, "text")


def labelled_pairs(labelled: LabelledSet) -> list[Pair]:
    """Every candidate pair of ``labelled`` with its label and features (none for a link)."""
    pairs, rarity = candidate_pairs(labelled)
    return [
        Pair(
            labelled.name,
            d.doc_id,
            x.mention_id,
            int(labelled.truth.get(x.mention_id) == d.doc_id),
            () if url_score(d, x) else pair_features(d, x, rarity),
            elsewhere(d, x),
        )
        for d, x in pairs
    ]


def load_training_set(name: str, background: int = BACKGROUND) -> LabelledSet:
    """A training set with the sample's ordinary headlines around it (``sample``: the generator's)."""
    from sample_data.release_labels import labelled_sample, with_background

    if name in HELD_OUT:
        raise ValueError(f"{name} is held out: it is evaluated (python -m matching evaluate), never trained on")
    if name == "sample":
        return labelled_sample(background=background)
    return with_background(load_set(name), background)


def fit(pairs: Sequence[Pair]) -> tuple[list[float], float]:
    """Coefficients and intercept of the logistic regression on ``pairs`` (deterministic)."""
    from sklearn.linear_model import LogisticRegression

    text = [p for p in pairs if p.values]
    x = np.array([p.values for p in text])
    y = np.array([p.label for p in text])
    model = LogisticRegression(C=REGULARIZATION, max_iter=5000).fit(x, y)
    # 4 places: the solver's last digits vary with the BLAS threads, the model must not
    return [round(float(c), 4) for c in model.coef_[0]], round(float(model.intercept_[0]), 4)


def _probabilities(pairs: Sequence[Pair], coefficients: list[float], intercept: float) -> np.ndarray:
    """The model's probability per pair as ``learned.learned_score`` gives it; 1 for a pair the
    URL rule decides."""
    w = np.array(coefficients)
    return np.array(
        [
            (1.0 / (1.0 + np.exp(-(np.dot(p.values, w) + intercept)))) * (ELSEWHERE_FACTOR if p.elsewhere else 1.0)
            if p.values
            else 1.0
            for p in pairs
        ]
    )


def figures(pairs: Sequence[Pair], probabilities: np.ndarray, truth: dict[str, str], accept: float) -> dict:
    """Precision, recall and decoys counted when each mention takes its most probable document
    at or above ``accept`` (the run's rule, ``matching.assign``)."""
    best: dict[str, tuple[str, float]] = {}
    for pair, p in zip(pairs, probabilities, strict=True):
        if p >= accept and (pair.mention_id not in best or p > best[pair.mention_id][1]):
            best[pair.mention_id] = (pair.doc_id, float(p))
    pickups = sum(1 for d in truth.values() if d)
    right = sum(1 for m, (d, _) in best.items() if truth.get(m) == d)
    return {
        "precision": round(right / len(best), 4) if best else 1.0,
        "recall": round(right / pickups, 4) if pickups else 1.0,
        "decoys_counted": sum(1 for m in best if not truth.get(m)),
        "pickups": pickups,
    }


def cross_validate(sets: dict[str, tuple[list[Pair], dict[str, str]]], accept: float = ACCEPT) -> dict[str, dict]:
    """Each hand-made set left out in turn; the generator's rewrites in folds by release."""
    result = {}
    for held, (pairs, truth) in sets.items():
        if held == "sample":
            continue
        train = [p for name, (ps, _) in sets.items() if name != held for p in ps]
        coefficients, intercept = fit(train)
        result[held] = figures(pairs, _probabilities(pairs, coefficients, intercept), truth, accept)
    if "sample" in sets:
        pairs, truth = sets["sample"]
        hand = [p for name, (ps, _) in sets.items() if name != "sample" for p in ps]
        fold = {p.doc_id: int("".join(ch for ch in p.doc_id if ch.isdigit()) or 0) % SAMPLE_FOLDS for p in pairs}
        scored: list[Pair] = []
        probabilities: list[float] = []
        for k in range(SAMPLE_FOLDS):
            test = [p for p in pairs if fold[p.doc_id] == k]
            coefficients, intercept = fit(hand + [p for p in pairs if fold[p.doc_id] != k])
            scored += test
            probabilities += list(_probabilities(test, coefficients, intercept)) if test else []
        result["sample"] = figures(scored, np.array(probabilities), truth, accept)
    return result


def training_digest(pairs: Sequence[Pair]) -> str:
    """SHA-256 of the training table (set, pair, label, features rounded to 9 places)."""
    h = hashlib.sha256()
    for p in sorted(pairs, key=lambda p: (p.set_name, p.doc_id, p.mention_id)):
        h.update(f"{p.set_name}|{p.doc_id}|{p.mention_id}|{p.label}|".encode())
        h.update(",".join(f"{v:.9f}" for v in p.values).encode() + b"\n")
    return h.hexdigest()


def train(names: Sequence[str] = TRAINING_SETS, path: Path = MODEL_PATH, background: int = BACKGROUND) -> dict:
    """Build the training pairs, measure by cross-validation, fit on all and write ``path``."""
    sets = {}
    for name in names:
        labelled = load_training_set(name, background)
        sets[name] = (labelled_pairs(labelled), labelled.truth)
    everything = [p for pairs, _ in sets.values() for p in pairs if p.values]
    coefficients, intercept = fit(everything)
    model = {
        "method": f"logistic regression over matching.features (sklearn, C={REGULARIZATION})",
        "features": list(FEATURES),
        "coefficients": coefficients,
        "intercept": intercept,
        "sha256": model_digest(list(FEATURES), coefficients, intercept),
        "trained_on": {
            name: {
                "text_pairs": sum(1 for p in pairs if p.values),
                "carrying_text_pairs": sum(p.label for p in pairs if p.values),
            }
            for name, (pairs, _) in sets.items()
        },
        "background_headlines": background,
        "training_table_sha256": training_digest(everything),
        "cross_validation": {"accept": ACCEPT, "left_out": cross_validate(sets)},
    }
    path.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    return model
