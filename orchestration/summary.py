"""Plain-text summary printed by `citra build`: where the warehouse is and three headline numbers
(the latest complete month is the one before `ingestion.clock.today()`)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingestion.clock import last_complete_month
from ingestion.memory import open_read_only


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def headline(warehouse: Path) -> list[str]:
    """Headline numbers from the marts, for the terminal."""
    with open_read_only(warehouse) as con:
        mentions, first, last, issues = con.execute(
            """select count(*), min(month), max(month), count(distinct issue)
               from marts.fct_mentions"""
        ).fetchall()[0]
        month = last_complete_month()
        latest = con.execute(
            """select sum(mentions), sum(positive) / nullif(sum(positive + neutral + negative), 0),
                      sum(negative) / nullif(sum(positive + neutral + negative), 0)
               from marts.mart_issue_sentiment_monthly where month = ?""",
            [month],
        ).fetchall()[0]
        lines = [
            f"Warehouse:  {warehouse}",
            f"  1. {mentions:,} unique mentions, {issues} issues, months {first:%Y-%m} to {last:%Y-%m}"
            if mentions
            else "  1. no mentions yet: drop exports into landing/media/",
        ]
        if mentions:
            month_mentions, pos, neg = latest
            if not month_mentions:
                lines.append(
                    f"  2. {month:%Y-%m} (latest complete month): no mentions yet; drop its exports into landing/media/"
                )
                return lines
            worst = con.execute(
                """select issue, negative_share, negative from marts.mart_issue_sentiment_monthly
                   where month = ? and negative > 0 order by negative_share desc, negative desc limit 1""",
                [month],
            ).fetchall()
            lines.append(
                f"  2. {month:%Y-%m} (latest complete month): {month_mentions:,} mentions, "
                f"positive {_pct(pos)}, negative {_pct(neg)}"
            )
            if worst:
                issue, share, count = worst[0]
                lines.append(
                    f"  3. most negative issue in {month:%Y-%m}: {issue} ({_pct(share)} negative, {count:,} mentions)"
                )
            lines += _releases_line(con, month)
    return lines


def _releases_line(con: duckdb.DuckDBPyConnection, month: object) -> list[str]:
    """The month's press releases and their pickups (docs/agenda.md), when the marts exist."""
    present = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'marts'"
        " and table_name in ('mart_release_pickup', 'release_review_queue')"
    ).fetchall()[0][0]
    if present < 2:
        return []
    releases, picked, pickups, waiting = con.execute(
        """select count(*), count(*) filter (where pickups > 0),
                  (select count(*) from marts.fct_release_pickups where month = $month),
                  (select count(*) from marts.release_review_queue)
           from marts.mart_release_pickup where month = $month""",
        {"month": month},
    ).fetchall()[0]
    if not releases and not pickups:
        return []
    return [
        f"  4. press releases in {month:%Y-%m}: {releases} published, {picked} picked up, {pickups:,} pickups "
        f"in the month; {waiting} pairs wait in marts.release_review_queue"
    ]


def ingestion_summary(warehouse: Path) -> list[str]:
    """What ingestion holds and what it set aside, in plain words."""
    with open_read_only(warehouse) as con:
        tables = {
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'raw'"
            ).fetchall()
        }
        if "ingest_files" not in tables:
            return []
        loaded, quarantined, rows, rejected = con.execute(
            """select count(*) filter (where status = 'loaded'), count(*) filter (where status = 'quarantined'),
                      coalesce(sum(rows_loaded), 0), coalesce(sum(rows_rejected), 0)
               from raw.ingest_files"""
        ).fetchall()[0]
        lines = [f"Ingested: {loaded} files, {rows:,} rows; {rejected:,} rows set aside in raw.ingest_rejects"]
        for name, error in con.execute(
            "select file_name, error from raw.ingest_files where status = 'quarantined' order by file_name"
        ).fetchall():
            lines.append(f"  quarantined: {error if error.startswith(name) else name + ': ' + error}")
        if quarantined:
            lines.append("  (fix a quarantined file and drop it into landing/ again)")
        kinds = con.execute(
            """select regexp_replace(reason, '''[^'']*''', '''...''', 'g') as kind, count(*) as n
               from raw.ingest_rejects group by kind order by n desc, kind limit 5"""
        ).fetchall()
        for kind, count in kinds:
            lines.append(f"  set aside: {count:,} x {kind}")
    return lines


def quality_summary(warehouse: Path) -> list[str]:
    """The data-quality findings (marts.dq_gaps), errors first, so holes are seen at once."""
    with open_read_only(warehouse) as con:
        exists = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'marts' and table_name = 'dq_gaps'"
        ).fetchall()[0][0]
        if not exists:
            return []
        rows = con.execute(
            "select severity, detail from marts.dq_gaps order by severity = 'warn', start_date, kind, subject"
        ).fetchall()
    if not rows:
        return ["Data quality: no gaps found (marts.dq_gaps is empty)."]
    lines = [f"Data quality: {len(rows)} findings in marts.dq_gaps (thresholds in quality.yml):"]
    lines += [f"  {severity.upper():5} {detail}" for severity, detail in rows]
    return lines


def alert_summary(warehouse: Path) -> list[str]:
    """Open early-warning alerts (marts.issue_alerts), high severity first, so nobody misses one."""
    with open_read_only(warehouse) as con:
        exists = con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'marts' and table_name = 'issue_alerts'"
        ).fetchall()[0][0]
        if not exists:
            return []
        total = con.execute("select count(*) from marts.issue_alerts where status = 'open'").fetchall()[0][0]
        rows = con.execute(
            """select alert_id, kind, issue, coalesce(region_name, 'province-wide'), term,
                      strftime(timezone('Asia/Makassar', window_start), '%Y-%m-%d %H:%M'),
                      case when kind = 'hoax' then mentions else negative_mentions end, severity
               from marts.issue_alerts where status = 'open'
               order by severity = 'high' desc, window_start desc limit 10"""
        ).fetchall()
    if not total:
        return ["Alerts: none open (marts.issue_alerts)."]
    lines = [f"Alerts: {total} open in marts.issue_alerts (citra alerts list; docs/alerts.md):"]
    for alert_id, kind, issue, region, term, start, negative, severity in rows:
        what = f"{kind} {issue} {region}" + (f' "{term}"' if term else "")
        counted = "spread mentions" if kind == "hoax" else "negative mentions"
        lines.append(f"  {severity.upper():6} {alert_id} {what}, from {start} WITA: {negative} {counted}")
    return lines
