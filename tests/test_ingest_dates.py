"""Dates as real exports write them: each form loads as its exact UTC instant (CSV and XLSX)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from exports import (
    BRANDWATCH_HEADER,
    GENERIC_HEADER,
    GENERIC_ID_HEADER,
    MELTWATER_HEADER,
    NOLIMIT_NEWS_HEADER,
    NOLIMIT_SOCIAL_HEADER,
    TALKWALKER_HEADER,
    csv_text,
    write_xlsx,
)

from ingestion.load import connect, ingest_media

ROW = {"title": "Jembatan baru diresmikan", "outlet": "Antara Kalsel", "issue": "Infrastruktur", "sentiment": "positif"}


def ingest(home: Path):
    return ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")


def write_generic(home: Path, dates: list[object], fmt: str = "csv", name: str = "kliping") -> Path:
    """A generic-template file with one row per date (titles ``row 0``, ``row 1``, ...)."""
    rows = [{**ROW, "title": f"row {i}", "date": d} for i, d in enumerate(dates)]
    path = home / "landing" / "media" / f"{name}.{fmt}"
    if fmt == "xlsx":
        return write_xlsx(path, GENERIC_HEADER, rows)
    path.write_text(csv_text(GENERIC_HEADER, rows), encoding="utf-8")
    return path


def query(home: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def instants(home: Path) -> dict[str, datetime]:
    return dict(query(home, "select title, published_at from raw.media_mentions"))


def rejects(home: Path) -> list[tuple]:
    return query(home, "select source_row, column_name, reason from raw.ingest_rejects order by source_row")


# value as written -> the UTC instant it names (the profile's zone is WITA, UTC+8)
ISO_FORMS = {
    "2025-02-22 04:01:59.894000+00:00": datetime(2025, 2, 22, 4, 1, 59, 894000, tzinfo=UTC),  # pandas
    "2025-03-04 16:17:57+07:00": datetime(2025, 3, 4, 9, 17, 57, tzinfo=UTC),  # offset wins over WITA
    "2025-03-04T16:17:57Z": datetime(2025, 3, 4, 16, 17, 57, tzinfo=UTC),
    "2025-03-04T16:17:57+0700": datetime(2025, 3, 4, 9, 17, 57, tzinfo=UTC),
    "2025-03-04T16:17:57+07": datetime(2025, 3, 4, 9, 17, 57, tzinfo=UTC),
    "2025-03-04 16:17:57 -05:00": datetime(2025, 3, 4, 21, 17, 57, tzinfo=UTC),
    "2025-03-04T16:17:57.5+07:00": datetime(2025, 3, 4, 9, 17, 57, 500000, tzinfo=UTC),
    "2025-03-04T16:17:57.123456789Z": datetime(2025, 3, 4, 16, 17, 57, 123456, tzinfo=UTC),  # ns cut to µs
    "2025-03-04T16:17:57.999999999Z": datetime(2025, 3, 4, 16, 17, 57, 999999, tzinfo=UTC),  # truncated, not 58
    "2025-03-04 16:17:57 UTC": datetime(2025, 3, 4, 16, 17, 57, tzinfo=UTC),
    "2025-03-04 16:17 WIB": datetime(2025, 3, 4, 9, 17, tzinfo=UTC),  # Indonesian zones: WIB is UTC+7
    "2025-03-04 16:17 WIT": datetime(2025, 3, 4, 7, 17, tzinfo=UTC),
    "2025-03-04T16:17:57": datetime(2025, 3, 4, 8, 17, 57, tzinfo=UTC),  # no offset: WITA
    "2025-03-04 16:17": datetime(2025, 3, 4, 8, 17, tzinfo=UTC),
    "2025-03-04": datetime(2025, 3, 3, 16, 0, tzinfo=UTC),
    "2025/03/04 16:17": datetime(2025, 3, 4, 8, 17, tzinfo=UTC),
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_iso_8601_and_rfc_3339_dates_load_as_their_exact_instant(citra_home: Path, fmt: str) -> None:
    """Catches: offsets ignored (WITA applied to a +07:00 value), fractions beyond microseconds
    rejected or rounded up, the pandas form `... .894000+00:00` sent to rejects."""
    write_generic(citra_home, list(ISO_FORMS), fmt)
    report = ingest(citra_home)
    assert (report.rows_loaded, report.rows_rejected) == (len(ISO_FORMS), 0), rejects(citra_home)
    loaded = instants(citra_home)
    assert [loaded[f"row {i}"] for i in range(len(ISO_FORMS))] == list(ISO_FORMS.values())


EPOCH_FORMS = {
    "1736044200": datetime(2025, 1, 5, 2, 30, tzinfo=UTC),  # seconds
    "1736044200123": datetime(2025, 1, 5, 2, 30, 0, 123000, tzinfo=UTC),  # milliseconds
    "1736044200.25": datetime(2025, 1, 5, 2, 30, 0, 250000, tzinfo=UTC),
    "1736044200000.0": datetime(2025, 1, 5, 2, 30, tzinfo=UTC),  # milliseconds re-saved as a float
}


def test_unix_epoch_seconds_and_milliseconds_load_in_every_profile(citra_home: Path) -> None:
    """Catches: epoch read only where a profile declared it (the generic template lost them),
    seconds taken for milliseconds (dates in 1970) or the reverse (dates in 56970)."""
    write_generic(citra_home, list(EPOCH_FORMS))
    ingest(citra_home)
    loaded = instants(citra_home)
    assert [loaded[f"row {i}"] for i in range(len(EPOCH_FORMS))] == list(EPOCH_FORMS.values())


def test_excel_datetime_cells_and_serial_numbers_are_wall_clock_time_in_the_profile_zone(citra_home: Path) -> None:
    """Catches: a datetime cell or a serial read as UTC, serials rejected as 'not a date',
    the 1900 date system off by one or two days."""
    cells = [
        datetime(2025, 3, 4, 16, 17, 57),  # a real datetime cell: 16:17:57 WITA
        datetime(2025, 3, 4, 16, 17, 57, 500000),
        date(2025, 3, 4),  # a date cell: midnight WITA
        45720.5,  # a serial number (2025-03-04 12:00) in a cell without date format
        45720,
        "45720.25",  # the same serial as text
        1736044200,  # an epoch as a number cell
    ]
    write_generic(citra_home, cells, "xlsx")
    report = ingest(citra_home)
    assert report.rows_rejected == 0, rejects(citra_home)
    loaded = instants(citra_home)
    assert [loaded[f"row {i}"] for i in range(len(cells))] == [
        datetime(2025, 3, 4, 8, 17, 57, tzinfo=UTC),
        datetime(2025, 3, 4, 8, 17, 57, 500000, tzinfo=UTC),
        datetime(2025, 3, 3, 16, 0, tzinfo=UTC),
        datetime(2025, 3, 4, 4, 0, tzinfo=UTC),
        datetime(2025, 3, 3, 16, 0, tzinfo=UTC),
        datetime(2025, 3, 3, 22, 0, tzinfo=UTC),
        datetime(2025, 1, 5, 2, 30, tzinfo=UTC),
    ]


def test_excel_serial_with_a_time_of_day_lands_on_the_exact_second(citra_home: Path) -> None:
    """Catches: float error turning 16:17:57 into 16:17:56.999999 (serials round to milliseconds)."""
    serial = (datetime(2025, 3, 4, 16, 17, 57) - datetime(1899, 12, 30)).total_seconds() / 86400
    write_generic(citra_home, [serial, repr(serial)], "xlsx")
    ingest(citra_home)
    assert set(instants(citra_home).values()) == {datetime(2025, 3, 4, 8, 17, 57, tzinfo=UTC)}


def ingest_file_row(home: Path) -> tuple:
    return query(home, "select date_order, date_order_note from raw.ingest_files")[0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_day_above_12_makes_the_whole_file_day_first(citra_home: Path, fmt: str) -> None:
    """Catches: day order decided per row (05/03 read as May 3 beside 13/02), or not at all."""
    write_generic(citra_home, ["05/03/2025 10:00", "13/02/2025 10:00", "06.03.2025", "07-03-25 9.30"], fmt)
    assert ingest(citra_home).rows_loaded == 4
    loaded = instants(citra_home)
    assert [loaded[f"row {i}"] for i in range(4)] == [
        datetime(2025, 3, 5, 2, 0, tzinfo=UTC),
        datetime(2025, 2, 13, 2, 0, tzinfo=UTC),
        datetime(2025, 3, 5, 16, 0, tzinfo=UTC),
        datetime(2025, 3, 7, 1, 30, tzinfo=UTC),
    ]
    assert ingest_file_row(citra_home) == (
        "day_first",
        "day-first (DD/MM/YYYY): '13/02/2025 10:00' (row 3) fits no other order",
    )


def test_a_month_above_12_makes_the_whole_file_month_first_against_the_profile_default(citra_home: Path) -> None:
    """Catches: the generic template's day-first default winning over the file's own evidence."""
    write_generic(citra_home, ["05/03/2025 10:00", "02/13/2025 03:15 PM", "12/31/2024 12:05 AM"])
    assert ingest(citra_home).rows_loaded == 3
    loaded = instants(citra_home)
    assert [loaded[f"row {i}"] for i in range(3)] == [
        datetime(2025, 5, 3, 2, 0, tzinfo=UTC),
        datetime(2025, 2, 13, 7, 15, tzinfo=UTC),
        datetime(2024, 12, 30, 16, 5, tzinfo=UTC),
    ]
    assert ingest_file_row(citra_home)[0] == "month_first"


def test_an_ambiguous_file_uses_the_profile_default_and_says_so(citra_home: Path) -> None:
    """Catches: a silent guess; the registry must say that no date decided the order."""
    write_generic(citra_home, ["05/03/2025 10:00", "06/03/2025"])
    ingest(citra_home)
    assert sorted(instants(citra_home).values()) == [
        datetime(2025, 3, 5, 2, 0, tzinfo=UTC),
        datetime(2025, 3, 5, 16, 0, tzinfo=UTC),
    ]
    assert ingest_file_row(citra_home) == (
        "day_first",
        "ambiguous: each of the 2 day/month dates fits both orders (no number above 12); read as day-first (DD/MM/YYYY), "
        "the default of profile 'generic'",
    )


def test_a_file_mixing_both_orders_rejects_the_rows_against_the_majority(citra_home: Path) -> None:
    """Catches: a contradicting row loaded in the other order (the same file meaning two things)."""
    write_generic(citra_home, ["13/02/2025 10:00", "14/02/2025 10:00", "02/15/2025 10:00", "2025-02-16 10:00"])
    report = ingest(citra_home)
    assert (report.rows_loaded, report.rows_rejected) == (3, 1)
    assert rejects(citra_home) == [
        (
            4,
            "date",
            "date '02/15/2025 10:00' does not fit the day-first (DD/MM/YYYY) order of the other dates "
            "in this file; check the row",
        )
    ]
    order, note = ingest_file_row(citra_home)
    assert order == "day_first"
    assert note == (
        "mixed: 2 dates fit only day-first (e.g. '13/02/2025 10:00' (row 2)), 1 only month-first "
        "(e.g. '02/15/2025 10:00' (row 4)); read as day-first (DD/MM/YYYY), the 1 others are rejected"
    )


@pytest.mark.parametrize(
    "value", ["kemarin", "2 jam yang lalu", "3 hari lalu", "5 menit yg lalu", "2h ago", "Yesterday"]
)
def test_relative_dates_are_rejected_with_a_reason_that_says_so(citra_home: Path, value: str) -> None:
    """Catches: 'kemarin' reported as a malformed date, leaving staff to guess what is wrong."""
    write_generic(citra_home, ["2025-03-01 10:00", value])
    assert ingest(citra_home).rows_rejected == 1
    assert rejects(citra_home) == [
        (
            3,
            "date",
            f"date '{value}' is relative (as a web page shows it when scraped), not a date; "
            "export absolute dates, e.g. 2026-02-06 15:03",
        )
    ]


def test_the_future_rule_allows_tomorrow_in_wita_and_rejects_the_day_after(
    citra_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches: the rule reading the real clock (CITRA_TODAY ignored) or cutting days in UTC."""
    monkeypatch.setenv("CITRA_TODAY", "2026-01-15")
    write_generic(citra_home, ["2026-01-16 23:59", "2026-01-17 00:00", "2026-01-16T16:30:00Z", "2026-01-16T15:59:59Z"])
    report = ingest(citra_home)
    assert (report.rows_loaded, report.rows_rejected) == (2, 2)
    assert rejects(citra_home) == [
        (
            3,
            "date",
            "date '2026-01-17 00:00' is in the future (after 2026-01-16, tomorrow in WITA); "
            "check the date format or the export",
        ),
        (
            4,
            "date",
            "date '2026-01-16T16:30:00Z' is in the future (after 2026-01-16, tomorrow in WITA); "
            "check the date format or the export",
        ),
    ]


