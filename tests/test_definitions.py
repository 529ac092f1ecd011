"""The wiring of the Dagster definitions, asserted in seconds (as dagster-open-platform's
test_defs.py does): asset keys per group, checks, jobs, schedules, sensors and resources.

The expected lists are written out by hand: a domain that drops an asset, a check bound to the
wrong asset, a job that picks up the partitioned report, or a sensor aimed at another job
fails here before any end-to-end test runs.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import pytest

from orchestration.definitions import load_defs

GROUPS = {
    "ingestion": {
        "raw/media_mentions",
        "raw/ingest_files",
        "raw/ingest_rejects",
        "raw/platform_posts",
        "raw/platform_account_daily",
        "raw/asn_roster",
        "raw/agency_contacts",
        "raw/releases",
    },
    "scorecard": {"raw/scorecard_weights"},
    "agenda": {"raw/review_decisions", "raw/release_matches"},
    "sentiment": {
        "raw/mention_sentiment",
        "raw/sentiment_settings",
        "raw/label_corrections",
        "raw/mention_issue_suggestions",
    },
    "hoaxes": {
        "raw/hoax_register",
        "raw/hoax_matches",
        "raw/hoax_post_matches",
        "raw/hoax_settings",
    },
    "reference": {
        "reference/accounts",
        "reference/agencies",
        "reference/campaigns",
        "reference/issue_agencies",
        "reference/issue_aliases",
        "reference/issue_keywords",
        "reference/issues",
        "reference/official_aliases",
        "reference/officials",
        "reference/region_aliases",
        "reference/regions",
        "reference/watchlist",
    },
    "staging": {
        "staging/stg_media__mentions",
        "staging/stg_platform__account_daily",
        "staging/stg_platform__posts",
        "staging/stg_asn__roster",
        "staging/stg_sentiment__mention_labels",
        "staging/stg_sentiment__settings",
        "staging/stg_analyst__label_corrections",
        "staging/stg_issues__suggestions",
        "staging/stg_alerts__issue_alerts",
        "staging/stg_scorecard__weights",
        "staging/stg_contacts__agency_contacts",
        "staging/stg_agenda__releases",
        "staging/stg_agenda__release_matches",
        "staging/stg_staff__review_decisions",
        "staging/stg_hoaxes__register",
        "staging/stg_hoaxes__matches",
        "staging/stg_hoaxes__post_matches",
        "staging/stg_hoaxes__settings",
    },
    "intermediate": {
        "intermediate/int_amplification_events",
        "intermediate/int_asn_mentions",
        "intermediate/int_asn_post_shares",
        "intermediate/int_asn_roster_dated",
        "intermediate/int_campaign_mentions",
        "intermediate/int_expanded_urls_deduplicated",
        "intermediate/int_official_posts_keyed",
        "intermediate/int_mentions_deduplicated",
        "intermediate/int_mentions_enriched",
        "intermediate/int_mentions_labelled",
        "intermediate/int_label_corrections_latest",
        "intermediate/int_sentiment_settings_current",
        "intermediate/int_platform_account_daily_merged",
        "intermediate/int_platform_posts_latest",
        "intermediate/int_scorecard_units",
        "intermediate/int_scorecard_unit_accounts",
        "intermediate/int_scorecard_month_weights",
        "intermediate/int_scorecard_account_months",
        "intermediate/int_scorecard_unit_alerts",
        "intermediate/int_releases_deduplicated",
        "intermediate/int_review_decisions_latest",
        "intermediate/int_release_pickups_ranked",
        "intermediate/int_hoaxes_current",
        "intermediate/int_hoax_settings_current",
        "intermediate/int_hoax_mentions_decided",
    },
    "marts": {
        "marts/dim_account",
        "marts/dim_agency",
        "marts/dim_date",
        "marts/dim_issue",
        "marts/dim_region",
        "marts/fct_mentions",
        "marts/mart_amplification_monthly",
        "marts/mart_amplification_posts",
        "marts/mart_campaign",
        "marts/mart_issue_sentiment_monthly",
        "marts/mart_platform_monthly",
        "marts/mart_platform_posts",
        "marts/mart_sentiment_agreement",
        "marts/sentiment_review_queue",
        "marts/dim_sentiment_model",
        "marts/mart_humas_scorecard",
        "marts/dim_release",
        "marts/fct_release_pickups",
        "marts/mart_release_pickup",
        "marts/mart_agenda_monthly",
        "marts/release_review_queue",
        "marts/dim_hoax",
        "marts/fct_hoax_mentions",
        "marts/mart_hoax_daily",
        "marts/mart_hoax",
        "marts/hoax_review_queue",
    },
    "quality": {"marts/dq_gaps"},
    "alerts": {"marts/issue_alerts", "marts/mart_response_monthly", "alerts/notifications", "alerts/reminders"},
    "serving": {"serving/citra_duckdb"},
    "dashboard": {"dashboard/site"},
    "reporting": {"reports/monthly_report", "reports/rapor_kehumasan"},
}

# Python checks (dbt tests are checks too; they are asserted by their own tests and dbt)
PYTHON_CHECKS = {
    "raw/media_mentions": {"media_feed_gaps", "media_freshness", "gx_media_mentions"},
    "raw/platform_account_daily": {"account_gaps"},
    "marts/fct_mentions": {"mention_volume_band", "mention_labels", "gx_fct_mentions"},
    "marts/mart_issue_sentiment_monthly": {"gx_mart_issue_sentiment_monthly"},
    "marts/dq_gaps": {"gx_dq_gaps"},
    "marts/mart_sentiment_agreement": {"vendor_model_agreement"},
    "marts/sentiment_review_queue": {"review_queue_latest_month"},
    "marts/issue_alerts": {"open_alerts"},
    "alerts/notifications": {"alert_delivery"},
    "marts/mart_humas_scorecard": {"silent_accounts"},
    "marts/mart_release_pickup": {"releases_without_pickups"},
    "marts/mart_hoax": {"active_hoax_without_klarifikasi"},
}
GX_CHECKS = {"gx_media_mentions", "gx_fct_mentions", "gx_mart_issue_sentiment_monthly", "gx_dq_gaps"}
WRITERS = {
    "raw/media_mentions",
    "raw/asn_roster",
    "raw/mention_sentiment",
    "raw/label_corrections",
    "raw/mention_issue_suggestions",
    "raw/releases",
    "raw/review_decisions",
    "raw/release_matches",
    "raw/hoax_register",
    "raw/hoax_matches",
    "marts/fct_mentions",
    "marts/dq_gaps",
    "marts/issue_alerts",
    "alerts/notifications",
    "alerts/reminders",
    "serving/citra_duckdb",
    "reports/monthly_report",
    "raw/scorecard_weights",
    "raw/agency_contacts",
    "marts/mart_humas_scorecard",
    "reports/rapor_kehumasan",
}


@pytest.fixture(scope="module")
def repo() -> dg.RepositoryDefinition:
    return load_defs().get_repository_def()


def _key(text: str) -> dg.AssetKey:
    return dg.AssetKey(text.split("/"))


def test_every_asset_is_in_its_group_and_nothing_else_is_defined(repo: dg.RepositoryDefinition) -> None:
    graph = repo.asset_graph
    actual: dict[str, set[str]] = {}
    for key in graph.get_all_asset_keys():
        actual.setdefault(graph.get(key).group_name, set()).add(key.to_user_string())
    assert actual == GROUPS


def test_every_asset_is_described_for_the_ui(repo: dg.RepositoryDefinition) -> None:
    graph = repo.asset_graph
    undescribed = [
        k.to_user_string() for k in graph.get_all_asset_keys() if not (graph.get(k).description or "").strip()
    ]
    assert undescribed == []


def test_python_checks_sit_on_the_assets_they_judge(repo: dg.RepositoryDefinition) -> None:
    actual: dict[str, set[str]] = {}
    for key in repo.asset_graph.asset_check_keys:
        if key.name in {n for names in PYTHON_CHECKS.values() for n in names}:
            actual.setdefault(key.asset_key.to_user_string(), set()).add(key.name)
    assert actual == PYTHON_CHECKS
    # dbt tests that guard the data arrive as checks on their models; tests of the SQL run in
    # make test only (selectors.yml), so they are no checks of a production build
    checks = repo.asset_graph.asset_check_keys
    assert (
        dg.AssetCheckKey(
            _key("marts/fct_mentions"), "accepted_values_fct_mentions_sentiment__positive__neutral__negative"
        )
        in checks
    )
    assert dg.AssetCheckKey(_key("marts/fct_mentions"), "unique_fct_mentions_mention_id") not in checks


def test_no_python_check_blocks_and_the_suites_run_in_their_own_job(repo: dg.RepositoryDefinition) -> None:
    python_names = {n for names in PYTHON_CHECKS.values() for n in names}
    graph = repo.asset_graph
    blocking = {k.name for k in graph.asset_check_keys if k.name in python_names and graph.get_check_spec(k).blocking}
    assert blocking == set()
    build_checks = {k.name for k in repo.get_job("citra_build").asset_layer.asset_graph.asset_check_keys}
    suite_checks = {k.name for k in repo.get_job("citra_expectations").asset_layer.asset_graph.asset_check_keys}
    assert suite_checks == GX_CHECKS
    assert build_checks & GX_CHECKS == set()


def test_quality_serving_and_report_come_after_the_marts_they_read(repo: dg.RepositoryDefinition) -> None:
    graph = repo.asset_graph
    assert {_key("marts/fct_mentions"), _key("raw/ingest_files")} <= graph.get(_key("marts/dq_gaps")).parent_keys
    serving_parents = graph.get(_key("serving/citra_duckdb")).parent_keys
    assert {_key(k) for k in GROUPS["marts"] | GROUPS["quality"] | GROUPS["alerts"]} == serving_parents
    report_parents = graph.get(_key("reports/monthly_report")).parent_keys
    assert {_key("marts/mart_issue_sentiment_monthly"), _key("marts/dq_gaps")} <= report_parents
    assert {_key("reference/issue_agencies"), _key("reference/officials")} <= report_parents  # seeds it reads
    assert {_key("marts/mart_amplification_monthly"), _key("marts/mart_amplification_posts")} <= report_parents
    # the dashboard reads the serving copy only, so it runs after (and only after) a publication
    assert graph.get(_key("dashboard/site")).parent_keys == {_key("serving/citra_duckdb")}
    assert {_key("marts/mart_release_pickup"), _key("marts/mart_agenda_monthly")} <= report_parents
    # the roster feeds dbt through its source: the amplification models come after it
    assert _key("raw/asn_roster") in graph.get(_key("staging/stg_asn__roster")).parent_keys


def test_the_build_job_runs_everything_but_the_partitioned_report(repo: dg.RepositoryDefinition) -> None:
    jobs = {job.name for job in repo.get_all_jobs() if not job.name.startswith("__")}
    assert jobs == {"citra_build", "citra_expectations", "monthly_report", "alert_reminders"}
    build = repo.get_job("citra_build").asset_layer.executable_asset_keys
    everything = {_key(k) for keys in GROUPS.values() for k in keys}
    reports = {_key("reports/monthly_report"), _key("reports/rapor_kehumasan")}
    assert build == everything - reports
    # the rapor is written (and sent) with the report, on its schedule
    assert repo.get_job("monthly_report").asset_layer.executable_asset_keys == reports
    # the hourly reminders run alone: no ingestion, no dbt, no serving copy
    assert repo.get_job("alert_reminders").asset_layer.executable_asset_keys == {_key("alerts/reminders")}


def test_the_schedules_and_the_sensors_start_the_right_jobs(repo: dg.RepositoryDefinition) -> None:
    schedules = {s.name: s for s in repo.schedule_defs}
    assert {(s.name, s.job_name, s.cron_schedule) for s in schedules.values()} == {
        ("monthly_report_schedule", "monthly_report", "0 7 1 * *"),
        # reminders are due by the hour: a build with nothing new starts no run
        ("alert_reminders_schedule", "alert_reminders", "5 * * * *"),
    }
    assert {s.execution_timezone for s in schedules.values()} == {"Asia/Makassar"}
    sensors = {sensor.name: sensor for sensor in repo.sensor_defs}
    assert set(sensors) == {"landing_sensor", "expectations_after_build"}
    assert sensors["landing_sensor"].job_name == "citra_build"
    assert sensors["expectations_after_build"].job_name == "citra_expectations"
    assert {s.default_status for s in schedules.values()} == {dg.DefaultScheduleStatus.RUNNING}
    assert {s.default_status for s in sensors.values()} == {dg.DefaultSensorStatus.RUNNING}


def test_alerts_follow_the_marts_they_read_and_notify_right_after(repo: dg.RepositoryDefinition) -> None:
    graph = repo.asset_graph
    alert_parents = graph.get(_key("marts/issue_alerts")).parent_keys
    assert {
        _key("marts/fct_mentions"),
        _key("marts/mart_platform_posts"),
        _key("reference/watchlist"),
        _key("reference/issue_keywords"),
    } <= alert_parents
    assert graph.get(_key("alerts/notifications")).parent_keys == {_key("marts/issue_alerts")}
    assert graph.get(_key("alerts/reminders")).parent_keys == {_key("alerts/notifications")}
    priority = {
        k.to_user_string(): a.op.tags.get("dagster/priority")
        for a in graph.assets_defs
        if a.is_executable
        for k in a.keys
    }
    assert priority["marts/issue_alerts"] == priority["alerts/notifications"] == "10"


def test_the_scorecard_builds_after_the_alerts_and_its_inputs_and_the_rapor_after_it(
    repo: dg.RepositoryDefinition,
) -> None:
    """Catches the scorecard's dbt run ordered before the alerts step (it would read last
    build's alerts, or none), its weights or contacts read before they are recorded, and a rapor
    written before the mart of the same run."""
    graph = repo.asset_graph
    assert _key("marts/issue_alerts") in graph.get(_key("staging/stg_alerts__issue_alerts")).parent_keys
    assert _key("raw/scorecard_weights") in graph.get(_key("staging/stg_scorecard__weights")).parent_keys
    assert _key("raw/agency_contacts") in graph.get(_key("staging/stg_contacts__agency_contacts")).parent_keys
    assert _key("marts/mart_humas_scorecard") in graph.get(_key("reports/rapor_kehumasan")).parent_keys
    mart_parents = graph.get(_key("marts/mart_humas_scorecard")).parent_keys
    assert {_key("marts/mart_amplification_monthly"), _key("marts/fct_mentions")} <= mart_parents
    # the main dbt run leaves the scorecard's models to their own run
    main = next(a for a in graph.assets_defs if _key("marts/fct_mentions") in a.keys)
    assert _key("marts/mart_humas_scorecard") not in main.keys


def test_every_writer_of_the_warehouse_is_in_the_one_writer_pool(repo: dg.RepositoryDefinition) -> None:
    pools = {}
    for assets_def in repo.asset_graph.assets_defs:
        for key in assets_def.keys:
            pools[key.to_user_string()] = assets_def.op.pool if assets_def.is_executable else None
    assert {k for k in WRITERS if pools.get(k) != "duckdb_writer"} == set()


def test_resources_are_bound_for_every_domain(repo: dg.RepositoryDefinition) -> None:
    assert {
        "citra",
        "smtp",
        "dbt",
        "label_settings",
        "agenda_settings",
        "hoax_settings",
        "alert_webhook",
        "telegram",
        "alert_email",
        "dashboard",
    } <= set(repo.get_top_level_resources())


def test_model_labels_corrections_and_suggestions_feed_the_staging_models(repo: dg.RepositoryDefinition) -> None:
    # bug caught: dbt reading the label tables before the scoring step of the same build wrote them
    graph = repo.asset_graph
    for raw, staging in [
        ("raw/mention_sentiment", "staging/stg_sentiment__mention_labels"),
        ("raw/sentiment_settings", "staging/stg_sentiment__settings"),
        ("raw/label_corrections", "staging/stg_analyst__label_corrections"),
        ("raw/mention_issue_suggestions", "staging/stg_issues__suggestions"),
    ]:
        assert _key(raw) in graph.get(_key(staging)).parent_keys
    assert _key("raw/media_mentions") in graph.get(_key("raw/mention_sentiment")).parent_keys
    assert _key("raw/label_corrections") in graph.get(_key("raw/mention_issue_suggestions")).parent_keys


def test_citra_issues_is_the_issue_packages_own_command(capsys: pytest.CaptureFixture[str]) -> None:
    from orchestration.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["issues", "--help"])
    assert exit_info.value.code == 0
    assert "usage: citra issues" in capsys.readouterr().out


def test_citra_dashboard_is_the_dashboard_packages_own_command(capsys: pytest.CaptureFixture[str]) -> None:
    from orchestration.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["dashboard", "build", "--help"])
    assert exit_info.value.code == 0
    assert "--region" in capsys.readouterr().out


def test_citra_sentiment_is_the_model_packages_own_command(capsys: pytest.CaptureFixture[str]) -> None:
    from orchestration.cli import main

    assert main(["sentiment", "predict", "Banjir rendam tiga desa"]) == 0
    label, confidence, text = capsys.readouterr().out.strip().split("	")
    assert label in {"positive", "neutral", "negative"} and 0 < float(confidence) <= 1 and text.startswith("Banjir")


def test_definitions_built_with_an_optional_setting_do_not_serve_a_caller_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches definitions cached once per process: built while CITRA_SENTIMENT_CONFIG was set,
    they made every later build in that process (a test, a second CLI call) fail asking for it."""
    monkeypatch.setenv("CITRA_SENTIMENT_CONFIG", str(tmp_path / "sentiment.yml"))
    with_setting = load_defs().resources["label_settings"]
    monkeypatch.delenv("CITRA_SENTIMENT_CONFIG")
    without = load_defs().resources["label_settings"]
    assert isinstance(with_setting.config_path, dg.EnvVar)
    assert not isinstance(without.config_path, dg.EnvVar)


