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


def write_table(path: Path, header: list[str], rows: list[dict[str, str]], *, encoding: str = "utf-8",
                delimiter: str = ",") -> Path:
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
