"""Paths and switches, from the environment with documented defaults.

| variable          | default                      | meaning                                   |
|-------------------|------------------------------|-------------------------------------------|
| CITRA_HOME        | ./data                       | landing/, quarantine/, warehouse, reports |
| CITRA_WAREHOUSE   | $CITRA_HOME/warehouse.duckdb | the DuckDB warehouse the pipeline writes  |
| DAGSTER_HOME      | $CITRA_HOME/dagster          | Dagster run history (shared by UI and CLI) |
| CITRA_ENGINE      | duckdb                       | duckdb or spark: where dbt builds (docs/scale.md) |
| CITRA_LAKE        | $CITRA_HOME/lake             | raw Parquet and Spark's tables (spark only) |
| CITRA_OFFICE      | local                        | this office's partition of the lake       |

Nothing here phones home: dbt usage statistics, Great Expectations analytics and Dagster
telemetry are switched off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

DAGSTER_YAML = """\
# Written by Citra. Telemetry is off: a government warehouse does not phone home.
telemetry:
  enabled: false
# Every DuckDB writer (ingestion, dbt) is in the pool `duckdb_writer`: one at a time.
concurrency:
  pools:
    default_limit: 1
# The daemon marks a run whose process died (a crash, a reboot) as failed and frees its writer
# slot, so the next build does not wait for it forever (docs/deployment.md).
run_monitoring:
  enabled: true
  free_slots_after_run_end_seconds: 60
# The daemon takes queued runs every second (Dagster's default is 5), so a run the landing
# sensor asks for starts at once.
run_queue:
  dequeue_interval_seconds: 1
"""


def apply_defaults() -> None:
    """Fill in the environment so Dagster, dbt and our code agree on the paths."""
    home = Path(os.environ.get("CITRA_HOME") or "data").resolve()
    os.environ["CITRA_HOME"] = str(home)
    os.environ.setdefault("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
    os.environ.setdefault("DAGSTER_HOME", str(home / "dagster"))
    # dbt's profile and Spark's catalog need an absolute lake path
    os.environ["CITRA_LAKE"] = str(Path(os.environ.get("CITRA_LAKE") or home / "lake").resolve())
    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    os.environ["DO_NOT_TRACK"] = "1"
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    os.environ.setdefault("DBT_PROFILES_DIR", str(REPO_ROOT))
    scripts = str(Path(sys.executable).parent)
    if (Path(scripts) / "dbt").exists() and scripts not in os.environ.get("PATH", "").split(os.pathsep):
        # dagster-dbt runs `dbt` from PATH: use the one beside this Python, venv activated or not
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def build_sources() -> list[Path]:
    """The project files a build's result depends on besides the data (dbt project with its
    seeds, among them the alerts' watchlist and issue keywords; selectors; quality rules; alert
    rules; the labelling settings and the shipped sentiment model; the rapor's scorecard.yml;
    agenda.yml and the matcher's version): a change to any of them makes the next `citra build`
    run (serving/stamp.py)."""
    quality = Path(os.environ.get("CITRA_QUALITY") or REPO_ROOT / "quality.yml")
    alerts = Path(os.environ.get("CITRA_ALERTS") or REPO_ROOT / "alerts.yml")
    labelling = Path(os.environ.get("CITRA_SENTIMENT_CONFIG") or REPO_ROOT / "sentiment.yml")
    scorecard = Path(os.environ.get("CITRA_SCORECARD") or REPO_ROOT / "scorecard.yml")
    # the pickup window and thresholds, and the matcher's method version (docs/agenda.md)
    agenda = Path(os.environ.get("CITRA_AGENDA_CONFIG") or REPO_ROOT / "agenda.yml")
    names = ("dbt_project.yml", "profiles.yml", "selectors.yml", "dbt_project", "sentiment/artifacts")
    return [
        *(REPO_ROOT / name for name in names),
        quality,
        alerts,
        labelling,
        scorecard,
        agenda,
        REPO_ROOT / "agenda" / "settings.py",
    ]


def ensure_dagster_home() -> Path:
    """Create DAGSTER_HOME with Citra's instance settings (telemetry off, writer pool of 1)."""
    apply_defaults()
    dagster_home = Path(os.environ["DAGSTER_HOME"])
    dagster_home.mkdir(parents=True, exist_ok=True)
    config = dagster_home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    else:
        _add_missing_sections(config)
    return dagster_home


def _add_missing_sections(config: Path) -> None:
    """Append the top-level sections of DAGSTER_YAML that an older dagster.yaml lacks (an
    office's own settings are never changed)."""
    text = config.read_text(encoding="utf-8")
    present = {line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()}
    blocks, block = [], []
    for line in DAGSTER_YAML.splitlines():
        if line.startswith("#") and block and not block[-1].startswith("#"):
            blocks.append(block)
            block = []
        block.append(line)
    blocks.append(block)
    missing = [b for b in blocks if any(ln[0].isalpha() and ln.split(":")[0] not in present for ln in b if ln)]
    if missing:
        addition = "\n".join(line for b in missing for line in b)
        config.write_text(text.rstrip("\n") + "\n" + addition + "\n", encoding="utf-8")
