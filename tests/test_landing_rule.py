"""The landing sensor's "stopped growing" rule, as a pure function of sizes, times and the tick's clock."""

from __future__ import annotations

from orchestration.defs.ingestion.sensors import SETTLE_SECONDS, TICK_SECONDS, plan_tick

WRITTEN = 1_000_000.0  # the file's mtime (epoch seconds)


def test_a_file_written_moments_ago_waits_for_the_next_tick() -> None:
    cursor, stable = plan_tick({}, {"a.csv": [10, WRITTEN]}, now=WRITTEN + 1)
    assert stable == []
    _, stable = plan_tick(cursor, {"a.csv": [10, WRITTEN]}, now=WRITTEN + 1 + TICK_SECONDS)
    assert stable == ["a.csv"]


def test_a_file_that_arrives_whole_is_requested_on_first_sight() -> None:
    _, stable = plan_tick({}, {"a.csv": [10, WRITTEN]}, now=WRITTEN + SETTLE_SECONDS)
    assert stable == ["a.csv"]


def test_a_file_that_grew_since_the_last_tick_waits() -> None:
    cursor, _ = plan_tick({}, {"a.csv": [10, WRITTEN]}, now=WRITTEN + 1)
    cursor, stable = plan_tick(cursor, {"a.csv": [20, WRITTEN + 4]}, now=WRITTEN + 6)
    assert stable == []
    _, stable = plan_tick(cursor, {"a.csv": [20, WRITTEN + 4]}, now=WRITTEN + 11)
    assert stable == ["a.csv"]


def test_a_copy_that_restored_an_old_modification_time_is_requested_at_once() -> None:
    # `cp -p` writes with a fresh mtime, then sets the original (older) one when it is done
    cursor, _ = plan_tick({}, {"a.csv": [10, WRITTEN + 100]}, now=WRITTEN + 101)
    _, stable = plan_tick(cursor, {"a.csv": [50, WRITTEN - 86_400]}, now=WRITTEN + 104)
    assert stable == ["a.csv"]


def test_a_file_already_settled_is_not_requested_again_until_it_changes() -> None:
    settled = {"a.csv": [10, WRITTEN, "hash-of-a"]}
    cursor, stable = plan_tick(settled, {"a.csv": [10, WRITTEN]}, now=WRITTEN + 3600)
    assert stable == [] and cursor == settled
    _, stable = plan_tick(cursor, {"a.csv": [11, WRITTEN + 3600]}, now=WRITTEN + 3600 + SETTLE_SECONDS)
    assert stable == ["a.csv"]
