"""Monthly report speed: one month with a million mentions, against two baselines measured in
the same command (a bare `count(*)` scan of the month, and the report of a 10k-mention month).

The warehouse is synthetic (marts built directly with SQL `generate_series`), so the benchmark
measures the report, not the pipeline. Target: under 30 seconds for 1,000,000 mentions.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from reporting.monthly import write_monthly_report

MONTH = date(2025, 10, 1)
ISSUES = [
    "pendidikan",
    "ekonomi",
    "kesehatan",
    "infrastruktur",
    "banjir",
    "lingkungan_tambang",
    "pelayanan_publik",
    "pariwisata",
    "sosial",
    "pemerintahan",
]
REGIONS = ["63", "6301", "6302", "6303", "6304", "6305", "6306", "6307", "6308", "6309", "6310", "6311", "6371", "6372"]

FCT_SQL = """
create table marts.fct_mentions as
with base as (
  select i, timestamptz '2025-08-31 16:00:00+00' + to_seconds((i * 7919) % (92 * 86400)) as published_at
  from generate_series(0, $rows - 1) as g(i)
)
select 'm' || i as mention_id, published_at, timezone('Asia/Makassar', published_at) as published_at_wita,
       timezone('Asia/Makassar', published_at)::date as mention_date,
       date_trunc('month', timezone('Asia/Makassar', published_at))::date as month,
       'meltwater' as vendor, 'Berita nomor ' || i || ' tentang isu daerah' as title,
       case when i % 5 = 0 then 'Gubernur Kalsel meninjau lokasi, kata pejabat nomor ' || (i % 40) end as snippet,
       'https://example.invalid/' || i as url,
       'Media ' || (i % 300) as outlet, ['online', 'print', 'tv', 'radio', 'social'][1 + i % 5] as media_type,
       null::varchar as platform,
       case when i % 5 = 4 then 'anon-' || (i % 1000) else 'Jurnalis ' || (i % 200) end as author,
       $issues[1 + i % 10] as issue,
       case when i % 97 = 0 then null else ['positive', 'neutral', 'negative'][1 + (i * 31) % 3] end as sentiment,
       1000 + (i * 13) % 500000 as reach, i % 300 as engagement, $regions[1 + (i * 17) % 14] as region_code,
       null::varchar as agency_code
from base
"""

MART_SQL = """
create table marts.mart_issue_sentiment_monthly as
with counts as (
  select month, issue, count(*) as mentions, count(*) filter (where sentiment = 'positive') as positive,
         count(*) filter (where sentiment = 'neutral') as neutral,
         count(*) filter (where sentiment = 'negative') as negative,
         count(*) filter (where sentiment is null) as unlabeled
  from marts.fct_mentions group by all),
shares as (
  select *, positive / nullif(positive + neutral + negative, 0) as positive_share,
         negative / nullif(positive + neutral + negative, 0) as negative_share,
         (positive - negative) / nullif(positive + neutral + negative, 0) as net_sentiment,
         mentions / sum(mentions) over (partition by month) as share_of_voice
  from counts)
select *, (positive_share - lag(positive_share) over w) * 100 as positive_share_change_pp,
       (negative_share - lag(negative_share) over w) * 100 as negative_share_change_pp
from shares window w as (partition by issue order by month)
"""


REFERENCE_SQL = """
create schema reference;
create table reference.agencies as
  select 'agency_' || i as agency_code, 'Dinas ' || i as agency_name, 'Dinas ' || i as agency_short
  from range(10) as t(i);
create table marts.dim_agency as select * from reference.agencies;
create table reference.issue_agencies as
  select unnest($issues) as issue_code, 'agency_' || unnest(range(10)) as agency_code, 'utama' as role;
create table reference.officials as
  select 'pejabat_' || i as official_code, 'Nama Pejabat ' || i as official_name, 'Kepala Dinas ' || i as office_title,
         'agency_' || (i % 10) as agency_code
  from range(40) as t(i);
create table reference.official_aliases as
  select 'pejabat nomor ' || i as alias, 'pejabat_' || i as official_code from range(40) as t(i)
  union all select 'gubernur kalsel', 'pejabat_0';
"""


def build_warehouse(path: Path, month_rows: int) -> None:
    """Three months (Aug-Oct 2025) with ``month_rows`` mentions in each, the marts the report
    reads and the seeds of agencies and officials (41 aliases, found in a fifth of the snippets)."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(FCT_SQL, {"rows": month_rows * 3, "issues": ISSUES, "regions": REGIONS})
        con.execute(MART_SQL)
        con.execute(
            "create table marts.dim_issue as select unnest($issues) as issue, unnest($issues) as issue_name",
            {"issues": ISSUES},
        )
        con.execute(
            "create table marts.dim_region as select unnest($r) as region_code, 'Wilayah ' || unnest($r) "
            "as region_name, case when unnest($r) = '63' then 'provinsi' else 'kabupaten' end as region_type",
            {"r": REGIONS},
        )
        for statement in filter(str.strip, REFERENCE_SQL.split(";")):
            con.execute(statement, {"issues": ISSUES} if "$issues" in statement else None)


def bare_scan(path: Path) -> tuple[float, int]:
    """Seconds of a bare `count(*)` over the month's mentions, and the count."""
    start = time.perf_counter()
    with duckdb.connect(str(path), read_only=True) as con:
        n = con.execute(
            "select count(*) from marts.fct_mentions where mention_date >= ? and mention_date < ?",
            [MONTH, date(2025, 11, 1)],
        ).fetchall()[0][0]
    return time.perf_counter() - start, n


def timed_report(path: Path, out: Path) -> tuple[float, int]:
    """Seconds to write the month's HTML and PDF, and the page count."""
    start = time.perf_counter()
    _, rendered = write_monthly_report(path, out, MONTH)
    return time.perf_counter() - start, rendered.pages


def main(month_rows: int = 1_000_000) -> None:
    print(f"Report benchmark: {MONTH:%Y-%m} with {month_rows:,} mentions (baseline: 10,000)")
    print(f"{'warehouse':<12} {'step':<22} {'seconds':>8} {'vs bare scan':>13} {'vs 10k report':>14}")
    with tempfile.TemporaryDirectory(prefix="citra-bench-report-") as tmp:
        results = {}
        for label, rows in (("10k", 10_000), ("full", month_rows)):
            path = Path(tmp) / f"{label}.duckdb"
            t0 = time.perf_counter()
            build_warehouse(path, rows)
            built = time.perf_counter() - t0
            scan, n = bare_scan(path)
            seconds, pages = timed_report(path, Path(tmp) / f"reports_{label}")
            results[label] = (scan, seconds, pages, n, built)
        small = results["10k"][1]
        for label, (scan, seconds, pages, n, built) in results.items():
            print(f"{label:<12} {'select count(*)':<22} {scan:>8.2f} {1:>13.1f} {'':>14}")
            print(
                f"{label:<12} {'report (html + pdf)':<22} {seconds:>8.2f} {seconds / scan:>13.0f} "
                f"{seconds / small:>14.2f}"
            )
            print(f"{'':<12} ({n:,} mentions in the month, {pages} pages; warehouse built in {built:.0f} s)")
        verdict = "OK" if results["full"][1] < 30 else "TOO SLOW"
        print(f"Target: under 30 s for the full month: {verdict} ({results['full'][1]:.1f} s)")
