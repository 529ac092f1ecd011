"""Kualitas data: the data-quality findings (`dq_gaps`) whose days overlap the month."""

from __future__ import annotations

from datetime import date

import duckdb

from reporting.model import Gap


def month_gaps(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[Gap]:
    """Findings whose days overlap the month (`start_date < end and end_date >= start`), errors first."""
    rows = con.execute(
        """select kind, subject, start_date, end_date, severity, detail from marts.dq_gaps
           where start_date < ? and end_date >= ?
           order by severity = 'error' desc, start_date, kind, subject""",
        [end, start],
    ).fetchall()
    return [Gap(*row) for row in rows]