def test_without_the_scorecard_models_the_rapor_and_the_report_schedule_still_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Catches the Spark engine's definitions failing to load: its dbt manifest has no scorecard
    models (DuckDB-only), so there is no scorecard asset nor check, yet the report's job, with
    the rapor, and the schedule's run config (which turns sending on) stay valid."""
    from orchestration.defs import dbt, reporting, scorecard
    from orchestration.defs.reporting.schedules import monthly_report_schedule
    from orchestration.defs.scorecard import models
    from orchestration.resources import shared_resources

    monkeypatch.setattr(models, "built_models", lambda: {"fct_mentions"})
    merged = dg.Definitions.merge(
        dbt.defs(), reporting.defs(), scorecard.defs(), dg.Definitions(resources=shared_resources())
    )
    keys = {k.to_user_string() for k in merged.get_repository_def().asset_graph.get_all_asset_keys()}
    assert {"reports/rapor_kehumasan", "raw/scorecard_weights"} <= keys
    assert "marts/mart_humas_scorecard" not in keys
    job = merged.resolve_job_def("monthly_report")
    when = datetime(2025, 3, 1, 7, 0, tzinfo=ZoneInfo("Asia/Makassar"))
    context = dg.build_schedule_context(repository_def=merged.get_repository_def(), scheduled_execution_time=when)
    [request] = monthly_report_schedule.evaluate_tick(context).run_requests
    assert dg.validate_run_config(job, request.run_config)


