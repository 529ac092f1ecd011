"""Labelled texts: the bundled training data and user files for `evaluate` and `train --extra`.

A user file is a CSV or TSV with a header naming a text and a label column, or a headerless
two-column TSV (text, label) as IndoNLU ships its splits. Labels are positive, neutral and
negative (the Indonesian positif, netral, negatif are accepted too).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LABELS = ("negative", "neutral", "positive")
_LABEL_SPELLINGS = {"positif": "positive", "netral": "neutral", "negatif": "negative"} | {x: x for x in LABELS}
DATA_DIR = Path(__file__).parent / "data"
# bundled files: source name -> file stem; NusaX files share sentence ids across languages
SOURCES = {"smsa": "smsa", "nusax_ind": "nusax_ind", "nusax_bjn": "nusax_bjn"}


def standard_label(raw: object) -> str | None:
    """`positive`/`neutral`/`negative` for a label in English or Indonesian (any case), else None."""
    return _LABEL_SPELLINGS.get(str(raw or "").strip().lower())


class LabelledFileError(ValueError):
    """A labelled file cannot be used: the message names the file, the row and the fix."""


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    source: str = "extra"
    key: str = ""  # sentence id shared by translations (NusaX), empty otherwise


def _rows(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            tab = path.suffix.lower() == ".tsv" or (path.suffix.lower() != ".csv" and "\t" in first)
            if tab:  # IndoNLU TSVs hold bare quotes inside texts: no quoting in TSV
                reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            else:
                reader = csv.reader(handle)
            yield from reader
    except FileNotFoundError:
        raise LabelledFileError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise LabelledFileError(f"{path.name}: not UTF-8 text; save it as UTF-8 CSV or TSV") from None
    except csv.Error as exc:
        raise LabelledFileError(f"{path.name}: cannot read as CSV/TSV ({exc})") from None


def read_labelled(
    path: Path | str, text_column: str = "text", label_column: str = "label", source: str = "extra"
) -> list[Example]:
    """Every row of a labelled file; raises LabelledFileError naming the rows with a missing text
    or an unknown label (all of them are checked, so one run shows every problem)."""
    path = Path(path)
    rows = _rows(path)
    header = next(rows, None)
    if header is None:
        raise LabelledFileError(f"{path.name}: the file is empty")
    names = [h.strip() for h in header]
    if text_column in names and label_column in names:
        text_at, label_at, key_at, first_row = names.index(text_column), names.index(label_column), None, 2
        body = rows
        if "id" in names:
            key_at = names.index("id")
    elif len(names) == 2 and standard_label(names[1]):
        text_at, label_at, key_at, first_row = 0, 1, None, 1
        body = _chain(header, rows)
    else:
        missing = [c for c in (text_column, label_column) if c not in names]
        raise LabelledFileError(
            f"{path.name}: no column {', '.join(repr(c) for c in missing)}; the header has "
            f"{', '.join(repr(n) for n in names)}. Name the columns with --text-column and --label-column, "
            "or give a headerless TSV of text and label."
        )
    examples, problems = [], []
    for number, row in enumerate(body, start=first_row):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(text_at, label_at):
            problems.append(f"row {number}: {len(row)} field(s), expected a text and a label")
            continue
        text, raw_label = row[text_at].strip(), row[label_at].strip()
        label = standard_label(raw_label)
        if label is None:
            problems.append(f"row {number}: label {raw_label!r} is not one of {', '.join(LABELS)}")
        elif not text:
            problems.append(f"row {number}: the text is empty")
        else:
            examples.append(Example(text, label, source, row[key_at] if key_at is not None else ""))
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise LabelledFileError(f"{path.name}: {len(problems)} row(s) cannot be used: {shown}")
    if not examples:
        raise LabelledFileError(f"{path.name}: no labelled rows")
    return examples


def _chain(first: list[str], rest: Iterator[list[str]]) -> Iterator[list[str]]:
    yield first
    yield from rest


def bundled(source: str, split: str) -> list[Example]:
    """One split ('train' or 'valid') of a bundled data set (see sentiment/data/README.md)."""
    return read_labelled(DATA_DIR / f"{SOURCES[source]}_{split}.csv", source=source)
