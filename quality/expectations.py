"""Great Expectations (GX Core 1.x) suites for the column-level contract of raw and mart tables.

GX validates a pandas DataFrame read from DuckDB (GX's SQL datasource does not work with
DuckDB 2.0). Large tables are validated on a repeatable sample; uniqueness over the whole
table is enforced by dbt tests. Suites are data: table -> expectations.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingestion.memory import open_read_only

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

SAMPLE_ROWS = 200_000
SENTIMENTS = ["positive", "neutral", "negative"]
MEDIA_TYPES = ["online", "print", "tv", "radio", "social"]

# table -> list of (expectation class name, keyword arguments)
SUITES: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "raw.media_mentions": [
        *[
            ("ExpectColumnValuesToNotBeNull", {"column": c})
            for c in ("mention_id", "source_file_id", "vendor", "published_at", "export_date")
        ],
        ("ExpectColumnValuesToBeInSet", {"column": "sentiment", "value_set": SENTIMENTS}),
        ("ExpectColumnValuesToBeInSet", {"column": "media_type", "value_set": MEDIA_TYPES}),
        ("ExpectColumnValuesToBeBetween", {"column": "reach", "min_value": 0}),
        ("ExpectColumnValuesToBeBetween", {"column": "engagement", "min_value": 0}),
    ],
    "marts.fct_mentions": [
        *[
            ("ExpectColumnValuesToNotBeNull", {"column": c})
            for c in ("mention_id", "published_at", "mention_date", "month", "issue", "vendor")
        ],
        ("ExpectColumnValuesToBeInSet", {"column": "sentiment", "value_set": SENTIMENTS}),
        ("ExpectColumnValuesToBeInSet", {"column": "media_type", "value_set": MEDIA_TYPES}),
    ],
    "marts.mart_issue_sentiment_monthly": [
        ("ExpectCompoundColumnsToBeUnique", {"column_list": ["month", "issue"]}),
        *[
            ("ExpectColumnValuesToBeBetween", {"column": c, "min_value": 0, "max_value": 1})
            for c in ("positive_share", "negative_share", "share_of_voice")
        ],
        ("ExpectColumnValuesToBeBetween", {"column": "net_sentiment", "min_value": -1, "max_value": 1}),
        ("ExpectColumnValuesToBeBetween", {"column": "mentions", "min_value": 0}),
    ],
    "marts.dq_gaps": [
        ("ExpectColumnValuesToNotBeNull", {"column": "kind"}),
        ("ExpectColumnValuesToBeInSet", {"column": "severity", "value_set": ["error", "warn"]}),
        (
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {"column_A": "end_date", "column_B": "start_date", "or_equal": True},
        ),
    ],
}


@dataclass(frozen=True)
class SuiteResult:
    table: str
    success: bool
    rows_checked: int
    failures: list[dict[str, Any]]


def read_frame(warehouse: Path, table: str):
    """The table (or a repeatable sample of it) as a pandas DataFrame, read-only."""
    schema, name = table.split(".")
    with open_read_only(warehouse) as con:
        exists = con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
        ).fetchall()[0][0]
        if not exists:
            return None
        columns = sorted(
            {
                kw.get("column") or c
                for _, kw in SUITES[table]
                for c in ([kw.get("column")] + kw.get("column_list", []) + [kw.get("column_A"), kw.get("column_B")])
                if c
            }
        )
        select = ", ".join(f'"{c}"' for c in columns)
        return con.execute(
            f"select {select} from {table} using sample reservoir({SAMPLE_ROWS} rows) repeatable (42)"
        ).df()


def validate(warehouse: Path, table: str) -> SuiteResult | None:
    """Run the suite of ``table``; None when the table does not exist yet."""
    import great_expectations as gx

    frame = read_frame(warehouse, table)
    if frame is None:
        return None
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    batch_definition = (
        context.data_sources.add_pandas("citra")
        .add_dataframe_asset(table)
        .add_batch_definition_whole_dataframe("sample")
    )
    suite = context.suites.add(gx.ExpectationSuite(name=table))
    for kind, kwargs in SUITES[table]:
        suite.add_expectation(getattr(gx.expectations, kind)(**kwargs))
    result = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(suite)
    failures = [
        {
            "expectation": r.expectation_config.type,
            "kwargs": {k: v for k, v in r.expectation_config.kwargs.items() if k != "batch_id"},
            "unexpected_count": r.result.get("unexpected_count"),
            "examples": [str(v) for v in (r.result.get("partial_unexpected_list") or [])[:5]],
        }
        for r in result.results
        if not r.success
    ]
    return SuiteResult(table, bool(result.success), len(frame), failures)
