"""The report's method line on where the month's sentiment labels came from and how good the
model measured: from the marts, for the report's month only, figures from the model file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import duckdb

from reporting.sections.base import MonthContext
from reporting.sections.labels import label_sources


def _marts(path: Path, with_sources: bool = True) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    extra = ", labelled_by_vendor bigint, labelled_by_model bigint, labelled_by_analyst bigint" if with_sources else ""
    con.execute(f"create table marts.mart_issue_sentiment_monthly (month date, issue varchar{extra})")
    if with_sources:
        con.execute(
            """insert into marts.mart_issue_sentiment_monthly values
               ('2025-10-01', 'banjir', 60, 30, 10), ('2025-10-01', 'ekonomi', 90, 10, 0),
               ('2025-09-01', 'banjir', 1, 99, 0)"""
        )
        con.execute(
            """create table marts.dim_sentiment_model as select * from (values
               ('fill_missing', 0.70, 0.80, 0.75, false), ('model_everywhere', 0.8612, 0.8549, 0.8161, true))
               as t(policy, macro_f1_smsa_valid, macro_f1_nusax_ind_cv, macro_f1_nusax_bjn_cv, is_current)"""
        )
    return con


def _ctx(con: duckdb.DuckDBPyConnection, month: date) -> MonthContext:
    return MonthContext(con, SimpleNamespace(month=month))


def test_shares_of_the_months_labels_and_the_current_models_figures(tmp_path: Path) -> None:
    # bugs caught: shares over all months instead of the report's month; figures typed into the
    # template instead of read from the model in force
    term, text = label_sources(_ctx(_marts(tmp_path / "w.duckdb"), date(2025, 10, 1)))
    assert term == "Label sentimen"
    # October: 200 labelled, 40 by the model (20%), 150 by vendors (75%), 10 by analysts (5%)
    assert text.startswith(
        "dari 200 mention berlabel bulan ini, 20,0% diberi label oleh model sentimen Citra, "
        "75,0% oleh penyedia jasa pemantauan, dan 5,0% dikoreksi analis"
    )
    assert "label model dipakai untuk semua mention" in text
    assert "ulasan berbahasa Indonesia 0,86, kalimat Indonesia 0,85, dan kalimat Banjar 0,82" in text


def test_nothing_is_said_for_a_warehouse_built_before_the_label_sources(tmp_path: Path) -> None:
    assert label_sources(_ctx(_marts(tmp_path / "w.duckdb", with_sources=False), date(2025, 10, 1))) is None
