"""The vectorized scorer (sentiment/scan.py, hashing.py, model.py) against a plain text-by-text
computation of what the model file says: the same tokens, n-grams, buckets and scores."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest
from small_sentiment import small_model_path

from sentiment import hashing
from sentiment.labelled import bundled
from sentiment.model import load_model
from sentiment.normalize import tokens
from sentiment.scan import scan

EDGE_CASES = [
    "",
    "   ",
    "!!!",
    "Baguuusss bgt!!! 12.500 org, lihat https://x.co/a?b=1 @humas_kalsel",
    "k212 mmbri hujjah, 1.2.3 1..2 ,5 a--b kata-kata -c d-",
    "ulun kada katuju, makanannya kada nyaman wan larang banar",
    "Gak   bagus   gak bagus GAK BAGUS yg   jelek bgt",
    "aaa bbb aab aaaa-bbbb x\x00y",
    "www.kalselprov.go.id Pelayanan BURUK!!! Kecewa??",
    "tidak enak tidak enak tidak enak tidak enak",
]


def _texts() -> list[str]:
    sample = [e.text for source in ("smsa", "nusax_ind", "nusax_bjn") for e in bundled(source, "valid")[:60]]
    return sample + EDGE_CASES


def test_batch_tokens_are_the_python_tokenizers_on_every_bundled_text():
    # bugs caught: a token split or glued differently by the array tokenizer than by the
    # regular expressions the features were designed on (hyphens, numbers, elongations, links)
    texts = [e.text for source in ("smsa", "nusax_ind", "nusax_bjn") for e in bundled(source, "train")]
    texts += EDGE_CASES
    got = scan(texts).tokens()
    assert len(got) == len(texts)
    assert [i for i, (t, g) in enumerate(zip(texts, got)) if tokens(t.replace("\x00", " ")) != g] == []


def test_emoji_are_tokens_and_typographic_punctuation_separates_words():
    # the Python tokenizer drops emoji and would glue "bagus…" into one word with the ellipsis
    assert scan(["“Bagus…”mantap😍😍ok ❤️ café", "«Jelek» – sekali"]).tokens() == [
        ["bagus", "mantap", "😍", "😍", "ok", "❤", "café"],
        ["jelek", "sekali"],
    ]


def test_cased_texts_are_those_with_a_capital_letter():
    assert scan(["Banjir", "banjir", "", "BANJIR 2025", "é É", "12 !"], cased=True).cased.tolist() == [
        True,
        False,
        False,
        True,
        False,
        False,
    ]


def _u64(x: int) -> int:
    return x % 2**64


def _word_hash(word: str) -> int:
    data = word.encode()
    h = sum(b * pow(int(hashing.P), j, 2**64) for j, b in enumerate(data)) % 2**64
    h ^= len(data) << 56
    h ^= h >> 31
    h = _u64(h * int(hashing.MIX))
    return h ^ (h >> 29)


def _bucket(h: int, salt: str) -> int:
    return _u64((h ^ int(hashing.SALT[salt])) * int(hashing.MIX)) >> (64 - hashing.BITS)


def _reference_counts(text: str, word_map: dict[str, str]) -> tuple[Counter, Counter]:
    """Word and character bucket counts of one text, computed n-gram by n-gram."""
    words = tokens(text.replace("\x00", " "))
    standard = [_word_hash(word_map.get(w, w)) for w in words]
    word = Counter(_bucket(h, "word") for h in standard)
    word.update(_bucket(_u64(a * int(hashing.PAIR) + b), "pair") for a, b in zip(standard, standard[1:]))
    char: Counter = Counter()
    lo, hi = hashing.CHAR_NGRAMS
    for w in words:
        padded = f" {w} ".encode()
        for n in range(lo, hi + 1):
            for i in range(len(padded) - n + 1):
                h = 0
                for b in padded[i : i + n]:
                    h = _u64(h * int(hashing.P) + b)
                char[_bucket(h, f"c{n}")] += 1
    return word, char


def _reference_scores(model, text: str) -> np.ndarray:  # noqa: ANN001 - a Model
    parts = model.parts
    k = len(model.labels)
    head = 1 if len(parts.manifest["heads"]) > 1 and re.search("[A-Z]", text) else 0
    total = parts.intercept[head].astype(np.float64).copy()
    for counts, buckets, rows in zip(
        _reference_counts(text, parts.standard_words),
        (parts.word_buckets, parts.char_buckets),
        (parts.word_rows, parts.char_rows),
    ):
        row_of = {int(b): i for i, b in enumerate(buckets)}
        summed = np.zeros(rows.shape[1])
        for bucket, count in counts.items():
            if bucket in row_of:
                summed += count * rows[row_of[bucket]]
        if summed[-1] > 0:
            total += summed[head * k : head * k + k] / np.sqrt(summed[-1])
    return total


def test_scores_of_a_batch_equal_a_text_by_text_computation_of_the_model_file():
    # bugs caught: an n-gram window crossing a word or text boundary, a word pair across two
    # texts, the per-batch word de-duplication giving a word another word's spelling, a
    # lexicon entry not applied, the wrong head or norm, rows out of order after threading
    model = load_model(small_model_path())
    texts = _texts()
    batch = model.scores(texts)
    expected = np.array([_reference_scores(model, t) for t in texts])
    assert np.allclose(batch, expected, atol=2e-4), np.abs(batch - expected).max()


def test_a_text_scores_the_same_alone_in_any_batch_and_in_any_order():
    # bug caught: anything of a batch (distinct words, pairs, norms) leaking into another text's score
    model = load_model(small_model_path())
    texts = _texts()
    together = model.scores(texts)
    backwards = model.scores(texts[::-1])[::-1]
    alone = np.vstack([model.scores([t]) for t in texts[:40]])
    assert np.allclose(together, backwards, atol=1e-5)
    assert np.allclose(together[:40], alone, atol=1e-5)


@pytest.mark.parametrize("threads", [1, 2])
def test_many_texts_get_the_labels_of_the_same_texts_in_small_batches(threads):
    # bug caught: the batches of the thread pool written back to the wrong rows
    model = load_model(small_model_path())
    texts = [f"{t} {i}" for i, t in enumerate(_texts() * 60)]
    model.threads = threads
    labels, confidence = model.predict(texts)
    model.threads = 1
    step = [model.predict(texts[i : i + 97]) for i in range(0, len(texts), 97)]
    assert labels == [label for part in step for label in part[0]]
    assert np.allclose(confidence, np.concatenate([part[1] for part in step]), atol=1e-6)


def test_powers_of_any_size_are_right_after_a_longer_pair_was_kept():
    """Only the longest pair of powers is kept and shorter ones are its prefix: a size asked
    for after a longer one must still hold P**i and P**-i (mod 2**64), not a stale or short copy."""
    mod = 1 << 64
    for n in (1 << 16, 1 << 18, 1 << 16, 1 << 17):
        power, inverse = hashing._powers(n)
        assert len(power) == len(inverse) == n
        for i in (0, 1, 2, n // 3, n - 1):
            assert int(power[i]) == pow(int(hashing.P), i, mod)
            assert int(power[i]) * int(inverse[i]) % mod == 1
