"""DDL of the raw layer: the contract between ingestion and dbt sources.

Every file lands in ``raw.*`` with the same canonical columns whatever its vendor, so the
dbt models never need to know which export a row came from.
"""

from __future__ import annotations

import logging

import duckdb

from ingestion.hoaxes.schema import HOAX_TABLES

log = logging.getLogger(__name__)

MEDIA_MENTION_COLUMNS: dict[str, str] = {
    "mention_id": "varchar not null",
    "source_file_id": "varchar not null",
    "source_row": "integer not null",
    "vendor": "varchar not null",
    "profile": "varchar not null",
    "document_id": "varchar",
    "published_at": "timestamptz not null",
    "title": "varchar",
    "snippet": "varchar",
    "url": "varchar",
    "expanded_url": "varchar",  # where a shortened link in the mention leads, when the export says
    "outlet": "varchar",
    "media_type": "varchar",
    "platform": "varchar",
    "author": "varchar",
    "issue_label": "varchar",
    "sentiment": "varchar",
    "sentiment_label": "varchar",
    "reach": "bigint",
    "engagement": "bigint",
    "region_label": "varchar",
    "agency_label": "varchar",
    "language": "varchar",
    "country": "varchar",
    "keywords": "varchar",
    "export_date": "date not null",
    "ingested_at": "timestamptz not null",
}

INGEST_FILE_COLUMNS: dict[str, str] = {
    "file_id": "varchar primary key",
    "file_name": "varchar not null",
    "file_path": "varchar not null",
    "size_bytes": "bigint not null",
    "profile": "varchar",
    "vendor": "varchar",
    "export_date": "date",
    "status": "varchar not null",
    "rows_read": "bigint",
    "rows_loaded": "bigint",
    "rows_rejected": "bigint",
    "min_published_at": "timestamptz",
    "max_published_at": "timestamptz",
    "error": "varchar",
    "first_seen_at": "timestamptz not null",
    "loaded_at": "timestamptz",
    "date_order": "varchar",  # day_first | month_first: how the file's day/month dates were read
    "date_order_note": "varchar",  # why: the date that decided it, or that the file stayed ambiguous
}

INGEST_REJECT_COLUMNS: dict[str, str] = {
    "file_id": "varchar not null",
    "file_name": "varchar not null",
    "source_row": "integer not null",
    "column_name": "varchar",
    "reason": "varchar not null",
    "raw_values": "varchar",
    "rejected_at": "timestamptz not null",
}

PLATFORM_POST_COLUMNS: dict[str, str] = {
    "platform": "varchar not null",
    "account": "varchar not null",
    "post_id": "varchar not null",
    "published_at": "timestamptz",
    "post_type": "varchar",
    "text": "varchar",
    "url": "varchar",
    "views": "bigint",
    "reach": "bigint",
    "likes": "bigint",
    "comments": "bigint",
    "shares": "bigint",
    "saves": "bigint",
    "clicks": "bigint",
    "export_date": "date not null",
    "source_file_id": "varchar not null",
    "source_row": "integer not null",
    "profile": "varchar not null",
    "ingested_at": "timestamptz not null",
}

PLATFORM_ACCOUNT_DAILY_COLUMNS: dict[str, str] = {
    "platform": "varchar not null",
    "account": "varchar not null",
    "date": "date not null",
    "followers": "bigint",
    "follower_change": "bigint",
    "views": "bigint",
    "reach": "bigint",
    "profile_views": "bigint",
    "engagements": "bigint",
    "export_date": "date not null",
    "source_file_id": "varchar not null",
    "source_row": "integer not null",
    "profile": "varchar not null",
    "ingested_at": "timestamptz not null",
}

# ASN roster (ingestion/roster/): the account's keyed pseudonym only, never the clear handle
ASN_ROSTER_COLUMNS: dict[str, str] = {
    "platform": "varchar not null",
    "pseudonym": "varchar not null",
    "agency_code": "varchar not null",
    "unit": "varchar",
    "active_from": "date",
    "active_to": "date",
    "roster_date": "date not null",
    "source_file_id": "varchar not null",
    "source_row": "integer not null",
    "profile": "varchar not null",
    "ingested_at": "timestamptz not null",
}

# Citra's own sentiment labels (sentiment/scoring.py): one row per distinct mention text
# (title and snippet) and model version, so a rebuild never labels a text twice and a new
# model version labels every text again.
MENTION_SENTIMENT_COLUMNS: dict[str, str] = {
    "text_hash": "varchar not null",
    "model_version": "varchar not null",
    "sentiment": "varchar not null",
    "confidence": "double not null",
    "scored_at": "timestamptz not null",
}

# The labelling settings in force (sentiment.yml and the active model), one row per change.
SENTIMENT_SETTINGS_COLUMNS: dict[str, str] = {
    "effective_at": "timestamptz not null",
    "policy": "varchar not null",
    "model_version": "varchar not null",
    "review_min_confidence": "double not null",
    "model_figures": "varchar",
    "config_file": "varchar",
}

