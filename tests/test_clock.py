"""`CITRA_TODAY` pins the day every date rule uses."""

from __future__ import annotations

from datetime import date

import pytest

from ingestion.clock import last_complete_month, today


def test_citra_today_pins_the_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITRA_TODAY", "2028-06-30")
    assert today() == date(2028, 6, 30)


def test_a_citra_today_that_is_not_a_date_names_the_variable_and_the_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITRA_TODAY", "30/06/2028")
    with pytest.raises(ValueError, match=r"CITRA_TODAY='30/06/2028' is not a date; expected YYYY-MM-DD"):
        today()


@pytest.mark.parametrize(
    ("day", "month"),
    [
        (date(2026, 1, 15), date(2025, 12, 1)),
        (date(2026, 3, 1), date(2026, 2, 1)),
        (date(2026, 12, 31), date(2026, 11, 1)),
    ],
)
def test_last_complete_month_is_the_month_before_across_new_year(day: date, month: date) -> None:
    assert last_complete_month(day) == month
