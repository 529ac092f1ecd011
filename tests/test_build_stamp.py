"""`citra build` runs nothing only when nothing is new: the build stamp and what changes it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingestion.landing import content_hash
from ingestion.schema import create_raw_schema
from serving.stamp import fingerprint, up_to_date, write_stamp


def built_home(home: Path) -> tuple[Path, list[Path]]:
    """A home as a successful build leaves it: one export ingested, a snapshot and its stamp."""
    export = home / "landing" / "media" / "meltwater_2025-10.csv"
    export.parent.mkdir(parents=True)
    export.write_text("Date,Headline\n01-Oct-2025 10:00AM,Banjir\n", encoding="utf-8")
    project = home / "project"
    (project / "models").mkdir(parents=True)
    (project / "models" / "fct.sql").write_text("select 1", encoding="utf-8")
    (project / "quality.yml").write_text("freshness: {max_days: 3}\n", encoding="utf-8")
    sources = [project / "models", project / "quality.yml"]
    warehouse = home / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        create_raw_schema(con)
        register(con, export)
    (home / "serving").mkdir()
    (home / "serving" / "citra.duckdb").write_bytes(b"")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        write_stamp(home / "serving", fingerprint(con, sources), "run-1")
    return warehouse, sources


def register(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    con.execute(
        "insert into raw.ingest_files (file_id, file_name, file_path, size_bytes, status, first_seen_at) "
        "values (?, ?, ?, ?, 'loaded', now())",
        [content_hash(path), path.name, str(path), path.stat().st_size],
    )


def check(home: Path, warehouse: Path, sources: list[Path]) -> dict | None:
    return up_to_date(warehouse, home / "landing", home / "serving", sources)


def test_nothing_new_since_the_stamp_is_up_to_date(tmp_path: Path) -> None:
    warehouse, sources = built_home(tmp_path)
    stamp = check(tmp_path, warehouse, sources)
    assert stamp is not None and stamp["run_id"] == "run-1"


def test_a_renamed_copy_of_an_ingested_export_is_nothing_new(tmp_path: Path) -> None:
    warehouse, sources = built_home(tmp_path)
    media = tmp_path / "landing" / "media"
    (media / "copy_of_october.csv").write_bytes((media / "meltwater_2025-10.csv").read_bytes())
    assert check(tmp_path, warehouse, sources) is not None


def test_a_new_export_in_landing_makes_the_build_run(tmp_path: Path) -> None:
    warehouse, sources = built_home(tmp_path)
    (tmp_path / "landing" / "platform").mkdir()
    (tmp_path / "landing" / "platform" / "tiktok.csv").write_text("Date,Views\n2025-10-01,5\n", encoding="utf-8")
    assert check(tmp_path, warehouse, sources) is None


def test_files_ingested_after_the_last_publication_make_the_build_run(tmp_path: Path) -> None:
    # e.g. the last build ingested a file, then a blocking test failed: serving was not published
    warehouse, sources = built_home(tmp_path)
    other = tmp_path / "elsewhere.csv"
    other.write_text("Date,Headline\n02-Oct-2025 10:00AM,Tambang\n", encoding="utf-8")
    with duckdb.connect(str(warehouse)) as con:
        register(con, other)
    assert check(tmp_path, warehouse, sources) is None


def test_a_changed_model_or_quality_rule_makes_the_build_run(tmp_path: Path) -> None:
    warehouse, sources = built_home(tmp_path)
    (tmp_path / "project" / "models" / "fct.sql").write_text("select 2", encoding="utf-8")
    assert check(tmp_path, warehouse, sources) is None
    warehouse, sources = built_home(tmp_path / "again")
    (tmp_path / "again" / "project" / "quality.yml").write_text("freshness: {max_days: 7}\n", encoding="utf-8")
    assert check(tmp_path / "again", warehouse, sources) is None


def test_without_a_stamp_or_a_snapshot_the_build_runs(tmp_path: Path) -> None:
    warehouse, sources = built_home(tmp_path)
    (tmp_path / "serving" / "citra.duckdb").unlink()
    assert check(tmp_path, warehouse, sources) is None


def test_the_labelling_settings_and_the_shipped_model_are_build_inputs(tmp_path: Path, monkeypatch) -> None:
    # bug caught: a policy switched in sentiment.yml never applied, because `citra build` saw no
    # new export and no changed dbt file and ran nothing
    from orchestration.settings import REPO_ROOT, build_sources

    settings = tmp_path / "sentiment.yml"
    monkeypatch.setenv("CITRA_SENTIMENT_CONFIG", str(settings))
    sources = build_sources()
    assert settings in sources and REPO_ROOT / "sentiment" / "artifacts" in sources
    warehouse, _ = built_home(tmp_path / "home")
    settings.write_text("policy: fill_missing\n", encoding="utf-8")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        before = fingerprint(con, [settings])
        settings.write_text("policy: model_everywhere\n", encoding="utf-8")
        assert fingerprint(con, [settings]) != before


def test_alert_rules_and_alert_seeds_are_build_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a changed threshold or a new watchlist term must raise its alerts on the next `citra build`
    from orchestration.settings import REPO_ROOT, build_sources

    rules = tmp_path / "alerts.yml"
    rules.write_text("negative_burst: {k: 5}\n", encoding="utf-8")
    monkeypatch.setenv("CITRA_ALERTS", str(rules))
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        create_raw_schema(con)
        before = fingerprint(con, build_sources())
        rules.write_text("negative_burst: {k: 4}\n", encoding="utf-8")
        assert fingerprint(con, build_sources()) != before
    for seed in ("watchlist.csv", "issue_keywords.csv"):
        path = REPO_ROOT / "dbt_project" / "seeds" / seed
        assert path.exists() and any(path.is_relative_to(source) for source in build_sources())


def test_an_alert_acknowledged_or_released_between_builds_makes_the_build_run(tmp_path: Path) -> None:
    # `citra alerts ack` / `resend` write the warehouse only: without this the serving copy would
    # keep the old status and the released notification would wait for the next export
    from alerts.store import create_tables

    warehouse, sources = built_home(tmp_path)
    with duckdb.connect(str(warehouse)) as con:
        create_tables(con)
        stamp_inputs = fingerprint(con, sources)
    write_stamp(tmp_path / "serving", stamp_inputs, "run-2")
    assert check(tmp_path, warehouse, sources) is not None
    with duckdb.connect(str(warehouse)) as con:
        con.execute("insert into raw.alert_events values ('e1', 'a1', 'ack', 'rina', null, now(), 'cli', now())")
    assert check(tmp_path, warehouse, sources) is None
    with duckdb.connect(str(warehouse), read_only=True) as con:
        write_stamp(tmp_path / "serving", fingerprint(con, sources), "run-3")
    assert check(tmp_path, warehouse, sources) is not None
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "insert into raw.alert_notifications values ('a1', 'webhook', 'notice', 1, 'released', now(), 'rina', null)"
        )
    assert check(tmp_path, warehouse, sources) is None
