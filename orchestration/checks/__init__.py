"""Dagster asset checks of Citra: gap rules and Great Expectations suites."""
