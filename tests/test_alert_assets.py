"""The alerts in Dagster: detection, notifications and their warn checks, materialized against
local servers. A channel that fails shows in the UI and never fails the build."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from alert_servers import http_receiver, smtp_inbox
from alert_warehouse import background, build, burst

from orchestration.defs.alerts.assets import issue_alerts_asset
from orchestration.defs.alerts.checks import alert_delivery, open_alerts
from orchestration.defs.alerts.resources import AlertEmailResource, AlertWebhookResource, TelegramResource
from orchestration.resources import CitraHome, SmtpResource

pytestmark = pytest.mark.slow
DAY = date(2025, 10, 6)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    build(tmp_path / "warehouse.duckdb", background(until=DAY) + burst(DAY, 8, 30))
    config = tmp_path / "alerts.yml"
    # the planted burst is from 2025: no age limit, and quick retries
    config.write_text("notify:\n  max_age_hours:\n  backoff_seconds: 0.01\n  timeout_seconds: 2\n", encoding="utf-8")
    monkeypatch.setenv("CITRA_ALERTS", str(config))
    return tmp_path


def _materialize(home: Path, webhook: str, telegram: str, smtp_port: int) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [issue_alerts_asset(), open_alerts, alert_delivery],
        resources={
            "citra": CitraHome(home=str(home), warehouse_path=str(home / "warehouse.duckdb")),
            "smtp": SmtpResource(host="127.0.0.1", port=str(smtp_port), sender="citra@x.example", starttls="false"),
            "alert_email": AlertEmailResource(recipients="humas@x.example"),
            "alert_webhook": AlertWebhookResource(url=webhook),
            "telegram": TelegramResource(bot_token="42:abc", chat_id="-1", api_url=telegram),
        },
        raise_on_error=False,
    )


def _checks(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {e.check_name: e for e in result.get_asset_check_evaluations()}


def test_failed_channel_warns_in_the_ui_and_the_build_still_succeeds(home: Path) -> None:
    with http_receiver() as hook, http_receiver() as bot, smtp_inbox() as (inbox, port):
        hook.statuses = [503] * 6
        result = _materialize(home, hook.url, bot.url, port)
        assert result.success
        assert len(bot.requests) == 2 and len(inbox.messages) == 2 and len(hook.requests) == 6
    [notified] = [m for m in result.asset_materializations_for_node("issue_alerts") if m.asset_key.path[0] == "alerts"]
    assert notified.metadata["channels"].value == "email, webhook, telegram"
    assert (notified.metadata["sent"].value, notified.metadata["failed"].value) == (4, 2)
    checks = _checks(result)
    delivery = checks["alert_delivery"]
    assert not delivery.passed and delivery.severity == dg.AssetCheckSeverity.WARN
    assert delivery.metadata["channels"].value == "webhook"
    assert "HTTP 503" in delivery.metadata["details"].value
    assert not checks["open_alerts"].passed and checks["open_alerts"].metadata["open_alerts"].value == 2
    alerts = next(
        m for m in result.asset_materializations_for_node("issue_alerts") if m.asset_key.path[-1] == "issue_alerts"
    )
    assert alerts.metadata["new_alerts"].value == 2
    assert "detected" in alerts.metadata["history"].value


def test_a_second_materialization_sends_nothing_and_the_check_passes_once_all_is_delivered(home: Path) -> None:
    with http_receiver() as hook, http_receiver() as bot, smtp_inbox() as (inbox, port):
        assert _materialize(home, hook.url, bot.url, port).success
        again = _materialize(home, hook.url, bot.url, port)
        assert len(hook.requests) == len(bot.requests) == len(inbox.messages) == 2
    assert _checks(again)["alert_delivery"].passed
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from raw.alert_notifications where event = 'sent'").fetchall() == [(6,)]
