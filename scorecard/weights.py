"""Record scorecard.yml's versions in ``raw.scorecard_weights``, where dbt reads them.

The table is append-only and a recorded version is history: the same name with other weights is
refused (the file was edited in place), and so is a new version that would start before the
current month (it would re-score months already published). A version taken out of the file
stays in the table, so the months it scored keep their scores.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb

from ingestion.schema import create_raw_schema
from scorecard.config import ScorecardConfigError, WeightVersion

INSERT_SQL = """
    insert into raw.scorecard_weights values (
      $version, $effective_from, $activity, $engagement, $response, $amplification, $sentiment,
      $instagram, $facebook, $tiktok, $youtube, $x, $engagement_ratio, $answered, $amplified,
      $min_labelled, $min_components, $note, $digest, $config_file, $recorded_at)
"""


def _row(v: WeightVersion, config_file: Path, now: datetime) -> dict[str, object]:
    return {
        "version": v.version,
        "effective_from": v.effective_from,
        **v.weights,
        **v.posts_per_week,
        "engagement_ratio": v.engagement_ratio,
        "answered": v.answered_within_24h_share,
        "amplified": v.amplified_share,
        "min_labelled": v.min_labelled_mentions,
        "min_components": v.min_components,
        "note": v.note or None,
        "digest": v.digest,
        "config_file": str(config_file),
        "recorded_at": now,
    }


def new_versions(
    recorded: dict[str, tuple[str, date]], versions: list[WeightVersion], config_file: Path, today: date
) -> list[WeightVersion]:
    """The versions of the file not yet recorded; raises when the file rewrites history.

    ``recorded``: version -> (digest, effective_from) of the table. The first versions ever
    recorded may start at any month; later ones start in ``today``'s month or after it."""
    this_month = today.replace(day=1)
    starts = {start: name for name, (_, start) in recorded.items()}
    fresh = []
    for v in versions:
        if v.version in recorded:
            if recorded[v.version][0] != v.digest:
                raise ScorecardConfigError(
                    f"{config_file}: version {v.version} differs from the one builds have already used "
                    f"(recorded in raw.scorecard_weights): a used version is history and never changes. Put "
                    f"its old values back and add a new version with effective_from {this_month:%Y-%m} or later "
                    "(docs/scorecard.md, Changing a weight)"
                )
            continue
        if recorded and v.effective_from < this_month:
            raise ScorecardConfigError(
                f"{config_file}: the new version {v.version} starts {v.effective_from:%Y-%m}, before the current "
                f"month {this_month:%Y-%m}: it would re-score months already published. Set its effective_from "
                f"to {this_month:%Y-%m} or later"
            )
        if v.effective_from in starts:
            raise ScorecardConfigError(
                f"{config_file}: the new version {v.version} starts {v.effective_from:%Y-%m} like the recorded "
                f"version {starts[v.effective_from]}; give it a later effective_from"
            )
        fresh.append(v)
    return fresh


def record_versions(
    con: duckdb.DuckDBPyConnection, versions: list[WeightVersion], config_file: Path, today: date, now: datetime
) -> list[WeightVersion]:
    """Append the file's new versions to raw.scorecard_weights in one transaction; returns them."""
    create_raw_schema(con)
    recorded = {
        name: (digest, start)
        for name, digest, start in con.execute(
            "select version, digest, effective_from from raw.scorecard_weights"
        ).fetchall()
    }
    fresh = new_versions(recorded, versions, config_file, today)
    if fresh:
        con.execute("begin transaction")
        for v in fresh:
            con.execute(INSERT_SQL, _row(v, config_file, now))
        con.execute("commit")
    return fresh


def recorded_versions(con: duckdb.DuckDBPyConnection) -> list[tuple[str, date, str | None]]:
    """(version, effective_from, note) of every recorded version, oldest first."""
    return con.execute(
        "select version, effective_from, note from raw.scorecard_weights order by effective_from"
    ).fetchall()
