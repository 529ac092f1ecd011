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
    assert fmt.points(8.74) == "+8,7 poin persen"
    assert fmt.points(-0.04) == "0,0 poin persen"
    assert fmt.signed_percent(-0.173) == "−17,3%"
    assert fmt.net(0.11) == "+0,11"


def test_net_sentiment_is_an_index_from_minus_100_to_plus_100() -> None:
    assert fmt.index(0.114) == "+11"
    assert fmt.index(-0.44) == "−44"
    assert fmt.index(-0.004) == "0"
    assert fmt.index_change(0.061) == "+6 poin"


def test_direction_words_follow_what_is_better() -> None:
    assert fmt.direction(-4.4, stable=1.0, lower_is_better=True) == "membaik"  # negative share fell
    assert fmt.direction(2.5, stable=1.0, lower_is_better=True) == "memburuk"
    assert fmt.direction(-4.4, stable=1.0) == "memburuk"  # positive share fell
    assert fmt.direction(0.9, stable=1.0) == "stabil"
    assert fmt.trend(0.14) == "naik" and fmt.trend(-0.03) == "turun"


def test_lists_take_the_serial_comma() -> None:
    assert fmt.series(["positif", "netral", "negatif"]) == "positif, netral, dan negatif"
    assert fmt.series(["a", "b"]) == "a dan b"
    assert fmt.series(["a"]) == "a"


def test_months_and_days_are_named_in_indonesian() -> None:
    assert fmt.month_name(date(2024, 10, 1)) == "Oktober 2024"
    assert fmt.weekday_day(date(2024, 10, 6)) == "Minggu, 6 Oktober 2024"


def test_times_are_shown_in_wita() -> None:
    assert fmt.wita_time(datetime(2024, 10, 31, 16, 5, tzinfo=UTC)) == "1 November 2024 00.05 WITA"


def test_a_post_time_at_midnight_wita_is_a_date_without_a_time() -> None:
    assert fmt.post_time(datetime(2025, 10, 5, 16, 0, tzinfo=UTC)) == "6 Oktober 2025"
    assert fmt.post_time(datetime(2025, 10, 5, 16, 1, tzinfo=UTC)) == "6 Oktober 2025 00.01 WITA"
    assert fmt.post_time(None) == "–"
