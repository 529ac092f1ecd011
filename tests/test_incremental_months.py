"""Monthly incremental builds through Dagster, with a BI client reading the serving file.

One small history (January and February 2025) is built, a BI client (SQLAlchemy with
duckdb_engine, read-only: the path Superset takes) opens the serving file in another process,
then March arrives and is built while the client keeps querying. That build leaves the models
whose inputs did not change as they were (orchestration/defs/dbt/unchanged.py); a build that
reruns every model afterwards must find nothing to change.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.settings import REPO_ROOT
from sample_data.generate import generate

pytestmark = pytest.mark.slow

MONTHLY_TABLES = ["fct_mentions", "mart_issue_sentiment_monthly"]

READER = """
import sys, time
from pathlib import Path
import sqlalchemy as sa
engine = sa.create_engine(f"duckdb:///{sys.argv[1]}", connect_args={"read_only": True})
stop, queries, months = Path(sys.argv[2]), 0, set()
with engine.connect() as con:
    print("open", flush=True)
    while not stop.exists():
        rows = con.execute(sa.text(
            "select distinct month from marts.mart_issue_sentiment_monthly where mentions > 0")).fetchall()
        months |= {str(m) for (m,) in rows}
        queries += 1
        time.sleep(0.2)
print(queries, ",".join(sorted(months)), flush=True)
"""


@dataclass
class History:
    home: Path
    before: dict[str, dict]
    after_new_month: dict[str, dict]
    after_rerun: dict[str, dict]
    reader_queries: int
    reader_months: list[str]
    months_built: list[str]
    not_rebuilt: set[str]  # models and seeds the new month's build left as they were
    relations_after_new_month: dict[str, tuple]
    relations_after_full_run: dict[str, tuple]


def month_hashes(warehouse: Path) -> dict[str, dict]:
    """Row count and a hash of every row, per month, of each monthly table."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {
            table: {
                row[0]: row[1:]
                for row in con.execute(
                    f"select month, count(*), sum(hash(columns(*))) from marts.{table} group by month"
                ).fetchall()
            }
            for table in MONTHLY_TABLES
        }


def run_build(run_config: dict | None = None) -> dg.ExecuteInProcessResult:
    from orchestration.definitions import load_defs

    with dg.DagsterInstance.get() as instance:
        result = (
            load_defs()
            .resolve_job_def("citra_build")
            .execute_in_process(instance=instance, run_config=run_config or {}, raise_on_error=False)
        )
    assert result.success
    return result


def relation_hashes(warehouse: Path) -> dict[str, tuple]:
    """Row count and the sum of every row's hash of each table and view dbt builds (not those
    Python writes beside them, such as marts.dq_gaps)."""
    from orchestration.defs.dbt.assets import built_models

    dbt_built = built_models()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        relations = con.execute(
            """select schema_name, table_name from duckdb_tables() where schema_name in ('staging', 'intermediate', 'marts', 'reference')
               union all select schema_name, view_name from duckdb_views() where schema_name in ('staging', 'intermediate', 'marts', 'reference')"""
        ).fetchall()
        return {
            f"{schema}.{name}": con.execute(
                f'select count(*), coalesce(sum(hash(t)::hugeint), 0) from "{schema}"."{name}" as t'
            ).fetchall()[0]
            for schema, name in sorted(relations)
            if name in dbt_built
        }


def not_rebuilt(result: dg.ExecuteInProcessResult) -> set[str]:
    return {
        m.asset_key.path[-1]
        for m in result.asset_materializations_for_node("citra_dbt_models")
        if m.metadata.get("citra/dbt_run") and m.metadata["citra/dbt_run"].value.startswith("not rebuilt")
    }


