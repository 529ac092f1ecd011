"""What a production build runs of dbt: every model and seed, the tests that guard the data,
none of the tests that guard the SQL (those run in make test: tests/test_dbt_models.py builds
with every test). And a failing data test still fails `citra build`, leaving serving/ and
reports/ as they were."""

from __future__ import annotations

import hashlib
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import duckdb
import pytest
from dbt.cli.main import dbtRunner

from orchestration.cli import main
from sample_data.generate import generate

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # dbt parses the project, and builds run through Dagster


@pytest.fixture(scope="module")
def production_nodes(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    target = tmp_path_factory.mktemp("dbt_ls")
    result = dbtRunner().invoke(
        ["ls", "--selector", "production_build", "--output", "name", "--quiet"]
        + ["--project-dir", str(REPO), "--profiles-dir", str(REPO), "--target-path", str(target)]
        + ["--log-path", str(target)]
    )
    assert result.success, result.exception
    return {name.split(".")[-1] for name in result.result}


def test_every_model_and_seed_is_built(production_nodes: set[str]) -> None:
    for node in ("fct_mentions", "mart_issue_sentiment_monthly", "int_mentions_enriched", "dim_date", "regions"):
        assert node in production_nodes


def test_tests_that_guard_the_data_run_in_every_build(production_nodes: set[str]) -> None:
    for test in (
        "source_not_null_raw_media_mentions_mention_id",  # what an export brought
        "not_null_stg_media__mentions_published_at",
        "unique_region_aliases_alias",  # a hand-edited seed
        "relationships_issue_aliases_issue_code__issue_code__ref_issues_",
        "accepted_values_fct_mentions_sentiment__positive__neutral__negative",  # vendor labels
        "relationships_fct_mentions_region_code__region_code__ref_dim_region_",
        "platform_accounts_are_registered",
    ):
        assert test in production_nodes, test


def test_tests_that_guard_the_sql_are_left_to_make_test(production_nodes: set[str]) -> None:
    for test in (
        "test_months_are_cut_in_wita",  # a unit test
        "unique_int_mentions_deduplicated_mention_id",  # true by construction of the dedup
        "unique_fct_mentions_mention_id",
        "value_between_mart_issue_sentiment_monthly_share_of_voice__1__0",
        "assert_share_of_voice_sums_to_one_per_month",
    ):
        assert test not in production_nodes, test


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
    assert "citra build FAILED" in errors.getvalue()
    assert _digest(home / "serving") == serving
    assert _digest(home / "reports") == reports
