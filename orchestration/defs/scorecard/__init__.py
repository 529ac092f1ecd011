"""Scorecard domain: the rapor kehumasan of every agency and kabupaten/kota (docs/scorecard.md)."""

from orchestration.defs.scorecard.definitions import defs

__all__ = ["defs"]
