"""One fixture per vendor layout (real header lists, invented rows): each loads the same way."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from exports import (
    BRANDWATCH_HEADER,
    BRANDWATCH_METADATA,
    GENERIC_ID_HEADER,
    MELTWATER_HEADER,
    NOLIMIT_NEWS_HEADER,
    NOLIMIT_SOCIAL_HEADER,
    TALKWALKER_HEADER,
    csv_text,
    write_xlsx,
)

from ingestion.load import ingest_media
from ingestion.pseudonyms import pseudonym_key, pseudonymize

UTC = UTC


def ingest(home: Path):
    return ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")


def loaded(home: Path) -> list[dict]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        cur = con.execute(
            """select vendor, profile, published_at, title, url, outlet, media_type, platform, author,
                      issue_label, sentiment, reach, engagement, document_id
               from raw.media_mentions order by published_at"""
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


BRANDWATCH_ROWS = [
    {
        "Query Id": "2001",
        "Query Name": "Banjir",
        "Date": "2025-01-14 09:15:00",
        "Title": "Banjir di Martapura",
        "Url": "https://banjarmasin.tribunnews.com/2025/01/14/banjir",
        "Domain": "banjarmasin.tribunnews.com",
        "Sentiment": "negative",
        "Page Type": "news",
        "Author": "Redaksi",
        "Reach (new)": "12,500",
        "Engagement": "40",
        "Resource Id": "bw-1",
    },
    {
        "Query Id": "2001",
        "Query Name": "Banjir",
        "Date": "2025-01-15 20:00:00",
        "Title": "Relawan bantu korban",
        "Url": "https://x.com/relawan/status/5",
        "Domain": "x.com",
        "Sentiment": "positive",
        "Page Type": "twitter",
        "Author": "relawan_kalsel",
        "Reach (new)": "800",
        "Resource Id": "bw-2",
    },
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_brandwatch_header_is_found_below_report_metadata(citra_home: Path, fmt: str) -> None:
    landing = citra_home / "landing" / "media"
    if fmt == "csv":
        (landing / "bw.csv").write_text(
            csv_text(BRANDWATCH_HEADER, BRANDWATCH_ROWS, preamble=BRANDWATCH_METADATA), encoding="utf-8-sig"
        )
    else:
        write_xlsx(landing / "bw.xlsx", BRANDWATCH_HEADER, BRANDWATCH_ROWS, preamble=BRANDWATCH_METADATA)
    report = ingest(citra_home)
    assert report.rows_loaded == 2 and report.rows_rejected == 0, report.outcomes
    flood, tweet = loaded(citra_home)
    assert flood["profile"] == "brandwatch" and flood["vendor"] == "brandwatch"
    assert flood["published_at"] == datetime(2025, 1, 14, 1, 15, tzinfo=UTC)
    assert (flood["sentiment"], flood["reach"], flood["issue_label"], flood["media_type"]) == (
        "negative",
        12500,
        "Banjir",
        "online",
    )
    assert (tweet["media_type"], tweet["platform"], tweet["sentiment"]) == ("social", "x", "positive")


def test_talkwalker_epoch_milliseconds_and_signed_sentiment(citra_home: Path) -> None:
    rows = [
        {
            "url": "https://kalsel.antaranews.com/berita/77",
            "published": "1736044200000",
            "title": "Harga cabai naik",
            "content": "Harga cabai di Pasar Lama naik",
            "domain_url": "kalsel.antaranews.com",
            "lang": "id",
            "sentiment": "-3",
            "source_type": "ONLINENEWS",
            "reach": "1.2K",
            "engagement": "15",
            "matched_profile": "Ekonomi",
            "extra_source_attributes.name": "Antara Kalsel",
        },
        {
            "url": "https://www.tiktok.com/@kalselkita/video/1",
            "published": "2025-01-06T02:00:00Z",
            "title": "Wisata Loksado",
            "sentiment": "0",
            "source_type": "SOCIAL_TIKTOK",
            "reach": "",
            "tags_internal": "Pariwisata",
            "extra_author_attributes.name": "kalselkita",
        },
    ]
    (citra_home / "landing" / "media" / "tw.csv").write_text(csv_text(TALKWALKER_HEADER, rows), encoding="utf-8")
    assert ingest(citra_home).rows_loaded == 2
    news, clip = loaded(citra_home)
    assert news["published_at"] == datetime(2025, 1, 5, 2, 30, tzinfo=UTC)
    assert (news["sentiment"], news["reach"], news["outlet"], news["issue_label"]) == (
        "negative",
        1200,
        "Antara Kalsel",
        "Ekonomi",
    )
    assert clip["published_at"] == datetime(2025, 1, 6, 2, 0, tzinfo=UTC)
    assert (clip["sentiment"], clip["platform"], clip["media_type"], clip["issue_label"], clip["reach"]) == (
        "neutral",
        "tiktok",
        "social",
        "Pariwisata",
        None,
    )


def test_nolimit_zip_of_semicolon_csvs_with_stray_apostrophes(citra_home: Path) -> None:
    news = [
        {
            "title": "'Gubernur resmikan RSUD",
            "body": "'Peresmian di Banjarbaru",
            "url": "https://kanalkalimantan.com/1",
            "tier": "2",
            "sentiment": "positif",
            "label": "Kesehatan",
            "date_published": "17-06-2025 14.30",
            "media_name": "Kanal Kalimantan",
        }
    ]
    social = [
        {
            "content": "'Jalan rusak lagi di Tanbu",
            "post_type": "tweet",
            "final_sentiment": "negatif",
            "link": "https://twitter.com/warga/status/9",
            "date_created": "18-06-2025 08.05",
            "username": "'warga_tanbu",
            "engagement": "1.234",
            "label": "Infrastruktur",
        }
    ]
    with zipfile.ZipFile(citra_home / "landing" / "media" / "nolimit_juni.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("export/news.csv", csv_text(NOLIMIT_NEWS_HEADER, news, delimiter=";"))
        zf.writestr("export/social.csv", csv_text(NOLIMIT_SOCIAL_HEADER, social, delimiter=";"))
    report = ingest(citra_home)
    assert report.outcomes[0].profile == "nolimit_news,nolimit_social"
    first, second = loaded(citra_home)
    assert first["title"] == "Gubernur resmikan RSUD" and first["published_at"] == datetime(
        2025, 6, 17, 6, 30, tzinfo=UTC
    )
    assert (first["sentiment"], first["outlet"], first["issue_label"]) == ("positive", "Kanal Kalimantan", "Kesehatan")
    assert (second["author"], second["platform"], second["engagement"], second["sentiment"]) == (
        pseudonymize("warga_tanbu", pseudonym_key(citra_home)),
        "x",
        1234,
        "negative",
    )


def test_generic_template_with_indonesian_headers_and_month_names(citra_home: Path) -> None:
    rows = [
        {
            "tanggal": "12 Okt 2024 08:00",
            "judul": "Pasar terapung ramai",
            "media": "Radar Banjarmasin",
            "jenis_media": "cetak",
            "isu": "Pariwisata",
            "sentimen": "Positif",
            "jangkauan": "2,5 rb",
        },
        {
            "tanggal": "3 Agustus 2025",
            "judul": "Antrean KTP",
            "media": "RRI Banjarmasin",
            "jenis_media": "radio",
            "isu": "pelayanan publik",
            "sentimen": "Netral",
            "wilayah": "HSS",
        },
    ]
    (citra_home / "landing" / "media" / "kliping.csv").write_text(
        csv_text(GENERIC_ID_HEADER, rows, delimiter=";"), encoding="cp1252"
    )
    assert ingest(citra_home).rows_loaded == 2
    market, queue = loaded(citra_home)
    assert market["published_at"] == datetime(2024, 10, 12, 0, 0, tzinfo=UTC)
    assert (market["media_type"], market["reach"], market["sentiment"]) == ("print", 2500, "positive")
    assert queue["published_at"] == datetime(2025, 8, 2, 16, 0, tzinfo=UTC)
    assert (queue["media_type"], queue["sentiment"], queue["profile"]) == ("radio", "neutral", "generic_id")


def test_meltwater_older_layout_ending_at_document_tags_still_loads(citra_home: Path) -> None:
    header = MELTWATER_HEADER[: MELTWATER_HEADER.index("Document Tags") + 1]
    rows = [
        {
            "Date": "06-Feb-2025 03:03PM",
            "Headline": "Stunting turun",
            "URL": "https://a.id/1",
            "Source": "Antara",
            "Sentiment": "Positive",
            "Input Name": "Kesehatan",
        }
    ]
    (citra_home / "landing" / "media" / "old.csv").write_text(csv_text(header, rows), encoding="utf-8")
    assert ingest(citra_home).rows_loaded == 1
    assert loaded(citra_home)[0]["profile"] == "meltwater"


def test_unknown_layout_names_the_closest_profile_and_missing_columns(citra_home: Path) -> None:
    header = ["Date", "Headline", "URL", "Source", "Opening Text", "Reach"]
    (citra_home / "landing" / "media" / "mystery.csv").write_text(csv_text(header, [{"Date": "x"}]), encoding="utf-8")
    outcome = ingest(citra_home).outcomes[0]
    assert outcome.status == "quarantined"
    assert outcome.message == (
        "mystery.csv: unknown export layout; closest profile is 'meltwater' (Meltwater mentions export "
        "(news and social), one row per mention.), which needs the columns: Sentiment, Input Name"
    )
