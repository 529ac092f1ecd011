"""Live progress of a build's steps, for whoever listens (the `citra build` terminal display).

Assets report how far they are (files or dbt nodes done and to do, rows, bytes) through
``report()``; with nobody listening (a run launched by the Dagster daemon) it costs nothing. The
same counts end up in each asset's metadata for the Dagster UI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class StepProgress:
    """How far one step is: ``done`` of ``total`` units (files or dbt nodes)."""

    step: str
    unit: str
    done: int
    total: int
    rows: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float | None:
        return self.rows / self.seconds if self.rows and self.seconds > 0 else None

    @property
    def seconds_left(self) -> float | None:
        """An estimate from the share of bytes (else units) done so far; None before the first."""
        if self.seconds <= 0:
            return None
        if self.bytes_total and self.bytes_done:
            return self.seconds * (self.bytes_total - self.bytes_done) / self.bytes_done
        if self.total and self.done:
            return self.seconds * (self.total - self.done) / self.done
        return None


_listeners: list[Callable[[StepProgress], None]] = []


def report(progress: StepProgress) -> None:
    """Tell every listener; a failing listener never fails the build."""
    for listener in list(_listeners):
        try:
            listener(progress)
        except Exception:  # noqa: BLE001 - a display problem must not stop a build
            pass


@contextmanager
def listening(listener: Callable[[StepProgress], None]) -> Iterator[None]:
    """Receive every report made while the block runs (in this process)."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
