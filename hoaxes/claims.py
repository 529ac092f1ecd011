"""A claim's identity: two register rows name the same hoax when they have the same ``hoax_id``,
or, without one, the same claim once normalized (docs/hoaxes.md, "The register").

Normalized: lower case, accents stripped, every run of characters that is not a letter or a
digit one space, and a leading label such as ``[HOAKS]`` or ``Hoaks:`` dropped, so a claim
copied again with other capitals, punctuation or label is the same claim. A hoax registered
without an id gets ``HX-`` and the first 8 hex digits of the SHA-256 of its normalized claim:
the same id on every build, and the same for a later row with the same claim.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

LABEL = re.compile(r"^(?:hoaks|hoax|disinformasi|misinformasi|malinformasi|cek fakta|klarifikasi)\s+")
CATEGORIES = ("hoaks", "disinformasi", "misinformasi", "malinformasi")
# how a register may write a category -> Citra's category
CATEGORY_ALIASES = {
    "hoaks": "hoaks",
    "hoax": "hoaks",
    "hoaxes": "hoaks",
    "disinformasi": "disinformasi",
    "disinformation": "disinformasi",
    "misinformasi": "misinformasi",
    "misinformation": "misinformasi",
    "malinformasi": "malinformasi",
    "malinformation": "malinformasi",
}


def fold(text: str | None) -> str:
    """Lower case, no accents, letters and digits separated by single spaces."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def claim_key(claim: str | None) -> str:
    """The normalized claim (module docstring); '' for no claim."""
    key = fold(claim)
    previous = None
    while previous != key:
        previous, key = key, LABEL.sub("", key)
    return key


def generated_id(key: str) -> str:
    """The id of a hoax registered without one: ``HX-`` and 8 hex digits of its claim key."""
    return "HX-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8].upper()


def standard_category(text: str | None) -> str | None:
    """hoaks, disinformasi, misinformasi or malinformasi (English words too); None if unknown."""
    return CATEGORY_ALIASES.get(fold(text))


def keyword_list(text: str | None) -> list[str]:
    """Keywords as a register cell writes them: separated by ``;``, ``|``, a comma followed by a
    space, or new lines (a comma inside a number, *3,5 juta*, stays)."""
    parts = re.split(r"[;|\n]|,\s+", text or "")
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))