def test_the_matcher_runs_after_ingestion_and_before_the_pickup_models(repo: dg.RepositoryDefinition) -> None:
    # bug caught: dbt deciding pickups from the pairs of the previous build (the matcher after dbt)
    graph = repo.asset_graph
    assert {_key("raw/media_mentions"), _key("raw/releases")} <= graph.get(_key("raw/release_matches")).parent_keys
    assert _key("raw/release_matches") in graph.get(_key("staging/stg_agenda__release_matches")).parent_keys
    assert _key("raw/releases") in graph.get(_key("staging/stg_agenda__releases")).parent_keys
    assert _key("raw/review_decisions") in graph.get(_key("staging/stg_staff__review_decisions")).parent_keys


def test_the_hoax_tracer_runs_after_the_register_and_before_the_staging_models(repo: dg.RepositoryDefinition) -> None:
    # bug caught: dbt reading last build's traces (the tracer ran after it), or the tracer missing
    # the register rows and mentions ingested in the same build
    graph = repo.asset_graph
    assert {_key("raw/media_mentions"), _key("raw/hoax_register")} <= graph.get(_key("raw/hoax_matches")).parent_keys
    assert {_key("raw/platform_posts"), _key("raw/hoax_register")} <= graph.get(
        _key("raw/hoax_post_matches")
    ).parent_keys
    for raw, staging in [
        ("raw/hoax_register", "staging/stg_hoaxes__register"),
        ("raw/hoax_matches", "staging/stg_hoaxes__matches"),
        ("raw/hoax_post_matches", "staging/stg_hoaxes__post_matches"),
        ("raw/hoax_settings", "staging/stg_hoaxes__settings"),
    ]:
        assert _key(raw) in graph.get(_key(staging)).parent_keys


def test_both_review_queues_read_the_one_decisions_asset(repo: dg.RepositoryDefinition) -> None:
    # bugs caught: the hoax desk still reading a decisions asset of its own (raw/hoax_decisions,
    # landing/hoax_decisions/) instead of the shared raw/review_decisions; hoax decisions ingested
    # before the register rows of the same build (their hoax_id would be set aside as unknown)
    graph = repo.asset_graph
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert "raw/hoax_decisions" not in keys and "staging/stg_hoaxes__decisions" not in keys
    assert {_key("raw/media_mentions"), _key("raw/releases"), _key("raw/hoax_register")} <= graph.get(
        _key("raw/review_decisions")
    ).parent_keys
    shared = _key("intermediate/int_review_decisions_latest")
    assert _key("staging/stg_staff__review_decisions") in graph.get(shared).parent_keys
    for reader in ("intermediate/int_hoax_mentions_decided", "intermediate/int_release_pickups_ranked"):
        assert shared in graph.get(_key(reader)).parent_keys, reader
