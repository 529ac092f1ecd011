"""Sample data for Citra's own labels (issue 14): a hand-kept radio clipping file whose rows
(headlines only) carry no issue and no sentiment (the model labels them, an issue is suggested), and an
analyst's corrections file in ``landing/corrections/`` that fixes a few labels by URL.

Both are drawn from the clipping files the generator already wrote, so they stay consistent
with the rest of the sample (same days, headlines, regions).
"""

from __future__ import annotations

import csv
import os
from datetime import datetime, time, timedelta
from pathlib import Path

import numpy as np

from ingestion.clock import today

from .flaws import TYPED_WRONG_SUFFIX
from .kliping import COLUMNS

RADIO_FILE = "kliping_radio_tanpa_label.csv"
CORRECTIONS_FILE = "koreksi_label_analis.csv"
RADIO_SHARE = 0.03
CORRECTIONS = 12
ANALYSTS = ("Rina (Diskominfo Kalsel)", "Budi (Diskominfo Kalsel)")
# words in a headline that make an analyst read it as negative or positive
CUES = {
    "negative": ("keluhkan", "keluh", "rusak", "antrean", "mengular", "kecewa", "protes", "macet", "lambat", "krisis"),
    "positive": ("resmikan", "diresmikan", "capai", "raih", "terima", "berhasil", "meningkat", "tersalurkan"),
}
REASONS = {
    "negative": "judul memuat keluhan warga; vendor tidak menangkap nada negatifnya",
    "positive": "judul melaporkan capaian program; vendor terlalu hati-hati",
}


def _kliping_rows(media: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(media.glob("kliping_*.csv")):
        if path.name == RADIO_FILE:
            continue
        with path.open(encoding="utf-8-sig", newline="") as fh:
            # rows typed wrong on purpose (month 13, a misspelt label) are set aside by Citra: never
            # the base of a radio clipping or a correction
            rows += [r for r in csv.DictReader(fh) if not r["document_id"].endswith(TYPED_WRONG_SUFFIX)]
    return rows


def _write(path: Path, header: list[str], rows: list[dict[str, str]], when: datetime) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    os.utime(path, (when.timestamp(), when.timestamp()))


def write_label_samples(home: Path, seed: int) -> dict:
    """Write the radio clippings and the corrections file; returns what was planted."""
    media = Path(home) / "landing" / "media"
    rows = _kliping_rows(media)
    if not rows:
        return {}
    rng = np.random.default_rng([seed, 14])
    picked = sorted(rng.choice(len(rows), size=max(1, int(len(rows) * RADIO_SHARE)), replace=False))
    radio = []
    for n, i in enumerate(picked, start=1):
        row = dict(rows[i])
        radio.append(
            {
                **{c: "" for c in COLUMNS},
                "date": row["date"],
                "title": row["title"],
                "outlet": "RRI Banjarmasin",
                "media_type": "radio",
                "region": row["region"],
                "language": "id",
                "document_id": f"rri-{n:04d}",
            }
        )
    newest = max(datetime.strptime(r["date"][:10], "%Y-%m-%d") for r in rows)
    latest = datetime.combine(today(), time(0)) - timedelta(minutes=1)  # like downloads: never after today

    def dated(days: int, hours: int = 0) -> datetime:
        return min(newest + timedelta(days=days, hours=hours), latest)

    _write(media / RADIO_FILE, COLUMNS, radio, dated(2))

    candidates = []  # (row, the label the headline's words call for), where the vendor said otherwise
    for row in rows:
        words = row["title"].lower().split()
        for label, cues in CUES.items():
            if row["url"] and row["sentiment"] and row["sentiment"] != label and any(w in cues for w in words):
                candidates.append((row, label))
                break
    chosen = sorted(rng.choice(len(candidates), size=min(CORRECTIONS, len(candidates)), replace=False))
    corrections = []
    for k, i in enumerate(chosen):
        row, corrected = candidates[i]
        corrections.append(
            {
                "url": row["url"],
                "sentimen": corrected,
                "isu": "",
                "oleh": ANALYSTS[k % 2],
                "alasan": REASONS[corrected],
                "waktu": dated(3, k).strftime("%Y-%m-%d %H:%M"),
            }
        )
    path = Path(home) / "landing" / "corrections" / CORRECTIONS_FILE
    _write(path, ["url", "sentimen", "isu", "oleh", "alasan", "waktu"], corrections, dated(4))
    return {
        "radio_file": RADIO_FILE,
        "radio_rows": len(radio),
        "corrections_file": path.name,
        "corrections": corrections,
    }
