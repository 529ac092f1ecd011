"""Spread or debunk: what a mention that carries a registered claim does with it.

A mention **debunks** the claim when it is a clarification, a fact-check, a denial or a warning:

- it is a post of a registered official account (seed ``accounts``), or
- it links to the hoax's ``klarifikasi_url``, or
- its text holds a debunk cue (``DEBUNK_CUES``): *hoaks*, *hoax*, *tidak benar*, *klarifikasi*,
  *cek fakta*, *bantah* / *membantah* / *dibantah*, *disinformasi*, *penipuan*, *palsu*, ..., or
- it negates a word of the claim that the claim does not negate (*Tidak Jebol*, *tidak ada
  pendaftaran* against a claim that a dam burst, that registration is open).

It **spreads** the claim otherwise: it repeats it, supports it, reports it without denying it
or asks whether it is true. A cue that denies the denial (*bukan hoaks*, *ini beneran*) is
support: that mention spreads. A mention with both a support cue and another debunk cue is
unclear and goes to the review queue (``Role.sure`` False).

Texts are folded first (lower case, no accents, punctuation as spaces), so ``[HOAKS]``,
``Hoaks!`` and ``#hoaks`` are the same cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoaxes.claims import fold
from matching.normalize import terms
from matching.urls import url_key, urls_in

# (name, pattern over the folded text); the name says in the review queue why
DEBUNK_CUES: tuple[tuple[str, str], ...] = (
    ("hoaks", r"\b(?:hoaks|hoax|hoaxs|hoak)\b"),
    ("tidak benar", r"\b(?:tidak|tak) benar\b"),
    ("klarifikasi", r"\b(?:di|meng)?klarifikasi\b"),
    ("cek fakta", r"\bcek fakta\b|\bfaktanya\b"),
    ("bantah", r"\b(?:mem|di)?bantah(?:an|kan)?\b"),
    ("disinformasi", r"\b(?:dis|mis|mal)informasi\b"),
    ("berita bohong", r"\b(?:berita|kabar|informasi|info) bohong\b"),
    ("palsu", r"\bpalsu\b"),
    ("penipuan", r"\bpenipuan\b"),
    ("menyesatkan", r"\bmenyesatkan\b|\bkeliru\b"),
)
SUPPORT_CUES: tuple[tuple[str, str], ...] = (
    ("bukan hoaks", r"\b(?:bukan|tidak|kada|bukanlah) (?:hoaks|hoax|hoak|berita bohong)\b"),
)
# a denial negates the claim's own words: "Tidak Jebol", "tidak ada pendaftaran"
NEGATION = re.compile(r"\b(?:tidak|tak|bukan|kada|nggak|gak|enggak)(?: ada)? ([a-z]+)")
_DEBUNK = tuple((name, re.compile(p)) for name, p in DEBUNK_CUES)
_SUPPORT = tuple((name, re.compile(p)) for name, p in SUPPORT_CUES)


@dataclass(frozen=True)
class Role:
    """What a mention does with a claim, how sure, and why (the cue)."""

    role: str  # spread | debunk
    sure: bool
    cue: str  # official account, klarifikasi link, the cue's name, or 'no debunk cue'


def negates(folded: str, claim: str) -> bool:
    """Whether ``folded`` negates a word of ``claim`` that the claim itself does not negate."""
    words = set(terms(claim))
    said = {stem for stem in (_stem(w) for w in NEGATION.findall(fold(claim))) if stem}
    return any((stem := _stem(w)) in words and stem not in said for w in NEGATION.findall(folded))


def _stem(word: str) -> str | None:
    found = terms(word)
    return found[0] if found else None


def cues(text: str, claim: str = "") -> tuple[list[str], list[str]]:
    """(debunk cues, support cues) found in ``text`` about ``claim``."""
    folded = fold(text)
    support = [name for name, pattern in _SUPPORT if pattern.search(folded)]
    if support:  # "bukan hoaks" must not also count as the cue "hoaks"
        folded = _SUPPORT[0][1].sub(" ", folded)
    debunk = [name for name, pattern in _DEBUNK if pattern.search(folded)]
    if claim and negates(folded, claim):
        debunk.append("menyangkal klaim")
    return debunk, support


def classify(
    title: str,
    snippet: str = "",
    *,
    claim: str = "",
    official: bool = False,
    links: str | None = None,
    klarifikasi_url: str | None = None,
) -> Role:
    """The role of a mention (module docstring). ``links``: its expanded URLs, if the export has
    them; ``official``: its author is a registered official account."""
    if official:
        return Role("debunk", True, "official account")
    debunk, support = cues(f"{title} {snippet}", claim)
    target = url_key(klarifikasi_url)
    linked = target is not None and target in urls_in(title, snippet, links)
    if linked and not support:
        return Role("debunk", True, "klarifikasi link")
    if support:
        return Role("spread", not (debunk or linked), "support: " + ", ".join(support + debunk))
    if debunk:
        return Role("debunk", True, ", ".join(debunk))
    return Role("spread", True, "no debunk cue")
