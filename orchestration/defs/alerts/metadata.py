"""What the Dagster UI shows of the alerts: the latest alerts and their history, as markdown."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from ingestion.memory import open_read_only

RECENT = 20


def _cell(value: object) -> str:
    return "" if value is None else str(value).replace("|", "/").replace("\n", " ")


def _table(header: list[str], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def alerts_markdown(con: duckdb.DuckDBPyConnection, where: str = "true", limit: int = RECENT) -> str:
    """The newest alerts (``where`` is a fixed condition of the caller, never user input)."""
    rows = con.execute(
        f"""select alert_id, kind, issue_name, coalesce(region_name, 'provinsi'), term,
                   strftime(timezone('Asia/Makassar', window_start), '%Y-%m-%d %H:%M') as window_wita,
                   negative_mentions, round(baseline, 1), severity, status, notifications,
                   round(response_hours, 1)
            from marts.issue_alerts where {where} order by window_start desc, alert_id limit ?""",
        [limit],
    ).fetchall()
    header = ["id", "kind", "issue", "region", "term", "window (WITA)", "negative", "baseline", "severity"]
    return _table(header + ["status", "notifications", "response h"], rows)


def history_markdown(con: duckdb.DuckDBPyConnection, limit: int = 30) -> str:
    """The latest changes of all alerts: detections, acknowledgements, closings, notifications."""
    rows = con.execute(
        """select * from (
             select first_detected_at as happened, alert_id, 'detected' as what, kind || ' ' || coalesce(issue, '') as detail,
                    'citra' as who from raw.alert_detections
             union all
             select happened_at, alert_id, action, coalesce(note, ''), actor from raw.alert_events
             union all
             select event_at, alert_id,
                    channel || case purpose when 'notice' then '' else ' ' || purpose end || ' ' || event,
                    coalesce(detail, ''), coalesce(run_id, '')
             from raw.alert_notifications)
           order by happened desc, alert_id limit ?""",
        [limit],
    ).fetchall()
    rows = [(f"{r[0]:%Y-%m-%d %H:%M}", *r[1:]) for r in rows]
    return _table(["when (UTC)", "alert", "what", "detail", "who / run"], rows)


def alerts_metadata(warehouse: Path) -> dict[str, dg.MetadataValue]:
    """Counts, the newest alerts and the history, read from the warehouse (read-only)."""
    with open_read_only(warehouse) as con:
        total, open_, high = con.execute(
            "select count(*), count(*) filter (where status = 'open'), "
            "count(*) filter (where status = 'open' and severity = 'high') from marts.issue_alerts"
        ).fetchall()[0]
        return {
            "dagster/row_count": dg.MetadataValue.int(total),
            "open_alerts": dg.MetadataValue.int(open_),
            "open_high_severity": dg.MetadataValue.int(high),
            "latest_alerts": dg.MetadataValue.md(alerts_markdown(con)),
            "history": dg.MetadataValue.md(history_markdown(con)),
        }
