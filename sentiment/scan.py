"""The tokenizer of `normalize.tokens`, for a whole batch of texts at once, in numpy.

The batch is joined into one string (texts separated by a zero byte), lower-cased, links and
mentions replaced (`url`, `user`) by the regular expressions of `normalize`, and encoded to
UTF-8; everything else is array work on the bytes: elongations shortened (a run of three or
more of one letter becomes one), digits -> 0, and the token boundaries found (letters with
inner hyphens, numbers with inner `.`/`,`, `!` and `?` each a token). A Python loop per token
would cost more than all the rest of labelling together.

Beyond `normalize.tokens`: characters of other scripts count as letters, general and Latin-1
punctuation (curly quotes, dashes, the ellipsis, guillemets) separates words as ASCII
punctuation does, and an emoji is a token of its own instead of being dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sentiment.normalize import MENTION, URL

_END = 0


@dataclass(frozen=True)
class Scan:
    data: np.ndarray  # uint8: the normalized bytes of the batch, texts separated by a zero byte
    start: np.ndarray  # int64: where each token starts in `data`, in order
    end: np.ndarray  # int64: where each token ends (exclusive)
    first: np.ndarray  # int64, texts + 1: text t has the tokens first[t] to first[t + 1] - 1
    cased: np.ndarray | None = None  # bool per text: holds a capital letter A-Z (when asked for)

    def tokens(self) -> list[list[str]]:
        """The tokens of each text as strings (to read or test the scan; labelling never needs them)."""
        words = [bytes(self.data[s:e]).decode("utf-8", "replace") for s, e in zip(self.start, self.end)]
        return [words[a:b] for a, b in zip(self.first[:-1], self.first[1:])]


def _before(a: np.ndarray) -> np.ndarray:
    """The element before each position (zero at the start)."""
    out = np.empty_like(a)
    out[0] = 0
    out[1:] = a[:-1]
    return out


def _after(a: np.ndarray) -> np.ndarray:
    """The element after each position (zero at the end)."""
    out = np.empty_like(a)
    out[-1] = 0
    out[:-1] = a[1:]
    return out


def _encoded(texts: Sequence[str]) -> np.ndarray:
    """The batch as lower-cased UTF-8 bytes with links and mentions replaced, a zero byte
    before, between and after the texts."""
    joined = "\x00".join(texts).lower()
    if "http" in joined or "www." in joined:
        joined = URL.sub(" url ", joined)
    if "@" in joined:
        joined = MENTION.sub(" user ", joined)
    return np.frombuffer(b"\x00" + joined.encode("utf-8", "replace") + b"\x00", dtype=np.uint8)


def _cased(texts: Sequence[str]) -> np.ndarray:
    """Per text: does it hold a capital letter A-Z?"""
    raw = np.frombuffer("\x00".join(texts).encode("utf-8", "replace"), dtype=np.uint8)
    capital = np.flatnonzero((raw - np.uint8(ord("A"))) < 26)
    out = np.zeros(len(texts), dtype=bool)
    out[np.searchsorted(np.flatnonzero(raw == _END), capital)] = True
    return out


def scan(texts: Sequence[str], cased: bool = False) -> Scan:
    """Normalized bytes and token boundaries of a batch of texts (and which texts are cased)."""
    raw = _encoded(texts)
    if np.count_nonzero(raw == _END) != len(texts) + 1:  # the zero byte separates texts: none inside
        texts = [t.replace("\x00", " ") for t in texts]
        raw = _encoded(texts)
    letter = (raw - np.uint8(ord("a"))) < 26
    # elongations: the second and later letters of a run of three or more are dropped
    same = raw[1:] == raw[:-1]
    third = letter[2:] & same[1:] & same[:-1]
    if third.any():
        drop = np.zeros(len(raw), dtype=bool)
        drop[2:] = third
        drop[1:-1] |= third
        raw, letter = raw[~drop], letter[~drop]
    digit = (raw - np.uint8(ord("0"))) < 10
    solo = (raw == ord("!")) | (raw == ord("?"))
    solo_start, word = solo, letter
    if raw.max() >= 0x80:  # other scripts, accented letters, punctuation, emoji
        following = _after(raw)
        # general punctuation (U+2000-U+207F), Latin-1 punctuation (U+0080-U+00BF) and
        # variation selectors (U+FE00-U+FE0F) separate words
        three = ((raw == 0xE2) & ((following == 0x80) | (following == 0x81))) | ((raw == 0xEF) & (following == 0xB8))
        two = raw == 0xC2
        punct = three | two | _before(three | two) | _before(_before(three))
        emoji = (raw >= 0xF0) & (raw <= 0xF4)  # the lead byte of a 4-byte character
        emoji_bytes = emoji | _before(emoji) | _before(_before(emoji)) | _before(_before(_before(emoji)))
        word = letter | ((raw >= 0x80) & ~punct & ~emoji_bytes)
        solo, solo_start = solo | emoji_bytes, solo | emoji
    word |= (raw == ord("-")) & _before(word) & _after(word)
    number = digit | (((raw == ord(".")) | (raw == ord(","))) & _before(digit) & _after(digit))
    keep = word | number | solo
    start = (word & ~_before(word)) | (number & ~_before(number)) | solo_start
    end = keep & (~_after(keep) | _after(start))  # the last byte of a token
    data = np.where(digit, np.uint8(ord("0")), raw)
    starts, ends = np.flatnonzero(start), np.flatnonzero(end) + 1
    first = np.searchsorted(starts, np.flatnonzero(raw == _END))
    return Scan(data, starts, ends, first, _cased(texts) if cased else None)
