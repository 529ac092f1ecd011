"""The report's own job (any month, backfills) and the schedule that writes last month's
report on the 1st at 07:00 WITA."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import dagster as dg

from orchestration.constants import WITA
from orchestration.defs.reporting.assets import REPORT_KEY, REPORT_OP
from orchestration.defs.scorecard.keys import RAPOR_KEY, RAPOR_OP

monthly_report_job = dg.define_asset_job(
    "monthly_report",
    selection=dg.AssetSelection.assets(REPORT_KEY, RAPOR_KEY),
    description="Write the monthly report (PDF and HTML) and every unit's rapor kehumasan of one month; backfill any range of months.",
)


def previous_month_key(scheduled: datetime) -> str:
    """Partition key of the calendar month before the scheduled time, in WITA."""
    local = scheduled.astimezone(ZoneInfo(WITA))
    return (local.date().replace(day=1) - timedelta(days=1)).replace(day=1).isoformat()


@dg.schedule(
    cron_schedule="0 7 1 * *",
    execution_timezone=WITA,
    job=monthly_report_job,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="On the 1st at 07:00 WITA: write last month's report and rapor kehumasan, and email them when SMTP is configured.",
)
def monthly_report_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """Run the report and the rapor of the previous month, with email delivery on."""
    key = previous_month_key(context.scheduled_execution_time)
    return dg.RunRequest(
        run_key=f"monthly_report_{key}",
        partition_key=key,
        run_config={"ops": {REPORT_OP: {"config": {"email": True}}, RAPOR_OP: {"config": {"send": True}}}},
    )
