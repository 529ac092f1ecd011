"""Serving domain: marts -> serving/citra.duckdb and Parquet."""

from orchestration.defs.serving.definitions import defs

__all__ = ["defs"]
