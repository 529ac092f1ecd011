"""Dagster assets of Citra, one module per concern."""
