"""Run every gap rule and publish the findings as ``marts.dq_gaps`` (a BI contract).

The table is replaced in one transaction, with its column descriptions as DuckDB comments so
BI tools and the report show what each column means.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from alerts.bursts import negative_bursts as negative_burst_alerts
from alerts.config import load_config as load_alert_config
from ingestion.clock import today
from ingestion.memory import cap_memory
from quality.bands import label_shares, volume_band
from quality.config import load_config
from quality.rules import (
    Finding,
    file_coverage,
    freshness,
    missing_days,
    missing_months,
    prepare_series,
    unknown_accounts,
)

WITA = ZoneInfo("Asia/Makassar")

DQ_GAPS_COLUMNS: dict[str, tuple[str, str]] = {
    "kind": (
        "varchar",
        "Rule that found the gap: feed_missing_days, feed_missing_month, "
        "account_missing_days, account_missing_month, file_coverage_gap, stale_data, "
        "volume_burst, volume_collapse, negative_burst, unlabeled_sentiment, unknown_issue, "
        "unknown_region, unknown_account (see docs/quality.md).",
    ),
    "subject": (
        "varchar",
        "What the finding is about: a feed (vendor), an account "
        "(platform/account), an issue, or 'mentions' for label rules.",
    ),
    "start_date": ("date", "First WITA day the finding covers."),
    "end_date": ("date", "Last WITA day the finding covers (inclusive)."),
    "severity": (
        "varchar",
        "'error': the numbers of the months it touches cannot be trusted as "
        "they are; 'warn': look at it before quoting the numbers.",
    ),
    "detail": ("varchar", "The finding in words, with counts and dates."),
    "detected_at": ("timestamptz", "When the rules last ran."),
}


def find_gaps(con: duckdb.DuckDBPyConnection, as_of: date | None = None, config: dict | None = None) -> list[Finding]:
    """All findings of all rules, in a stable order; freshness is judged on ``as_of`` (default:
    `ingestion.clock.today()`, so `CITRA_TODAY` pins it)."""
    cfg = config or load_config()
    as_of = as_of or today()
    prepare_series(con)
    findings = (
        missing_days(con, cfg["missing_days"])
        + missing_months(con, cfg["missing_month"])
        + file_coverage(con, cfg["file_coverage"])
        + freshness(con, cfg["freshness"], as_of)
        + volume_band(con, cfg["volume_band"])
        + negative_bursts(con)
        + label_shares(con, cfg["labels"])
        + unknown_accounts(con)
    )
    return sorted(_without_whole_months(findings), key=lambda f: (f.start_date, f.kind, f.subject))


def negative_bursts(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """The province-wide negative-burst alerts (alerts.yml, alerts/bursts.py): one rule, so
    dq_gaps, the report and marts.issue_alerts always name the same issues and days."""
    findings = []
    for alert in negative_burst_alerts(con, load_alert_config()["negative_burst"], per_region=False):
        start, end = (t.astimezone(WITA) for t in (alert.window_start, alert.window_end))
        findings.append(
            Finding(
                "negative_burst",
                alert.issue,
                alert.day,
                alert.day,
                "warn",
                f"{alert.negative_mentions} negative mentions of {alert.issue} on {alert.day} between "
                f"{start:%H:%M} and {'24:00' if end.date() > start.date() else f'{end:%H:%M}'} WITA, against a "
                f"median of {alert.baseline:g} for those hours over the previous days; alert {alert.alert_id} "
                "in marts.issue_alerts",
            )
        )
    return findings


def _without_whole_months(findings: list[Finding]) -> list[Finding]:
    """Drop a missing-days run that is exactly one or more missing months already reported."""
    months = {(f.subject, f.start_date) for f in findings if f.kind.endswith("_missing_month")}
    ends = {(f.subject, f.end_date) for f in findings if f.kind.endswith("_missing_month")}

    def whole_months(f: Finding) -> bool:
        return (
            f.kind.endswith("_missing_days") and (f.subject, f.start_date) in months and (f.subject, f.end_date) in ends
        )

    return [f for f in findings if not whole_months(f)]


def publish_gaps(warehouse: Path, as_of: date | None = None, config: dict | None = None) -> list[Finding]:
    """Recompute the findings and replace ``marts.dq_gaps`` with them."""
    with cap_memory(duckdb.connect(str(warehouse), config={"autoinstall_known_extensions": False})) as con:
        findings = find_gaps(con, as_of, config)
        columns = ", ".join(f"{name} {kind}" for name, (kind, _) in DQ_GAPS_COLUMNS.items())
        con.execute("begin transaction")
        con.execute("create schema if not exists marts")
        con.execute(f"create or replace table marts.dq_gaps ({columns})")
        if findings:  # DuckDB's executemany refuses an empty list: a clean warehouse has none
            con.executemany(
                "insert into marts.dq_gaps values (?, ?, ?, ?, ?, ?, now())",
                [(f.kind, f.subject, f.start_date, f.end_date, f.severity, f.detail) for f in findings],
            )
        con.execute(
            "comment on table marts.dq_gaps is 'One row per data-quality finding "
            "(holes, late data, bursts, unknown labels); the monthly report and BI tools read it.'"
        )
        for name, (_, doc) in DQ_GAPS_COLUMNS.items():
            con.execute(f"comment on column marts.dq_gaps.{name} is '{doc.replace(chr(39), chr(39) * 2)}'")
        con.execute("commit")
    return findings
