"""The rapor's outbox (scorecard/outbox.py): a unit's rapor of a month is claimed before it is
sent and never sent twice; a send that surely failed is tried again by the next runs, one that
may have arrived only after someone releases it."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.clock import WITA
from scorecard import outbox
from scorecard.mail import SendError

MONTH = date(2025, 2, 1)
NOW = datetime(2025, 3, 1, 7, 0, tzinfo=WITA)
CONTACTS = {"dinkes_kalsel": "humas@dinkes.example", "bpbd_kalsel": "humas@bpbd.example"}


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    outbox.create_table(con)
    yield con
    con.close()


def _run(con: duckdb.DuckDBPyConnection, outcome: str | None, run: str) -> dict[str, int]:
    """One run: claim what is due and record ``outcome`` for each claim (None: the run died)."""
    claimed = outbox.claim(con, MONTH, outbox.due(con, MONTH, sorted(CONTACTS)), CONTACTS, NOW, run)
    if outcome:
        outbox.record(con, MONTH, [outbox.Delivery(u, n, outcome, 1, "x") for u, n in claimed.items()], NOW, run)
    return claimed


def test_a_sent_rapor_is_never_claimed_again(con: duckdb.DuckDBPyConnection) -> None:
    assert _run(con, "sent", "r1") == {"bpbd_kalsel": 1, "dinkes_kalsel": 1}
    assert _run(con, "sent", "r2") == {}
    # a second claim of the same attempt, as a run racing the first would make, gets nothing
    assert outbox.claim(con, MONTH, {"dinkes_kalsel": 1}, CONTACTS, NOW, "r3") == {}


def test_an_interrupted_or_uncertain_send_waits_for_a_person_then_goes_once(con: duckdb.DuckDBPyConnection) -> None:
    """Catches at-least-once by accident: a run that died after claiming, or a send whose
    connection dropped after the message went out, must not be repeated on its own."""
    _run(con, None, "r1")  # died between claim and outcome
    assert _run(con, "sent", "r2") == {}
    assert [row[2] for row in outbox.delivery_rows(con, MONTH)] == ["interrupted", "interrupted"]
    assert outbox.release(con, MONTH, "dinkes_kalsel", NOW, "rina") == 1
    assert _run(con, "uncertain", "r3") == {"dinkes_kalsel": 2}
    assert _run(con, "sent", "r4") == {}


def test_a_surely_failed_send_is_tried_by_the_next_three_runs_only(con: duckdb.DuckDBPyConnection) -> None:
    attempts = [_run(con, "failed", f"r{n}").get("dinkes_kalsel") for n in range(1, 7)]
    assert attempts == [1, 2, 3, 4, None, None]


def test_retries_within_a_run_stop_at_a_refusal_and_never_repeat_a_lost_connection() -> None:
    calls: list[str] = []

    def flaky() -> str:
        calls.append("try")
        if len(calls) < 3:
            raise SendError("no connection")
        return "SMTP ok"

    assert outbox.send_with_retries(flaky, "u", 1, sleep=lambda _: None).outcome == "sent" and len(calls) == 3

    def refused() -> str:
        raise SendError("recipients refused", retryable=False)

    assert outbox.send_with_retries(refused, "u", 1, sleep=lambda _: None).tries == 1

    def lost() -> str:
        raise SendError("connection lost after DATA", definite=False)

    delivery = outbox.send_with_retries(lost, "u", 1, sleep=lambda _: None)
    assert (delivery.outcome, delivery.tries) == ("uncertain", 1)