def test_an_existing_warehouse_gets_the_day_order_columns(citra_home: Path) -> None:
    """Catches: `create table if not exists` leaving an older warehouse without the new columns,
    so the first load after an upgrade fails."""
    warehouse = citra_home / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema raw")
        con.execute(
            """create table raw.ingest_files (file_id varchar primary key, file_name varchar not null,
               file_path varchar not null, size_bytes bigint not null, profile varchar, vendor varchar,
               export_date date, status varchar not null, rows_read bigint, rows_loaded bigint,
               rows_rejected bigint, min_published_at timestamptz, max_published_at timestamptz,
               error varchar, first_seen_at timestamptz not null, loaded_at timestamptz)"""
        )
        con.execute(
            "insert into raw.ingest_files (file_id, file_name, file_path, size_bytes, status, first_seen_at)"
            " values ('old', 'old.csv', '/x/old.csv', 1, 'loaded', now())"
        )
    connect(warehouse).close()
    connect(warehouse).close()  # twice: the migration is idempotent
    write_generic(citra_home, ["13/02/2025"])
    assert ingest(citra_home).rows_loaded == 1
    assert query(citra_home, "select file_id, date_order from raw.ingest_files order by file_name") == [
        (query(citra_home, "select file_id from raw.ingest_files where file_name = 'kliping.csv'")[0][0], "day_first"),
        ("old", None),
    ]


