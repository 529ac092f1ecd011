"""Exactly one rapor per unit and month: claim in the warehouse, then send (the trade-off of
the alerts' outbox, docs/alerts.md).

A run claims each (month, unit, attempt) it will send by inserting a ``claimed`` row into
``raw.rapor_deliveries``, whose primary key admits one claim per attempt: a rerun of the month,
a second run at the same time or a retry finds the claim and sends nothing. The claims are
committed and the warehouse closed before any send; the outcome (``sent``, ``failed``,
``uncertain``) is appended after it. At-most-once: a run that dies between claim and outcome
leaves the claim alone (``interrupted``), and a send that lost its connection after the message
went out is ``uncertain``; neither is repeated on its own, since the rapor may have arrived
(`citra rapor MONTH --resend UNIT` releases it once someone checked it did not). A send that
surely failed (refused, no connection) is claimed again by the next ``retry_runs`` runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from scorecard.mail import SendError

TABLE_SQL = """
    create table if not exists raw.rapor_deliveries (
      month date not null, unit varchar not null, attempt integer not null, event varchar not null,
      event_at timestamptz not null, recipients varchar, detail varchar, run_id varchar,
      primary key (month, unit, attempt, event))
"""
# the newest attempt of each (month, unit), and within it a release over an outcome over the claim
LATEST_SQL = """
    select month, unit, max(attempt) as attempt,
           arg_max(event, (attempt, case event when 'claimed' then 0 when 'released' then 2 else 1 end)) as outcome
    from raw.rapor_deliveries group by all
"""
RETRY_RUNS = 3
TRIES, BACKOFF_SECONDS, TIMEOUT_SECONDS = 3, 1.0, 30.0


@dataclass(frozen=True)
class Delivery:
    """What one claimed send did."""

    unit: str
    attempt: int
    outcome: str  # sent | failed | uncertain
    tries: int
    detail: str


def create_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute(TABLE_SQL)


def due(con: duckdb.DuckDBPyConnection, month: date, units: list[str], retry_runs: int = RETRY_RUNS) -> dict[str, int]:
    """unit -> the attempt to claim, for the units not yet sent (never claimed, released, or
    surely failed fewer than ``retry_runs`` times)."""
    latest = {
        unit: (attempt, outcome)
        for unit, attempt, outcome in con.execute(
            f"select unit, attempt, outcome from ({LATEST_SQL}) where month = ?", [month]
        ).fetchall()
    }
    wanted = {}
    for unit in units:
        attempt, outcome = latest.get(unit, (0, None))
        if outcome is None or outcome == "released" or (outcome == "failed" and attempt <= retry_runs):
            wanted[unit] = attempt + 1
    return wanted


def claim(
    con: duckdb.DuckDBPyConnection,
    month: date,
    wanted: dict[str, int],
    contacts: dict[str, str],
    now: datetime,
    run_id: str | None,
) -> dict[str, int]:
    """Insert the claims in one transaction; only those no other run holds come back."""
    if not wanted:
        return {}
    units = sorted(wanted)
    con.execute("begin transaction")
    try:
        got = con.execute(
            """insert into raw.rapor_deliveries
               select ?, unnest(?::varchar[]), unnest(?::integer[]), 'claimed', ?, unnest(?::varchar[]), null, ?
               on conflict do nothing returning unit, attempt""",
            [month, units, [wanted[u] for u in units], now, [contacts[u] for u in units], run_id],
        ).fetchall()
        con.execute("commit")
    except duckdb.TransactionException:
        con.execute("rollback")  # another connection of this process committed the same claims first
        return {}
    return {unit: int(attempt) for unit, attempt in got}


def send_with_retries(
    send: Callable[[], str], unit: str, attempt: int, sleep: Callable[[float], None] = time.sleep
) -> Delivery:
    """Send, retrying a retryable failure after BACKOFF_SECONDS, then twice that."""
    wait = BACKOFF_SECONDS
    for tries in range(1, TRIES + 1):
        try:
            return Delivery(unit, attempt, "sent", tries, send())
        except SendError as error:
            if not error.definite:
                return Delivery(unit, attempt, "uncertain", tries, str(error))
            if not error.retryable or tries == TRIES:
                return Delivery(unit, attempt, "failed", tries, str(error))
            sleep(wait)
            wait *= 2
    raise AssertionError("unreachable")


def record(
    con: duckdb.DuckDBPyConnection, month: date, deliveries: list[Delivery], now: datetime, run_id: str | None
) -> None:
    """Append each send's outcome to its claim."""
    for d in deliveries:
        con.execute(
            "insert into raw.rapor_deliveries values (?, ?, ?, ?, ?, null, ?, ?) on conflict do nothing",
            [month, d.unit, d.attempt, d.outcome, now, f"{d.detail} (tries: {d.tries})", run_id],
        )


def release(con: duckdb.DuckDBPyConnection, month: date, unit: str, now: datetime, actor: str) -> int:
    """Let the next run send again a rapor that was interrupted, uncertain or failed (after
    someone checked it did not arrive); returns 1 when there was one to release."""
    create_table(con)
    rows = con.execute(
        f"""select attempt from ({LATEST_SQL})
            where month = ? and unit = ? and outcome in ('claimed', 'uncertain', 'failed')""",
        [month, unit],
    ).fetchall()
    for (attempt,) in rows:
        con.execute(
            "insert into raw.rapor_deliveries values (?, ?, ?, 'released', ?, null, ?, null) on conflict do nothing",
            [month, unit, attempt, now, f"released by {actor}"],
        )
    return len(rows)


def delivery_rows(con: duckdb.DuckDBPyConnection, month: date) -> list[tuple[str, int, str, str | None]]:
    """(unit, attempt, outcome, recipients) of every claimed rapor of the month."""
    create_table(con)
    return con.execute(
        f"""select l.unit, l.attempt, case l.outcome when 'claimed' then 'interrupted' else l.outcome end, c.recipients
            from ({LATEST_SQL}) l
            left join raw.rapor_deliveries c
              on c.month = l.month and c.unit = l.unit and c.attempt = l.attempt and c.event = 'claimed'
            where l.month = ? order by l.unit""",
        [month],
    ).fetchall()
