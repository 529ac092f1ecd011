"""Names that every Dagster domain of Citra shares, kept in one place so they cannot drift."""

from __future__ import annotations

# Every asset that writes the DuckDB warehouse (or must not meet a writer) runs in this pool;
# dagster.yaml (orchestration/settings.py) limits it to one step at a time.
WRITER_POOL = "duckdb_writer"

# Days, months, schedules and partitions are cut in Kalimantan Selatan's time zone.
WITA = "Asia/Makassar"

# Asset groups, as the UI shows them left to right.
INGESTION_GROUP = "ingestion"
QUALITY_GROUP = "quality"
SERVING_GROUP = "serving"
REPORTING_GROUP = "reporting"
ALERTS_GROUP = "alerts"
DASHBOARD_GROUP = "dashboard"

# Jobs, by name (the CLI checks "nothing new" before it imports Dagster).
BUILD_JOB_NAME = "citra_build"
EXPECTATIONS_JOB_NAME = "citra_expectations"
