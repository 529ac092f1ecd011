"""Tests of the sample-data generator: determinism, file formats and the planted anomalies."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from openpyxl import load_workbook

from ingestion.clock import WITA
from sample_data.generate import GenerationSummary, generate
from sample_data.reference import load_reference

N = 5000
LAST = date(2026, 10, 1)  # the fixture's period: November 2024 to October 2026
TODAY = "2026-11-20"  # the files' dates depend on the day they are generated (never after it)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITRA_TODAY", TODAY)


MELTWATER_HEADER = (
    "Date, Headline, URL, Opening Text, Hit Sentence, Source, Influencer, Country, Subregion, Language, "
    "Reach, Desktop Reach, Mobile Reach, Twitter Social Echo, Facebook Social Echo, Reddit Social Echo, "
    "National Viewership, Engagement, AVE, Sentiment, Key Phrases, Input Name, Keywords, Twitter Authority, "
    "Tweet Id, Twitter Id, Twitter Client, Twitter Screen Name, User Profile Url, Twitter Bio, "
    "Twitter Followers, Twitter Following, Alternate Date Format, Time, State, City, Document Tags, Document ID"
).split(", ")
KLIPING_HEADER = (
    "date, title, url, snippet, outlet, media_type, platform, author, issue, sentiment, reach, "
    "engagement, region, agency, language, document_id"
).split(", ")


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read any landing file the way a careful ingester would (encoding and delimiter sniffed)."""
    if path.suffix == ".xlsx":
        ws = load_workbook(path, read_only=True).active
        rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
        return [dict(zip(rows[0], r)) for r in rows[1:]]
    raw = path.read_bytes()
    if raw.startswith(b"\xff\xfe"):
        text, delimiter = raw[2:].decode("utf-16-le"), "\t"
    else:
        text, delimiter = raw.decode("utf-8-sig"), ","
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerationSummary]:
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_TODAY", TODAY)
        return home, generate(home, mentions=N, seed=42, last_month=LAST)


@pytest.fixture(scope="module")
def meltwater(generated: tuple[Path, GenerationSummary]) -> pl.DataFrame:
    """All monthly Meltwater rows (not the re-export) with a parsed timestamp."""
    home, summary = generated
    rows = []
    for path in summary.files:
        if path.name.startswith("meltwater_") and "reexport" not in path.name:
            for r in read_rows(path):
                rows.append({**r, "file": path.name, "ts": datetime.strptime(r["Date"], "%d-%b-%Y %I:%M%p")})
    return pl.DataFrame(rows)


@pytest.fixture(scope="module")
def kliping_all(generated: tuple[Path, GenerationSummary]) -> pl.DataFrame:
    """Every row of the clipping feed (the sheets and the scraper's exports), the rows typed wrong
    on purpose included."""
    _, summary = generated
    feed = [p for p in summary.files if p.name.startswith(("kliping_", "scraper_"))]
    rows = [{**r, "file": p.name} for p in feed for r in read_rows(p)]
    return pl.DataFrame(rows)


@pytest.fixture(scope="module")
def kliping(kliping_all: pl.DataFrame) -> pl.DataFrame:
    """The clipping rows that are mentions (without the rows typed wrong on purpose)."""
    return kliping_all.filter(~pl.col("document_id").str.ends_with("-salah"))


def file_bytes(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((home / "landing" / "media").iterdir())}


def test_same_seed_same_bytes_and_other_seed_differs(tmp_path: Path, generated: tuple[Path, GenerationSummary]) -> None:
    home, _ = generated
    again = generate(tmp_path / "again", mentions=N, seed=42, last_month=LAST)
    assert file_bytes(tmp_path / "again") == file_bytes(home)
    assert again.rows_by_file == generated[1].rows_by_file
    generate(tmp_path / "other", mentions=N, seed=7, last_month=LAST)
    other = file_bytes(tmp_path / "other")
    assert other.keys() == file_bytes(home).keys()
    assert other["meltwater_2025-01.csv"] != file_bytes(home)["meltwater_2025-01.csv"]


def test_writes_only_under_landing_media(generated: tuple[Path, GenerationSummary]) -> None:
    home, summary = generated
    written = {p.relative_to(home) for p in home.rglob("*") if p.is_file()}
    assert written == {p.relative_to(home) for p in summary.files}
    assert all(p.parent == home / "landing" / "media" for p in summary.files)


