"""Label the mentions of the warehouse with Citra's model, once per text and model version.

The unit is the distinct mention text (title and snippet joined by a space), keyed by its
SHA-256: the same headline from two vendors or two overlapping exports is labelled once, a
rebuild labels nothing already labelled by the active model, and a new model version (another
file, another `model.version`) labels every text again. The rows go to `raw.mention_sentiment`;
dbt joins them to the mentions by the same hash (macro `mention_text_hash`).

The settings in force (policy, model version, review threshold, the model's held-out figures)
are recorded in `raw.sentiment_settings`, one row per change, so dbt, the report and an auditor
read what the labels were made with.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from sentiment.model import Model
from sentiment.settings import LabelSettings

log = logging.getLogger(__name__)

# The text that is labelled, and its key: the same expressions as dbt's macros
# mention_text / mention_text_hash (dbt_project/macros/mention_text.sql).
TEXT_SQL = "trim(concat_ws(' ', nullif(trim(title), ''), nullif(trim(snippet), '')))"
TEXT_HASH_SQL = f"sha256({TEXT_SQL})"
BATCH = 40_000  # texts per batch: the model labels them on one thread per core, 20,000 at a time


@dataclass(frozen=True)
class ScoringResult:
    model_version: str
    scored: int  # texts labelled in this run
    known: int  # texts the active model had labelled before
    settings_changed: bool


def record_settings(con: duckdb.DuckDBPyConnection, model: Model, settings: LabelSettings) -> bool:
    """Add a row to raw.sentiment_settings when the policy, model or threshold changed; True if so."""
    figures = json.dumps(model.manifest.get("heldout_macro_f1") or {}, sort_keys=True)
    newest = con.execute(
        """select policy, model_version, review_min_confidence, model_figures from raw.sentiment_settings
           order by effective_at desc limit 1"""
    ).fetchall()
    current = (settings.policy, model.version, settings.review_min_confidence, figures)
    if newest and tuple(newest[0]) == current:
        return False
    con.execute(
        "insert into raw.sentiment_settings values (now(), ?, ?, ?, ?, ?)",
        [*current, settings.source],
    )
    return True


def score_new_texts(con: duckdb.DuckDBPyConnection, model: Model, settings: LabelSettings) -> ScoringResult:
    """Label every mention text the active model has not labelled yet, then record the settings.

    The texts to label wait in a temporary table and come to Python a batch at a time, and each
    batch's labels are committed on their own: a first build of millions of mentions holds
    neither all its texts nor all its labels in memory. A build that stops half-way leaves the
    labels it made; the next one labels only the rest. The settings (which model version dbt
    reads) are recorded last, once every text has a label of that version."""
    known = con.execute(
        "select count(*) from raw.mention_sentiment where model_version = ?", [model.version]
    ).fetchall()[0][0]
    con.execute(
        f"""create or replace temp table _citra_todo as
            select text_hash, any_value(text) as text
            from (select {TEXT_HASH_SQL} as text_hash, {TEXT_SQL} as text from raw.media_mentions)
            where text <> ''
              and text_hash not in (select text_hash from raw.mention_sentiment where model_version = $version)
            group by text_hash""",
        {"version": model.version},
    )
    try:
        todo = con.execute("select count(*) from _citra_todo").fetchall()[0][0]
        done = 0
        for start in range(0, todo, BATCH):  # a new table's row ids run from 0 to todo - 1
            chunk = con.sql(
                "select text_hash, text from _citra_todo where rowid >= ? and rowid < ?", params=[start, start + BATCH]
            ).to_arrow_table()
            done += chunk.num_rows
            labels, confidences = model.predict(chunk.column("text").to_pylist())
            batch = pa.table(
                {
                    "text_hash": chunk.column("text_hash"),
                    "sentiment": pa.array(labels, pa.string()),
                    "confidence": pa.array(np.asarray(confidences, dtype=np.float64)),
                }
            )
            con.register("_scored", batch)
            con.execute(
                """insert into raw.mention_sentiment (text_hash, model_version, sentiment, confidence, scored_at)
                   select text_hash, $version, sentiment, confidence, now() from _scored""",
                {"version": model.version},
            )
            con.unregister("_scored")
        if done != todo:
            raise RuntimeError(f"labelled {done} of {todo} new texts: the pages of _citra_todo missed some rows")
    finally:
        con.execute("drop table if exists _citra_todo")
    changed = record_settings(con, model, settings)
    log.info("%s: %d new texts labelled, %d labelled before", model.version, todo, known)
    return ScoringResult(model.version, todo, known, changed)
