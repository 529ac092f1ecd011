"""What a production build runs of dbt: every model and seed, the tests that guard the data,
none of the tests that guard the SQL (those run in make test: tests/test_dbt_models.py builds
with every test). And a failing data test still fails `citra build`, leaving serving/ and
reports/ as they were."""

from __future__ import annotations

import hashlib
import io
import json
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from dbt.cli.main import dbtRunner

from orchestration.cli import main
from orchestration.defs.dbt.assets import selector_args
from sample_data.generate import generate

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # dbt parses the project, and builds run through Dagster


@dataclass(frozen=True)
class Selection:
    built: set[str]  # names of the nodes the selector `production_build` selects
    after_alerts: set[str]  # names of the nodes `scorecard_build` selects (the run after the alerts)
    by_args: set[str]  # names of the nodes the build's --select/--exclude select (selector_args)
    project: dict[str, str]  # every node of the project, unit tests included: name -> resource type


def _ls(selector: str, target: Path, selection: list[str] | None = None) -> set[str]:
    result = dbtRunner().invoke(
        ["ls", *(selection or ["--selector", selector]), "--output", "name", "--quiet"]
        + ["--project-dir", str(REPO), "--profiles-dir", str(REPO), "--target-path", str(target)]
        + ["--log-path", str(target)]
    )
    assert result.success, result.exception
    return {name.split(".")[-1] for name in result.result}


@pytest.fixture(scope="module")
def selection(tmp_path_factory: pytest.TempPathFactory) -> Selection:
    target = tmp_path_factory.mktemp("dbt_ls")
    built = _ls("production_build", target)
    after_alerts = _ls("scorecard_build", target)
    select, exclude = selector_args("production_build")
    by_args = _ls("", target, ["--select", select, "--exclude", exclude])
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    project = {node["name"]: node["resource_type"] for node in manifest["nodes"].values()}
    project |= {test["name"]: "unit_test" for test in manifest["unit_tests"].values()}
    return Selection(built, after_alerts, by_args, project)


def test_every_model_and_seed_is_built(selection: Selection) -> None:
    # bug caught: an exclusion in selectors.yml that also drops a model or seed (a mart BI tools
    # read goes stale while every build says OK). A build runs production_build, then, after the
    # alerts, scorecard_build: every model and seed is in exactly one of them
    models_and_seeds = {name for name, kind in selection.project.items() if kind in ("model", "seed")}
    assert {"fct_mentions", "mart_issue_sentiment_monthly", "dim_date", "regions"} <= models_and_seeds
    assert models_and_seeds - (selection.built | selection.after_alerts) == set()
    assert models_and_seeds & selection.built & selection.after_alerts == set()


def test_the_build_passes_dbt_the_selector_as_select_and_exclude(selection: Selection) -> None:
    # bug caught: the translation of production_build into --select/--exclude (which a build uses,
    # so that it can exclude the models whose inputs did not change) dropping or adding a node:
    # tests that guard the SQL run on every build, or a model or a data test is left out
    assert len(selection.built) > 200
    assert selection.by_args == selection.built


def test_the_rapor_models_wait_for_the_alerts(selection: Selection) -> None:
    # bug caught: the scorecard's models slipping back into production_build, where they would
    # read the alerts' marts before Python has written this build's alerts (a rapor a day behind)
    scorecard_models = {"mart_humas_scorecard", "int_scorecard_units", "int_scorecard_unit_alerts"}
    assert scorecard_models <= selection.after_alerts
    assert scorecard_models & selection.built == set()
    assert "fct_mentions" not in selection.after_alerts


def test_tests_that_guard_the_data_run_in_every_build(selection: Selection) -> None:
    for test in (
        "source_not_null_raw_media_mentions_mention_id",  # what an export brought
        "not_null_stg_media__mentions_published_at",
        "unique_region_aliases_alias",  # a hand-edited seed
        "relationships_issue_aliases_issue_code__issue_code__ref_issues_",
        "accepted_values_fct_mentions_sentiment__positive__neutral__negative",  # vendor labels
        "relationships_fct_mentions_region_code__region_code__ref_dim_region_",
        "platform_accounts_are_registered",
    ):
        assert test in selection.built, test


def test_tests_that_guard_the_sql_are_left_to_make_test(selection: Selection) -> None:
    # bug caught: a rule of selectors.yml that stops matching (a renamed folder or test), so the
    # SQL's own tests slow every production build. One test per rule; each must exist in the
    # project, or its absence from the build proves nothing
    for test, kind in (
        ("test_months_are_cut_in_wita", "unit_test"),
        ("unique_int_mentions_enriched_mention_id", "test"),  # an intermediate model's test
        ("assert_issue_mart_reconciles_with_fct_mentions", "test"),  # singular, dbt_project/tests
        ("unique_fct_mentions_mention_id", "test"),  # the marts' keys, grain, not-null columns ...
        ("unique_combination_of_columns_mart_issue_sentiment_monthly_month__issue", "test"),
        ("not_null_fct_mentions_month", "test"),
        ("value_between_mart_sentiment_agreement_agreement_rate__1__0", "test"),  # ... computed ranges
        ("expression_is_true_sentiment_review_queue_sentiment_vendor_sentiment_model", "test"),  # ... identities
    ):
        assert selection.project.get(test) == kind, test
        assert test not in selection.built, test
    unit_tests = {name for name, kind in selection.project.items() if kind == "unit_test"}
    assert unit_tests and unit_tests & selection.built == set()


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_failing_data_test_fails_the_build_and_leaves_serving_and_reports_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "citra"
    generate(home, mentions=1500, seed=3, platforms=False)
    monkeypatch.setenv("CITRA_HOME", str(home))
    monkeypatch.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    with redirect_stdout(io.StringIO()):
        assert main(["build"]) == 0
    serving, reports = _digest(home / "serving"), _digest(home / "reports")
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:  # a vendor label no profile maps
        con.execute(
            "insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile, published_at,"
            " sentiment, export_date, ingested_at) values ('odd-1', 'f', 2, 'meltwater', 'meltwater',"
            " timestamptz '2025-10-01 10:00:00+08', 'sangat positif', date '2025-10-02', now())"
        )
    extra = home / "landing" / "media" / "later_export.csv"  # something new, so the build runs
    extra.write_text(
        "Date,Headline,URL,Source,Sentiment,Input Name,Document ID\n"
        "01-Oct-2025 10:00AM,Banjir di Banjarmasin,https://example.id/1,Antara,Negative,Banjir,late-1\n",
        encoding="utf-8",
    )
    errors = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(errors):
        assert main(["build"]) == 1
    # bug caught: the build failing for another reason (the data test never ran, or passed) while
    # the test only looked for FAILED; the summary names the data test that stopped it
    assert "citra build FAILED" in errors.getvalue()
    summary = errors.getvalue().split("citra build FAILED")[-1]
    assert (
        "failed check accepted_values_fct_mentions_sentiment__positive__neutral__negative on marts/fct_mentions"
        " (1 failing rows)" in summary
    ), summary
    assert _digest(home / "serving") == serving
    assert _digest(home / "reports") == reports
