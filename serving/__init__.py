"""Publishing the marts to `CITRA_HOME/serving/` for BI tools (no Dagster import)."""
