"""The Dagster definitions of Citra (loaded by ``workspace.yaml``): one ``Definitions`` per
domain folder in ``orchestration/defs/``, merged with the shared job and resources.

A new capability is one new folder in ``defs/`` with a ``defs()`` function, and one line in
``DOMAINS``. Nothing here runs at import: the dbt manifest is parsed when Dagster (or the CLI)
calls ``defs()``.
"""

from __future__ import annotations

import os
from functools import cache

import dagster as dg

from orchestration.defs import (
    agenda,
    alerts,
    amplification,
    dashboard,
    dbt,
    hoaxes,
    ingestion,
    quality,
    reporting,
    scorecard,
    sentiment,
    serving,
)
from orchestration.defs.quality.expectations import gx_check_keys
from orchestration.defs.quality.sensors import expectations_after_build
from orchestration.history import relax_history_flushes
from orchestration.jobs import build_job, expectations_job
from orchestration.resources import shared_resources
from orchestration.settings import apply_defaults

DOMAINS = [
    ingestion,
    amplification,
    sentiment,
    agenda,
    hoaxes,
    dbt,
    quality,
    alerts,
    scorecard,
    serving,
    dashboard,
    reporting,
]


@dg.definitions
def defs() -> dg.Definitions:
    apply_defaults()
    relax_history_flushes()
    checks = gx_check_keys()
    build, expectations = build_job(checks), expectations_job(checks)
    return dg.Definitions.merge(
        *(domain.defs() for domain in DOMAINS),
        dg.Definitions(
            jobs=[build, expectations],
            sensors=[expectations_after_build(build, expectations)],
            resources=shared_resources(),
        ),
    )


def load_defs() -> dg.Definitions:
    """The definitions, built once per process and settings (for the CLI and tests).

    Optional settings become ``dg.EnvVar``s only when set (``resources.env_or``), so definitions
    built while one ``CITRA_*`` variable was set must not serve a caller without it: its run
    would ask for a variable that is no longer set. Values are read when a run starts."""
    return _defs_for(tuple(sorted(k for k, v in os.environ.items() if k.startswith("CITRA_") and v)))


@cache
def _defs_for(settings_set: tuple[str, ...]) -> dg.Definitions:
    return defs()
