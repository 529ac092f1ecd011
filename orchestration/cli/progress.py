"""What `citra build` shows while it runs.

On a terminal: a live display (rich) with the current step, files or dbt nodes done and to do,
rows per second and an estimate of the time left. Without a terminal (cron, a pipe): one plain
line per finished step, so a log stays readable. Both are fed by Dagster's step events (through
a logger added to the run) and by the assets' progress reports (``orchestration.progress``).
"""

from __future__ import annotations

import logging
import time
from typing import TextIO

from orchestration.progress import StepProgress

STEP_EVENTS = {"STEP_START", "STEP_SUCCESS", "STEP_FAILURE", "STEP_SKIPPED"}
OUTCOME = {"STEP_SUCCESS": "done", "STEP_FAILURE": "FAILED", "STEP_SKIPPED": "skipped"}


def describe(progress: StepProgress | None) -> str:
    """`3/48 files, 61,513 rows, 120,000 rows/s, about 12 s left` (the parts that are known)."""
    if progress is None:
        return ""
    parts = [f"{progress.done:,}/{progress.total:,} {progress.unit}"]
    if progress.rows:
        parts.append(f"{progress.rows:,} rows")
    if progress.rows_per_second:
        parts.append(f"{progress.rows_per_second:,.0f} rows/s")
    left = progress.seconds_left
    if left is not None and progress.done < progress.total:
        parts.append(f"about {left:,.0f} s left")
    return ", ".join(parts)


class BuildProgress:
    """Collects step events and progress reports, and renders them for a terminal or a log."""

    def __init__(self, out: TextIO, total_steps: int, live: bool) -> None:
        self.out = out
        self.total_steps = total_steps
        self.finished = 0
        self.current: dict[str, float] = {}  # running step -> start time
        self.latest: dict[str, StepProgress] = {}
        self.live = None
        if live:
            from rich.console import Console
            from rich.live import Live

            # stdout and stderr stay where output_to() sent them (the log): only the display is live
            console = Console(file=out, force_terminal=True)
            # redrawn from the current state at every refresh, so the seconds keep counting
            self.live = Live(
                console=console,
                get_renderable=self._renderable,
                refresh_per_second=4,
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )

    def __enter__(self) -> BuildProgress:
        if self.live is not None:
            self.live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.stop()

    def on_progress(self, progress: StepProgress) -> None:
        self.latest[progress.step] = progress
        self._refresh()

    def on_step_event(self, event_type: str, step_key: str) -> None:
        if event_type == "STEP_START":
            self.current[step_key] = time.perf_counter()
            self._refresh()
            return
        started = self.current.pop(step_key, None)
        self.finished += 1
        seconds = time.perf_counter() - started if started is not None else 0.0
        detail = describe(self.latest.get(step_key))
        line = f"[{self.finished}/{self.total_steps}] {step_key} {OUTCOME[event_type]} in {seconds:.1f} s"
        self._print(line + (f" ({detail})" if detail else ""))

    def _print(self, line: str) -> None:
        if self.live is not None:
            self.live.console.print(line, highlight=False, markup=False)
            self.live.refresh()
        else:
            self.out.write(line + "\n")
            self.out.flush()

    def _refresh(self) -> None:
        if self.live is not None:
            self.live.refresh()

    def _renderable(self):
        from rich.text import Text

        lines = []
        for step, started in self.current.items():
            detail = describe(self.latest.get(step))
            lines.append(f"  {step}: {time.perf_counter() - started:.0f} s" + (f", {detail}" if detail else ""))
        head = f"citra build: {self.finished}/{self.total_steps} steps done"
        return Text("\n".join([head, *lines]))


class StepEventHandler(logging.Handler):
    """A logging handler for Dagster's run logger: passes step events on to ``BuildProgress``."""

    def __init__(self, progress: BuildProgress) -> None:
        super().__init__(level=logging.DEBUG)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "dagster_event", None)
        if event is not None and event.event_type_value in STEP_EVENTS and event.step_key:
            self.progress.on_step_event(event.event_type_value, event.step_key)
