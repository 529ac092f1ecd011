"""A light Indonesian stemmer: the same key for the active, passive and noun forms of a word.

Outlets rewrite *Gubernur meresmikan jembatan* as *jembatan diresmikan gubernur* or *peresmian
jembatan*; all three must meet on ``resmi``. Without a dictionary (Nazief-Adriani needs one)
the rules strip a loanword's -isasi or -asi (*vaksinasi*, *vaksin*), else particles (-nya,
-lah, -kah, -pun) and one derivational suffix (-kan, -an, and -i after a prefix), then up to two
prefixes (me-, di-, pe-, ter-, ber-, ke-, per-) with the
nasal changes of meN-/peN-. A nasal prefix swallows the first consonant of some roots
(*menanam* from *tanam*, *menyalurkan* from *salur*, *mengunjungi* from *kunjung*, *memantau*
from *pantau*), which cannot be told apart from a root that starts with a vowel, so every key
drops a first k, p, t, s (or r, which pe- and per- blur) before a vowel: *tanam*, *menanam*
and *ditanam* all become ``anam``. The keys are not words; they only need to agree with each other.
"""

from __future__ import annotations

import re
from functools import lru_cache

VOWELS = frozenset("aeiou")
PARTICLES = ("nya", "lah", "kah", "pun")
# first letters a nasal prefix swallows (k, p, t, s), and r, which pe- and per- blur
# (*peresmian* is pe-resmi-an, *perusahaan* per-usaha-an)
DROPPED = frozenset("kptsr")
MIN_ROOT = 3
# prefix -> the letters a root may start with after it (None: any letter)
_NASAL = (
    ("meng", None),
    ("meny", VOWELS),
    ("mem", frozenset("bpf") | VOWELS),
    ("men", frozenset("cdjtz") | VOWELS),
    ("me", frozenset("lmnrwy")),
    ("peng", None),
    ("peny", VOWELS),
    ("pem", frozenset("bpf") | VOWELS),
    ("pen", frozenset("cdjtz") | VOWELS),
    ("per", None),
    ("pe", frozenset("lmnrwy")),
)
_PLAIN = ("di", "ter", "ber", "ke")
_WORD = re.compile(r"^[a-z]+$")


def _looks_prefixed(word: str) -> bool:
    return word.startswith(("me", "di", "pe", "ter", "ber"))


def _strip_suffix(word: str) -> str:
    # loanwords: *vaksinasi* is the noun of *vaksin*, *normalisasi* of *normal*
    for loan, shortest in (("isasi", 4), ("asi", 5)):
        if word.endswith(loan) and len(word) - len(loan) >= shortest:
            return word[: -len(loan)]
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 4:
            word = word[: -len(particle)]
            break
    # pe-...-an and ke-...-an make nouns: *pelantikan* is pe-lantik-an, never pe-lanti-kan
    suffixes = ("an",) if word.startswith(("pe", "ke")) else ("kan", "an")
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    if word.endswith("i") and (len(word) >= 7 or (_looks_prefixed(word) and len(word) >= 6)):
        return word[:-1]
    return word


def _strip_prefix(word: str) -> str:
    for prefix, followers in _NASAL:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= MIN_ROOT and (followers is None or rest[0] in followers):
            return rest
    for prefix in _PLAIN:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= MIN_ROOT + 1:
            return rest
    return word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The key of an Indonesian word (lower case, letters only); other tokens come back as given."""
    if len(word) <= 4 or not _WORD.match(word):
        return word
    key = _strip_suffix(word)
    for _ in range(2):  # memper-, diper-, diber-: two prefixes at most
        shorter = _strip_prefix(key)
        if shorter == key:
            break
        key = shorter
    if len(key) > MIN_ROOT and key[0] in DROPPED and key[1] in VOWELS:
        key = key[1:]
    return key


def _root(word: str) -> str:
    """``stem`` without its last step: the root as written (``resmi``, not ``esmi``)."""
    if len(word) <= 4 or not _WORD.match(word):
        return word
    root = _strip_suffix(word)
    for _ in range(2):
        shorter = _strip_prefix(root)
        if shorter == root:
            break
        root = shorter
    return root


def _nasal(head: str, root: str) -> str:
    """``head`` (me or pe) with its nasal before ``root``: mem+bangun, men+anam (t), meny+alur (s)."""
    first = root[0]
    if first in "kpts":
        return head + {"k": "ng", "p": "m", "t": "n", "s": "ny"}[first] + root[1:]
    if first in "bfv":
        return head + "m" + root
    if first in "cdjz":
        return head + "n" + root
    if first in "gh" or first in VOWELS:
        return head + "ng" + root
    return head + root


def surface_forms(word: str) -> set[str]:
    """Words that share ``word``'s key: its affixed forms (di-, me-, pe-, ter-, ber-, ke-, -kan,
    -i, -an, -nya), so a search can find *diresmikan* from *meresmikan* without reading every
    word of every mention first."""
    key = stem(word)
    if key == word and len(word) <= 4:
        return {word}
    roots = {_root(word), key}
    if word.startswith(("men", "mem", "pen", "pem")):  # a nasal may have swallowed k, p, t or s
        roots.update(letter + key for letter in DROPPED)
    found = {word}
    for root in roots:
        if len(root) < MIN_ROOT:
            continue
        me, pe = _nasal("me", root), _nasal("pe", root)
        for form in (
            root, root + "kan", root + "an", root + "i", root + "nya", "di" + root, "di" + root + "kan",
            "di" + root + "i", "ter" + root, "ber" + root, "ke" + root + "an", "per" + root + "an", me,
            root + "asi", root + "isasi",
            me + "kan", me + "i", pe, pe + "an", "memper" + root + "kan", "diper" + root + "kan", "se" + root,
        ):  # fmt: skip
            if stem(form) == key:
                found.add(form)
    return found
