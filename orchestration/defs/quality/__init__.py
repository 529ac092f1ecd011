"""Quality domain: data-quality rules, gap checks and Great Expectations suites."""

from orchestration.defs.quality.definitions import defs

__all__ = ["defs"]
