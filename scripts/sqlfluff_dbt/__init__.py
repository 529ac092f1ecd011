"""dbt's ``var()`` for sqlfluff's jinja templater (``make lint``).

sqlfluff's own dbt builtins answer every ``var()`` with a placeholder string, which the
``month_window`` macro rightly refuses; here the vars are those of a one-month incremental run,
so lint renders (and checks) the SQL that production runs.
"""

from typing import Any

VARS: dict[str, Any] = {"month_start": "2025-10-01", "month_end": "2025-11-01"}


def var(name: str, default: Any = None) -> Any:
    return VARS.get(name, default)
