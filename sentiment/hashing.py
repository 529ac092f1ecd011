"""Hashed word and character n-grams of a whole batch of texts at once, in numpy.

From the batch's tokens (`scan.py`) every n-gram is hashed with 64-bit arithmetic into one of
`2**BITS` buckets:

- words: each word in its standard form (informal spellings and Banjar words mapped through
  the model's word map, applied to the word hashes) and each pair of neighbouring words of a text;
- characters: the 2- to 5-grams of each word with a space on either side, taken once per
  distinct word of the batch (a batch of 20,000 headlines has about 225,000 words but only
  11,000 distinct ones).

The blocks come back as CSR matrices of occurrence counts (a repeated n-gram is one entry per
occurrence), so that `matrix @ table` gathers and adds a lookup table's rows per text in one
C loop.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from sentiment.scan import scan

# The hashing scheme is part of a model file's meaning: a change to any constant below is a
# new VERSION, and a model file of another version is refused (model.py).
VERSION = 1
BITS = 21
BUCKETS = 2**BITS
CHAR_NGRAMS = (2, 5)
_U64 = 2**64
P = np.uint64(0x100000001B3)  # odd, so it has an inverse modulo 2**64
_P_INV = np.uint64(pow(int(P), -1, _U64))
PAIR = np.uint64(0xD6E8FEB86659FD93)
MIX = np.uint64(0xBF58476D1CE4E5B9)
SALT = {
    name: np.uint64(0x9E3779B97F4A7C15 * (k + 1) % _U64)
    for k, name in enumerate(("word", "pair", "c2", "c3", "c4", "c5"))
}
_SPACE = 32


def _bucket(h: np.ndarray, salt: np.uint64) -> np.ndarray:
    """The bucket of a 64-bit hash: top BITS bits of (hash xor salt) times an odd constant."""
    return (((h ^ salt) * MIX) >> np.uint64(64 - BITS)).astype(np.int32)


_POWERS_LOCK = threading.Lock()
_powers_kept: tuple[np.ndarray, np.ndarray] = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i modulo 2**64 for i < n (n a power of two).

    Only the longest pair computed so far is kept: a shorter one is its prefix. (Keeping one pair
    per size held up to 128 MB in the `citra build` process after a large scoring step.)"""
    global _powers_kept
    p, q = _powers_kept
    if len(p) < n:
        with _POWERS_LOCK:
            p, q = _powers_kept
            if len(p) < n:
                p = np.full(n, P, dtype=np.uint64)
                p[0] = 1
                q = np.full(n, _P_INV, dtype=np.uint64)
                q[0] = 1
                p, q = np.cumprod(p), np.cumprod(q)
                _powers_kept = (p, q)
    return p[:n], q[:n]


