"""Hoax domain: the hoax register and the decisions on its review queue (landing/hoaxes/,
landing/hoax_decisions/), the tracing step before dbt, and the warn check on mart_hoax
(docs/hoaxes.md). The marts are dbt models and arrive with the dbt domain."""

from orchestration.defs.hoaxes.definitions import defs

__all__ = ["defs"]
