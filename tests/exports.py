"""Builders of small vendor-format export files for the tests (real header lists, invented rows)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

MELTWATER_HEADER = (
    "Date, Headline, URL, Opening Text, Hit Sentence, Source, Influencer, Country, Subregion, "
    "Language, Reach, Desktop Reach, Mobile Reach, Twitter Social Echo, Facebook Social Echo, "
    "Reddit Social Echo, National Viewership, Engagement, AVE, Sentiment, Key Phrases, Input Name, "
    "Keywords, Twitter Authority, Tweet Id, Twitter Id, Twitter Client, Twitter Screen Name, "
    "User Profile Url, Twitter Bio, Twitter Followers, Twitter Following, Alternate Date Format, "
    "Time, State, City, Document Tags, Document ID"
).split(", ")

GENERIC_HEADER = (
    "date, title, url, snippet, outlet, media_type, platform, author, issue, sentiment, reach, "
    "engagement, region, agency, language, document_id"
).split(", ")


def meltwater_row(**values: str) -> dict[str, str]:
    """A Meltwater row; keyword names use underscores for spaces (Input_Name=...)."""
    return {k.replace("_", " "): v for k, v in values.items()}


def write_table(
    path: Path, header: list[str], rows: list[dict[str, str]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    """Write rows under ``header`` as a vendor would: ``utf-16`` means UTF-16 LE with BOM."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_meltwater(path: Path, rows: list[dict[str, str]], *, utf16: bool = False) -> Path:
    """Meltwater export: tab-delimited UTF-16 LE with BOM, or UTF-8 comma-separated."""
    if utf16:
        return write_table(path, MELTWATER_HEADER, rows, encoding="utf-16", delimiter="\t")
    return write_table(path, MELTWATER_HEADER, rows)


BRANDWATCH_HEADER = (
    "Query Id, Query Name, Date, Title, Snippet, Full Text, Url, Domain, Sentiment, Page Type, "
    "Language, Country, City, Author, Full Name, Category Details, Impressions, Reach (new), "
    "Engagement, Resource Id"
).split(", ")
BRANDWATCH_METADATA = [
    ["Report:", "Mentions"],
    ["Brand:", "Pemprov Kalsel"],
    ["From:", "2025-01-01"],
    ["To:", "2025-01-31"],
    ["Label:", "Isu Daerah"],
    [],
]

TALKWALKER_HEADER = (
    "url, indexed, search_indexed, published, title, content, title_snippet, domain_url, lang, "
    "sentiment, source_type, post_type, images.url, reach, engagement, likes, matched_profile, "
    "extra_author_attributes.name, extra_source_attributes.name, tags_internal"
).split(", ")

NOLIMIT_NEWS_HEADER = ["title", "body", "url", "tier", "sentiment", "label", "date_published", "media_name"]
NOLIMIT_SOCIAL_HEADER = [
    "content",
    "post_type",
    "final_sentiment",
    "link",
    "date_created",
    "username",
    "engagement",
    "label",
]

GENERIC_ID_HEADER = (
    "tanggal, judul, tautan, ringkasan, media, jenis_media, platform, penulis, isu, sentimen, "
    "jangkauan, keterlibatan, wilayah, skpd, bahasa, id_dokumen"
).split(", ")


def csv_text(
    header: list[str], rows: list[dict[str, str]], delimiter: str = ",", preamble: list[list[str]] | None = None
) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for line in preamble or []:
        writer.writerow(line)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(h, "") for h in header])
    return buf.getvalue()


def write_xlsx(
    path: Path, header: list[str], rows: list[dict[str, object]], preamble: list[list[str]] | None = None
) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in preamble or []:
        sheet.append(line or [None])
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(h) for h in header])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def csv_lines(header: list[str], rows: list[dict[str, str]], delimiter: str = ",") -> list[str]:
    """The header and each row as the text ``csv_text`` writes for it (line break included),
    so a test can damage one row and know which bytes belong to which row."""
    return [csv_text(header, [], delimiter)] + [csv_text(header, [row], delimiter).split("\r\n", 1)[1] for row in rows]
