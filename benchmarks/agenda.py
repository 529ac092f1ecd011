"""Release pickup matching at scale (issue 24): the first full match of 200 releases against 1M
mentions spread over 12 months (`agenda.warehouse.match_warehouse` with agenda.yml's settings),
beside bare DuckDB reading the same mentions (every title and snippet), in the same command.

The warehouse is synthetic: the sample's ordinary headlines and leads (`sample_data.bank`, every
issue and region) over 2025, 12 monthly export files, plus the sample generator's 200 releases
of 2025 with their rewrites and decoys (`sample_data.releases`). Each step runs in a fresh
process: wall and CPU seconds (the process and its threads), peak memory, and the load average
before and after (the machine is shared: wall time is an upper bound, CPU time moves less).
The found pickups are checked against the planted ones.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from benchmarks.machine import load, machine, timed
from ingestion.releases.keys import release_id
from ingestion.schema import create_raw_schema
from matching.urls import url_key
from orchestration.settings import REPO_ROOT
from sample_data.bank import build_bank
from sample_data.reference import load_reference
from sample_data.releases import plan_releases, write_stories

FIRST_MONTH = date(2025, 1, 1)
RELEASES = 200

MENTIONS_SQL = """
insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile, published_at, title, snippet,
                                url, outlet, export_date, ingested_at)
select 'm' || g, 'file-' || month(published_at), g, 'meltwater', 'meltwater', published_at, h.title, l.snippet,
       'https://news.example/' || g, 'Outlet ' || (g % 300), date '2026-01-05', now()
from (select g, timestamptz '2025-01-01 00:00:00+08' + to_seconds((g * 7919) % (365 * 86400)) as published_at
      from generate_series(0, $rows - 1) as s(g)) t
join _headlines h on h.i = (t.g * 31) % $headlines
join _leads l on l.i = (t.g * 17) % $leads
"""

MATCH = r"""
import json, sys, time, duckdb
from agenda.settings import load_settings
from agenda.warehouse import match_warehouse
con = duckdb.connect(sys.argv[1])
run = match_warehouse(con, load_settings())
print(json.dumps({"pairs": run.pairs_written, "releases": run.releases_matched, "seconds": run.seconds}))
"""

BARE = r"""
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("select count(*), sum(length(title) + length(coalesce(snippet, ''))) from raw.media_mentions").fetchall())
"""


def build_warehouse(work: Path, rows: int) -> tuple[Path, dict[str, str]]:
    """The synthetic warehouse; returns its path and the planted truth (mention -> release)."""
    warehouse = work / "warehouse.duckdb"
    bank = build_bank(load_reference())
    releases = plan_releases(42, FIRST_MONTH, 12, per_week=4)[:RELEASES]
    stories = [s for s in write_stories(42, releases) if s.published_at.year == 2025]
    ids = {r.release_id: release_id(url_key(r.url), r.agency, r.published_at.date(), r.title) for r in releases}
    with duckdb.connect(str(warehouse)) as con:
        create_raw_schema(con)
        con.register("_headlines", pa.table({"i": range(len(bank.news.series)), "title": bank.news.series.to_list()}))
        con.register("_leads", pa.table({"i": range(len(bank.leads.series)), "snippet": bank.leads.series.to_list()}))
        con.execute(MENTIONS_SQL, {"rows": rows, "headlines": len(bank.news.series), "leads": len(bank.leads.series)})
        con.register(
            "_stories",
            pa.table(
                {
                    "mention_id": [f"story-{s.key}" for s in stories],
                    "published_at": pa.array([s.published_at for s in stories], pa.timestamp("us", tz="UTC")),
                    "title": [s.title for s in stories],
                    "snippet": [s.snippet for s in stories],
                }
            ),
        )
        con.execute(
            """insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile, published_at,
                   title, snippet, url, export_date, ingested_at)
               select mention_id, 'file-stories', 1, 'meltwater', 'meltwater', published_at, title, snippet,
                      'https://news.example/' || mention_id, date '2026-01-05', now() from _stories"""
        )
        con.register(
            "_releases",
            pa.table(
                {
                    "release_id": [ids[r.release_id] for r in releases],
                    "url": [r.url for r in releases],
                    "url_key": [url_key(r.url) for r in releases],
                    "published_at": pa.array([r.published_at for r in releases], pa.timestamp("us", tz="UTC")),
                    "title": [r.title for r in releases],
                    "lead": [r.lead for r in releases],
                    "agency_code": [r.agency for r in releases],
                }
            ),
        )
        con.execute(
            """insert into raw.releases (release_id, url, url_key, published_at, title, lead, agency_code, agency_source,
                   source_kind, export_date, source_file_id, source_row, profile, ingested_at)
               select *, 'column', 'template', date '2026-01-05', 'releases', 1, 'releases', now() from _releases"""
        )
    truth = {f"story-{s.key}": ids[s.carries] for s in stories if s.carries}
    return warehouse, truth


def main(rows: int = 1_000_000) -> None:
    work = Path(tempfile.mkdtemp(prefix="citra-bench-agenda-"))
    try:
        started = time.perf_counter()
        warehouse, truth = build_warehouse(work, rows)
        print(f"Agenda benchmark, {time.strftime('%Y-%m-%d %H:%M %Z')}: {machine()}", flush=True)
        print(f"setup: {rows:,} mentions over 12 months + {len(truth):,} planted pickups, {RELEASES} releases "
              f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
        print(f"{'step':<58} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}")
        for name, script in (
            ("bare DuckDB: read every title and snippet", BARE),
            (f"first full match: {RELEASES} releases x {rows:,} mentions", MATCH),
        ):
            before = load()
            result = timed([sys.executable, "-c", script, str(warehouse)], cwd=REPO_ROOT)
            if result.returncode != 0:
                raise RuntimeError(f"{name} failed:\n{result.output}")
            print(f"{name:<58} {result.seconds:>7.1f} {result.cpu_seconds:>7.1f} {result.peak_mb:>8.0f}   "
                  f"({before} -> {load()})", flush=True)  # fmt: skip
            if script is MATCH:
                print(f"  matcher: {json.loads(result.output.strip().splitlines()[-1])}")
        with duckdb.connect(str(warehouse), read_only=True) as con:
            found = dict(
                con.execute(
                    """select mention_id, arg_max(release_id, match_score) from raw.release_matches
                       where band = 'accept' group by mention_id"""
                ).fetchall()
            )
            ordinary = [m for m in found if m not in truth][:5]
            examples = con.execute(
                """select m.title, r.title, round(x.match_score, 3)
                   from raw.release_matches x
                   join raw.media_mentions m using (mention_id)
                   join raw.releases r on r.release_id = x.release_id
                   where x.band = 'accept' and x.mention_id in (select unnest($ids::varchar[]))
                   order by x.match_score desc""",
                {"ids": ordinary},
            ).fetchall()
        right = sum(1 for m, r in found.items() if truth.get(m) == r)
        planted_found = sum(1 for m in found if m in truth)
        print(
            f"pickups found: {len(found):,} mentions accepted; of the {len(truth):,} planted pickups {right:,} "
            f"with the right release ({right / len(truth):.3f}); {len(found) - planted_found:,} accepted mentions "
            "are ordinary sample headlines (the bank repeats a few hundred headlines on the releases' topics)"
        )
        for mention, release, score in examples:
            print(f"  ordinary line accepted ({score}): {mention[:70]!r} -> {release[:70]!r}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
