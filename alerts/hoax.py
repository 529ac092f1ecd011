"""Rule hoax: a registered hoax spreads again, or spreads without a clarification (docs/hoaxes.md).

Read from the hoax marts (``marts.mart_hoax``, ``marts.fct_hoax_mentions``) and the settings in
force (``raw.hoax_settings``, else hoaxes.yml's defaults), judged at the caller's ``now`` (the
alerts' injected clock). A hoax's spread mentions fall into **episodes**: the first begins with
its first spread, a new one with a spread after ``quiet_days`` whole WITA days without any
(the day it resurfaced). One alert per episode, its id from the hoax and the episode's first
day, so later data on the same episode updates it and never raises a second one:

- the first episode raises an alert when ``klarifikasi_due_hours`` have passed since the first
  spread and no clarification was published by then (``klarifikasi_at`` empty or later);
- every later episode raises one (the hoax resurfaced), clarified before or not.

Its window starts at the episode's first spread (the clarification's deadline, or 24 hours on,
ends it); ``term`` is the hoax_id, ``baseline`` the days without spread before the episode (0
for the first), ``score`` and ``mentions`` its spread mentions so far, the headlines and
outlets its spreading posts and accounts (private ones as pseudonyms, as the marts hold them).
It counts as answered (``hoax_responses``) by the first clarification, debunk mention or
official post published at or after the window's start.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb

from alerts.model import Alert, Headline, alert_id
from alerts.text import load_temp
from hoaxes.settings import HoaxSettings

HEADLINES = 5
OUTLETS = 5
SPREAD_SQL = """
    select f.hoax_id, f.mention_id, f.published_at, f.mention_date, f.title, f.url, f.reach,
           case when f.media_type = 'social' then coalesce(f.author, f.outlet) else coalesce(f.outlet, f.author) end
    from marts.fct_hoax_mentions f
    where f.role = 'spread' and f.published_at <= $now
    order by f.hoax_id, f.published_at, f.mention_id
"""


def _exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchall()[0][0]
    )


def settings_in_force(con: duckdb.DuckDBPyConnection) -> HoaxSettings:
    """The newest recorded settings (the tracing step writes them), else the defaults."""
    if _exists(con, "raw", "hoax_settings"):
        rows = con.execute(
            "select quiet_days, klarifikasi_due_hours from raw.hoax_settings order by effective_at desc limit 1"
        ).fetchall()
        if rows:
            return HoaxSettings(quiet_days=int(rows[0][0]), klarifikasi_due_hours=float(rows[0][1]))
    return HoaxSettings()


def episodes(days: list, quiet_days: int) -> list[int]:
    """Indexes of the spread days (sorted WITA dates) that begin an episode: the first, and each
    one after more than ``quiet_days`` days since the previous spread day."""
    return [i for i, day in enumerate(days) if i == 0 or (day - days[i - 1]).days > quiet_days]


def _alert(hoax: tuple, spread: list[tuple], start: int, end: int, gap: int, window: tuple) -> Alert:
    hoax_id, issue, region_code, klarifikasi_at = hoax
    rows = spread[start:end]
    by_reach = sorted(rows, key=lambda r: (-(r[6] or 0), r[2], r[1]))[:HEADLINES]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[7] or "Tidak diketahui"] = counts.get(row[7] or "Tidak diketahui", 0) + 1
    return Alert(
        alert_id=alert_id("hoax", hoax_id, None, rows[0][3]),
        kind="hoax",
        issue=issue,
        region_code=region_code,
        term=hoax_id,
        window_start=window[0],
        window_end=window[1],
        mentions=len(rows),
        negative_mentions=0,
        baseline=float(gap),
        score=float(len(rows)),
        severity="medium" if klarifikasi_at is not None else "high",
        headlines=[Headline(r[4] or "(tanpa judul)", r[7], r[2], r[6], r[5]) for r in by_reach],
        outlets=sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:OUTLETS],
    )


def hoax_alerts(con: duckdb.DuckDBPyConnection, now: datetime | None) -> list[Alert]:
    """Every hoax alert the current marts hold at ``now`` (module docstring); none while the hoax
    marts do not exist (before the first build with them, or on Spark) or without a clock."""
    if now is None or not (_exists(con, "marts", "mart_hoax") and _exists(con, "marts", "fct_hoax_mentions")):
        return []
    settings = settings_in_force(con)
    due = timedelta(hours=settings.klarifikasi_due_hours)
    hoaxes = {
        r[0]: r
        for r in con.execute("select hoax_id, issue, region_code, klarifikasi_at from marts.mart_hoax").fetchall()
    }
    by_hoax: dict[str, list[tuple]] = {}
    for row in con.execute(SPREAD_SQL, {"now": now}).fetchall():
        by_hoax.setdefault(row[0], []).append(row)
    found = []
    for hoax_id, spread in sorted(by_hoax.items()):
        if hoax_id not in hoaxes:
            continue
        klarifikasi_at = hoaxes[hoax_id][3]
        days = sorted({r[3] for r in spread})
        starts = [days[i] for i in episodes(days, settings.quiet_days)]
        bounds = [next(k for k, r in enumerate(spread) if r[3] == day) for day in starts] + [len(spread)]
        for n, day in enumerate(starts):
            first = spread[bounds[n]][2]
            if n == 0:
                deadline = first + due
                if now < deadline or (klarifikasi_at is not None and klarifikasi_at <= deadline):
                    continue
                window, gap = (first, deadline), 0
            else:
                window, gap = (first, first + timedelta(hours=24)), (day - days[days.index(day) - 1]).days - 1
            found.append(_alert(hoaxes[hoax_id], spread, bounds[n], bounds[n + 1], gap, window))
    return found


# reads temp tables _detected (this build's alerts) and _responses (alerts.responses); replaces the
# responses of hoax alerts with their own
HOAX_KEYS_SQL = """
    create or replace temp table _hoax_keys as
    select alert_id, term as hoax_id, window_start from _detected where kind = 'hoax'
    union all
    select alert_id, term, window_start from raw.alert_detections
    where kind = 'hoax' and alert_id not in (select alert_id from _detected)
