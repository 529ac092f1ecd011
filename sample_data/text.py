"""Pre-rendered text banks, so that millions of rows get their text by index, not by formatting.

Every template is rendered once for every region spelling; a row then only needs an integer
(template group, variant, spelling) and polars gathers the string. This keeps 10M rows fast.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from .reference import Reference


class Names:
    """All headline spellings of all regions, flattened, with per-region offsets."""

    def __init__(self, ref: Reference) -> None:
        flat: list[str] = []
        offsets: list[int] = []
        counts: list[int] = []
        for code in ref.region_codes:
            offsets.append(len(flat))
            counts.append(len(ref.region_display[code]))
            flat.extend(ref.region_display[code])
        self.flat = flat
        self.offset = np.array(offsets)
        self.count = np.array(counts)
        self.series = pl.Series(flat, dtype=pl.String)

    def pick(self, region_i: np.ndarray, u: np.ndarray, primary: float = 0.6) -> np.ndarray:
        """Index of a spelling per row: the primary name mostly, else one of the aliases."""
        cnt = self.count[region_i]
        alt = 1 + np.floor((u - primary) / (1 - primary) * (cnt - 1)).astype(np.int64)
        choice = np.where((u < primary) | (cnt == 1), 0, np.minimum(alt, cnt - 1))
        return self.offset[region_i] + choice


class Family:
    """Templates grouped by an integer key, each rendered for every region spelling."""

    def __init__(self, groups: list[list[str]], names: Names) -> None:
        flat = [t for group in groups for t in group]
        self.group_offset = np.cumsum([0] + [len(g) for g in groups[:-1]])
        self.group_count = np.array([len(g) for g in groups])
        self.n_names = len(names.flat)
        self.series = pl.Series([t.replace("{region}", name) for t in flat for name in names.flat], dtype=pl.String)
        self._slugs: pl.Series | None = None

    def index(self, group: np.ndarray, u: np.ndarray, name_i: np.ndarray) -> np.ndarray:
        """Row index into ``series`` for a group, a uniform draw choosing the variant, a spelling."""
        variant = np.minimum((u * self.group_count[group]).astype(np.int64), self.group_count[group] - 1)
        return (self.group_offset[group] + variant) * self.n_names + name_i

    def take(self, idx: np.ndarray) -> pl.Series:
        return self.series.gather(idx)

    def slugs(self) -> pl.Series:
        """URL slugs of every rendered text, computed once."""
        if self._slugs is None:
            self._slugs = (
                self.series.str.to_lowercase().str.replace_all(r"[^a-z0-9]+", "-").str.strip_chars("-").str.slice(0, 80)
            )
        return self._slugs


def flat_choices(options: list[list[str]]) -> tuple[pl.Series, np.ndarray, np.ndarray]:
    """Flatten per-key option lists: (series, offset per key, count per key)."""
    flat = [o for opts in options for o in opts]
    offset = np.cumsum([0] + [len(o) for o in options[:-1]])
    return pl.Series(flat, dtype=pl.String), offset, np.array([len(o) for o in options])


def categorical(rng: np.random.Generator, n: int, weights: list[float] | np.ndarray) -> np.ndarray:
    """n draws from a categorical distribution (weights need not sum to one)."""
    cum = np.cumsum(np.asarray(weights, dtype=float))
    return np.minimum(np.searchsorted(cum / cum[-1], rng.random(n), side="right"), len(cum) - 1)


def categorical_by_row(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw per row from that row's own probability vector ([rows, k])."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs))[:, None] * cum[:, -1:]
    return np.minimum((u > cum).sum(axis=1), probs.shape[1] - 1)


_MASK40 = (1 << 40) - 1


def scramble(serial: np.ndarray, salt: int, mult: int = 0x9E3779B97F4A7C15) -> np.ndarray:
    """Bijective mix of 40-bit serials (odd multiplier mod 2**40): unique in, unique out."""
    m = np.uint64((mult & _MASK40) | 1)
    return (serial.astype(np.uint64) * m + np.uint64(salt & _MASK40)) & np.uint64(_MASK40)


def encode(values: np.ndarray, width: int, alphabet: str = "0123456789abcdef") -> pl.Series:
    """Fixed-width base-len(alphabet) strings of unsigned integers, vectorised."""
    base = np.uint64(len(alphabet))
    v = values.astype(np.uint64).copy()
    digits = np.empty((len(v), width), dtype=np.uint32)
    table = np.array([ord(c) for c in alphabet], dtype=np.uint32)
    for k in range(width - 1, -1, -1):
        digits[:, k] = table[(v % base).astype(np.int64)]
        v //= base
    return pl.Series(np.ascontiguousarray(digits).view(f"<U{width}").ravel(), dtype=pl.String)
