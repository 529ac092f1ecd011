"""What is due on each configured channel: first notices and reminders (pure, clock injected).

**Notice.** Every alert of the current data whose window ended less than
``notify.max_age_hours`` before ``now`` is announced once per channel, whatever its status: an
alert an official post already answered is announced too (the message says who answered and
when), because the answer is a keyword match and the head of office must hear of every burst.
The one exception: a person acknowledged or closed the alert (``raw.alert_events``) before its
first notice was delivered on any channel; they knew of it before Citra could tell them.

**Reminder.** A channel that delivered the notice at least ``notify.remind_after_hours`` ago
gets one reminder, when the alert still has no qualifying response, nobody acknowledged it and
it is not closed. Not for notices delivered more than ``max_age_hours`` ago (an outbox from
before reminders existed would otherwise remind of every old alert at once).

A channel that surely failed is claimed again, up to ``retry_builds`` attempts; a release
(`citra alerts resend`) lets it be sent again; anything else claimed is never due again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import duckdb

from alerts.outbox import LATEST_SQL, Claim

# what is still to send, given the wanted (alert_id, channel) pairs of one purpose
_RETRY_SQL = """
    select w.alert_id, w.channel, coalesce(l.attempt, 0) + 1 as attempt
    from wanted w left join latest l on l.alert_id = w.alert_id and l.channel = w.channel and l.purpose = $purpose
    where l.outcome is null
       or l.outcome = 'released'
       or (l.outcome = 'failed' and l.attempt <= $retry_builds)
    order by w.alert_id, w.channel
"""

NOTICES_SQL = f"""
    with latest as ({LATEST_SQL}), first_sent as (
      select alert_id, min(event_at) as sent_at
      from raw.alert_notifications where purpose = 'notice' and event = 'sent' group by all
    ), silenced as (
      -- acknowledged or closed by a person before anything reached anyone
      select distinct e.alert_id from raw.alert_events e left join first_sent f using (alert_id)
      where e.action in ('ack', 'close') and (f.sent_at is null or e.happened_at < f.sent_at)
    ), wanted as (
      select a.alert_id, c.channel from marts.issue_alerts a, unnest($channels::varchar[]) as c(channel)
      where a.still_detected
        and ($oldest::timestamptz is null or a.window_end >= $oldest)
        and a.alert_id not in (select alert_id from silenced)
    )
    {_RETRY_SQL}
"""

REMINDERS_SQL = f"""
    with latest as ({LATEST_SQL}), delivered as (
      select alert_id, channel, min(event_at) as sent_at
      from raw.alert_notifications where purpose = 'notice' and event = 'sent' group by all
    ), wanted as (
      select d.alert_id, d.channel from delivered d join marts.issue_alerts a using (alert_id)
      where list_contains($channels::varchar[], d.channel)
        and d.sent_at <= $remind_from
        and ($oldest::timestamptz is null or d.sent_at >= $oldest)
        and a.still_detected
        and a.first_response_at is null
        and a.acknowledged_at is null
        and a.status <> 'closed'
    )
    {_RETRY_SQL}
"""


def _claims(rows: list[tuple], purpose: str) -> list[Claim]:
    return [Claim(a, c, purpose, int(n)) for a, c, n in rows]


def due_notices(con: duckdb.DuckDBPyConnection, channels: list[str], cfg: dict[str, Any], now: datetime) -> list[Claim]:
    """First notices still to send (see the module's docstring); ``cfg`` is alerts.yml's notify."""
    if not channels:
        return []
    max_age = cfg["max_age_hours"]
    rows = con.execute(
        NOTICES_SQL,
        {
            "channels": channels,
            "oldest": None if max_age is None else now - timedelta(hours=max_age),
            "purpose": "notice",
            "retry_builds": cfg["retry_builds"],
        },
    ).fetchall()
    return _claims(rows, "notice")


def due_reminders(
    con: duckdb.DuckDBPyConnection, channels: list[str], cfg: dict[str, Any], now: datetime
) -> list[Claim]:
    """Reminders still to send at ``now``; none when ``remind_after_hours`` is empty."""
    if not channels or cfg["remind_after_hours"] is None:
        return []
    max_age = cfg["max_age_hours"]
    rows = con.execute(
        REMINDERS_SQL,
        {
            "channels": channels,
            "remind_from": now - timedelta(hours=cfg["remind_after_hours"]),
            "oldest": None if max_age is None else now - timedelta(hours=max_age),
            "purpose": "reminder",
            "retry_builds": cfg["retry_builds"],
        },
    ).fetchall()
    return _claims(rows, "reminder")


DUE = {"notice": due_notices, "reminder": due_reminders}


def reminder_due(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any], now: datetime) -> bool:
    """Is any reminder due on a channel that has delivered a notice? (The hourly schedule asks
    this first, so an hour with nothing to remind starts no run.)"""
    tables = {
        r[0]
        for r in con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() "
            "where schema_name in ('raw', 'marts') and table_name in ('alert_notifications', 'issue_alerts')"
        ).fetchall()
    }
    if tables != {"raw.alert_notifications", "marts.issue_alerts"}:
        return False
    channels = [r[0] for r in con.execute("select distinct channel from raw.alert_notifications").fetchall()]
    return bool(due_reminders(con, sorted(channels), cfg, now))