# Analysts' corrections (ingestion/corrections.py): append-only; the newest per mention wins.
LABEL_CORRECTION_COLUMNS: dict[str, str] = {
    "mention_id": "varchar not null",
    "matched_on": "varchar not null",
    "url": "varchar",
    "sentiment": "varchar",
    "issue": "varchar",
    "corrected_by": "varchar not null",
    "reason": "varchar",
    "corrected_at": "timestamptz not null",
    "source_file_id": "varchar not null",
    "source_row": "integer not null",
    "ingested_at": "timestamptz not null",
}

# Suggested issues for mentions outside the taxonomy (issues/), per distinct text.
MENTION_ISSUE_SUGGESTION_COLUMNS: dict[str, str] = {
    "text_hash": "varchar not null",
    "issue": "varchar not null",
    "confidence": "double not null",
    "method": "varchar not null",
    "suggester_version": "varchar not null",
    "suggested_at": "timestamptz not null",
}

# The scorecard's versions of targets and weights (scorecard/weights.py, from scorecard.yml):
# append-only, a version once recorded never changes (docs/scorecard.md).
SCORECARD_WEIGHT_COLUMNS: dict[str, str] = {
    "version": "varchar not null",
    "effective_from": "date not null",
    "weight_activity": "double not null",
    "weight_engagement": "double not null",
    "weight_response": "double not null",
    "weight_amplification": "double not null",
    "weight_sentiment": "double not null",
    "posts_per_week_instagram": "double not null",
    "posts_per_week_facebook": "double not null",
    "posts_per_week_tiktok": "double not null",
    "posts_per_week_youtube": "double not null",
    "posts_per_week_x": "double not null",
    "engagement_ratio_target": "double not null",
    "answered_within_24h_share_target": "double not null",
    "amplified_share_target": "double not null",
    "min_labelled_mentions": "integer not null",
    "min_components": "integer not null",
    "note": "varchar",
    "digest": "varchar not null",
    "config_file": "varchar",
    "recorded_at": "timestamptz not null",
}

# The scorecard's dbt runs (scorecard/fingerprint.py): one row per successful run, append-only.
# A build skips the run when the fingerprint of what it reads equals the newest row's.
SCORECARD_RUN_COLUMNS: dict[str, str] = {
    "run_id": "varchar not null",  # the Dagster run that ran the scorecard's dbt build
    "recorded_at": "timestamptz not null",  # when the run finished
    "fingerprint": "varchar not null",  # SHA-256 over every part below
    "inputs": "varchar not null",  # JSON: digest per input relation, of the code and of scorecard.yml
}

# The main dbt run's inputs after each successful whole run (orchestration/defs/dbt/unchanged.py):
# the next build leaves the models and seeds whose sources and code did not change as they are.
DBT_BUILD_RUN_COLUMNS: dict[str, str] = {
    "run_id": "varchar not null",  # the Dagster run whose dbt build succeeded
    "recorded_at": "timestamptz not null",  # when its dbt build finished
    "fingerprint": "varchar not null",  # SHA-256 over every part below
    "inputs": "varchar not null",  # JSON: digest per dbt source (row count and row hashes) and of the code
}

# Contact addresses of agencies and kabupaten/kota (scorecard/contacts.py, landing/contacts/):
# append-only; the newest row of a unit wins over the agencies seed's contact_email.
AGENCY_CONTACT_COLUMNS: dict[str, str] = {
    "unit": "varchar not null",
    "contact_email": "varchar not null",
    "contact_name": "varchar",
    "source_file_id": "varchar not null",
    "source_row": "integer not null",
    "ingested_at": "timestamptz not null",
}

# Press releases (ingestion/releases/): template rows and feed items, appended per file; dbt keeps
# one row per release_id (a template row over a feed item, then the newest export).
RELEASE_COLUMNS: dict[str, str] = {
    "release_id": "varchar not null",
    "url": "varchar",
    "url_key": "varchar",
    "published_at": "timestamptz not null",
    "title": "varchar not null",
    "lead": "varchar",
    "body": "varchar",
    "agency_code": "varchar not null",
    "agency_source": "varchar not null",
    "issue": "varchar",
    "issue_label": "varchar",
    "campaign": "varchar",
    "issue_suggested": "varchar",
    "issue_suggested_confidence": "double",
    "source_kind": "varchar not null",
    "export_date": "date not null",
    "source_file_id": "varchar not null",
    "source_row": "integer not null",
    "profile": "varchar not null",
    "ingested_at": "timestamptz not null",
}

# Staff decisions on pairs of the review queues (ingestion/decisions.py), a file kind of its own
# (landing/decisions/): append-only, the newest decision per kind, subject and mention wins.
REVIEW_DECISION_COLUMNS: dict[str, str] = {
    "kind": "varchar not null",
    "subject_id": "varchar not null",
    "mention_id": "varchar not null",
    "decision": "varchar not null",
    "label": "varchar",
    "decided_by": "varchar not null",
    "reason": "varchar",
    "decided_at": "timestamptz not null",
    "source_file_id": "varchar not null",
    "source_row": "integer not null",
    "ingested_at": "timestamptz not null",
}

