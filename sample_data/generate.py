"""Entry point of the generator: plans the volume, draws each month, writes the landing files.

Returns a ``GenerationSummary`` that states, as data, what was planted (burst, holes,
re-export) so tests and data-quality checks can assert against it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import polars as pl

from ingestion.clock import last_complete_month, today

from .asn import write_asn
from .bank import build_bank, draw_core
from .flaws import SCRAPER_MONTHS, scraped, typed_wrong, without_issue
from .hoaxes import write_hoaxes
from .kliping import kliping_frame
from .labels import write_label_samples
from .meltwater import meltwater_frame, reexport_frame
from .platforms import write_platforms
from .quotes import add_quotes
from .reference import load_reference
from .release_files import write_release_files
from .release_media import story_rows
from .releases import plan_releases, write_stories
from .responses import write_responses
from .volume import (
    BURST_ISSUE,
    BURST_REGION,
    KLIPING,
    MELTWATER,
    export_day,
    first_month_of,
    make_plan,
    planted_for,
)
from .writers import write_kliping_csv, write_kliping_xlsx, write_meltwater

EXPORT_HOUR_WITA: int = 9
XLSX_EVERY: int = 6
WITA = ZoneInfo("Asia/Makassar")


@dataclass
class GenerationSummary:
    """What was written and what was planted in it."""

    home: Path
    first_month: date = date(1, 1, 1)
    last_month: date = date(1, 1, 1)
    files: list[Path] = field(default_factory=list)
    rows_by_file: dict[str, int] = field(default_factory=dict)
    unique_mentions: int = 0
    burst: dict = field(default_factory=dict)
    feed_gap: dict = field(default_factory=dict)
    missing_month: dict = field(default_factory=dict)
    reexport: dict = field(default_factory=dict)
    rejected_rows: dict[str, int] = field(default_factory=dict)  # rows typed wrong, per file
    scraper_files: list[Path] = field(default_factory=list)
    platform_files: list[Path] = field(default_factory=list)
    platform_missing_month: dict = field(default_factory=dict)
    platform_reexport: dict = field(default_factory=dict)
    asn: dict = field(default_factory=dict)  # rosters and ASN posts (sample_data.asn)
    labels: dict = field(default_factory=dict)
    responses: dict = field(default_factory=dict)  # official posts answering the burst (alerts)
    releases: dict = field(default_factory=dict)  # press releases and their pickups (release_files)
    hoaxes: dict = field(default_factory=dict)  # the hoax register and its mentions (sample_data.hoaxes)

    @property
    def total_rows(self) -> int:
        return sum(self.rows_by_file.values())


def landing_dir(home: Path) -> Path:
    return Path(home) / "landing" / "media"


def _in_period(day: date, first: date, end: date) -> bool:
    return first <= day < end


def generate(
    home: Path,
    mentions: int = 60_000,
    seed: int = 42,
    last_month: date | None = None,
    months: int = 24,
    platforms: bool = False,
    scraper_offsets: bool = True,
    asn: bool = False,
    labels: bool = False,
    releases: bool = False,
    hoaxes: bool = False,
) -> GenerationSummary:
    """Write ``mentions`` unique mentions over the ``months`` months that end with ``last_month``
    (default: the last complete month before `ingestion.clock.today()`) into
    ``<home>/landing/media``, and with ``platforms`` the official-account exports into
    ``<home>/landing/platform``; with ``asn`` the ASN rosters (``landing/roster``) and the civil
    servants' posts that share official posts; with ``labels`` radio clippings without labels and
    an analyst's corrections (``labels.py``); with ``releases`` the agencies' press releases
    (``landing/releases``) and their rewrites and decoys in the Meltwater exports (``releases.py``);
    with ``hoaxes`` the hoax register, the mentions that spread and debunk its claims and the
    office's clarifications (``hoaxes.py``). Files are dated like downloads, never after today.
    With ``scraper_offsets`` (default) the online clippings of the last three months come as the
    scraper's export, with `+07:00` times (see ``flaws``)."""
    if mentions < 0 or months < 1:
        raise ValueError("mentions must be >= 0 and months >= 1")
    last_month = (last_month or last_complete_month()).replace(day=1)
    start = first_month_of(last_month, months)
    day = today()
    ref = load_reference()
    bank = build_bank(ref)
    planted = planted_for(start, last_month)
    plan = make_plan(mentions, seed, start, months, ref.issue_codes, planted)
    out = landing_dir(home)
    out.mkdir(parents=True, exist_ok=True)
    summary = GenerationSummary(home=Path(home), first_month=start, last_month=last_month)
    reexport_range = planted.reexport_range
    salt = int(np.random.default_rng([seed, 1]).integers(0, 2**40))
    burst_issue = ref.issue_codes.index(BURST_ISSUE) if BURST_ISSUE in ref.issue_codes else 0
    first, end = plan.month_starts[0], plan.days[-1].astype(object) + timedelta(days=1)
    burst_negatives = 0
    reexport_source: pl.DataFrame | None = None
    serial = 0
    release_plan = plan_releases(seed, start, months) if releases else []
    stories = [s for s in write_stories(seed, release_plan) if s.published_at.date() < min(end, day)]
    stories_by_month: dict[str, list] = {}
    for story in stories:
        stories_by_month.setdefault(f"{story.published_at:%Y-%m}", []).append(story)

    for m, month_start in enumerate(plan.month_starts):
        key = month_start.strftime("%Y-%m")
        mw_core = draw_core(np.random.default_rng([seed, 2, m]), plan, bank, m, MELTWATER, burst_issue)
        mw = meltwater_frame(np.random.default_rng([seed, 3, m]), mw_core, bank, serial, salt)
        mw = add_quotes(np.random.default_rng([seed, 7, m]), mw, mw_core, ref, "Opening Text")
        serial += mw.height
        path = out / f"meltwater_{key}.csv"
        rewritten = story_rows(seed, stories_by_month.get(key, []), release_plan, mw.schema)
        written = pl.concat([mw, rewritten]) if rewritten.height else mw
        write_meltwater(written, path, utf16=m % 2 == 0)
        _record(summary, path, written.height, export_day(month_start, 0, day))

        kl_core = draw_core(np.random.default_rng([seed, 4, m]), plan, bank, m, KLIPING, burst_issue)
        for core in (mw_core, kl_core):
            if plan.burst_day is not None:
                on_day = core.ts.astype("datetime64[D]") == plan.days[plan.burst_day]
                burst_negatives += int((on_day & (core.issue == burst_issue) & (core.sentiment == 2)).sum())
        if month_start == reexport_range[0].replace(day=1):
            days = mw_core.ts.astype("datetime64[D]")
            keep = (days >= np.datetime64(reexport_range[0])) & (days <= np.datetime64(reexport_range[1]))
            reexport_source = mw.filter(pl.Series(keep))
        if len(kl_core.ts):
            kl = kliping_frame(np.random.default_rng([seed, 5, m]), kl_core, bank, key)
            kl = add_quotes(np.random.default_rng([seed, 8, m]), kl, kl_core, ref, "snippet")
            flaw_rng = np.random.default_rng([seed, 7, m])
            kl = without_issue(flaw_rng, kl)
            if scraper_offsets and m >= months - SCRAPER_MONTHS:
                kl, online = scraped(kl)
                path = out / f"scraper_{key}.csv"
                write_kliping_csv(online, path)
                _record(summary, path, online.height, export_day(month_start, 1, day))
                summary.scraper_files.append(path)
            wrong = typed_wrong(flaw_rng, kl)
            kl = pl.concat([kl, wrong])
            if (m + 1) % XLSX_EVERY == 0:
                path = out / f"kliping_{key}.xlsx"
                next_month = (month_start + timedelta(days=32)).replace(day=1)
                write_kliping_xlsx(kl, path, next_month.strftime("%Y-%m-%dT00:00:00Z"))
            else:
                path = out / f"kliping_{key}.csv"
                write_kliping_csv(kl, path)
            _record(summary, path, kl.height, export_day(month_start, 1, day))
            summary.rejected_rows[path.name] = wrong.height

    summary.unique_mentions = mentions
    if platforms:
        written = write_platforms(home, seed, start, months, planted.year, day)
        summary.platform_files = written["files"]
        summary.platform_missing_month = written["missing_month"]
        summary.platform_reexport = written["reexport"]
        if plan.burst_day is not None:
            summary.responses = write_responses(home, planted.burst_date, day)
            summary.platform_files += summary.responses["files"]
    if asn:
        summary.asn = write_asn(home, seed, plan.month_starts[:months])
    if reexport_source is not None:
        name = f"meltwater_{reexport_range[0]}_to_{reexport_range[1]}_reexport.csv"
        again = reexport_frame(np.random.default_rng([seed, 6]), reexport_source)
        write_meltwater(again, out / name, utf16=False)
        _record(summary, out / name, again.height, min(planted.reexport_day, day))
        summary.reexport = {
            "file": name,
            "original_file": f"meltwater_{reexport_range[0]:%Y-%m}.csv",
            "first_day": reexport_range[0],
            "last_day": reexport_range[1],
            "overlapping_rows": again.height,
        }
    if release_plan:
        summary.releases = write_release_files(home, release_plan, min(end - timedelta(days=1), day))
        summary.releases["pickups"] = sum(1 for s in stories if s.carries)
        summary.releases["decoys"] = sum(1 for s in stories if not s.carries)
        summary.unique_mentions += len(stories)
    if labels:
        summary.labels = write_label_samples(home, seed)
        if summary.labels:
            radio = out / summary.labels["radio_file"]
            summary.files.append(radio)
            summary.rows_by_file[radio.name] = summary.labels["radio_rows"]
    if hoaxes:
        summary.hoaxes = write_hoaxes(home, last_month, day, platforms, seed)
    if plan.burst_day is not None:
        summary.burst = {
            "date": planted.burst_date,
            "issue_code": BURST_ISSUE,
            "region_code": BURST_REGION,
            "planted_rows": plan.burst_rows,
            "negative_count": burst_negatives,
            "feed": "meltwater",
        }
    gap, missing = planted.feed_gap, planted.missing_kliping_month
    if _in_period(gap[0], first, end):
        summary.feed_gap = {"feed": "meltwater", "first_missing_day": gap[0], "last_missing_day": gap[1]}
    if _in_period(missing, first, end):
        summary.missing_month = {"feed": "kliping", "month": missing, "file": f"kliping_{missing:%Y-%m}.csv"}
    return summary


def _record(summary: GenerationSummary, path: Path, rows: int, exported: date) -> None:
    """Note a written file and date it like a download: the file time is the export date,
    which decides which of two overlapping exports holds the newer numbers."""
    stamp = datetime.combine(exported, time(EXPORT_HOUR_WITA), WITA).timestamp()
    os.utime(path, (stamp, stamp))
    summary.files.append(path)
    summary.rows_by_file[path.name] = rows
