"""Property: however the same mentions are shuffled and split into overlapping export files,
`fct_mentions` comes out the same."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from dbt_runner import run_dbt
from exports import meltwater_row, write_meltwater
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.load import ingest_media

pytestmark = pytest.mark.slow

ISSUES = ["Pendidikan", "Banjir", "Ekonomi & UMKM", "Lingkungan/Tambang"]
SENTIMENTS = ["Positive", "Neutral", "Negative", "Not Rated"]
TOWNS = ["Banjarmasin", "HSS", "Tanah Bumbu", "Kalsel"]
ROWS = [
    meltwater_row(
        Date=(datetime(2025, 1, 30, 20, 0) + timedelta(hours=7 * i)).strftime("%d-%b-%Y %I:%M%p"),
        Headline=f"Berita {i} dari {TOWNS[i % 4]}",
        URL=f"https://kalsel.antaranews.com/berita/{i}",
        Source="Antara Kalsel",
        Reach=str(100 + i),
        Sentiment=SENTIMENTS[i % 4],
        Input_Name=ISSUES[i % 4],
        Document_ID=f"mw-{i}",
    )
    for i in range(24)
]
BUSINESS_COLUMNS = (
    "mention_id, published_at, month, vendor, title, url, outlet, media_type, issue, sentiment, reach, region_code"
)


def fct_mentions(home: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")
    run_dbt(
        home, monkeypatch, "build", "--select", "+fct_mentions", "--resource-type", "model", "--resource-type", "seed"
    )
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(f"select {BUSINESS_COLUMNS} from marts.fct_mentions order by mention_id").fetchall()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    home = tmp_path_factory.mktemp("reference")
    write_meltwater(home / "landing" / "media" / "all.csv", ROWS)
    with pytest.MonkeyPatch.context() as mp:
        return fct_mentions(home, mp)


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    order=st.permutations(range(len(ROWS))),
    files=st.integers(min_value=2, max_value=4),
    placement=st.lists(st.sets(st.integers(0, 3), min_size=1), min_size=len(ROWS), max_size=len(ROWS)),
    utf16=st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_any_shuffle_or_overlapping_split_gives_the_same_fct_mentions(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    reference: list[tuple],
    order: list[int],
    files: int,
    placement: list[set[int]],
    utf16: list[bool],
) -> None:
    home = tmp_path_factory.mktemp("split")
    buckets: list[list[dict]] = [[] for _ in range(files)]
    for position, row_index in enumerate(order):
        for target in {p % files for p in placement[position]}:
            buckets[target].append(ROWS[row_index])
    for index, rows in enumerate(buckets):
        if rows:
            path = write_meltwater(home / "landing" / "media" / f"export_{index}.csv", rows, utf16=utf16[index])
            stamp = datetime(2025, 3, 1 + index).timestamp()
            os.utime(path, (stamp, stamp))
    assert len(reference) == len(ROWS)
    assert fct_mentions(home, monkeypatch) == reference
