"""Hoax domain: the hoax register (landing/hoaxes/), the tracing step before dbt, and the warn
check on mart_hoax (docs/hoaxes.md); the decisions on its review queue are kind hoax of the
shared raw/review_decisions (landing/decisions/, the agenda domain). The marts are dbt models and arrive with the dbt domain."""

from orchestration.defs.hoaxes.definitions import defs

__all__ = ["defs"]