def test_meltwater_alternates_utf16_tab_and_utf8_comma(generated: tuple[Path, GenerationSummary]) -> None:
    home, _ = generated
    media = home / "landing" / "media"
    utf16 = (media / "meltwater_2024-11.csv").read_bytes()
    assert utf16.startswith(b"\xff\xfe")
    assert utf16[2:].decode("utf-16-le").splitlines()[0].split("\t") == MELTWATER_HEADER
    utf8 = (media / "meltwater_2024-12.csv").read_bytes()
    assert not utf8.startswith((b"\xef\xbb\xbf", b"\xff\xfe"))
    assert next(csv.reader(io.StringIO(utf8.decode("utf-8")))) == MELTWATER_HEADER
    assert (media / "meltwater_2025-01.csv").read_bytes().startswith(b"\xff\xfe")


def test_kliping_formats(generated: tuple[Path, GenerationSummary]) -> None:
    home, _ = generated
    media = home / "landing" / "media"
    raw = (media / "kliping_2024-11.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert next(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) == KLIPING_HEADER
    xlsx = sorted(p.name for p in media.glob("kliping_*.xlsx"))
    assert xlsx == ["kliping_2025-04.xlsx", "kliping_2025-10.xlsx", "kliping_2026-04.xlsx", "kliping_2026-10.xlsx"]
    header = next(load_workbook(media / xlsx[0], read_only=True).active.iter_rows(values_only=True))
    assert list(header) == KLIPING_HEADER


def test_meltwater_feed_gap(meltwater: pl.DataFrame, generated: tuple[Path, GenerationSummary]) -> None:
    days = meltwater["ts"].dt.date()
    assert not days.is_between(date(2025, 3, 10), date(2025, 3, 18)).any()
    assert (days == date(2025, 3, 9)).any() and (days == date(2025, 3, 19)).any()
    assert generated[1].feed_gap == {
        "feed": "meltwater",
        "first_missing_day": date(2025, 3, 10),
        "last_missing_day": date(2025, 3, 18),
    }


def test_kliping_month_missing(generated: tuple[Path, GenerationSummary], kliping: pl.DataFrame) -> None:
    home, summary = generated
    media = home / "landing" / "media"
    assert not list(media.glob("kliping_2025-08*"))
    assert list(media.glob("kliping_2025-07*")) and list(media.glob("kliping_2025-09*"))
    assert not kliping["date"].str.starts_with("2025-08").any()
    assert summary.missing_month["month"] == date(2025, 8, 1)


def test_burst_dwarfs_normal_negative_days(meltwater: pl.DataFrame, generated: tuple[Path, GenerationSummary]) -> None:
    ref = load_reference()
    neg = meltwater.filter(
        (pl.col("Sentiment") == "Negative")
        & (pl.col("Input Name").map_elements(ref.issue_of_label, return_dtype=pl.String) == "lingkungan_tambang")
    )
    per_day = neg.group_by(pl.col("ts").dt.date().alias("day")).len()
    all_days = pl.DataFrame({"day": pl.date_range(date(2024, 11, 1), date(2026, 10, 31), eager=True)})
    daily = all_days.join(per_day, on="day", how="left").fill_null(0)
    burst = daily.filter(pl.col("day") == date(2025, 10, 6))["len"].item()
    normal = daily.filter(pl.col("day") != date(2025, 10, 6))["len"]
    assert burst >= 10 * max(normal.median(), normal.mean(), 1)
    summary = generated[1]
    assert summary.burst["date"] == date(2025, 10, 6) and summary.burst["region_code"] == "6310"
    assert burst <= summary.burst["negative_count"]
    burst_rows = neg.filter(pl.col("ts").dt.date() == date(2025, 10, 6))
    tanbu = burst_rows["Headline"].str.contains("Tanah Bumbu|Tanbu|Batulicin").sum()
    assert tanbu > burst_rows.height / 2


def test_reexport_repeats_june_with_grown_numbers(
    generated: tuple[Path, GenerationSummary], meltwater: pl.DataFrame
) -> None:
    home, summary = generated
    name = "meltwater_2025-06-01_to_2025-06-20_reexport.csv"
    again = pl.DataFrame(read_rows(home / "landing" / "media" / name))
    assert summary.reexport["file"] == name and summary.reexport["overlapping_rows"] == again.height > 0
    june = meltwater.filter(pl.col("file") == "meltwater_2025-06.csv")
    joined = again.join(june, on="Document ID", how="left", suffix="_june")
    assert joined["Date_june"].null_count() == 0
    assert (joined["Headline"] == joined["Headline_june"]).all()
    both = joined.filter((pl.col("Reach") != "") & (pl.col("Reach_june") != ""))
    assert both.height > 0.8 * joined.height
    assert (both["Reach"].cast(pl.Int64) >= both["Reach_june"].cast(pl.Int64)).all()
    in_range = june.filter(pl.col("ts").dt.day() <= 20)
    assert in_range.height == again.height


def test_exactly_n_unique_mentions(
    generated: tuple[Path, GenerationSummary], meltwater: pl.DataFrame, kliping: pl.DataFrame
) -> None:
    summary = generated[1]
    ids = pl.concat([meltwater["Document ID"], kliping["document_id"]])
    assert ids.n_unique() == ids.len() == summary.unique_mentions == N
    assert summary.total_rows == N + summary.reexport["overlapping_rows"] + sum(summary.rejected_rows.values())


def test_labels_and_regions_map_through_seeds(meltwater: pl.DataFrame, kliping: pl.DataFrame) -> None:
    ref = load_reference()
    labels = set(meltwater["Input Name"]) | set(kliping["issue"]) - {""}
    assert all(ref.issue_of_label(label) for label in labels)
    assert set(kliping["region"]) - {""} <= set(ref.region_names.values())
    assert set(meltwater["Sentiment"]) == {"Positive", "Negative", "Neutral", "Not Rated"}
    assert set(kliping["sentiment"]) == {"positive", "neutral", "negative", ""}
    aliases = sorted((a for a in _region_aliases()), key=len, reverse=True)
    titles = meltwater["Headline"].str.to_lowercase()
    assert titles.map_elements(lambda t: any(a in t for a in aliases), return_dtype=pl.Boolean).all()


def test_shares_are_plausible(meltwater: pl.DataFrame, kliping: pl.DataFrame) -> None:
    total = meltwater.height + kliping.height
    social = meltwater["Source"].is_in(["Twitter", "Instagram", "TikTok", "Facebook", "YouTube"]).sum()
    assert 0.28 < social / total < 0.42
    assert 0.05 < kliping.height / total < 0.11
    counts = meltwater["Sentiment"].value_counts()
    share = {r["Sentiment"]: r["count"] / meltwater.height for r in counts.iter_rows(named=True)}
    assert share["Neutral"] > share["Positive"] > share["Negative"]
    assert 0.03 < share["Not Rated"] < 0.08
    weekday = meltwater["ts"].dt.weekday().value_counts()  # 1 = Monday .. 7 = Sunday
    by_day = dict(zip(weekday["ts"], weekday["count"]))
    assert by_day[7] == min(by_day.values()) and by_day[2] > by_day[6]


def _region_aliases() -> list[str]:
    path = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "region_aliases.csv"
    with path.open(encoding="utf-8") as fh:
        return [r["alias"] for r in csv.DictReader(fh)]


def test_files_are_dated_like_downloads_so_the_reexport_is_newest(tmp_path: Path) -> None:
    from ingestion.landing import export_date_of, list_landing_files

    summary = generate(tmp_path, mentions=3000, seed=5, last_month=LAST)
    dates = {f.path.name: export_date_of(f) for f in list_landing_files(tmp_path / "landing" / "media")}
    assert dates["meltwater_2025-06.csv"] == date(2025, 7, 1)
    assert dates[summary.reexport["file"]] > dates["meltwater_2025-06.csv"]
    assert dates["kliping_2024-11.csv"] == date(2024, 12, 2)


def test_the_default_period_ends_with_the_last_complete_month_before_citra_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITRA_TODAY", "2028-06-30")
    summary = generate(tmp_path, mentions=3000, seed=5, months=24)
    media = sorted(p.name for p in (tmp_path / "landing" / "media").glob("meltwater_????-??.csv"))
    assert (summary.first_month, summary.last_month) == (date(2026, 6, 1), date(2028, 5, 1))
    assert (media[0], media[-1]) == ("meltwater_2026-06.csv", "meltwater_2028-05.csv")
    # the story moves to the one year whose March to November the period holds
    assert summary.burst["date"] == date(2027, 10, 6)
    assert summary.feed_gap["first_missing_day"] == date(2027, 3, 10)
    assert summary.missing_month["month"] == date(2027, 8, 1)
    assert summary.reexport["file"] == "meltwater_2027-06-01_to_2027-06-20_reexport.csv"


def test_the_story_stays_in_2025_whenever_the_period_holds_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITRA_TODAY", "2026-01-15")
    summary = generate(tmp_path, mentions=2000, seed=5, months=24)
    assert (summary.first_month, summary.last_month) == (date(2024, 1, 1), date(2025, 12, 1))
    assert summary.burst["date"] == date(2025, 10, 6) and summary.missing_month["month"] == date(2025, 8, 1)


def test_no_export_is_dated_after_today(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ingestion.landing import export_date_of, list_landing_files

    monkeypatch.setenv("CITRA_TODAY", "2026-12-01")  # the kliping of November would be exported on 2 December
    generate(tmp_path, mentions=1000, seed=5, months=2, platforms=True)
    dates = {f.name: export_date_of(f) for f in list_landing_files(tmp_path / "landing")}
    assert dates["media/kliping_2026-11.csv"] == date(2026, 12, 1)
    assert dates["media/meltwater_2026-11.csv"] == date(2026, 12, 1)
    assert max(dates.values()) == date(2026, 12, 1)


def test_clipping_sheets_have_rows_typed_wrong_and_mentions_without_an_issue(
    generated: tuple[Path, GenerationSummary], kliping_all: pl.DataFrame, kliping: pl.DataFrame
) -> None:
    _, summary = generated
    wrong = kliping_all.filter(pl.col("document_id").str.ends_with("-salah"))
    per_file = dict(wrong.group_by("file").len().iter_rows())
    assert per_file == {name: n for name, n in summary.rejected_rows.items() if n} and min(per_file.values()) >= 1
    kinds = {
        "date": wrong.filter(pl.col("date").str.slice(5, 2) == "13").height,
        "sentiment": wrong.filter(pl.col("sentiment") == "positip").height,
        "title_url": wrong.filter((pl.col("title") == "") & (pl.col("url") == "")).height,
    }
    assert sum(kinds.values()) == wrong.height and min(kinds.values()) >= 1, kinds
    no_issue = (kliping["issue"] == "").mean()
    assert 0.01 < no_issue < 0.06


def test_the_scraper_export_has_the_online_clippings_of_the_last_three_months_with_offsets(
    tmp_path: Path,
) -> None:
    summary = generate(tmp_path, mentions=3000, seed=5, last_month=date(2025, 12, 1))
    media = tmp_path / "landing" / "media"
    assert [p.name for p in summary.scraper_files] == [
        "scraper_2025-10.csv",
        "scraper_2025-11.csv",
        "scraper_2025-12.csv",
    ]
    scraper = pl.DataFrame([r for p in summary.scraper_files for r in read_rows(p)])
    assert scraper["date"].str.contains(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+07:00$").all()
    assert set(scraper["media_type"]) == {"online"}
    local = [datetime.fromisoformat(d).astimezone(WITA) for d in scraper["date"]]
    assert {(t.year, t.month) for t in local} == {(2025, 10), (2025, 11), (2025, 12)}
    # the clipping sheets of those months no longer hold the online rows; no mention is lost
    for month in ("2025-10", "2025-11", "2025-12"):
        sheet = pl.DataFrame(read_rows(next(media.glob(f"kliping_{month}.*"))))
        assert "online" not in set(sheet["media_type"])
    ids = [r["document_id"] for p in media.glob("kliping_*") for r in read_rows(p)] + list(scraper["document_id"])
    ids += [r["Document ID"] for p in media.glob("meltwater_????-??.csv") for r in read_rows(p)]
    assert len({i for i in ids if not i.endswith("-salah")}) == 3000
