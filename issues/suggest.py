"""Combine keyword votes and the classifier into one suggested issue per text.

- keywords only: the issue with most keyword hits; confidence = its share of all hits (1.0
  when only one issue's keywords occur). No hit: no suggestion.
- with a classifier: the average of the classifier's probabilities and the keyword shares
  (the classifier alone when no keyword occurs); confidence = the winner's average.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from issues.classifier import IssueClassifier
from issues.keywords import KeywordMatcher


@dataclass(frozen=True)
class Suggestion:
    issue: str
    confidence: float
    method: str  # keywords, classifier or both


class Suggester:
    def __init__(self, matcher: KeywordMatcher, classifier: IssueClassifier | None = None):
        self.matcher = matcher
        self.classifier = classifier
        self.issues = sorted(set(matcher.issues) | set(classifier.issues if classifier else ()))

    def suggest(self, texts: Sequence[str]) -> list[Suggestion | None]:
        index = {issue: k for k, issue in enumerate(self.issues)}
        shares = np.zeros((len(texts), len(self.issues)))
        for row, text in enumerate(texts):
            hits = self.matcher.hits(text)
            total = sum(hits.values())
            for issue, n in hits.items():
                shares[row, index[issue]] = n / total
        has_hits = shares.sum(axis=1) > 0
        if self.classifier is None:
            combined, method = shares, np.where(has_hits, "keywords", "")
        else:
            probabilities = np.zeros_like(shares)
            columns = [index[i] for i in self.classifier.issues]
            probabilities[:, columns] = self.classifier.probabilities(texts)
            combined = np.where(has_hits[:, None], (probabilities + shares) / 2, probabilities)
            method = np.where(has_hits, "both", "classifier")
        out: list[Suggestion | None] = []
        for row in range(len(texts)):
            if not method[row]:
                out.append(None)
                continue
            best = int(combined[row].argmax())  # ties: the first issue in code order
            out.append(Suggestion(self.issues[best], round(float(combined[row, best]), 6), str(method[row])))
        return out
