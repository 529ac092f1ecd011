"""`citra build` leaves last month's report as it is when its data did not change
(reporting.monthly.write_monthly_report_if_changed): a daily build of the current month should
not render the previous month's PDF again, and must render it when anything it shows changed."""

from __future__ import annotations

import types
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest
from report_warehouse import build_warehouse, insert_mentions, mention

from reporting.data import read_report_data
from reporting.monthly import report_digest, write_monthly_report_if_changed

MONTH = date(2024, 12, 1)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    root = tmp_path_factory.mktemp("unchanged")
    warehouse = build_warehouse(root / "warehouse.duckdb")
    reports = root / "reports"
    _, rendered, wrote = write_monthly_report_if_changed(warehouse, reports, MONTH)
    assert wrote and rendered.pdf_path.exists() and rendered.pages > 0
    return warehouse, reports, rendered.pages


def test_same_data_is_not_rendered_again(written: tuple[Path, Path, int]) -> None:
    warehouse, reports, pages = written
    pdf = reports / "2024-12" / "laporan_2024-12.pdf"
    before = pdf.stat().st_mtime_ns
    _, rendered, wrote = write_monthly_report_if_changed(warehouse, reports, MONTH)
    assert not wrote
    assert rendered.pdf_path == pdf and rendered.pages == pages
    assert pdf.stat().st_mtime_ns == before


def test_a_missing_pdf_is_written_again(written: tuple[Path, Path, int]) -> None:
    warehouse, reports, _ = written
    pdf = reports / "2024-12" / "laporan_2024-12.pdf"
    pdf.unlink()
    _, _, wrote = write_monthly_report_if_changed(warehouse, reports, MONTH)
    assert wrote and pdf.exists()


def test_a_late_mention_of_the_month_renders_it_again(written: tuple[Path, Path, int]) -> None:
    warehouse, reports, _ = written
    with duckdb.connect(str(warehouse)) as con:
        insert_mentions(con, [mention(99_999, date(2024, 12, 30), 9, "banjir", "negative", None)])
    _, _, wrote = write_monthly_report_if_changed(warehouse, reports, MONTH)
    assert wrote
    _, _, again = write_monthly_report_if_changed(warehouse, reports, MONTH)
    assert not again


def test_daily_data_of_the_next_month_leaves_the_report(written: tuple[Path, Path, int]) -> None:
    """A daily build of January: the first January mention changes what the December report
    shows (the months with data), the next days' mentions do not ("data sampai" stops at the
    month's last day), so the report is written once, not every day."""
    warehouse, reports, _ = written
    wrote = []
    for n, day in enumerate((date(2025, 1, 2), date(2025, 1, 3), date(2025, 1, 4))):
        with duckdb.connect(str(warehouse)) as con:
            insert_mentions(con, [mention(90_000 + n, day, 9, "banjir", "negative", None)])
        data, _, written_now = write_monthly_report_if_changed(warehouse, reports, MONTH)
        wrote.append(written_now)
        assert data.data_through == date(2024, 12, 31)
    assert wrote == [True, False, False]


def _metric() -> int:
    return 1


def test_the_digest_does_not_hold_where_a_function_lives_in_memory(written: tuple[Path, Path, int]) -> None:
    """A section's metric function prints with its address, which differs in every process (a
    digest holding it made every build render the report again, on `make demo`'s data)."""
    data = read_report_data(written[0], MONTH)
    twin = types.FunctionType(_metric.__code__, _metric.__globals__, _metric.__name__)
    assert twin is not _metric
    with_metric = replace(data, sections={**data.sections, "metric": (_metric,)})
    with_twin = replace(data, sections={**data.sections, "metric": (twin,)})
    assert report_digest(with_metric) == report_digest(with_twin)
    # any other object known only by its address keeps the report from ever being kept
    first, second = object(), object()
    assert report_digest(replace(data, sections={"o": first})) != report_digest(replace(data, sections={"o": second}))
