"""`reports/monthly_report`: the monthly report for Diskominfo (PDF and HTML), one partition per
month, built by a schedule on the 1st at 07:00 WITA for the previous month."""

import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import dagster as dg

from orchestration.assets.media import WRITER_POOL
from orchestration.resources import CitraHome
from reporting.delivery import send_report, smtp_settings
from reporting.model import ReportData
from reporting.monthly import summary_markdown, write_monthly_report
from reporting.render import RenderedReport

WITA = "Asia/Makassar"
REPORT_KEY = dg.AssetKey(["reports", "monthly_report"])
MART_KEYS = [
    dg.AssetKey(["marts", name])
    for name in (
        "mart_issue_sentiment_monthly",
        "fct_mentions",
        "dim_region",
        "dq_gaps",
        "mart_platform_monthly",
        "mart_platform_posts",
    )
]
# October 2024 first: the month of the Kalsel news item that wiped out a year of positive coverage
monthly_partitions = dg.MonthlyPartitionsDefinition(start_date="2024-10-01", timezone=WITA)


class ReportConfig(dg.Config):
    """Email the PDF to CITRA_REPORT_RECIPIENTS (the schedule turns this on; manual runs and
    backfills only write the files unless it is set in the launchpad)."""

    email: bool = False


def report_metadata(data: ReportData, rendered: RenderedReport) -> dict[str, dg.MetadataValue]:
    """What a person checks in the UI: where the files are, how big, how complete."""
    return {
        "pdf": dg.MetadataValue.path(str(rendered.pdf_path)),
        "html": dg.MetadataValue.path(str(rendered.html_path)),
        "pages": dg.MetadataValue.int(rendered.pages),
        "mentions": dg.MetadataValue.int(data.summary.current.mentions),
        "negative_bursts": dg.MetadataValue.int(len(data.bursts)),
        "complete": dg.MetadataValue.bool(not data.incomplete),
        "summary": dg.MetadataValue.md(summary_markdown(data)),
    }


@dg.asset(
    key=REPORT_KEY,
    partitions_def=monthly_partitions,
    deps=MART_KEYS,
    group_name="reporting",
    kinds={"pdf", "html", "python"},
    pool=WRITER_POOL,
)
def monthly_report(context: dg.AssetExecutionContext, config: ReportConfig, citra: CitraHome) -> dg.MaterializeResult:
    """Monthly report for the head of Diskominfo, in Bahasa Indonesia: executive summary with
    month-over-month changes, sentiment per issue, negative bursts that need a response (with
    headlines and outlets), kabupaten/kota breakdown, official accounts, data-quality gaps and
    method. Writes CITRA_HOME/reports/YYYY-MM/laporan_YYYY-MM.pdf and .html from the marts
    (warehouse opened read-only; in the writer pool so it never meets a DuckDB writer)."""
    month = date.fromisoformat(context.partition_key)
    data, rendered = write_monthly_report(citra.warehouse, citra.root / "reports", month)
    for warning in data.warnings:
        context.log.warning(warning)
    metadata = report_metadata(data, rendered)
    if config.email:
        settings = smtp_settings(os.environ)
        if settings is None:
            context.log.info("SMTP is not configured (CITRA_SMTP_HOST, CITRA_REPORT_RECIPIENTS): files written only.")
        else:
            send_report(rendered, settings, data.warnings)
            context.log.info(f"Emailed {rendered.pdf_path.name} to {', '.join(settings.recipients)}")
            metadata["emailed_to"] = dg.MetadataValue.text(", ".join(settings.recipients))
    return dg.MaterializeResult(metadata=metadata)


monthly_report_job = dg.define_asset_job(
    "monthly_report",
    selection=dg.AssetSelection.assets(REPORT_KEY),
    description="Write the monthly report (PDF and HTML) of one month; backfill any range of months.",
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
    description="On the 1st at 07:00 WITA: write last month's report and email it when SMTP is configured.",
)
def monthly_report_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """Run the report of the previous month, with email delivery on."""
    key = previous_month_key(context.scheduled_execution_time)
    return dg.RunRequest(
        run_key=f"monthly_report_{key}",
        partition_key=key,
        run_config={"ops": {monthly_report.op.name: {"config": {"email": True}}}},
    )
