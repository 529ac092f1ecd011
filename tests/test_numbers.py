"""Counts in Indonesian and English formats parse to the same integers; blanks stay null."""

from __future__ import annotations

import math

import duckdb
import pytest

from ingestion.sqlfunctions import prepare_connection


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    prepare_connection(connection)
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("raw", "locale", "expected"),
    [
        ("1.234,5", "id", 1234.5),
        ("1.234", "id", 1234),
        ("1,234", "en", 1234),
        ("1.234", "en", 1.234),
        ("3423.0", "en", 3423),
        ("3423.0", "id", 3423),
        ("1.2K", "en", 1200),
        ("2,5 rb", "id", 2500),
        ("3 jt", "id", 3_000_000),
        ("1,234,567", "id", 1_234_567),
        ("1.234.567", "en", 1_234_567),
        ("12", "en", 12),
        ("-5", "en", -5),
    ],
)
def test_counts_parse_in_both_locales(con, raw: str, locale: str, expected: float) -> None:
    assert con.execute("select citra_count(?, ?)", [raw, locale]).fetchall()[0][0] == pytest.approx(expected)


@pytest.mark.parametrize("raw", [None, "", "  ", "-", "undefined", "N/A"])
def test_blank_and_placeholder_counts_are_null_never_zero(con, raw: str | None) -> None:
    assert con.execute("select citra_count(?, 'en')", [raw]).fetchall()[0][0] is None


@pytest.mark.parametrize("raw", ["abc", "12 orang", "1..2.3,4,5"])
def test_text_that_is_not_a_number_is_flagged(con, raw: str) -> None:
    assert math.isnan(con.execute("select citra_count(?, 'en')", [raw]).fetchall()[0][0])