# The matcher's scored pairs (agenda/, package matching/): every release-mention pair at or
# above the review threshold, with what the score rests on; dbt decides the pickups.
RELEASE_MATCH_COLUMNS: dict[str, str] = {
    "release_id": "varchar not null",
    "mention_id": "varchar not null",
    "matched_on": "varchar not null",
    "match_score": "double not null",
    "band": "varchar not null",
    "document_coverage": "double",
    "mention_coverage": "double",
    "shared_terms": "varchar",
    "release_hash": "varchar not null",
    "matcher_version": "varchar not null",
    "matched_at": "timestamptz not null",
}

# What the matcher has seen: each mention file and each release text, per matcher version, so a
# build matches only what is new (agenda/match.py).
RELEASE_MATCH_INPUT_COLUMNS: dict[str, str] = {
    "kind": "varchar not null",
    "input_key": "varchar not null",
    "matcher_version": "varchar not null",
    "matched_at": "timestamptz not null",
}

TABLES: dict[str, dict[str, str]] = {
    "media_mentions": MEDIA_MENTION_COLUMNS,
    "platform_posts": PLATFORM_POST_COLUMNS,
    "platform_account_daily": PLATFORM_ACCOUNT_DAILY_COLUMNS,
    "asn_roster": ASN_ROSTER_COLUMNS,
    "ingest_files": INGEST_FILE_COLUMNS,
    "ingest_rejects": INGEST_REJECT_COLUMNS,
    "mention_sentiment": MENTION_SENTIMENT_COLUMNS,
    "sentiment_settings": SENTIMENT_SETTINGS_COLUMNS,
    "label_corrections": LABEL_CORRECTION_COLUMNS,
    "mention_issue_suggestions": MENTION_ISSUE_SUGGESTION_COLUMNS,
    "scorecard_weights": SCORECARD_WEIGHT_COLUMNS,
    "scorecard_runs": SCORECARD_RUN_COLUMNS,
    "dbt_build_runs": DBT_BUILD_RUN_COLUMNS,
    "agency_contacts": AGENCY_CONTACT_COLUMNS,
    "releases": RELEASE_COLUMNS,
    "review_decisions": REVIEW_DECISION_COLUMNS,
    "release_matches": RELEASE_MATCH_COLUMNS,
    "release_match_inputs": RELEASE_MATCH_INPUT_COLUMNS,
    **HOAX_TABLES,  # the hoax desk (docs/hoaxes.md)
}


def create_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the ``raw`` schema and its tables if they do not exist yet, and add the columns
    a warehouse made by an older Citra lacks (``create table if not exists`` adds none)."""
    con.execute("create schema if not exists raw")
    for table, columns in TABLES.items():
        body = ", ".join(f"{name} {ddl}" for name, ddl in columns.items())
        con.execute(f"create table if not exists raw.{table} ({body})")
    present = set(
        con.execute(
            "select table_name, column_name from duckdb_columns()"
            " where schema_name = 'raw' and database_name = current_database()"
        ).fetchall()
    )
    for table, columns in TABLES.items():
        for name, ddl in columns.items():
            if (table, name) not in present:  # only nullable columns are ever added to a released table
                con.execute(f"alter table raw.{table} add column if not exists {name} {ddl}")
    migrate_hoax_decisions(con)


# raw.hoax_decisions (an older Citra's landing/hoax_decisions/) as rows of raw.review_decisions:
# spread and debunk confirm the pair in that role (the label), reject rejects it. A row already
# copied (same kind, pair, file and row) is not copied again.
HOAX_DECISIONS_COPY = """
    insert into raw.review_decisions
    select 'hoax', old.hoax_id, old.mention_id,
           case when old.decision = 'reject' then 'reject' else 'confirm' end,
           case when old.decision in ('spread', 'debunk') then old.decision end,
           old.decided_by, old.reason, old.decided_at, old.source_file_id, old.source_row, old.ingested_at
    from raw.hoax_decisions as old
    where not exists (
        select 1 from raw.review_decisions as new
        where new.kind = 'hoax' and new.subject_id = old.hoax_id and new.mention_id = old.mention_id
          and new.source_file_id = old.source_file_id and new.source_row = old.source_row
    )
"""


def migrate_hoax_decisions(con: duckdb.DuckDBPyConnection) -> int:
    """Move an older warehouse's ``raw.hoax_decisions`` into ``raw.review_decisions`` (kind hoax)
    and drop it, in one transaction; returns the rows copied (0 once done: the table is gone)."""
    exists = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = 'hoax_decisions'"
        " and database_name = current_database()"
    ).fetchall()[0][0]
    if not exists:
        return 0
    con.execute("begin transaction")
    try:
        copied = con.execute(HOAX_DECISIONS_COPY).fetchall()[0][0]
        con.execute("drop table raw.hoax_decisions")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    log.info("moved %s hoax decisions from raw.hoax_decisions to raw.review_decisions (kind hoax)", copied)
    return copied
