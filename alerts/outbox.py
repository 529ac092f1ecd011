"""Exactly one message per alert, channel and purpose: claim in the warehouse, then send.

A purpose is ``notice`` (the first message about an alert) or ``reminder`` (one more when nobody
answered or acknowledged it; alerts/due.py says what is due). A build claims the (alert, channel,
purpose, attempt) it will send by inserting a ``claimed`` row into ``raw.alert_notifications``,
whose primary key allows one claim per attempt: a second build at the same time (DuckDB lets one
process write at a time), a rerun or a retry of the run finds the claim and sends nothing. The
claim is committed before the send; the outcome (``sent``, ``failed``, ``uncertain``) is
recorded after it. Trade-off, at-most-once: a crash between claim and outcome leaves the claim
without outcome (shown as ``interrupted``), and that message is never repeated on its own,
because it may have gone out; `citra alerts resend` releases it.

Within one run a send is tried ``attempts`` times with growing waits; a channel that surely
failed (refused, an error answer, no connection) is claimed again by the next ``retry_builds``
runs.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from alerts.channels import Channel, DeliveryError
from alerts.messages import Names
from alerts.notice import Notice
from alerts.store import NOTIFICATION_COLUMNS

PURPOSES = ("notice", "reminder")

# what became of each (alert, channel, purpose): the newest attempt, and within it a release over
# an outcome (sent, failed, uncertain) over the bare claim ('claimed': the send never reported)
LATEST_SQL = """
    select alert_id, channel, purpose, max(attempt) as attempt,
           arg_max(event, (attempt, case event when 'claimed' then 0 when 'released' then 2 else 1 end)) as outcome
    from raw.alert_notifications group by all
"""


@dataclass(frozen=True, order=True)
class Claim:
    """One message to send: which alert, on which channel, why, and the how-manieth attempt."""

    alert_id: str
    channel: str
    purpose: str
    attempt: int


@dataclass(frozen=True)
class Delivery:
    """What one claimed send did."""

    alert_id: str
    channel: str
    purpose: str
    attempt: int
    outcome: str  # sent | failed | uncertain
    tries: int
    detail: str


def claim(con: duckdb.DuckDBPyConnection, wanted: list[Claim], now: datetime, run_id: str | None) -> list[Claim]:
    """Insert the claims in one transaction; only those no other build holds come back."""
    if not wanted:
        return []
    con.execute("begin transaction")
    try:
        got = con.execute(
            f"""insert into raw.alert_notifications ({NOTIFICATION_COLUMNS})
               select unnest(?::varchar[]), unnest(?::varchar[]), unnest(?::varchar[]), unnest(?::integer[]),
                      'claimed', ?, null, ?
               on conflict do nothing returning alert_id, channel, purpose, attempt""",
            [
                [w.alert_id for w in wanted],
                [w.channel for w in wanted],
                [w.purpose for w in wanted],
                [w.attempt for w in wanted],
                now,
                run_id,
            ],
        ).fetchall()
        con.execute("commit")
    except duckdb.TransactionException:
        # another connection of this process committed the same claims first: DuckDB refuses
        # this commit and has already rolled the transaction back (a conflict found while
        # inserting leaves it open)
        with contextlib.suppress(duckdb.TransactionException):
            con.execute("rollback")
        return []
    return sorted(Claim(a, c, p, int(n)) for a, c, p, n in got)


def send_with_retries(
    channel: Channel,
    notice: Notice,
    names: Names,
    cfg: dict[str, Any],
    attempt: int,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """Send, retrying a retryable failure with waits of backoff, 2 x backoff, ..."""
    wait = cfg["backoff_seconds"]

    def outcome(what: str, tries: int, detail: str) -> Delivery:
        return Delivery(notice.alert.alert_id, channel.name, notice.purpose, attempt, what, tries, detail)

    for tries in range(1, cfg["attempts"] + 1):
        try:
            return outcome("sent", tries, channel.send(notice, names, cfg["timeout_seconds"]))
        except DeliveryError as error:
            if not error.definite:
                return outcome("uncertain", tries, str(error))
            if not error.retryable or tries == cfg["attempts"]:
                return outcome("failed", tries, str(error))
            sleep(wait)
            wait *= 2
    raise AssertionError("unreachable")


def record_outcomes(
    con: duckdb.DuckDBPyConnection, deliveries: list[Delivery], now: datetime, run_id: str | None
) -> None:
    """Append each send's outcome to its claim."""
    for d in deliveries:
        con.execute(
            f"insert into raw.alert_notifications ({NOTIFICATION_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?) "
            "on conflict do nothing",
            [d.alert_id, d.channel, d.purpose, d.attempt, d.outcome, now, f"{d.detail} (tries: {d.tries})", run_id],
        )


def release(con: duckdb.DuckDBPyConnection, alert_id: str, channel: str | None, now: datetime, actor: str) -> int:
    """Let the next build send again what was interrupted or uncertain (after someone checked it
    did not arrive); returns how many messages (channel and purpose) were released."""
    rows = con.execute(
        f"""with latest as ({LATEST_SQL})
            select channel, purpose, attempt from latest
            where alert_id = ? and (? is null or channel = ?) and outcome in ('claimed', 'uncertain', 'failed')""",
        [alert_id, channel, channel],
    ).fetchall()
    for name, purpose, attempt in rows:
        con.execute(
            f"insert into raw.alert_notifications ({NOTIFICATION_COLUMNS}) "
            "values (?, ?, ?, ?, 'released', ?, ?, null) on conflict do nothing",
            [alert_id, name, purpose, attempt, now, f"released by {actor}"],
        )
    return len(rows)
