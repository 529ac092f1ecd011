"""The rapor's asset key, kept apart so the report's schedule can name it without importing the
scorecard domain (which imports the report's partitions)."""

import dagster as dg

RAPOR_KEY = dg.AssetKey(["reports", "rapor_kehumasan"])
RAPOR_OP = RAPOR_KEY.to_python_identifier()
