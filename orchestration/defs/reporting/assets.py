"""`reports/monthly_report`: the monthly report for Diskominfo (PDF and HTML), one partition per
month (WITA)."""

from datetime import date
from functools import cache

import dagster as dg

from orchestration.constants import REPORTING_GROUP, WITA, WRITER_POOL
from orchestration.defs.dbt.assets import built_models, model_key
from orchestration.defs.quality.assets import DQ_GAPS
from orchestration.resources import CitraHome, SmtpResource
from reporting.config import load_settings
from reporting.delivery import send_report
from reporting.model import ReportData
from reporting.monthly import summary_markdown, write_monthly_report
from reporting.render import RenderedReport

REPORT_KEY = dg.AssetKey(["reports", "monthly_report"])
REPORT_OP = REPORT_KEY.to_python_identifier()
# the marts and seeds the report reads
REPORT_MODELS = (
    "mart_issue_sentiment_monthly",
    "fct_mentions",
    "dim_issue",
    "dim_region",
    "dim_agency",
    "mart_platform_monthly",
    "mart_platform_posts",
    "mart_amplification_monthly",
    "mart_amplification_posts",
    "mart_release_pickup",
    "mart_agenda_monthly",
    "fct_release_pickups",
    "dim_release",
    "issue_agencies",
    "agencies",
    "officials",
    "official_aliases",
)
# Partitions start at report.yml's first_month; without it at this month, early enough for an
# office's archive (`citra report --month` writes any earlier month with data too, outside Dagster).
PARTITIONS_FROM = "2022-01-01"


@cache
def report_partitions() -> dg.MonthlyPartitionsDefinition:
    """Monthly partitions in WITA from the office's first month (read when the definitions load)."""
    first = load_settings().first_month
    return dg.MonthlyPartitionsDefinition(start_date=first.isoformat() if first else PARTITIONS_FROM, timezone=WITA)


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
        "has_data": dg.MetadataValue.bool(data.has_data),
        "issues_needing_action": dg.MetadataValue.int(len(data.findings.needs_action) if data.findings else 0),
        "summary": dg.MetadataValue.md(summary_markdown(data)),
    }


def monthly_report_asset() -> dg.AssetsDefinition:
    """The report asset, downstream of the marts it reads (keys from the dbt manifest)."""

    @dg.asset(
        key=REPORT_KEY,
        partitions_def=report_partitions(),
        deps=[*(model_key(name) for name in REPORT_MODELS if name in built_models()), DQ_GAPS],
        group_name=REPORTING_GROUP,
        kinds={"pdf", "html", "python"},
        pool=WRITER_POOL,
    )
    def monthly_report(
        context: dg.AssetExecutionContext, config: ReportConfig, citra: CitraHome, smtp: SmtpResource
    ) -> dg.MaterializeResult:
        """Monthly briefing for the head of Diskominfo, in Bahasa Indonesia: summary of the issues
        that matter, a narrative per main issue, recommendations with the responsible agency and
        deadline, objectives month by month, officials quoted, sentiment per issue, province and
        kabupaten/kota, official accounts, data-quality gaps, method and glossary (settings in
        report.yml). Writes CITRA_HOME/reports/YYYY-MM/laporan_YYYY-MM.pdf and .html from the marts
        (warehouse opened read-only; in the writer pool so it never meets a DuckDB writer). A month
        without mentions gets a short report that says so."""
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
