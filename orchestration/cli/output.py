"""Where the CLI's runs write their logs (dbt's progress and Dagster's events), and what a failed
run prints."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import dagster as dg


@contextmanager
def output_to(log_path: Path) -> Iterator[TextIO]:
    """Send this process's and its children's stdout/stderr (dbt's progress) to a log file;
    yields a stream on the original stdout (the terminal), for a progress display."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with log_path.open("ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        terminal = os.fdopen(saved[0], "w", closefd=False)
        try:
            yield terminal
        finally:
            terminal.flush()
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def log_path(home: Path, command: str) -> Path:
    """A fresh log file for one run of ``citra <command>``."""
    return home / "logs" / f"citra_{command}_{datetime.now():%Y%m%d_%H%M%S}_{os.getpid()}.log"


def failed_checks(result: dg.ExecuteInProcessResult) -> list[str]:
    """One line per blocking check (an error-severity dbt test, a blocking asset check) that
    failed in the run, naming the check and the asset, so the user knows which rule stopped it."""
    import dagster as dg

    lines = []
    for evaluation in result.get_asset_check_evaluations():
        if evaluation.passed or evaluation.severity != dg.AssetCheckSeverity.ERROR:
            continue
        failures = evaluation.metadata.get("dagster_dbt/failed_row_count")
        rows = f" ({failures.value} failing rows)" if failures is not None else ""
        lines.append(f"  failed check {evaluation.check_name} on {evaluation.asset_key.to_user_string()}{rows}")
    return lines
