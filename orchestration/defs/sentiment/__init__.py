"""Sentiment domain: Citra's own labels between ingestion and dbt, and checks on the label audit."""

from orchestration.defs.sentiment.definitions import defs

__all__ = ["defs"]
