"""The sample's releases as an office keeps them (``landing/releases/``), deterministic for a seed.

- Diskominfo and Biro Adpim keep a sheet (CSV, Indonesian headers, one file a year) with the
  agency in a column; the sheet also lists a few releases of other agencies that their feeds
  carry too (same URL, a campaign filled in: the sheet's row wins), and one row typed wrong;
- Dinas PUPR keeps an XLSX with English headers and no agency column, in its own folder;
- Dinkes' website has an Atom feed, the others a WordPress RSS feed: saved every six months,
  each save listing the newest ten items as WordPress does, so saves overlap.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date, datetime, time
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from .outlets import ISSUE_LABELS
from .releases import WITA, Release
from .writers import _normalise_zip

SHEET_AGENCIES = ("diskominfo_kalsel", "biro_adpim_kalsel")
XLSX_AGENCY = "dpupr_kalsel"
ATOM_AGENCY = "dinkes_kalsel"
FEED_ITEMS = 10
SAVE_EVERY_MONTHS = 6
SHEET_HEADER = ["tanggal", "judul", "ringkasan", "tautan", "instansi", "isu", "kampanye"]


def _typed_wrong(day: date) -> list[dict[str, str]]:
    """Two rows staff typed wrong: a month 13, an agency the seeds do not know."""
    return [
        {"tanggal": f"31/13/{day.year} 10:00", "judul": "Rapat Koordinasi Humas Se-Kalsel", "ringkasan": "Rapat koordinasi.",
         "tautan": "https://diskominfo.kalselprov.go.id/rakor-humas", "instansi": "diskominfo_kalsel", "isu": "",
         "kampanye": ""},
        {"tanggal": f"{day:%d/%m/%Y} 09:00", "judul": "Pelatihan Jurnalistik ASN", "ringkasan": "Pelatihan menulis rilis.",
         "tautan": "https://diskominfo.kalselprov.go.id/pelatihan-jurnalistik", "instansi": "Dinas Kominfo Kota Entah",
         "isu": "", "kampanye": ""},
    ]  # fmt: skip


def _stamp(path: Path, day: date) -> None:
    moment = datetime.combine(day, time(16), WITA).timestamp()
    os.utime(path, (moment, moment))


def _rss(agency: str, items: list[Release]) -> str:
    entries = []
    for r in items:
        label = ISSUE_LABELS[r.issue][0] if r.published_at.day % 2 else "Berita"
        entries.append(
            f"<item><title>{escape(r.title)}</title><link>{escape(r.url)}</link>"
            f"<pubDate>{format_datetime(r.published_at)}</pubDate><category><![CDATA[{label}]]></category>"
            f"<description><![CDATA[<p>{r.lead[:180]} [&#8230;]</p>]]></description>"
            f"<content:encoded><![CDATA[<p>{escape(r.lead)}</p><p>Humas {escape(agency)}</p>]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(agency)}</title><link>https://{agency}.kalselprov.go.id</link>"
        f"{''.join(entries)}</channel></rss>\n"
    )


def _atom(agency: str, items: list[Release]) -> str:
    entries = "".join(
        f'<entry><title>{escape(r.title)}</title><link rel="alternate" href="{escape(r.url)}"/>'
        f"<id>{escape(r.url)}</id><published>{r.published_at.isoformat()}</published>"
        f"<updated>{r.published_at.isoformat()}</updated><summary>{escape(r.lead)}</summary></entry>"
        for r in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(agency)}</title><id>urn:{agency}</id><updated>{items[0].published_at.isoformat()}</updated>"
        f"{entries}</feed>\n"
    )


def _save_days(first: date, last: date) -> list[date]:
    days, month = [], first.month - 1 + SAVE_EVERY_MONTHS
    while True:
        day = date(first.year + month // 12, month % 12 + 1, 1)
        days.append(min(day, last))
        if day >= last:
            return days
        month += SAVE_EVERY_MONTHS


def write_release_files(home: Path, releases: list[Release], last_day: date) -> dict:
    """Write the feeds, sheets and workbook of ``releases`` (those published by ``last_day``)."""
    root = Path(home) / "landing" / "releases"
    releases = [r for r in releases if r.published_at.date() <= last_day]
    files: list[Path] = []
    agencies = sorted({r.agency for r in releases} - set(SHEET_AGENCIES) - {XLSX_AGENCY})
    first = min(r.published_at.date() for r in releases)
    for agency in agencies:
        own = [r for r in releases if r.agency == agency]
        for day in _save_days(first, last_day):
            items = sorted((r for r in own if r.published_at.date() < day), key=lambda r: r.published_at, reverse=True)
            if not items:
                continue
            path = root / agency / f"feed_{day:%Y-%m-%d}.xml"
            path.parent.mkdir(parents=True, exist_ok=True)
            text = _atom(agency, items[:FEED_ITEMS]) if agency == ATOM_AGENCY else _rss(agency, items[:FEED_ITEMS])
            path.write_text(text, encoding="utf-8")
            _stamp(path, day)
            files.append(path)
    sheet = [r for r in releases if r.agency in SHEET_AGENCIES]
    borrowed = [r for r in releases if r.agency in agencies][::25]  # also in a feed: the sheet's row wins
    for year in sorted({r.published_at.year for r in sheet + borrowed}):
        rows = [
            {"tanggal": f"{r.published_at:%d/%m/%Y %H:%M}", "judul": r.title, "ringkasan": r.lead, "tautan": r.url,
             "instansi": r.agency, "isu": ISSUE_LABELS[r.issue][0] if r in borrowed else "",
             "kampanye": "Kalsel Informatif" if r in borrowed else ""}
            for r in sorted(sheet + borrowed, key=lambda r: r.published_at) if r.published_at.year == year
        ]  # fmt: skip
        if year == max(r.published_at.year for r in sheet):
            rows += _typed_wrong(max(r.published_at.date() for r in sheet))
        path = root / f"siaran_pers_{year}.csv"
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=SHEET_HEADER, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
        _stamp(path, min(date(year, 12, 31), last_day))
        files.append(path)
    works = [r for r in releases if r.agency == XLSX_AGENCY]
    if works:
        book = Workbook(write_only=True)
        ws = book.create_sheet("releases")
        ws.append(["published_at", "title", "lead", "url", "issue"])
        for r in works:
            ws.append([r.published_at.replace(tzinfo=None), r.title, r.lead, r.url, r.issue])
        data = io.BytesIO()
        book.save(data)
        path = root / XLSX_AGENCY / "releases_dpupr.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        _normalise_zip(data.getvalue(), path, f"{last_day:%Y-%m-%d}T00:00:00Z")
        _stamp(path, last_day)
        files.append(path)
    return {"files": files, "releases": len(releases), "typed_wrong": 2, "borrowed": len(borrowed)}
