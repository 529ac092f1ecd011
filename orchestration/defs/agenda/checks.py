"""Warn-only check on the pickup mart: releases whose window has closed with no pickup, with
what to do next, and how many pairs wait in the review queue."""

from datetime import datetime, time, timedelta

import dagster as dg

from ingestion.clock import WITA, today
from ingestion.memory import open_read_only
from orchestration.defs.agenda.resources import AgendaSettingsResource
from orchestration.defs.dbt.assets import model_key
from orchestration.resources import CitraHome

LOOKBACK_DAYS = 90  # releases whose window closed within this many days are judged


def _md(rows: list[tuple], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join("" if v is None else str(v).replace("|", "/") for v in r) + " |" for r in rows]
    return "\n".join(lines)


def releases_without_pickups_check() -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=model_key("mart_release_pickup"),
        name="releases_without_pickups",
        description=(
            "Releases whose pickup window (agenda.yml, window_days) closed in the last "
            f"{LOOKBACK_DAYS} days with no mention picking them up; warns when there is one."
        ),
    )
    def releases_without_pickups(citra: CitraHome, agenda_settings: AgendaSettingsResource) -> dg.AssetCheckResult:
        window = timedelta(days=agenda_settings.settings().window_days)
        now = datetime.combine(today() + timedelta(days=1), time(), WITA)  # the end of today in WITA
        with open_read_only(citra.warehouse) as con:
            rows = con.execute(
                """select strftime(published_at_wita, '%Y-%m-%d %H:%M'), agency_code, issue, left(title, 80),
                          pairs_to_review, release_id
                   from marts.mart_release_pickup
                   where pickups = 0 and published_at + $window <= $now and published_at + $window > $since
                   order by published_at desc""",
                {"window": window, "now": now, "since": now - timedelta(days=LOOKBACK_DAYS)},
            ).fetchall()
            waiting = con.execute("select count(*) from marts.release_review_queue").fetchall()[0][0]
        metadata = {
            "releases_without_pickups": dg.MetadataValue.int(len(rows)),
            "pairs_waiting_for_review": dg.MetadataValue.int(waiting),
            "window_days": dg.MetadataValue.int(window.days),
        }
        if not rows:
            return dg.AssetCheckResult(passed=True, metadata=metadata)
        table = _md([r[:5] for r in rows[:20]], ["published (WITA)", "agency", "issue", "title", "pairs to review"])
        return dg.AssetCheckResult(
            passed=False,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                **metadata,
                "releases": dg.MetadataValue.md(table),
                "what_to_do": dg.MetadataValue.md(
                    f"- {len(rows)} releases found no outlet within {window.days} days. Check the ones with pairs "
                    "in marts.release_review_queue and confirm or reject them in landing/decisions/ "
                    "(kind release_pickup).\n- For the others: was the release sent to the media, and did the "
                    "monitoring vendor cover the outlets that usually carry the office? Consider a follow-up "
                    "(a press conference, a post on the official accounts)."
                ),
            },
        )

    return releases_without_pickups
