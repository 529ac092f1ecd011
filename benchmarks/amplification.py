"""ASN amplification models at scale, against a baseline measured in the same command: the issue
mart (`mart_issue_sentiment_monthly`) built by dbt over the same mentions.

The upstream tables are synthetic (SQL `generate_series`): `fct_mentions` with a third social
posts, of which the roster's people write a share with official links in several forms, @handles
and campaign hashtags; 20k roster accounts; official posts over the 24 months. Each dbt run is its
own process, for its peak memory.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

from ingestion.schema import create_raw_schema
from orchestration.settings import REPO_ROOT

AMPLIFICATION = (
    "stg_asn__roster stg_media__mentions int_expanded_urls_deduplicated int_asn_roster_dated "
    "int_official_posts_keyed int_asn_mentions int_asn_post_shares int_campaign_mentions "
    "int_amplification_events mart_amplification_monthly mart_amplification_posts mart_campaign"
)
ROSTER = 20_000
POSTS = 60_000

SETUP_SQL = [
    "create schema if not exists marts",
    "create schema if not exists intermediate",
    """create table marts.fct_mentions as
    with base as (
      select i, timestamptz '2024-10-31 16:00:00+00' + to_seconds((i * 7919) % (730 * 86400)) as published_at
      from generate_series(0, $rows - 1) as g(i)
    )
    select 'm' || i as mention_id, published_at, timezone('Asia/Makassar', published_at) as published_at_wita,
           timezone('Asia/Makassar', published_at)::date as mention_date,
           date_trunc('month', timezone('Asia/Makassar', published_at))::date as month, 'meltwater' as vendor,
           case when i % 3 <> 0 then 'Berita nomor ' || i
                when i % 7 = 0 then 'Simak https://twitter.com/diskominfokalsel/status/' || (1850000000000000000 + i % $posts) || '?s=20'
                when i % 7 = 1 then 'Info https://www.instagram.com/reel/P' || (i % $posts) || '/?igsh=x'
                when i % 7 = 2 then 'RT @dinkeskalsel: jadwal vaksin'
                when i % 7 = 3 then 'Ayo #KalselCekFakta sebelum sebar'
                else 'Selamat pagi #banua' end as title,
           null::varchar as snippet,
           case when i % 3 = 0 then 'https://x.com/anon-' || (i % 200000) || '/status/' || i else 'https://example.invalid/' || i end as url,
           'Media ' || (i % 300) as outlet, case when i % 3 = 0 then 'social' else 'online' end as media_type,
           case when i % 3 = 0 then ['x', 'instagram'][1 + i % 2] end as platform,
           case when i % 3 = 0 then 'anon-' || (i % 200000) else 'Jurnalis ' || (i % 200) end as author,
           'pemerintahan' as issue, true as issue_in_taxonomy, ['positive', 'neutral', 'negative'][1 + i % 3] as sentiment,
           1000 + i % 5000 as reach, i % 300 as engagement, '63' as region_code, null::varchar as region_matched_on,
           null::varchar as agency_code, 'id' as language, date '2026-11-02' as export_date, 'f' as source_file_id
    from base""",
    """create table intermediate.int_platform_posts_latest as
    select p.platform, p.account, p.post_id, p.published_at,
           date_trunc('month', timezone('Asia/Makassar', p.published_at))::date as month, 'Photos' as post_type,
           'Info' as post_text, p.url, 1000 as views, 800 as reach, 10 as likes, 1 as comments, 1 as shares,
           0 as saves, 0 as clicks, 12 as engagements, date '2026-11-02' as export_date, 'f' as source_file_id,
           1 as export_rows
    from (
      select case when i % 2 = 0 then 'x' else 'instagram' end as platform,
             case when i % 2 = 0 then 'diskominfokalsel' else 'dinkeskalsel' end as account,
             case when i % 2 = 0 then (1850000000000000000 + i)::varchar else 'P' || i end as post_id,
             timestamptz '2024-10-31 16:00:00+00' + to_seconds((i * 104729) % (730 * 86400)) as published_at,
             case when i % 2 = 0 then 'https://x.com/diskominfokalsel/status/' || (1850000000000000000 + i)
                  else 'https://www.instagram.com/p/P' || i || '/' end as url
      from generate_series(0, $posts - 1) as g(i)
    ) as p""",
    """insert into raw.asn_roster
    select ['x', 'instagram'][1 + (i // 10000)], 'anon-' || (i * 3 % 200000), ['dinkes_kalsel', 'disdik_kalsel',
           'bpbd_kalsel', 'diskominfo_kalsel'][1 + i % 4], null, null, null, date '2024-11-01', 'roster', i + 2,
           'roster', now()
    from generate_series(0, $roster - 1) as g(i)""",
]


def _warehouse(work: Path, mentions: int) -> Path:
    warehouse = work / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        create_raw_schema(con)
        for sql in SETUP_SQL:
            names = {"rows": mentions, "posts": POSTS, "roster": ROSTER}
            con.execute(sql, {k: v for k, v in names.items() if f"${k}" in sql})
    return warehouse


# a command in its own process, timed, with the peak memory of that process tree
TIMED = r"""
import json, resource, subprocess, sys, time
started = time.perf_counter()
subprocess.run(sys.argv[1:], check=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": time.perf_counter() - started, "peak_mb": peak / 1024}))
"""


def _timed(command: list[str], env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", TIMED, *command], check=True, capture_output=True, text=True, cwd=REPO_ROOT, env=env
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(mentions: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="citra-bench-amp-"))
    _warehouse(work, mentions)
    env = {**os.environ, "CITRA_WAREHOUSE": str(work / "warehouse.duckdb"), "CITRA_HOME": str(work)}
    dbt = [str(Path(sys.executable).with_name("dbt")), "--quiet"]
    common = ["--profiles-dir", str(REPO_ROOT), "--project-dir", str(REPO_ROOT), "--target-path", str(work / "target")]
    for args in (["seed"], ["run", "--select", "dim_issue"]):
        subprocess.run(dbt + args + common, check=True, cwd=REPO_ROOT, env=env)
    print(f"Amplification benchmark: {mentions:,} mentions (a third social), {ROSTER:,} roster accounts, "
          f"{POSTS:,} official posts ({os.cpu_count()} cores)")  # fmt: skip
    print(f"{'step':<48} {'seconds':>8} {'peak MB':>8}")
    for name, select in (
        ("fixed cost: dbt with one small model", "dim_region"),
        ("baseline: mart_issue_sentiment_monthly", "mart_issue_sentiment_monthly"),
        ("amplification models (12, roster to marts)", AMPLIFICATION),
    ):
        r = _timed(dbt + ["run", "--select", *select.split(), *common], env)
        print(f"{name:<48} {r['seconds']:>8.2f} {r['peak_mb']:>8.0f}", flush=True)
    with duckdb.connect(str(work / "warehouse.duckdb"), read_only=True) as con:
        events, months, weeks = con.execute(
            """select (select count(*) from intermediate.int_amplification_events),
                      (select count(*) from marts.mart_amplification_monthly),
                      (select count(*) from marts.mart_campaign)"""
        ).fetchall()[0]
    print(f"found {events:,} amplification events; {months} agency-months, {weeks} campaign weeks")
    shutil.rmtree(work, ignore_errors=True)
