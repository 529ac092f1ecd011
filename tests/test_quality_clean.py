"""A warehouse without a single data-quality finding still gets its (empty) marts.dq_gaps."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
from quality_data import DAYS, START, build_warehouse

from quality.gaps import publish_gaps


def test_clean_data_publishes_an_empty_dq_gaps_table(tmp_path: Path) -> None:
    warehouse = build_warehouse(tmp_path / "w.duckdb")
    assert publish_gaps(warehouse, as_of=START + timedelta(days=DAYS + 3)) == []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from marts.dq_gaps").fetchall() == [(0,)]
