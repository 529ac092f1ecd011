"""dbt domain (dagster-dbt): the warehouse's models as assets."""

from orchestration.defs.dbt.definitions import defs

__all__ = ["defs"]
