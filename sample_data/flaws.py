"""What real exports have that a clean generator would not: rows typed wrong, mentions without an
issue, and a scraper's export whose times carry a UTC offset.

The clipping sheets are typed by hand, so some of their mentions have no issue (they count under
`tanpa_isu`) and a few rows are typed wrong (a month 13, a misspelt sentiment, a row with neither
title nor URL): Citra must set those aside with a reason and load the rest. The office's news
scraper writes the online clippings of the last months in the generic template with ISO 8601
times in the scraper server's zone (WIB, `+07:00`), so 00:30 WITA on the 1st is 23:30 of the
day before in the file.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import polars as pl

NO_ISSUE_SHARE = 0.03
TYPED_WRONG_PER_ROWS = 250  # one wrong row per this many rows of a clipping sheet, at least one
SCRAPER_MONTHS = 3
SCRAPER_OFFSET = "+07:00"
# the mistakes, in turn from a random one; each makes the row one that must be rejected
TYPOS = ("date", "sentiment", "title_url")


def without_issue(rng: np.random.Generator, frame: pl.DataFrame) -> pl.DataFrame:
    """Blank the issue of a few mentions, as staff leave it empty when unsure."""
    blank = pl.Series(rng.random(frame.height) < NO_ISSUE_SHARE)
    return frame.with_columns(pl.when(blank).then(None).otherwise(pl.col("issue")).alias("issue"))


TYPED_WRONG_SUFFIX = "-salah"  # document_id of a row typed wrong: the copied mention's id + this


def typed_wrong(rng: np.random.Generator, frame: pl.DataFrame) -> pl.DataFrame:
    """Extra rows (copies of some mentions under new ids) with one typing mistake each."""
    count = max(1, frame.height // TYPED_WRONG_PER_ROWS) if frame.height else 0
    picked = frame[sorted(rng.choice(frame.height, size=count, replace=False).tolist())] if count else frame.clear()
    rows, first = [], int(rng.integers(len(TYPOS)))
    for i, row in enumerate(picked.iter_rows(named=True)):
        typo = TYPOS[(first + i) % len(TYPOS)]
        row = {**row, "document_id": f"{row['document_id']}{TYPED_WRONG_SUFFIX}"}
        if typo == "date":
            row["date"] = row["date"][:5] + "13" + row["date"][7:]  # 2025-10-06 -> 2025-13-06
        elif typo == "sentiment":
            row["sentiment"] = "positip"
        else:
            row["title"], row["url"] = None, None
        rows.append(row)
    return pl.DataFrame(rows, schema=frame.schema) if rows else frame.clear()


def scraped(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the clipping sheet without its online rows, those rows as the scraper writes them)."""
    online = pl.col("media_type") == "online"
    rows = frame.filter(online)
    wib = pl.col("date").str.to_datetime("%Y-%m-%d %H:%M") - timedelta(hours=1)
    return frame.filter(~online), rows.with_columns(
        (wib.dt.strftime("%Y-%m-%dT%H:%M:%S") + SCRAPER_OFFSET).alias("date")
    )