def _word_hashes(data: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """64-bit hash of each span data[start:end]: sum of byte * P**offset, xor the length, mixed."""
    n = len(data) + 1
    power, inverse = _powers(1 << max(16, (n - 1).bit_length()))
    summed = np.zeros(n, dtype=np.uint64)
    np.cumsum(data.astype(np.uint64) * power[: n - 1], out=summed[1:])
    hashes = (summed[end] - summed[start]) * inverse[start]
    hashes ^= (end - start).astype(np.uint64) << np.uint64(56)
    # mix, so that the high bits depend on every byte (a short word's sum has empty high bits)
    hashes ^= hashes >> np.uint64(31)
    hashes *= MIX
    hashes ^= hashes >> np.uint64(29)
    return hashes


def word_hashes(texts: Sequence[str]) -> np.ndarray:
    """The 64-bit hash of every word of `texts`, in order: for building the word map."""
    tokens = scan(texts)
    return _word_hashes(tokens.data, tokens.start, tokens.end)


def _csr(indptr: np.ndarray, cols: np.ndarray, width: int = 0) -> sp.csr_matrix:
    """Occurrence counts as a CSR matrix (duplicates kept: a product with it adds them)."""
    shape = (len(indptr) - 1, width or BUCKETS)
    return sp.csr_matrix((np.ones(len(cols), dtype=np.float32), cols, indptr), shape=shape)


def _spell(data: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The words data[start:end] as bytes, each with a zero byte before and after it."""
    length = end - start
    offset = np.cumsum(length + 1) - length  # where each word goes, after a zero byte
    before = np.cumsum(length) - length  # word bytes before each word
    k = np.arange(int(length.sum()))
    out = np.zeros(int(offset[-1] + length[-1] + 1) if len(length) else 1, dtype=np.uint8)
    out[k + np.repeat(offset - before, length)] = data[k + np.repeat(start - before, length)]
    return out


def _char_ngrams(spelled: np.ndarray) -> list[sp.csr_matrix]:
    """Per n, the character n-grams of each spelled word padded with a space (words x buckets)."""
    ends = np.flatnonzero(spelled == 0)
    inside = spelled > 0
    values = np.maximum(spelled, _SPACE).astype(np.uint64)  # the zero byte counts as a space
    lo, hi = CHAR_NGRAMS
    out = []
    h, inner = values, None
    for n in range(2, hi + 1):
        h = h[:-1] * P + values[n - 1 :]
        if n == 2:
            ok = inside[:-1] | inside[1:]
        else:  # no zero byte inside the n-gram
            inner = inside[1 : len(h) + 1] if inner is None else inner[:-1] & inside[n - 2 : len(h) + n - 2]
            ok = inner
        if n >= lo:
            at = np.flatnonzero(ok)
            out.append(_csr(np.searchsorted(at, ends), _bucket(h[at], SALT[f"c{n}"])))
    return out


def _distinct(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(which, one): word i is distinct word which[i], and word one[k] is an occurrence of
    distinct word k. One plain sort of the hashes with each word's index in the low bits (a
    sort of plain integers is several times faster than an argsort or a search)."""
    n = len(hashes)
    shift = np.uint64(max(1, n.bit_length()))
    keys = np.sort((hashes >> shift << shift) | np.arange(n, dtype=np.uint64))
    index = (keys & ((np.uint64(1) << shift) - np.uint64(1))).astype(np.int64)
    high = keys >> shift
    new = np.ones(n, dtype=bool)
    new[1:] = high[1:] != high[:-1]
    which = np.empty(n, dtype=np.int32)
    which[index] = np.cumsum(new) - 1
    return which, index[new]


@dataclass(frozen=True)
class Features:
    """A batch's n-grams. Character n-grams are taken once per distinct word of the batch
    (`spellings`), and `uses` says how often each text uses each distinct word, so that a
    text's character counts are `uses @ sum(spellings)`."""

    word: sp.csr_matrix  # texts x buckets: words and pairs of neighbouring words
    spellings: list[sp.csr_matrix]  # distinct words x buckets, one matrix per n-gram length
    uses: sp.csr_matrix  # texts x distinct words
    cased: np.ndarray | None = None  # bool per text (when asked for): holds a capital letter A-Z

    def char_counts(self) -> sp.csr_matrix:
        """Texts x buckets: the character n-gram counts of each text."""
        total = self.spellings[0]
        for more in self.spellings[1:]:
            total = total + more
        return (self.uses @ total).tocsr()


def featurize(texts: Sequence[str], word_map: tuple[np.ndarray, np.ndarray], cased: bool = False) -> Features:
    """The hashed n-grams of a batch of texts (see `Features`).

    `word_map` maps word hashes (sorted keys, values) to the hash of their standard form."""
    tokens = scan(texts, cased)
    hashes = _word_hashes(tokens.data, tokens.start, tokens.end)
    per_text = np.diff(tokens.first)
    which, one = _distinct(hashes)
    distinct = hashes[one]
    spellings = _char_ngrams(_spell(tokens.data, tokens.start[one], tokens.end[one]))
    uses = _csr(tokens.first, which.astype(np.int32), len(distinct))
    # words in their standard form, and pairs of neighbouring words of a text
    keys, values = word_map
    standard = distinct.copy()
    if len(keys) and len(distinct):
        at = np.minimum(np.searchsorted(keys, distinct), len(keys) - 1)
        hit = keys[at] == distinct
        standard[hit] = values[at[hit]]
    hashes = standard[which]
    cols = np.empty((len(hashes), 2), dtype=np.int32)
    cols[:, 0] = _bucket(standard, SALT["word"])[which]
    cols[:-1, 1] = _bucket(hashes[:-1] * PAIR + hashes[1:], SALT["pair"])
    valid = np.ones((len(hashes), 2), dtype=bool)
    valid[tokens.first[1:][per_text > 0] - 1, 1] = False  # no pair across the end of a text
    indptr = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(2 * per_text - (per_text > 0), out=indptr[1:])
    return Features(_csr(indptr, cols[valid]), spellings, uses, tokens.cased)


def word_map_arrays(mapping: Mapping[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """A word -> word map as sorted arrays of word hashes, as `featurize` takes it."""
    if not mapping:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.uint64)
    sources = sorted(mapping)
    keys = word_hashes(sources)
    values = word_hashes([mapping[s] for s in sources])
    if len(keys) != len(sources) or len(values) != len(sources):
        raise ValueError("every entry of a word map must be a single word on both sides")
    order = np.argsort(keys)
    return keys[order], values[order]
