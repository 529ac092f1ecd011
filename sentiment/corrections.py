"""Analysts' corrected labels from the warehouse, as extra training examples.

The pipeline stores them in `raw.label_corrections` (one row per corrected mention, with at
least the columns `text` and `label`); `train --with-corrections` adds them to the bundled data.
"""

from __future__ import annotations

from pathlib import Path

from sentiment.labelled import LABELS, Example, LabelledFileError, standard_label

TABLE = "raw.label_corrections"


def read_corrections(warehouse: Path) -> list[Example]:
    """Every usable correction; raises LabelledFileError if the table is missing or a label is unknown."""
    import duckdb

    if not warehouse.exists():
        raise LabelledFileError(f"{warehouse}: no warehouse here; run `citra build` first or pass --warehouse")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'raw' and table_name = 'label_corrections'"
        ).fetchall()[0][0]
        if not found:
            raise LabelledFileError(
                f"{warehouse.name}: has no table {TABLE} yet; corrections are stored there once analysts correct labels"
            )
        rows = con.execute(f"select text, label from {TABLE}").fetchall()  # TABLE is a constant, not input
    examples, problems = [], []
    for number, (text, label) in enumerate(rows, start=1):
        clean = standard_label(label)
        if clean is None:
            problems.append(f"row {number}: label {label!r} is not one of {', '.join(LABELS)}")
        elif text and str(text).strip():
            examples.append(Example(str(text).strip(), clean, "extra"))
    if problems:
        raise LabelledFileError(f"{warehouse.name} {TABLE}: {'; '.join(problems[:5])}")
    return examples
