"""Warn-level checks (never blocking): open alerts that wait for an answer, and notifications
that failed or were interrupted."""

import dagster as dg

from alerts.outbox import LATEST_SQL
from ingestion.memory import open_read_only
from orchestration.defs.alerts.assets import ISSUE_ALERTS, NOTIFICATIONS
from orchestration.defs.alerts.metadata import alerts_markdown
from orchestration.resources import CitraHome

OPEN_NEXT_STEP = (
    "- read the headlines in the alert, answer publicly on an official account (the response is found by its keywords)\n"
    "- or mark it: `citra alerts ack ID --by NAMA --note ...`, `citra alerts close ID --by NAMA`\n"
    "- or drop a CSV (alert_id,action,by,note) into landing/alerts/"
)
DELIVERY_NEXT_STEP = {
    "failed": "the channel refused or could not be reached: check its settings (docs/alerts.md); the next builds try again",
    "uncertain": "no answer came: check the group or inbox; if the message is not there, `citra alerts resend ID`",
    "claimed": "a build stopped while sending (interrupted): check the group or inbox; if missing, `citra alerts resend ID`",
}


@dg.asset_check(
    asset=ISSUE_ALERTS,
    name="open_alerts",
    blocking=False,
    description="Alerts nobody has acknowledged, answered or closed yet (warn only).",
)
def open_alerts(citra: CitraHome) -> dg.AssetCheckResult:
    with open_read_only(citra.warehouse) as con:
        count, high = con.execute(
            "select count(*), count(*) filter (where severity = 'high') from marts.issue_alerts where status = 'open'"
        ).fetchall()[0]
        table = alerts_markdown(con, "status = 'open'")
    if not count:
        return dg.AssetCheckResult(passed=True, metadata={"summary": "every alert is acknowledged, answered or closed"})
    return dg.AssetCheckResult(
        passed=False,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "open_alerts": dg.MetadataValue.int(count),
            "high_severity": dg.MetadataValue.int(high),
            "alerts": dg.MetadataValue.md(table),
            "what_to_do": dg.MetadataValue.md(OPEN_NEXT_STEP),
        },
    )


@dg.asset_check(
    asset=NOTIFICATIONS,
    name="alert_delivery",
    blocking=False,
    description="Every claimed notification was delivered: none failed, timed out or was interrupted (warn only).",
)
def alert_delivery(citra: CitraHome) -> dg.AssetCheckResult:
    with open_read_only(citra.warehouse) as con:
        rows = con.execute(
            f"""with latest as ({LATEST_SQL})
                select l.alert_id, l.channel || case l.purpose when 'notice' then '' else ' ' || l.purpose end,
                       l.attempt, l.outcome, n.detail
                from latest l left join raw.alert_notifications n
                  on n.alert_id = l.alert_id and n.channel = l.channel and n.purpose = l.purpose
                 and n.attempt = l.attempt and n.event = l.outcome
                where l.outcome in ('failed', 'uncertain', 'claimed')
                order by l.alert_id, l.purpose, l.channel"""
        ).fetchall()
    if not rows:
        return dg.AssetCheckResult(passed=True, metadata={"summary": "every notification claimed so far was delivered"})
    lines = ["| alert | channel | attempt | outcome | detail |", "|---|---|---|---|---|"]
    lines += [
        f"| {a} | {c} | {n} | {'interrupted' if o == 'claimed' else o} | {(d or '').replace('|', '/')} |"
        for a, c, n, o, d in rows
    ]
    return dg.AssetCheckResult(
        passed=False,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "undelivered": dg.MetadataValue.int(len(rows)),
            "channels": dg.MetadataValue.text(", ".join(sorted({c for _, c, _, _, _ in rows}))),
            "details": dg.MetadataValue.md("\n".join(lines)),
            "what_to_do": dg.MetadataValue.md(
                "\n".join(f"- {o}: {DELIVERY_NEXT_STEP[o]}" for o in sorted({r[3] for r in rows}))
            ),
        },
    )
