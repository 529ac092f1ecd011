"""How a build starts dbt, without the start-up costs that do not change its result.

- The month window goes to dbt as environment variables (`month_window` in
  dbt_project/macros reads them): a new `--vars` value makes dbt re-parse the whole project.
- Each CITRA_HOME keeps dbt's partial-parse state: the profile holds the warehouse path, and a
  state written for another path is thrown away (a full parse, seconds).
- No `dbt --version` process and no dbt adapter inside the Dagster process (`CitraDbtCli`).
- No JSON artifacts (`--no-write-json`): writing manifest.json and run_results.json took 0.65 s
  of every run; Dagster's event log has each node's result and time.
- Each run writes its own target folder (parse state, compiled SQL); only the newest few
  are kept (`prune_run_targets`), or a server that builds several times a day fills its disk.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from importlib.metadata import version as installed_version
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource
from packaging import version

from ingestion.memory import release_memory
from orchestration.defs.dbt.months import MonthWindow
from orchestration.defs.dbt.project import citra_dbt_project

WINDOW_ENV = ("CITRA_MONTH_START", "CITRA_MONTH_END")
# `dbt build` without its JSON artifacts (manifest.json, run_results.json: 0.65 s of each run on
# this machine); Dagster records each node's result and time, and the parse state is still written
BUILD = ("build", "--no-write-json")
PARSE_STATE = "partial_parse.msgpack"
RUN_TARGET_PREFIX = "citra_dbt_models-"
KEEP_RUN_TARGETS = 6  # the newest run folders kept for a look at what dbt compiled
RUN_TARGET_MIN_AGE_S = 6 * 3600  # never removed younger: a long build may still be writing it


@contextmanager
def month_window_env(window: MonthWindow | None) -> Iterator[None]:
    """Set CITRA_MONTH_START/END for the dbt process started inside (unset: every month)."""
    saved = {name: os.environ.get(name) for name in WINDOW_ENV}
    values = window.dbt_vars() if window else {}
    for name, key in zip(WINDOW_ENV, ("month_start", "month_end")):
        os.environ[name] = values.get(key, "")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_target(context: dg.AssetExecutionContext, home: Path) -> Path:
    """This run's dbt target folder, holding the parse state of this home's previous run.

    dbt re-parses the whole project (seconds) when the profile changed since the parse state was
    written, and the profile holds the warehouse path: a state shared by every CITRA_HOME would
    be thrown away whenever two homes alternate. Each home keeps its own (`dbt/` in CITRA_HOME)."""
    target = citra_dbt_project.project_dir / citra_dbt_project.target_path
    target = target / f"{RUN_TARGET_PREFIX}{context.run.run_id[:7]}-{uuid.uuid4().hex[:7]}"
    target.mkdir(parents=True)
    saved = home / "dbt" / PARSE_STATE
    if saved.exists():
        shutil.copyfile(saved, target / PARSE_STATE)
    return target


def prune_run_targets(
    current: Path, keep: int = KEEP_RUN_TARGETS, min_age_s: float = RUN_TARGET_MIN_AGE_S, now: float | None = None
) -> list[Path]:
    """Remove the run folders beside `current` beyond the newest `keep`, if older than
    `min_age_s` (another build, of another CITRA_HOME, may be running in one); `current` and
    anything not named like a run folder stay. Returns the folders removed."""
    now = time.time() if now is None else now
    runs = [p for p in current.parent.iterdir() if p.is_dir() and p != current and p.name.startswith(RUN_TARGET_PREFIX)]
    runs.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    removed = []
    for old in runs[max(keep - 1, 0) :]:
        if now - old.stat().st_mtime >= min_age_s:
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
    return removed


def keep_partial_parse(target: Path, home: Path) -> None:
    """Save the parse state this run's dbt wrote, for the next run on this home."""
    state = target / PARSE_STATE
    if state.exists():
        saved = home / "dbt" / PARSE_STATE
        saved.parent.mkdir(parents=True, exist_ok=True)
        draft = saved.with_name(f".{PARSE_STATE}.{os.getpid()}.tmp")
        shutil.copyfile(state, draft)
        os.replace(draft, saved)


class CitraDbtCli(DbtCliResource):
    """dagster-dbt's resource without two start-up costs of each run (seconds on 2 cores): the
    `dbt --version` process that tells the version (it is the installed dbt-core's), and a dbt
    adapter opened in this process, which dagster-dbt only needs to fetch row counts and column
    metadata after a run (Citra fetches neither)."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):  # noqa: ANN001, ANN202 - dagster-dbt's signature
        return None

    def cli(self, args, **kwargs):  # noqa: ANN001, ANN003, ANN201 - dagster-dbt's signature
        """Start dbt after this process gave back what its finished steps freed: it waits beside
        dbt for the whole run, and the two share the build's memory budget (ingestion/memory.py)."""
        release_memory()
        return super().cli(args, **kwargs)
