"""Alert detection per build: every rule over two years of mentions, at three sizes, against a
baseline measured in the same command (the province-wide daily burst rule alone, which is what
dq_gaps computes).

The warehouse is synthetic (SQL ``generate_series``: ten issues, fourteen regions, a fifth of
the mentions negative, one planted burst), so the benchmark measures the rules, not the pipeline.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import duckdb

from alerts.bursts import negative_bursts
from alerts.config import load_config
from alerts.detect import detect
from benchmarks.report import ISSUES, REGIONS

DAYS = 730
FCT_SQL = """
create table marts.fct_mentions as
with base as (
  select i, timestamptz '2024-10-31 16:00:00+00' + to_seconds((i * 7919) % ($days * 86400)) as published_at
  from generate_series(0, $rows - 1) as g(i)
  union all  -- the planted burst: 300 negative mentions of one issue on 6 October 2025, 08:00-13:00 WITA
  select -1 - i, timestamptz '2025-10-06 00:00:00+00' + to_seconds(i * 60) from generate_series(0, 299) as g(i)
)
select 'm' || i as mention_id, published_at, timezone('Asia/Makassar', published_at) as published_at_wita,
       timezone('Asia/Makassar', published_at)::date as mention_date,
       'Berita nomor ' || i || ' tentang isu daerah' as title, null::varchar as snippet, null::varchar as url,
       'Media ' || (abs(i) % 300) as outlet,
       case when i < 0 then 'lingkungan_tambang' else $issues[1 + i % 10] end as issue, true as issue_in_taxonomy,
       case when i < 0 then 'negative' else ['positive', 'neutral', 'neutral', 'neutral', 'negative'][1 + (i * 31) % 5] end
         as sentiment,
       1000 + (abs(i) * 13) % 500000 as reach,
       case when i < 0 then '6310' else $regions[1 + (i * 17) % 14] end as region_code
from base
"""


def build_warehouse(path: Path, rows: int) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("set enable_progress_bar = false")
        con.execute("create schema marts; create schema reference")
        con.execute(FCT_SQL, {"rows": rows, "days": DAYS, "issues": ISSUES, "regions": REGIONS})
        con.execute(
            "create table reference.watchlist as select * from (values ('hoaks bendungan jebol', 'banjir', "
            "date '2025-06-01', 'medium', null)) as t(term, issue_code, added_on, severity, note)"
        )


def timed(path: Path, step) -> tuple[float, int]:
    with duckdb.connect(str(path)) as con:
        con.execute("set enable_progress_bar = false")
        start = time.perf_counter()
        found = step(con)
        return time.perf_counter() - start, len(found)


def main(sizes: tuple[int, ...] = (60_000, 1_000_000, 10_000_000)) -> None:
    cfg = load_config()
    print(f"Alert detection per build: {DAYS} days of mentions (baseline: province-wide daily bursts only)")
    print(f"{'mentions':>11} {'step':<38} {'seconds':>8} {'alerts':>7} {'vs baseline':>12}")
    with tempfile.TemporaryDirectory(prefix="citra-bench-alerts-") as tmp:
        for rows in sizes:
            path = Path(tmp) / f"w{rows}.duckdb"
            build_warehouse(path, rows)
            base, n_base = timed(path, lambda con: negative_bursts(con, cfg["negative_burst"], per_region=False))
            full, n_full = timed(path, lambda con: detect(con, cfg))
            print(f"{rows:>11,} {'baseline: province-wide bursts (dq_gaps)':<38} {base:>8.2f} {n_base:>7} {1:>12.1f}")
            print(
                f"{rows:>11,} {'all rules, regions, 6-hour windows':<38} {full:>8.2f} {n_full:>7} {full / base:>12.1f}"
            )
            path.unlink()
