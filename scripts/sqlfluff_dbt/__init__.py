"""dbt's ``var()`` and ``adapter.dispatch()`` for sqlfluff's jinja templater (``make lint``).

sqlfluff's own dbt builtins answer every ``var()`` with a placeholder string, which the
``month_window`` macro rightly refuses; here the vars are those of a one-month incremental run,
so lint renders (and checks) the SQL that production runs. ``adapter.dispatch`` picks the
``duckdb__`` implementation of a dialect macro (dbt_project/macros/dialect/): lint checks the
DuckDB SQL, the sqlfluff dialect of ``.sqlfluff``. ``load_relation`` finds every relation, so a
model that guards a missing table is linted in the form production runs.
"""

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

VARS: dict[str, Any] = {"month_start": "2025-10-01", "month_end": "2025-11-01"}


def var(name: str, default: Any = None) -> Any:
    return VARS.get(name, default)


def env_var(name: str, default: Any = None) -> Any:
    """An environment variable as a macro reads it; lint renders the unset branch (its default)."""
    return default


class _Adapter:
    """The part of dbt's ``adapter`` that the project's macros use when lint renders them."""

    @pass_context
    def dispatch(self, context: Context, name: str, namespace: str | None = None) -> Any:
        for prefix in ("duckdb", "default"):
            macro = context.resolve(f"{prefix}__{name}")
            if callable(macro):
                return macro
        raise NameError(f"no duckdb__{name} or default__{name} macro for adapter.dispatch('{name}')")


adapter = _Adapter()


def load_relation(relation: Any) -> Any:
    """dbt's ``load_relation``: lint renders a model as if the relation exists (the production branch)."""
    return relation
