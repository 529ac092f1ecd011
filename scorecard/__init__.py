"""Rapor kehumasan: the monthly scorecard of every agency and kabupaten/kota (weights, contacts,
the one-page rapor and its delivery). Plain Python, no Dagster (orchestration/defs/scorecard/)."""
