"""Keyword votes: how many of each issue's keywords (whole words or phrases) a text holds."""

from __future__ import annotations

from collections.abc import Sequence

from issues.taxonomy import words


class KeywordMatcher:
    """Counts keyword hits per issue; a phrase counts once however often it appears."""

    def __init__(self, keywords: Sequence[tuple[str, tuple[str, ...]]]):
        self.issues = sorted({code for code, _ in keywords})
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for code, phrase in keywords:
            self._by_first.setdefault(phrase[0], []).append((code, phrase))

    def hits(self, text: str) -> dict[str, int]:
        tokens = words(text)
        found: set[tuple[str, tuple[str, ...]]] = set()
        for i, token in enumerate(tokens):
            for code, phrase in self._by_first.get(token, ()):
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    found.add((code, phrase))
        counts: dict[str, int] = {}
        for code, _ in found:
            counts[code] = counts.get(code, 0) + 1
        return counts
