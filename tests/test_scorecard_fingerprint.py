"""The fingerprint that lets a build skip the scorecard's dbt run (scorecard/fingerprint.py): what
it covers, and what changes it. The build end to end is in tests/test_scorecard.py."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.schema import create_raw_schema
from orchestration.defs.dbt.project import prepared_manifest
from scorecard.fingerprint import (
    SCORECARD_PATH,
    THROUGH_STAGING,
    ScorecardInputs,
    fingerprint,
    last_run,
    own_relations,
    record_run,
    relation_digest,
    scorecard_inputs,
)

REPO = Path(__file__).resolve().parents[1]
PROJECT_FILES = [REPO / "dbt_project.yml", REPO / "selectors.yml"]
# what would make a model's result depend on the day it runs: the fingerprint holds no clock
CLOCK = re.compile(r"current_date|current_timestamp|\bnow\s*\(|get_current_timestamp|\btoday\b|run_started_at", re.I)


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(prepared_manifest().read_text(encoding="utf-8"))


def test_the_inputs_are_every_relation_the_scorecard_reads(manifest: dict) -> None:
    # bug caught: an upstream table left out of the fingerprint (new alerts or posts, and the
    # build skips the run: a stale rapor), or one of the scorecard's own tables counted as input
    # (it changes with each run: every build runs it again)
    inputs = scorecard_inputs(manifest, PROJECT_FILES)
    assert {
        ("marts", "fct_mentions"),
        ("marts", "issue_alerts"),
        ("marts", "mart_amplification_monthly"),
        ("raw", "scorecard_weights"),
        ("raw", "agency_contacts"),
        ("reference", "agencies"),
        ("reference", "accounts"),
    } <= set(inputs.relations)
    assert not set(inputs.relations) & set(own_relations(manifest))
    assert ("marts", "mart_humas_scorecard") in own_relations(manifest)


def test_no_scorecard_model_or_macro_it_calls_reads_the_clock(manifest: dict) -> None:
    # bug caught: a model that scores "this month" from the date: the next month its inputs are
    # the same, the build skips the run and the rapor keeps last month's view
    nodes = [n for n in manifest["nodes"].values() if n["original_file_path"].startswith(SCORECARD_PATH)]
    assert nodes
    macros = set().union(*(n["depends_on"]["macros"] for n in nodes))
    texts = [n["raw_code"] for n in nodes] + [manifest["macros"][m]["macro_sql"] for m in macros]
    assert [t for t in texts if CLOCK.search(t)] == []


def test_the_code_digest_changes_with_a_model_a_test_or_a_project_file(manifest: dict, tmp_path: Path) -> None:
    # bug caught: an edited model (or its test, or a var in dbt_project.yml) not rebuilt because
    # the data it reads did not change
    base = scorecard_inputs(manifest, PROJECT_FILES).code
    assert scorecard_inputs(manifest, PROJECT_FILES).code == base
    edited = copy.deepcopy(manifest)
    uid = "model.citra.mart_humas_scorecard"
    edited["nodes"][uid]["raw_code"] += "\n-- edited"
    assert scorecard_inputs(edited, PROJECT_FILES).code != base
    edited = copy.deepcopy(manifest)
    test = next(
        uid
        for uid, n in edited["nodes"].items()
        if n["resource_type"] == "test" and "model.citra.mart_humas_scorecard" in n["depends_on"]["nodes"]
    )
    edited["nodes"][test]["config"] = {**edited["nodes"][test]["config"], "severity": "warn"}
    assert scorecard_inputs(edited, PROJECT_FILES).code != base
    project = tmp_path / "dbt_project.yml"
    project.write_text((REPO / "dbt_project.yml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert scorecard_inputs(manifest, [project, PROJECT_FILES[1]]).code != base


def test_a_relation_digest_sees_one_changed_value_and_not_the_row_order() -> None:
    # bug caught: a digest of row counts or of the newest timestamp only (a corrected label keeps
    # both: a stale rapor), or one that depends on the order dbt wrote the rows (a wasted run)
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.fct_mentions as select range as id, 'positive' as sentiment, 2.5 as w from range(1000)"
    )
    before = relation_digest(con, "marts", "fct_mentions")
    con.execute("create or replace table marts.fct_mentions as select * from marts.fct_mentions order by id desc")
    assert relation_digest(con, "marts", "fct_mentions") == before
    con.execute("update marts.fct_mentions set sentiment = 'negative' where id = 500")
    changed = relation_digest(con, "marts", "fct_mentions")
    assert changed != before and changed.split(":")[0] == before.split(":")[0]
    con.execute("insert into marts.fct_mentions values (1000, 'positive', 2.5)")
    assert relation_digest(con, "marts", "fct_mentions") not in (before, changed)
    con.execute("create view marts.v as select * from marts.fct_mentions")
    assert relation_digest(con, "marts", "v") == relation_digest(con, "marts", "fct_mentions")
    assert relation_digest(con, "marts", "absent") == "missing"


def test_the_fingerprint_names_what_changed_and_survives_a_round_trip(tmp_path: Path) -> None:
    # bug caught: the recorded fingerprint read back differently (every build runs: a wasted
    # run), or scorecard.yml left out (a new weight version not scored until other data changes)
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_raw_schema(con)
    con.execute("create schema marts")
    con.execute("create table marts.issue_alerts as select 'a1' as alert_id")
    config = tmp_path / "scorecard.yml"
    config.write_text("versions: []\n", encoding="utf-8")
    inputs = ScorecardInputs((("marts", "issue_alerts"), ("raw", "scorecard_weights")), "code-1")
    assert last_run(con) is None
    first = fingerprint(con, inputs, config)
    record_run(con, "run-1", first, datetime(2026, 12, 7, tzinfo=UTC))
    run_id, digest, _, parts = last_run(con)
    assert (run_id, digest) == ("run-1", first.digest)
    assert fingerprint(con, inputs, config).digest == digest
    con.execute("insert into marts.issue_alerts values ('a2')")
    assert fingerprint(con, inputs, config).changed_since(parts) == ["marts.issue_alerts"]
    con.execute("delete from marts.issue_alerts where alert_id = 'a2'")
    config.write_text("versions: [x]\n", encoding="utf-8")
    assert fingerprint(con, inputs, config).changed_since(parts) == ["scorecard.yml"]
    changed_code = ScorecardInputs(inputs.relations, "code-2")
    config.write_text("versions: []\n", encoding="utf-8")
    assert fingerprint(con, changed_code, config).changed_since(parts) == ["code"]


def test_a_source_hashed_through_its_staging_view_is_hashed_over_every_column_the_view_reads(
    manifest: dict,
) -> None:
    # bug caught: a column the rapor reads from marts.issue_alerts left out of its digest (an
    # answered alert, and the build skips the run: a stale response score), or the notification
    # bookkeeping the alerts step writes after the rapor's run counted (every next build runs it)
    inputs = scorecard_inputs(manifest, PROJECT_FILES)
    narrowed = dict(inputs.columns)
    assert set(narrowed) == {("marts", "issue_alerts")}
    for source, staging in THROUGH_STAGING.items():
        readers = [uid for uid, n in manifest["nodes"].items() if source in n["depends_on"].get("nodes", ())]
        assert readers == [staging]
        view = manifest["nodes"][staging]
        assert view["config"]["materialized"] == "view"
        published = view["raw_code"].split("{%- if published %}")[1].split("{%- else %}")[0]
        selected = re.findall(r"^\s*([a-z_]+),?\s*$", published.split("from")[0].split("select", 1)[1], re.M)
        assert selected == list(view["columns"]) == list(narrowed[("marts", "issue_alerts")])
    assert not {"notified_at", "reminded_at", "notifications"} & set(narrowed[("marts", "issue_alerts")])


def test_a_narrowed_digest_sees_the_columns_read_and_not_the_others() -> None:
    # bug caught: the column list ignored (a wasted run after each notification) or applied to the
    # wrong columns (a changed status unseen: a stale rapor)
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute(
        "create table marts.issue_alerts as select 'a' || range as alert_id, 'open' as status, "
        "null::timestamptz as notified_at from range(10)"
    )
    read = ("alert_id", "status")
    before = relation_digest(con, "marts", "issue_alerts", read)
    con.execute("update marts.issue_alerts set notified_at = now()")
    assert relation_digest(con, "marts", "issue_alerts", read) == before
    assert relation_digest(con, "marts", "issue_alerts") != relation_digest(con, "marts", "issue_alerts", read)
    con.execute("update marts.issue_alerts set status = 'answered' where alert_id = 'a3'")
    assert relation_digest(con, "marts", "issue_alerts", read) != before
