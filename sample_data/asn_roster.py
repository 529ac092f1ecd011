"""The sample's ASN rosters: several hundred civil servants' accounts in the agencies that run
official accounts, sent the way offices send them, and changed twice during the period.

- Month 0: the BKD sends one XLSX for most agencies (Indonesian headers); Dinkes and Diskominfo
  send their own CSV (English headers).
- Month 8: Dinkes sends a new roster: some people leave, new ones join, a few only until a day.
- Month 14: the BKD sends its file again with a few changes.
Every person's period on the roster follows those files, so the generator posts only as ASN
while the roster says they are one.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import polars as pl

from .reference import load_reference
from .writers import write_kliping_xlsx

WITA = ZoneInfo("Asia/Makassar")
# people on each agency's first roster, and the tag in their handles; Diskominfo Banjar's 8 can
# never show (5 active and 5 inactive people are needed): the report's hidden cell
ROSTER_SIZES: dict[str, tuple[int, str]] = {
    "diskominfo_kalsel": (45, "kominfo"),
    "biro_adpim_kalsel": (30, "adpim"),
    "dinkes_kalsel": (70, "dinkes"),
    "disdik_kalsel": (90, "disdik"),
    "bpbd_kalsel": (25, "bpbd"),
    "dispar_kalsel": (20, "dispar"),
    "dpupr_kalsel": (40, "pupr"),
    "dlh_kalsel": (15, "dlh"),
    "diskominfo_banjarmasin": (35, "bjm"),
    "diskominfo_banjarbaru": (25, "bjb"),
    "diskominfo_banjar": (8, "banjar"),
    "diskominfo_tanbu": (12, "tanbu"),
}
OWN_FILES = ("dinkes_kalsel", "diskominfo_kalsel")  # the agencies that send their own roster
FIRST_NAMES = [
    "rahmat", "siti", "ahmad", "nur", "muhammad", "fitri", "rizky", "dewi", "budi", "aulia",
    "hendra", "yuni", "fajar", "rina", "agus", "wulan", "ilham", "ratna", "dedi", "nadia",
]  # fmt: skip
PLATFORMS = ["instagram", "x", "facebook", "tiktok"]
PLATFORM_WEIGHTS = [0.4, 0.25, 0.2, 0.15]
EN_HEADER = ["platform", "handle", "agency_code", "unit", "active_from", "active_to"]
ID_HEADER = ["platform", "akun", "kode_instansi", "unit_kerja", "aktif_sejak", "aktif_sampai"]


@dataclass
class Person:
    """One civil servant: accounts, agency, the days on the roster (half-open) and how often they post."""

    handle: str
    platforms: tuple[str, ...]
    agency: str
    start: date
    end: date | None
    propensity: float
    active_to: date | None = None  # last day, as the roster file writes it


def _people(rng: np.random.Generator, agency: str, tag: str, count: int, first: int, start: date) -> list[Person]:
    people = []
    for n in range(first, first + count):
        name = FIRST_NAMES[int(rng.integers(len(FIRST_NAMES)))]
        platform = PLATFORMS[int(rng.choice(len(PLATFORMS), p=PLATFORM_WEIGHTS))]
        second = [p for p in PLATFORMS if p != platform][int(rng.integers(3))] if rng.random() < 0.2 else None
        handle = f"{name}{'._'[n % 2]}{tag}{n:02d}"
        people.append(Person(handle, (platform,) + ((second,) if second else ()), agency, start, None, rng.beta(2, 4)))
    return people


def _rows(people: list[Person], agency_names: dict[str, str] | None = None) -> list[list[str]]:
    """One row per account; the BKD names agencies by their short name, agencies by their code."""
    return [
        [
            platform,
            p.handle,
            (agency_names or {}).get(p.agency, p.agency),
            "",
            "",
            p.active_to.isoformat() if p.active_to else "",
        ]
        for p in people
        for platform in p.platforms
    ]


def _dated(path: Path, exported: date) -> Path:
    """Date the file like a download on ``exported`` (09:00 WITA)."""
    stamp = datetime.combine(exported, time(9), WITA).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def _write_csv(path: Path, people: list[Person], since: date) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(EN_HEADER)
    writer.writerows(_rows(people))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return _dated(path, since + timedelta(days=1))


def _write_xlsx(path: Path, people: list[Person], since: date) -> Path:
    rows = _rows(people, load_reference().agencies)
    frame = pl.DataFrame(
        [[c or None for c in r] for r in rows], schema=dict.fromkeys(ID_HEADER, pl.String), orient="row"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    write_kliping_xlsx(frame, path, f"{since.isoformat()}T00:00:00Z")
    return _dated(path, since + timedelta(days=1))


def write_rosters(home: Path, seed: int, month_starts: list[date]) -> tuple[list[Person], list[Path]]:
    """Write the roster files; return every person (with their roster period) and the files."""
    rng = np.random.default_rng([seed, 300])
    first = month_starts[0]
    people = {a: _people(rng, a, tag, n, 1, first) for a, (n, tag) in ROSTER_SIZES.items()}
    folder = Path(home) / "landing" / "roster"
    bkd = [a for a in ROSTER_SIZES if a not in OWN_FILES]
    files = [
        _write_xlsx(folder / f"bkd_daftar_asn_{first.isoformat()}.xlsx", [p for a in bkd for p in people[a]], first)
    ]
    files += [_write_csv(folder / f"roster_{a}_{first.isoformat()}.csv", people[a], first) for a in OWN_FILES]
    everyone = [p for group in people.values() for p in group]
    for index, agencies, leave, join, until in ((8, ["dinkes_kalsel"], 8, 10, 3), (14, bkd, 1, 2, 0)):
        if index >= len(month_starts):
            continue
        since = month_starts[index]
        for agency in agencies:
            n, tag = ROSTER_SIZES[agency]
            staying = people[agency]
            for p in staying[:leave]:
                p.end = since
            staying = staying[leave:]
            for p in staying[:until]:  # listed only until the 15th of the next month
                p.active_to = (since + timedelta(days=45)).replace(day=15)
                p.end = p.active_to + timedelta(days=1)
            new = _people(rng, agency, tag, join, n + index * 10 + 1, since)
            people[agency] = staying + new
            everyone += new
        name = f"roster_dinkes_kalsel_{since.isoformat()}.csv" if agencies == ["dinkes_kalsel"] else None
        if name:
            files.append(_write_csv(folder / name, people["dinkes_kalsel"], since))
        else:
            group = [p for a in agencies for p in people[a]]
            files.append(_write_xlsx(folder / f"bkd_daftar_asn_{since.isoformat()}.xlsx", group, since))
    return everyone, files
