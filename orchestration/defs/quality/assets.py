"""`marts/dq_gaps`: every data-quality finding, published for the report and BI tools."""

from collections import Counter

import dagster as dg

from orchestration.constants import QUALITY_GROUP, WRITER_POOL
from orchestration.defs.dbt.assets import model_key
from orchestration.defs.ingestion.media import RAW_FILES
from orchestration.resources import CitraHome
from quality.gaps import DQ_GAPS_COLUMNS, publish_gaps

DQ_GAPS = dg.AssetKey(["marts", "dq_gaps"])


def findings_table(rows: list) -> str:
    """Markdown table of findings, for the UI."""
    lines = ["| kind | subject | from | to | severity | detail |", "|---|---|---|---|---|---|"]
    lines += [f"| {f.kind} | {f.subject} | {f.start_date} | {f.end_date} | {f.severity} | {f.detail} |" for f in rows]
    return "\n".join(lines)


def dq_gaps_asset() -> dg.AssetsDefinition:
    """`marts/dq_gaps`, downstream of `fct_mentions` (its key read from the dbt manifest)."""

    @dg.asset(
        key=DQ_GAPS,
        deps=[model_key("fct_mentions"), RAW_FILES],
        group_name=QUALITY_GROUP,
        kinds={"duckdb", "python"},
        pool=WRITER_POOL,
        metadata={
            "dagster/column_schema": dg.TableSchema(
                columns=[dg.TableColumn(name, kind, description=doc) for name, (kind, doc) in DQ_GAPS_COLUMNS.items()]
            )
        },
    )
    def dq_gaps(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
        """Data-quality findings: feeds and accounts with missing days or months, holes between
        export files, late data, days outside the robust volume band (bursts and collapses),
        bursts of negative coverage per issue, and months with too many unlabeled or unknown
        labels. One row per finding; thresholds in `quality.yml` (see docs/quality.md)."""
        findings = publish_gaps(citra.warehouse)
        by_severity = Counter(f.severity for f in findings)
        # one log line per error, the rest counted: each log line is an event the run stores
        # (a database commit), and a warehouse with years of data has hundreds of warnings
        for finding in findings:
            if finding.severity == "error":
                context.log.warning(finding.detail)
        context.log.info(
            f"{len(findings)} findings ({by_severity['error']} errors, {by_severity['warn']} warnings): "
            "see the `findings` table of this materialization"
        )
        return dg.MaterializeResult(
            metadata={
                "dagster/row_count": dg.MetadataValue.int(len(findings)),
                "errors": dg.MetadataValue.int(by_severity["error"]),
                "warnings": dg.MetadataValue.int(by_severity["warn"]),
                "findings": dg.MetadataValue.md(findings_table(findings)),
            }
        )

    return dq_gaps
