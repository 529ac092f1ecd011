"""Issues that need a response: days on which the negative coverage of an issue burst.

A day is a burst when an issue's negative mentions reach at least ``MIN_NEGATIVE`` and at
least ``RATIO`` times the median of its daily negative mentions over the previous
``WINDOW_DAYS`` days (days without any counted as 0, a median below 1 counted as 1). The rule is
simple enough to state in the report's method section and to check by hand.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb

from reporting.model import Burst, Headline

WINDOW_DAYS = 28
RATIO = 3.0
MIN_NEGATIVE = 10
MAX_BURSTS = 8
HEADLINES_PER_BURST = 5
OUTLETS_PER_BURST = 5

BURST_SQL = """
with issues as (
  select distinct issue from marts.fct_mentions
  where sentiment = 'negative' and mention_date >= $start and mention_date < $end
),
days as (
  select g.d::date as day from generate_series($history::date, $end::date - 1, interval 1 day) as g(d)
),
counts as (
  select issue, mention_date as day, count(*) as negative from marts.fct_mentions
  where sentiment = 'negative' and mention_date >= $history and mention_date < $end
    and issue in (select issue from issues)
  group by all
),
dense as (
  select i.issue, d.day, coalesce(c.negative, 0) as negative
  from issues i cross join days d left join counts c on c.issue = i.issue and c.day = d.day
),
banded as (
  select issue, day, negative,
         coalesce(median(negative) over (partition by issue order by day
                                         rows between $window preceding and 1 preceding), 0) as baseline
  from dense
)
select b.issue, coalesce(d.issue_name, b.issue) as issue_name, b.day, b.negative, b.baseline
from banded b left join marts.dim_issue d using (issue)
where b.day >= $start and b.negative >= $min_negative and b.negative >= $ratio * greatest(b.baseline, 1)
order by b.negative desc, b.day, b.issue
limit $limit
"""


def _headlines(con: duckdb.DuckDBPyConnection, issue: str, day: date) -> list[Headline]:
    rows = con.execute(
        """select title, outlet, published_at, reach from marts.fct_mentions
           where issue = ? and mention_date = ? and sentiment = 'negative'
           order by reach desc nulls last, published_at, mention_id limit ?""",
        [issue, day, HEADLINES_PER_BURST]).fetchall()
    return [Headline(title or "(tanpa judul)", outlet, published_at, reach) for title, outlet, published_at, reach in rows]


def _outlets(con: duckdb.DuckDBPyConnection, issue: str, day: date) -> list[tuple[str, int]]:
    return con.execute(
        """select coalesce(outlet, 'Tidak diketahui') as outlet_name, count(*) as negative
           from marts.fct_mentions
           where issue = ? and mention_date = ? and sentiment = 'negative'
           group by all order by negative desc, outlet_name limit ?""",
        [issue, day, OUTLETS_PER_BURST]).fetchall()


def negative_bursts(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[Burst]:
    """The month's burst days, largest first, each with the headlines and outlets behind it."""
    params = {"start": start, "end": end, "history": start - timedelta(days=WINDOW_DAYS),
              "window": WINDOW_DAYS, "ratio": RATIO, "min_negative": MIN_NEGATIVE, "limit": MAX_BURSTS}
    bursts = []
    for issue, issue_name, day, negative, baseline in con.execute(BURST_SQL, params).fetchall():
        bursts.append(Burst(issue, issue_name, day, int(negative), float(baseline),
                            _headlines(con, issue, day), _outlets(con, issue, day)))
    return bursts
