"""Dagster code location of Citra: assets, checks, resources and the `citra` CLI."""
