"""Deterministic sample data for Citra: a realistic landing zone of media mentions.

Generates 24 months of Meltwater exports and manual clipping sheets for Kalimantan Selatan,
with planted anomalies (a negative burst, a feed gap, a missing month, an overlapping
re-export) that the pipeline's quality checks must find. See ``sample_data.generate``.
"""

from __future__ import annotations

__all__ = ["GenerationSummary", "generate"]


def __getattr__(name: str) -> object:
    # Lazy, so that ``python -m sample_data`` and light imports stay cheap.
    if name in __all__:
        from . import generate as _generate

        return getattr(_generate, name)
    raise AttributeError(name)
