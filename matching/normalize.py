"""From a headline or a lead to the set of terms the matcher compares.

Steps, in order (each undoes one way outlets rewrite a release):

1. headline tags and datelines go: ``VIDEO:``, ``[FOTO]``, ``BANJARMASIN -``,
   ``BANJARMASIN, KOMPAS.com -``, ``Banjarmasin (ANTARA) -``, a trailing ``| Kalsel Pos``;
2. numbers become one value each (``matching.numbers``: *Rp 1,5 miliar* = *Rp1.500.000.000*);
3. words: lower case, no accents, reduplication folded (*desa-desa* -> *desa*);
4. phrases that name one thing become one term, longest first: agencies, officials and places
   of the seeds (``matching.seeds``), and short forms (*Pemerintah Provinsi* -> *pemprov*,
   *Kab.* -> *kabupaten* first); an acronym a text defines (*Sistem Penyediaan Air Minum (SPAM)*)
   or a run of capitalised words in running text spells (*Rumah Sakit Umum Daerah* -> *rsud*)
   is added beside its words;
5. number words become numbers (*tiga* -> 3, *kesembilan* -> 9); stop words go; every other
   word is stemmed (``matching.stem``: *diresmikan*, *meresmikan*, *peresmian* -> one key);
6. synonyms become one key (``matching.synonyms``: *genangan* -> the key of *banjir*, *ruas*
   -> *jalan*, *KTP digital* -> *ikd*; phrases of several words in step 4's table).

Word order is gone by then: the matcher compares sets of terms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from matching.lexicon import ABBREVIATIONS, ELSEWHERE, GENERIC, HEADLINE_TAGS, PHRASES, STOPWORDS
from matching.numbers import number_word, replace_numbers
from matching.seeds import seed_phrases, words
from matching.stem import stem
from matching.synonyms import canonical
from matching.synonyms import phrases as synonym_phrases

_TAGS = "|".join(re.escape(t) for t in sorted(HEADLINE_TAGS, key=len, reverse=True))
HEADLINE_PREFIXES = (
    re.compile(rf"^\s*[\[(]\s*(?:{_TAGS})\s*[\])]\s*[:|\-–—]?\s*", re.IGNORECASE),  # [FOTO] (VIDEO)
    re.compile(rf"^\s*(?:{_TAGS})\s*[:|]\s*", re.IGNORECASE),  # VIDEO: / Foto |
    re.compile(rf"^\s*(?:{_TAGS})\s+[-–—]\s+", re.IGNORECASE),  # BREAKING NEWS -
    # dateline in capitals: BANJARMASIN -, BANJARMASIN, KOMPAS.com -, TANJUNG (ANTARA) -
    re.compile(
        r"^\s*[A-Z][A-Z.'’]+(?:\s+[A-Z][A-Z.'’]+){0,3}\s*(?:,\s*[^-–—,]{2,40}?)?\s*(?:\([^)]{2,40}\))?\s*[-–—]{1,2}\s+"
    ),
    # dateline with the agency in parentheses: Banjarmasin (ANTARA) -
    re.compile(r"^\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}\s*\([A-Za-z .]{2,40}\)\s*[-–—]{1,2}\s+"),
)
HEADLINE_SUFFIXES = (
    re.compile(r"\s+\|\s+[^|]{2,40}$"),  # | Kalsel Pos
    re.compile(r"\s+[-–—]\s+[\w.]+\.(?:com|id|net|co\.id)\s*$", re.IGNORECASE),  # - Tribunnews.com
)
REDUPLICATION = re.compile(r"\b([a-z]+)-\1\b")
DEFINED_ACRONYM = re.compile(r"((?:[A-Z][a-z]+\s+(?:(?:dan|dari|untuk|atas)\s+)?){1,8})\(\s*([A-Z]{2,10})\s*\)")
CAPITALISED_RUN = re.compile(r"(?<![.!?]\s)(?<!^)\b((?:[A-Z][a-z]+\s+(?:(?:dan)\s+)?){1,7}[A-Z][a-z]+)")
LINKING = ("dan", "dari", "untuk", "atas")
YEAR = re.compile(r"^n(19|20)\d\d$")
MAX_PHRASE = 8


def strip_headline(text: str) -> str:
    """``text`` without an outlet's tags, dateline and trailing outlet name (case kept)."""
    previous = None
    while previous != text:
        previous = text
        for pattern in HEADLINE_PREFIXES:
            text = pattern.sub("", text, count=1)
        for pattern in HEADLINE_SUFFIXES:
            text = pattern.sub("", text)
    return text.strip()


