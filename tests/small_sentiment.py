"""Small sentiment models for the tests: trained once per session on a slice of the bundled
data (a few seconds), so the tests exercise real training without the full minute."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from sentiment.labelled import Example, bundled


def small_training_set() -> list[Example]:
    """1,500 SmSA rows and 200 NusaX sentence pairs (Indonesian and Banjar)."""
    return bundled("smsa", "train")[:1500] + bundled("nusax_ind", "train")[:200] + bundled("nusax_bjn", "train")[:200]


@lru_cache(maxsize=1)
def small_model_path() -> Path:
    from sentiment.train import train

    path = Path(tempfile.mkdtemp(prefix="citra-sentiment-")) / "small.zip"
    train(small_training_set(), path)
    return path