MEDIA_LAYOUTS = {
    # profile -> (header, date column, the other cells of a valid row, delimiter)
    "meltwater": (
        MELTWATER_HEADER,
        "Date",
        {
            "Headline": "Banjir",
            "URL": "https://a.id/1",
            "Source": "Antara",
            "Sentiment": "Negative",
            "Input Name": "Banjir",
        },
        ",",
    ),
    "brandwatch": (
        BRANDWATCH_HEADER,
        "Date",
        {"Query Name": "Banjir", "Title": "Banjir", "Url": "https://a.id/1", "Sentiment": "negative"},
        ",",
    ),
    "talkwalker": (
        TALKWALKER_HEADER,
        "published",
        {"url": "https://a.id/1", "title": "Banjir", "sentiment": "-2"},
        ",",
    ),
    "nolimit_news": (
        NOLIMIT_NEWS_HEADER,
        "date_published",
        {"title": "Banjir", "url": "https://a.id/1", "sentiment": "negatif", "label": "Banjir"},
        ";",
    ),
    "nolimit_social": (
        NOLIMIT_SOCIAL_HEADER,
        "date_created",
        {"content": "Banjir", "link": "https://x.com/a/status/1", "final_sentiment": "negatif", "label": "Banjir"},
        ";",
    ),
    "generic_id": (
        GENERIC_ID_HEADER,
        "tanggal",
        {"judul": "Banjir", "media": "Antara", "isu": "Banjir", "sentimen": "netral"},
        ";",
    ),
}