@cache
def _phrase_table() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> (phrase, term), longest phrase first."""
    phrases = dict(seed_phrases())
    for phrase, term in PHRASES.items():
        phrases.setdefault(words(phrase), term)
    for phrase, term in synonym_phrases().items():
        phrases.setdefault(phrase, term)
    for province, names in ELSEWHERE.items():
        for name in names:
            phrases.setdefault(words(name), f"xp:{province}")
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, term in phrases.items():
        table.setdefault(phrase[0], []).append((phrase, term))
    for options in table.values():
        options.sort(key=lambda option: -len(option[0]))
    return table


@cache
def protected_terms() -> frozenset[str]:
    """Terms the phrase table makes: never stemmed, never stop words."""
    return frozenset(term for options in _phrase_table().values() for _, term in options)


def _initials(run: list[str]) -> str:
    return "".join(w[0] for w in run if w.lower() not in LINKING).lower()


def acronyms(text: str, running: bool) -> set[str]:
    """Acronyms ``text`` spells: ones it defines (*... Air Minum (SPAM)*), and, in running text
    (not a headline in title case), every run of 3 to 7 capitalised words by its initials."""
    found = set()
    for long_form, short in DEFINED_ACRONYM.findall(text):
        run = long_form.split()
        for start in range(len(run)):
            if _initials(run[start:]) == short.lower():
                found.add(short.lower())
    if running:
        for match in CAPITALISED_RUN.finditer(text):
            run = [w for w in match.group(1).split() if w.lower() not in LINKING]
            for size in range(3, len(run) + 1):
                for start in range(len(run) - size + 1):
                    found.add(_initials(run[start : start + size]))
    return found


def _phrases(tokens: list[str]) -> list[str]:
    table, out, i = _phrase_table(), [], 0
    while i < len(tokens):
        for phrase, term in table.get(tokens[i], ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                out.append(term)
                i += len(phrase)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def terms(text: str, *, headline: bool = False) -> list[str]:
    """The terms of ``text`` in order (a headline also loses its tags and dateline)."""
    if not text:
        return []
    if headline:
        text = strip_headline(text)
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    plain = REDUPLICATION.sub(r"\1", replace_numbers(plain))
    protected = protected_terms()
    out = []
    tokens = [ABBREVIATIONS.get(t, t) for t in re.findall(r"[a-z0-9]+", plain)]
    for token in _phrases(tokens):
        if token in protected:
            out.append(token)
        elif (number := number_word(token)) is not None:
            out.append(number)
        elif token not in STOPWORDS:
            key = canonical(stem(token))
            if key not in STOPWORDS:
                out.append(key)
    return out


@cache
def _generic_keys() -> frozenset[str]:
    return frozenset(t for w in GENERIC for t in terms(w))


def is_place(term: str) -> bool:
    """A kabupaten or kota of the seeds (not the province)."""
    return term.startswith("r:") and len(term) > 4


@lru_cache(maxsize=500_000)
def weight(term: str) -> float:
    """How much a shared term says that two texts tell the same story: a number 1.5 (a year
    0.5), a kabupaten or kota 1, an agency or an official 0.5, the province or a word of every
    government story 0.3, any other word 1."""
    if term.startswith("n") and term[1:2].isdigit():
        return 0.5 if YEAR.match(term) else 1.5
    if ":" in term:
        return 1.0 if is_place(term) else 0.3 if term.startswith("r:") else 0.5
    if term in _generic_keys():
        return 0.3
    return 1.0


@dataclass(frozen=True)
class Terms:
    """What a text says, as sets: its headline's terms and all its terms (headline, lead)."""

    title: frozenset[str]
    text: frozenset[str]

    @cached_property
    def places(self) -> frozenset[str]:
        return frozenset(t for t in self.text if is_place(t))

    @cached_property
    def numbers(self) -> frozenset[str]:
        return frozenset(t for t in self.text if t.startswith("n") and t[1:2].isdigit() and not YEAR.match(t))


@lru_cache(maxsize=200_000)
def text_terms(title: str, rest: str = "", extra: tuple[str, ...] = ()) -> Terms:
    """The ``Terms`` of a headline and the text below it (a lead, a snippet); ``extra`` are
    phrases counted as part of the headline (a hoax's keywords)."""
    head = set(terms(title, headline=True))
    for phrase in extra:
        head.update(terms(phrase))
    body = set(terms(rest, headline=True))
    body.update(acronyms(rest, running=True))
    body.update(acronyms(title, running=False))
    return Terms(frozenset(head), frozenset(head | body))


@cache
def _single_phrases() -> dict[str, str]:
    return {
        phrase[0]: term for first, options in _phrase_table().items() for phrase, term in options if len(phrase) == 1
    }


def token_key(token: str) -> str | None:
    """The term of one lower-case word on its own (no phrases, no numbers), as the candidate
    search in DuckDB sees words: None for a stop word or digits."""
    token = ABBREVIATIONS.get(token, token)
    single = _single_phrases().get(token)
    if single is not None:
        return single
    if token.isdigit() or token in STOPWORDS:
        return None
    key = canonical(stem(token))
    return None if key in STOPWORDS else key