"""
ANSWERS_SQL = """
    with answers as (
      select k.alert_id, k.window_start, h.klarifikasi_at as answered_at, h.klarifikasi_url as url,
             coalesce(h.registered_by, 'register hoaks') as account
      from _hoax_keys k join marts.dim_hoax h using (hoax_id)
      where h.klarifikasi_at >= k.window_start
      union all
      select k.alert_id, k.window_start, m.published_at, m.url, coalesce(m.outlet, m.author)
      from _hoax_keys k join marts.fct_hoax_mentions m on m.hoax_id = k.hoax_id
      where m.role = 'debunk' and m.published_at >= k.window_start
      union all
      select k.alert_id, k.window_start, p.published_at, p.url, p.platform || '/' || p.account
      from _hoax_keys k
      join raw.hoax_post_matches x on x.hoax_id = k.hoax_id
      join marts.mart_platform_posts p on p.platform = x.platform and p.account = x.account and p.post_id = x.post_id
      where p.published_at >= k.window_start
    )
    select alert_id, answered_at, epoch(answered_at - window_start) / 3600.0, url, account from answers
    qualify row_number() over (partition by alert_id order by answered_at, url) = 1
"""


def hoax_responses(con: duckdb.DuckDBPyConnection) -> None:
    """Replace the rows of hoax alerts in temp table ``_responses``: a hoax alert is answered by
    the first clarification, debunk mention or official debunk post at or after its window's
    start (not by any official post on its issue)."""
    if not (_exists(con, "marts", "dim_hoax") and _exists(con, "marts", "fct_hoax_mentions")):
        return
    con.execute(HOAX_KEYS_SQL)
    con.execute("delete from _responses where alert_id in (select alert_id from _hoax_keys)")
    rows = [list(r) for r in con.execute(ANSWERS_SQL).fetchall()]
    columns = {
        "alert_id": "varchar",
        "first_response_at": "timestamptz",
        "response_hours": "double",
        "response_post_url": "varchar",
        "response_account": "varchar",
    }
    load_temp(con, "_hoax_answers", columns, rows)
    con.execute(f"insert into _responses ({', '.join(columns)}) select * from _hoax_answers")