@pytest.mark.parametrize("profile", sorted(MEDIA_LAYOUTS))
def test_every_media_profile_reads_iso_offsets_epochs_and_day_first_dates(citra_home: Path, profile: str) -> None:
    """Catches: the date forms wired into one profile only (the vendor files keep losing rows)."""
    header, column, cells, delimiter = MEDIA_LAYOUTS[profile]
    values = ["2025-03-04 16:17:57+07:00", "1736044200123", "13/02/2025 10:00"]
    rows = [{**cells, column: v} for v in values]
    (citra_home / "landing" / "media" / "export.csv").write_text(csv_text(header, rows, delimiter), encoding="utf-8")
    report = ingest(citra_home)
    assert (report.outcomes[0].profile, report.rows_loaded) == (profile, 3), rejects(citra_home)
    zone = UTC if profile == "talkwalker" else ZoneInfo("Asia/Makassar")  # the zone each vendor writes in
    assert sorted(v for _, v in query(citra_home, "select source_row, published_at from raw.media_mentions")) == [
        datetime(2025, 1, 5, 2, 30, 0, 123000, tzinfo=UTC),
        datetime(2025, 2, 13, 10, 0, tzinfo=zone),
        datetime(2025, 3, 4, 9, 17, 57, tzinfo=UTC),
    ]


def test_a_date_form_that_first_appears_far_below_the_header_is_still_read(citra_home: Path) -> None:
    """Catches: only the date forms of the sniffed first rows typed, so a later epoch, Excel
    serial or day/month date in a long file became 'not a date'."""
    dates = ["2025-03-04 10:00"] * 60 + ["1736044200", "45720.5", "13/02/2025 10:00", "05/03/2025"]
    write_generic(citra_home, dates)
    report = ingest(citra_home)
    assert (report.rows_loaded, report.rows_rejected) == (64, 0), rejects(citra_home)
    loaded = instants(citra_home)
    assert [loaded[f"row {i}"] for i in range(60, 64)] == [
        datetime(2025, 1, 5, 2, 30, tzinfo=UTC),
        datetime(2025, 3, 4, 4, 0, tzinfo=UTC),
        datetime(2025, 2, 13, 2, 0, tzinfo=UTC),
        datetime(2025, 3, 4, 16, 0, tzinfo=UTC),
    ]
    assert ingest_file_row(citra_home)[0] == "day_first"
