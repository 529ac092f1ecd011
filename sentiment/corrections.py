"""Analysts' corrected labels from the warehouse, as extra training examples.

The pipeline keeps every correction in `raw.label_corrections` (one row per correction: the
mention, its corrected sentiment and/or issue, who, when; ingestion/corrections.py). Training
takes the newest sentiment correction of each mention and the mention's text (title and
snippet, as the model labels it in the pipeline); `train --with-corrections` adds them to the
bundled data, where they count double.
"""

from __future__ import annotations

from pathlib import Path

from sentiment.labelled import LABELS, Example, LabelledFileError, standard_label
from sentiment.scoring import TEXT_SQL

TABLE = "raw.label_corrections"

# the newest sentiment correction per mention, with the mention's text from any of its exports
_CORRECTED_TEXTS = f"""
    with newest as (
        select mention_id, max_by(sentiment, (corrected_at, ingested_at, source_row)) as label
        from raw.label_corrections where sentiment is not null group by mention_id
    ),
    texts as (
        select mention_id, max({TEXT_SQL}) as text from raw.media_mentions group by mention_id
    )
    select newest.mention_id, texts.text, newest.label
    from newest left join texts using (mention_id)
    order by newest.mention_id
"""


def _has_table(con, schema: str, table: str) -> bool:  # noqa: ANN001 - a duckdb connection
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
        ).fetchall()[0][0]
    )


def read_corrections(warehouse: Path) -> list[Example]:
    """The newest corrected sentiment of every corrected mention with its text; raises
    LabelledFileError when the table is missing or a label is unknown."""
    from ingestion.memory import open_read_only

    if not warehouse.exists():
        raise LabelledFileError(f"{warehouse}: no warehouse here; run `citra build` first or pass --warehouse")
    with open_read_only(warehouse) as con:
        if not _has_table(con, "raw", "label_corrections") or not _has_table(con, "raw", "media_mentions"):
            raise LabelledFileError(
                f"{warehouse.name}: has no table {TABLE} yet; corrections are stored there once analysts "
                "drop files into landing/corrections/ and a build runs"
            )
        rows = con.execute(_CORRECTED_TEXTS).fetchall()
    examples, problems = [], []
    for mention_id, text, label in rows:
        clean = standard_label(label)
        if clean is None:
            problems.append(f"mention {mention_id}: label {label!r} is not one of {', '.join(LABELS)}")
        elif text and str(text).strip():
            examples.append(Example(str(text).strip(), clean, "extra"))
    if problems:
        raise LabelledFileError(f"{warehouse.name} {TABLE}: {'; '.join(problems[:5])}")
    return examples
