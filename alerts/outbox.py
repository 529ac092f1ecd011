"""Exactly one notification per alert and channel: claim in the warehouse, then send.

A build claims the (alert, channel, attempt) it will send by inserting a ``claimed`` row into
``raw.alert_notifications``, whose primary key allows one claim per attempt: a second build at
the same time (DuckDB lets one process write at a time), a rerun or a retry of the run finds
the claim and sends nothing. The claim is committed before the send; the outcome (``sent``,
``failed``, ``uncertain``) is recorded after it. Trade-off, at-most-once: a crash between claim
and outcome leaves the claim without outcome (shown as ``interrupted``), and that message is
never repeated on its own, because it may have gone out; `citra alerts resend` releases it.

Within one build a send is tried ``attempts`` times with growing waits; a channel that surely
failed (refused, an error answer, no connection) is claimed again by the next ``retry_builds``
builds. Only open alerts whose window ended less than ``max_age_hours`` ago are sent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import duckdb

from alerts.channels import Channel, DeliveryError
from alerts.messages import Names
from alerts.model import Alert

# what became of each (alert, channel): the newest attempt, and within it a release over an
# outcome (sent, failed, uncertain) over the bare claim ('claimed' means the send never reported)
LATEST_SQL = """
    select alert_id, channel, max(attempt) as attempt,
           arg_max(event, (attempt, case event when 'claimed' then 0 when 'released' then 2 else 1 end)) as outcome
    from raw.alert_notifications group by all
"""


@dataclass(frozen=True)
class Delivery:
    """What one claimed send did."""

    alert_id: str
    channel: str
    attempt: int
    outcome: str  # sent | failed | uncertain
    tries: int
    detail: str


def due(
    con: duckdb.DuckDBPyConnection, channels: list[str], cfg: dict[str, Any], now: datetime
) -> list[tuple[str, str, int]]:
    """(alert, channel, attempt) still to send: open alerts, recent enough, not yet claimed for
    this attempt; a surely failed or released attempt gets the next one."""
    if not channels:
        return []
    max_age = cfg["max_age_hours"]
    oldest = now - timedelta(hours=max_age) if max_age is not None else datetime.min.replace(tzinfo=now.tzinfo)
    rows = con.execute(
        f"""with latest as ({LATEST_SQL}), wanted as (
              select a.alert_id, c.channel from marts.issue_alerts a, unnest(?::varchar[]) as c(channel)
              where a.status = 'open' and a.still_detected and a.window_end >= ?)
            select w.alert_id, w.channel, coalesce(l.attempt, 0) + 1
            from wanted w left join latest l using (alert_id, channel)
            where l.outcome is null
               or l.outcome = 'released'
               or (l.outcome = 'failed' and l.attempt <= ?)
            order by w.alert_id, w.channel""",
        [channels, oldest, cfg["retry_builds"]],
    ).fetchall()
    return [(a, c, int(n)) for a, c, n in rows]


def claim(
    con: duckdb.DuckDBPyConnection, wanted: list[tuple[str, str, int]], now: datetime, run_id: str | None
) -> list[tuple[str, str, int]]:
    """Insert the claims in one transaction; only those no other build holds come back."""
    if not wanted:
        return []
    con.execute("begin transaction")
    try:
        got = con.execute(
            """insert into raw.alert_notifications
               select unnest(?::varchar[]), unnest(?::varchar[]), unnest(?::integer[]), 'claimed', ?, null, ?
               on conflict do nothing returning alert_id, channel, attempt""",
            [[w[0] for w in wanted], [w[1] for w in wanted], [w[2] for w in wanted], now, run_id],
        ).fetchall()
        con.execute("commit")
    except duckdb.TransactionException:
        # another connection of this process committed the same claims first
        con.execute("rollback")
        return []
    return sorted((a, c, int(n)) for a, c, n in got)


def send_with_retries(
    channel: Channel,
    alert: Alert,
    names: Names,
    cfg: dict[str, Any],
    attempt: int,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """Send, retrying a retryable failure with waits of backoff, 2 x backoff, ..."""
    wait = cfg["backoff_seconds"]
    for tries in range(1, cfg["attempts"] + 1):
        try:
            detail = channel.send(alert, names, cfg["timeout_seconds"])
            return Delivery(alert.alert_id, channel.name, attempt, "sent", tries, detail)
        except DeliveryError as error:
            if not error.definite:
                return Delivery(alert.alert_id, channel.name, attempt, "uncertain", tries, str(error))
            if not error.retryable or tries == cfg["attempts"]:
                return Delivery(alert.alert_id, channel.name, attempt, "failed", tries, str(error))
            sleep(wait)
            wait *= 2
    raise AssertionError("unreachable")


def record_outcomes(
    con: duckdb.DuckDBPyConnection, deliveries: list[Delivery], now: datetime, run_id: str | None
) -> None:
    """Append each send's outcome to its claim."""
    for d in deliveries:
        con.execute(
            "insert into raw.alert_notifications values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
            [d.alert_id, d.channel, d.attempt, d.outcome, now, f"{d.detail} (tries: {d.tries})", run_id],
        )


def release(con: duckdb.DuckDBPyConnection, alert_id: str, channel: str | None, now: datetime, actor: str) -> int:
    """Let the next build send again what was interrupted or uncertain (after someone checked it
    did not arrive); returns how many channels were released."""
    rows = con.execute(
        f"""with latest as ({LATEST_SQL})
            select channel, attempt from latest
            where alert_id = ? and (? is null or channel = ?) and outcome in ('claimed', 'uncertain', 'failed')""",
        [alert_id, channel, channel],
    ).fetchall()
    for name, attempt in rows:
        con.execute(
            "insert into raw.alert_notifications values (?, ?, ?, 'released', ?, ?, null) on conflict do nothing",
            [alert_id, name, attempt, now, f"released by {actor}"],
        )
    return len(rows)
