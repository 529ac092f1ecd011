"""Accuracy of the issue suggestions on a time split: trained on the labelled mentions of the
earlier months, scored on those of the later months (the way suggestions are used: the past
teaches the present). The later months hold at least TEST_SHARE of the labelled texts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from issues.classifier import train_classifier
from issues.keywords import KeywordMatcher
from issues.suggest import Suggester
from issues.taxonomy import issue_keywords

TEST_SHARE = 0.2


@dataclass(frozen=True)
class IssueEvaluation:
    cut_month: object
    train: int
    test: int
    classifier_issues: int
    keyword_accuracy: float
    keyword_coverage: float
    accuracy: float
    coverage: float

    def report(self) -> list[str]:
        return [
            f"time split: trained on {self.train} labelled texts before {self.cut_month}, "
            f"tested on {self.test} from {self.cut_month} on",
            f"classifier: {'on ' + str(self.classifier_issues) + ' issues' if self.classifier_issues else 'not enough labelled data (keywords only)'}",
            f"keywords alone: accuracy {self.keyword_accuracy:.4f}, coverage {self.keyword_coverage:.4f}",
            "",
            f"accuracy={self.accuracy:.4f} coverage={self.coverage:.4f} n={self.test} train={self.train}",
        ]


def split_by_time(rows: Sequence[tuple[str, str, object]]) -> tuple[object, list, list]:
    """(cut month, earlier rows, rows from the cut on): the latest months with >= TEST_SHARE of rows."""
    per_month = Counter(month for _, _, month in rows)
    months = sorted(per_month)
    if len(months) < 2:
        raise ValueError("a time split needs labelled mentions in at least two months")
    held, cut = 0, months[-1]
    for month in reversed(months[1:]):
        held += per_month[month]
        cut = month
        if held >= TEST_SHARE * len(rows):
            break
    return cut, [r for r in rows if r[2] < cut], [r for r in rows if r[2] >= cut]


def _score(suggester: Suggester, test: Sequence[tuple[str, str, object]]) -> tuple[float, float]:
    suggestions = suggester.suggest([t for t, _, _ in test])
    right = sum(s is not None and s.issue == issue for s, (_, issue, _) in zip(suggestions, test))
    made = sum(s is not None for s in suggestions)
    return right / len(test), made / len(test)


def evaluate_time_split(rows: Sequence[tuple[str, str, object]]) -> IssueEvaluation:
    """Rows are (text, true issue, first month); accuracy counts a missing suggestion as wrong."""
    cut, train, test = split_by_time(rows)
    matcher = KeywordMatcher(issue_keywords())
    keyword_accuracy, keyword_coverage = _score(Suggester(matcher), test)
    classifier = train_classifier([(t, i) for t, i, _ in train])
    accuracy, coverage = _score(Suggester(matcher, classifier), test)
    known = len(classifier.issues) if classifier else 0
    return IssueEvaluation(cut, len(train), len(test), known, keyword_accuracy, keyword_coverage, accuracy, coverage)
