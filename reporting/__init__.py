"""The monthly report for Diskominfo (PDF and HTML) from the marts; plain Python, no Dagster."""
