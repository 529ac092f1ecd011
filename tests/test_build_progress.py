"""What `citra build` shows while it runs: live on a terminal, one line per step in cron."""

from __future__ import annotations

import io

from orchestration.cli.progress import BuildProgress, describe
from orchestration.progress import StepProgress, listening, report


def run_steps(progress: BuildProgress) -> None:
    """Three steps as Dagster reports them, the first with per-file progress."""
    with progress, listening(progress.on_progress):
        progress.on_step_event("STEP_START", "raw_media")
        report(StepProgress("raw_media", "files", 1, 2, rows=500, bytes_done=100, bytes_total=200, seconds=1.0))
        report(StepProgress("raw_media", "files", 2, 2, rows=1200, bytes_done=200, bytes_total=200, seconds=2.0))
        progress.on_step_event("STEP_SUCCESS", "raw_media")
        progress.on_step_event("STEP_START", "citra_dbt_models")
        progress.on_step_event("STEP_FAILURE", "citra_dbt_models")
        progress.on_step_event("STEP_SKIPPED", "serving__citra_duckdb")


def test_without_a_terminal_each_step_prints_one_line_when_it_ends() -> None:
    out = io.StringIO()
    run_steps(BuildProgress(out, total_steps=3, live=False))
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("[1/3] raw_media done in ")
    assert lines[0].endswith("(2/2 files, 1,200 rows, 600 rows/s)")
    assert lines[1].startswith("[2/3] citra_dbt_models FAILED in ")
    assert lines[2].startswith("[3/3] serving__citra_duckdb skipped in ")
    assert "\x1b[" not in out.getvalue()  # no terminal control codes in a cron log


def test_on_a_terminal_the_display_is_redrawn_and_keeps_the_finished_steps() -> None:
    out = io.StringIO()
    run_steps(BuildProgress(out, total_steps=3, live=True))
    text = out.getvalue()
    assert "\x1b[" in text  # redrawn in place with terminal control codes
    for line in ("[1/3] raw_media done in ", "[2/3] citra_dbt_models FAILED in ", "[3/3] serving__citra_duckdb"):
        assert line in text


def test_progress_gives_rows_per_second_and_the_time_left_from_the_bytes_done() -> None:
    halfway = StepProgress("raw_media", "files", 1, 4, rows=1000, bytes_done=100, bytes_total=400, seconds=2.0)
    assert describe(halfway) == "1/4 files, 1,000 rows, 500 rows/s, about 6 s left"
    nodes = StepProgress("citra_dbt_models", "dbt nodes", 30, 60, seconds=10.0)
    assert describe(nodes) == "30/60 dbt nodes, about 10 s left"


def test_a_failing_display_never_fails_the_build() -> None:
    def broken(_: StepProgress) -> None:
        raise OSError("terminal closed")

    with listening(broken):
        report(StepProgress("raw_media", "files", 1, 1))
