"""An independent computation of the monthly issue mart straight from the export files.

Uses only the standard library (csv, datetime) and openpyxl: none of Citra's ingestion or
SQL, so a bug there cannot hide in both the product and its check.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"
SENTIMENT = {
    "positive": "positive",
    "positif": "positive",
    "neutral": "neutral",
    "netral": "neutral",
    "negative": "negative",
    "negatif": "negative",
}


def _aliases() -> dict[str, str]:
    with (SEEDS / "issue_aliases.csv").open(encoding="utf-8") as fh:
        return {row["alias"]: row["issue_code"] for row in csv.DictReader(fh)}


def _rows(path: Path) -> list[dict[str, str]]:
    if path.suffix == ".xlsx":
        sheet = load_workbook(path, read_only=True).active
        values = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        return [dict(zip(values[0], row)) for row in values[1:]]
    raw = path.read_bytes()
    if raw.startswith(b"\xff\xfe"):
        return list(csv.DictReader(io.StringIO(raw.decode("utf-16")), delimiter="\t"))
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def mentions_from_files(landing: Path) -> dict[tuple[str, str], dict]:
    """(vendor, document id) -> month, issue, sentiment; the later-dated file wins."""
    aliases = _aliases()
    found: dict[tuple[str, str], tuple[float, dict]] = {}
    for path in sorted(landing.glob("*")):
        mtime = path.stat().st_mtime
        for row in _rows(path):
            if "Document ID" in row:
                key = ("meltwater", row["Document ID"])
                local = datetime.strptime(row["Date"], "%d-%b-%Y %I:%M%p")
                label, sentiment = row["Input Name"], row["Sentiment"]
            else:
                key = ("manual", row["document_id"])
                local = datetime.strptime(row["date"][:16], "%Y-%m-%d %H:%M")
                label, sentiment = row["issue"], row["sentiment"]
            clean = " ".join(label.split()).lower()
            record = {
                "month": date(local.year, local.month, 1),
                "issue": aliases.get(clean, clean),
                "sentiment": SENTIMENT.get(sentiment.strip().lower()),
            }
            if key not in found or mtime >= found[key][0]:
                found[key] = (mtime, record)
    return {key: record for key, (_, record) in found.items()}


def monthly_issue_mart(landing: Path) -> dict[tuple[date, str], dict]:
    """(month, issue) -> counts and shares as design.md defines them (non-zero cells only)."""
    counts: dict[tuple[date, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for record in mentions_from_files(landing).values():
        cell = counts[(record["month"], record["issue"])]
        cell["mentions"] += 1
        cell[record["sentiment"] or "unlabeled"] += 1
    month_total: dict[date, int] = defaultdict(int)
    for (month, _), cell in counts.items():
        month_total[month] += cell["mentions"]
    result = {}
    for key, cell in counts.items():
        labelled = cell["positive"] + cell["neutral"] + cell["negative"]
        result[key] = {
            "mentions": cell["mentions"],
            "positive": cell["positive"],
            "neutral": cell["neutral"],
            "negative": cell["negative"],
            "unlabeled": cell["unlabeled"],
            "positive_share": cell["positive"] / labelled if labelled else None,
            "negative_share": cell["negative"] / labelled if labelled else None,
            "net_sentiment": (cell["positive"] - cell["negative"]) / labelled if labelled else None,
            "share_of_voice": cell["mentions"] / month_total[key[0]],
        }
    return result