def months_built(result: dg.ExecuteInProcessResult) -> str:
    materialization = next(
        m
        for m in result.asset_materializations_for_node("citra_dbt_models")
        if m.asset_key == dg.AssetKey(["marts", "fct_mentions"])
    )
    return materialization.metadata["citra/months_built"].value


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    root = tmp_path_factory.mktemp("incremental")
    home, stage = root / "citra", root / "stage"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_TODAY", "2025-04-10")  # the data's dates are fixed: so is the day
        generate(stage, mentions=900, seed=11, last_month=date(2025, 3, 1), months=3)
    landing = home / "landing" / "media"
    landing.mkdir(parents=True)
    exports = sorted((stage / "landing" / "media").iterdir())
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_TODAY", "2025-04-10")
        mp.setenv("CITRA_HOME", str(home))
        mp.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        (home / "dagster").mkdir()
        for export in exports:
            if "2025-03" not in export.name:
                shutil.copy2(export, landing)
        first = run_build()
        before = month_hashes(home / "warehouse.duckdb")
        stop = root / "stop-reader"
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(home / "serving" / "citra.duckdb"), str(stop)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert reader.stdout.readline().strip() == "open"
        for export in exports:
            if "2025-03" in export.name:
                shutil.copy2(export, landing)
        second = run_build()
        after_new_month = month_hashes(home / "warehouse.duckdb")
        relations_after_new_month = relation_hashes(home / "warehouse.duckdb")
        time.sleep(0.5)
        stop.touch()
        out, _ = reader.communicate(timeout=30)
        assert reader.returncode == 0
        queries, months = out.split()
        rerun = subprocess.run(
            [
                str(Path(sys.executable).with_name("dbt")),
                "run",
                "--quiet",
                "--profiles-dir",
                str(REPO_ROOT),
                "--project-dir",
                str(REPO_ROOT),
                "--select",
                "int_mentions_deduplicated+",
                "--vars",
                "{month_start: 2025-02-01, month_end: 2025-03-01}",
            ],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
        )
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr
        after_rerun = month_hashes(home / "warehouse.duckdb")
        run_build({"ops": {"citra_dbt_models": {"config": {"rebuild_unchanged": True}}}})
        relations_after_full_run = relation_hashes(home / "warehouse.duckdb")
    return History(
        home,
        before,
        after_new_month,
        after_rerun,
        int(queries),
        months.split(","),
        [months_built(r) for r in (first, second)],
        not_rebuilt(second),
        relations_after_new_month,
        relations_after_full_run,
    )


def test_first_build_builds_every_month(history: History) -> None:
    assert history.months_built[0] == "all months"
    assert sorted(history.before["fct_mentions"]) == [date(2025, 1, 1), date(2025, 2, 1)]


def test_a_new_month_is_built_alone_and_leaves_earlier_months_untouched(history: History) -> None:
    assert history.months_built[1] == "2025-03"
    for table in MONTHLY_TABLES:
        new = history.after_new_month[table]
        assert date(2025, 3, 1) in new
        assert {m: new[m] for m in history.before[table]} == history.before[table]


def test_models_whose_inputs_did_not_change_are_left_and_a_full_run_changes_nothing(history: History) -> None:
    # bugs caught: a model left as it was although a source it reads changed (a stale mart that
    # every later build keeps, until the code changes); a skip that never happens (this check
    # would then hold by construction, hence the first asserts)
    assert {"dim_account", "mart_platform_monthly", "stg_agenda__releases", "regions"} <= history.not_rebuilt
    assert not {"fct_mentions", "mart_issue_sentiment_monthly", "stg_media__mentions"} & history.not_rebuilt
    assert "int_hoax_settings_current" not in history.not_rebuilt  # it reads the date
    assert len(history.relations_after_new_month) > 60
    assert history.relations_after_full_run == history.relations_after_new_month


def test_rerunning_a_month_leaves_every_mart_identical(history: History) -> None:
    assert history.after_rerun == history.after_new_month


def test_bi_client_reads_the_serving_file_throughout_a_build_and_sees_the_old_marts(history: History) -> None:
    assert history.reader_queries > 5
    assert history.reader_months == ["2025-01-01", "2025-02-01"]


def test_new_connection_after_publication_sees_the_new_month(history: History) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(
        f"duckdb:///{history.home / 'serving' / 'citra.duckdb'}", connect_args={"read_only": True}
    )
    with engine.connect() as con:
        months = con.execute(sa.text("select max(month) from marts.mart_issue_sentiment_monthly")).fetchall()
    engine.dispose()
    assert months == [(date(2025, 3, 1),)]
