"""Dashboard domain: serving/citra.duckdb -> dashboard/site (and one site per kabupaten/kota)."""

from orchestration.defs.dashboard.definitions import defs

__all__ = ["defs"]
