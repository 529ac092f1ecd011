"""`reports/monthly_report`: the monthly report for Diskominfo (PDF and HTML), one partition per
month (WITA)."""

from datetime import date

import dagster as dg

from orchestration.constants import REPORTING_GROUP, WITA, WRITER_POOL
from orchestration.defs.dbt.assets import model_key
from orchestration.defs.quality.assets import DQ_GAPS
from orchestration.resources import CitraHome, SmtpResource
from reporting.delivery import send_report
from reporting.model import ReportData
from reporting.monthly import summary_markdown, write_monthly_report
from reporting.render import RenderedReport

REPORT_KEY = dg.AssetKey(["reports", "monthly_report"])
REPORT_OP = REPORT_KEY.to_python_identifier()
# the marts the report reads
REPORT_MODELS = (
    "mart_issue_sentiment_monthly",
    "fct_mentions",
    "dim_region",
    "mart_platform_monthly",
    "mart_platform_posts",
)
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


def monthly_report_asset() -> dg.AssetsDefinition:
    """The report asset, downstream of the marts it reads (keys from the dbt manifest)."""

    @dg.asset(
        key=REPORT_KEY,
        partitions_def=monthly_partitions,
        deps=[*(model_key(name) for name in REPORT_MODELS), DQ_GAPS],
        group_name=REPORTING_GROUP,
        kinds={"pdf", "html", "python"},
        pool=WRITER_POOL,
    )
    def monthly_report(
        context: dg.AssetExecutionContext, config: ReportConfig, citra: CitraHome, smtp: SmtpResource
    ) -> dg.MaterializeResult:
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
            settings = smtp.settings()
            if settings is None:
                context.log.info(
                    "SMTP is not configured (CITRA_SMTP_HOST, CITRA_REPORT_RECIPIENTS): files written only."
                )
            else:
                send_report(rendered, settings, data.warnings)
                context.log.info(f"Emailed {rendered.pdf_path.name} to {', '.join(settings.recipients)}")
                metadata["emailed_to"] = dg.MetadataValue.text(", ".join(settings.recipients))
        return dg.MaterializeResult(metadata=metadata)

    return monthly_report
