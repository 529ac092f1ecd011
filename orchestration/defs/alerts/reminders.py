"""`alerts/reminders`: one reminder per channel of an alert still unanswered and unacknowledged
`notify.remind_after_hours` after its notice, sent by an hourly schedule of its own.

A build with nothing new starts no run, so builds alone would remind a day late: the schedule
runs the small job `alert_reminders` (this asset only, no ingestion, no dbt) at minute 5 of every
hour, and only when a reminder is due. Each build runs the asset too, after the notices."""

from datetime import datetime

import dagster as dg
import duckdb

from alerts.config import load_config
from alerts.due import reminder_due
from alerts.model import WITA
from alerts.run import remind
from ingestion.memory import open_read_only
from orchestration.constants import ALERTS_GROUP, WRITER_POOL
from orchestration.constants import WITA as WITA_ZONE
from orchestration.defs.alerts.assets import NOTIFICATIONS, channels_of, deliveries_markdown
from orchestration.defs.alerts.resources import AlertEmailResource, AlertWebhookResource, TelegramResource
from orchestration.resources import CitraHome, SmtpResource

REMINDERS = dg.AssetKey(["alerts", "reminders"])
REMINDERS_JOB = "alert_reminders"


@dg.asset(key=REMINDERS, deps=[NOTIFICATIONS], group_name=ALERTS_GROUP, kinds={"python"}, pool=WRITER_POOL)
def alert_reminders_asset(
    context: dg.AssetExecutionContext,
    citra: CitraHome,
    smtp: SmtpResource,
    alert_email: AlertEmailResource,
    alert_webhook: AlertWebhookResource,
    telegram: TelegramResource,
) -> dg.MaterializeResult:
    """Reminders of alerts nobody answered or acknowledged: one per channel that delivered the
    alert's notice, `notify.remind_after_hours` (alerts.yml, default 6) after it, exactly once.
    Run every hour by `alert_reminders_schedule` and after the notices of every build."""
    channels = channels_of(
        context,
        {"email": lambda: alert_email.channel(smtp), "webhook": alert_webhook.channel, "telegram": telegram.channel},
    )
    deliveries = remind(citra.warehouse, channels, load_config(), datetime.now(WITA), context.run.run_id)
    for d in deliveries:
        (context.log.info if d.outcome == "sent" else context.log.error)(
            f"{d.channel} reminder {d.outcome} for alert {d.alert_id} after {d.tries} tries: {d.detail}"
        )
    return dg.MaterializeResult(
        metadata={
            "sent": dg.MetadataValue.int(sum(d.outcome == "sent" for d in deliveries)),
            "failed": dg.MetadataValue.int(sum(d.outcome != "sent" for d in deliveries)),
            "deliveries": dg.MetadataValue.md(deliveries_markdown(deliveries)),
        }
    )


alert_reminders_job = dg.define_asset_job(
    REMINDERS_JOB,
    selection=dg.AssetSelection.assets(REMINDERS),
    executor_def=dg.in_process_executor,
    description="Send the reminders that are due (alerts/reminders only: no ingestion, no dbt).",
)


@dg.schedule(
    cron_schedule="5 * * * *",
    execution_timezone=WITA_ZONE,
    job=alert_reminders_job,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every hour: remind of alerts still unanswered and unacknowledged remind_after_hours after their notice.",
)
def alert_reminders_schedule(context: dg.ScheduleEvaluationContext, citra: CitraHome):
    """A run only when a reminder is due (read-only look at the warehouse); a warehouse held by a
    build is asked again next hour, and that build sends what is due itself."""
    now = context.scheduled_execution_time or datetime.now(WITA)
    if not citra.warehouse.exists():
        return dg.SkipReason(f"no warehouse at {citra.warehouse} yet")
    try:
        with open_read_only(citra.warehouse) as con:
            due = reminder_due(con, load_config()["notify"], now)
    except duckdb.IOException:
        return dg.SkipReason("a build holds the warehouse; it sends the due reminders itself")
    if not due:
        return dg.SkipReason("no reminder is due")
    return dg.RunRequest(run_key=f"{REMINDERS_JOB}_{now.astimezone(WITA):%Y-%m-%dT%H:%M}")
