"""The raw tables of the hoax desk (docs/hoaxes.md), created with every other raw table
(``ingestion.schema.TABLES``), so dbt's sources exist before the first register lands."""

from __future__ import annotations

# The hoax register (ingestion/hoaxes/): one row per register row; a later row for the same
# hoax_id updates the hoax (its non-empty cells win).
HOAX_REGISTER_COLUMNS: dict[str, str] = {
    "hoax_id": "varchar not null",  # as given (upper case), else the id of the same claim, else HX-<hash>
    "hoax_id_given": "varchar",
    "claim": "varchar",
    "claim_key": "varchar",  # the normalized claim (hoaxes/claims.py)
    "first_seen": "timestamptz",
    "keywords": "varchar[]",
    "category": "varchar",
    "issue": "varchar",
    "region_label": "varchar",
    "region_code": "varchar",
    "klarifikasi_url": "varchar",
    "klarifikasi_at": "timestamptz",
    "source": "varchar",
    "source_file_id": "varchar not null",
    "source_row": "integer not null",
    "profile": "varchar not null",
    "ingested_at": "timestamptz not null",
}

# The hoax tracer's output (hoaxes/trace.py), replaced whole by each build: which mention
# carries which hoax, in which role, how sure (band accept or review).
HOAX_MATCH_COLUMNS: dict[str, str] = {
    "hoax_id": "varchar not null",
    "mention_id": "varchar not null",
    "published_at": "timestamptz not null",
    "score": "double not null",
    "band": "varchar not null",
    "role": "varchar not null",
    "role_sure": "boolean not null",
    "cue": "varchar",
    "matched_on": "varchar not null",
    "claim_coverage": "double",
    "mention_coverage": "double",
    "keyword": "varchar",
    "shared_terms": "varchar",
    "traced_at": "timestamptz not null",
}

# Official-account posts that carry a registered claim (they debunk it), replaced whole per build.
HOAX_POST_MATCH_COLUMNS: dict[str, str] = {
    "hoax_id": "varchar not null",
    "platform": "varchar not null",
    "account": "varchar not null",
    "post_id": "varchar not null",
    "published_at": "timestamptz not null",
    "score": "double not null",
    "matched_on": "varchar not null",
    "traced_at": "timestamptz not null",
}

# The hoax settings in force (hoaxes.yml), one row per change.
HOAX_SETTINGS_COLUMNS: dict[str, str] = {
    "effective_at": "timestamptz not null",
    "quiet_days": "integer not null",
    "klarifikasi_due_hours": "double not null",
    "lookback_days": "integer not null",
    "accept": "double not null",
    "review": "double not null",
    "config_file": "varchar",
}

HOAX_TABLES: dict[str, dict[str, str]] = {
    "hoax_register": HOAX_REGISTER_COLUMNS,
    "hoax_matches": HOAX_MATCH_COLUMNS,
    "hoax_post_matches": HOAX_POST_MATCH_COLUMNS,
    "hoax_settings": HOAX_SETTINGS_COLUMNS,
}
# The decisions on the hoax review queue are rows of kind hoax in raw.review_decisions
# (ingestion/decisions.py); an older warehouse's raw.hoax_decisions is moved there once
# (ingestion.schema.migrate_hoax_decisions).
