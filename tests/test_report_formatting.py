"""Indonesian formatting: decimal comma, thousands dot, month names, WITA times."""

from __future__ import annotations

from datetime import UTC, date, datetime

from reporting import formatting as fmt


def test_numbers_use_a_thousands_dot_and_a_decimal_comma() -> None:
    assert fmt.number(1234567) == "1.234.567"
    assert fmt.number(1234.5, 1) == "1.234,5"
    assert fmt.number(-35) == "−35"
    assert fmt.number(None) == "–"


def test_shares_and_changes_are_signed_percentages_and_points() -> None:
    assert fmt.percent(0.2889) == "28,9%"
    assert fmt.points(8.74) == "+8,7 pp"
    assert fmt.points(-0.04) == "0,0 pp"
    assert fmt.signed_percent(-0.173) == "−17,3%"
    assert fmt.net(0.11) == "+0,11"


def test_months_and_days_are_named_in_indonesian() -> None:
    assert fmt.month_name(date(2024, 10, 1)) == "Oktober 2024"
    assert fmt.weekday_day(date(2024, 10, 6)) == "Minggu, 6 Oktober 2024"


def test_times_are_shown_in_wita() -> None:
    assert fmt.wita_time(datetime(2024, 10, 31, 16, 5, tzinfo=UTC)) == "1 November 2024 00.05 WITA"
