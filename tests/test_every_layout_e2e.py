"""`citra build` on one set of mentions written through every media layout: every cell of the
issue mart, zero cells and month-over-month changes included, equals an independent computation
from the files (tests/independent.py), with rejects, unlabeled rows, mentions without an issue,
a re-export and two downloads of one day in the data."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest
from every_layout import SAME_DAY_PAIR, TODAY, write_every_layout
from independent import issue_mart, read_landing

from orchestration.cli import main

pytestmark = pytest.mark.slow


@dataclass
class Built:
    home: Path
    landing: Path
    output: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    home = tmp_path_factory.mktemp("every_layout") / "citra"
    landing = home / "landing" / "media"
    write_every_layout(landing)
    # the vendors' labels only, so the mart compares with the labels in the files (the model's
    # labels of unlabeled rows are tested in test_pipeline_e2e)
    settings = home / "sentiment.yml"
    settings.write_text("policy: vendor_only\n", encoding="utf-8")
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, redirect_stdout(output), redirect_stderr(output):
        mp.setenv("CITRA_SENTIMENT_CONFIG", str(settings))
        mp.setenv("CITRA_TODAY", TODAY)
        mp.setenv("CITRA_HOME", str(home))
        mp.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        code = main(["build"])
    assert code == 0, output.getvalue()[-3000:]
    return Built(home, landing, output.getvalue())


def _query(home: Path, sql: str) -> list[dict]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_every_cell_of_the_issue_mart_equals_the_independent_computation(built: Built) -> None:
    expected = issue_mart(built.landing, date.fromisoformat(TODAY))
    actual = {
        (r.pop("month"), r.pop("issue")): r for r in _query(built.home, "from marts.mart_issue_sentiment_monthly")
    }
    assert sorted(actual, key=str) == sorted(expected, key=str)
    wrong = [
        (key, column, actual[key][column], value)
        for key, want in expected.items()
        for column, value in want.items()
        if not (actual[key][column] == pytest.approx(value) or actual[key][column] is value is None)
    ]
    assert wrong == []


def test_the_data_went_through_every_layout_with_rejects_unlabeled_rows_and_rows_without_an_issue(
    built: Built,
) -> None:
    """Guards the fixture: were a layout, the rejects or the odd rows to vanish, the comparison
    above would prove less."""
    files = _query(built.home, "select file_name, profile, status, rows_loaded, rows_rejected from raw.ingest_files")
    profiles = {p for f in files for p in f["profile"].split(",")}
    assert profiles == {
        "meltwater",
        "brandwatch",
        "talkwalker",
        "nolimit_news",
        "nolimit_social",
        "generic",
        "generic_id",
    }
    assert {f["file_name"][-4:] for f in files} == {".csv", "xlsx", ".zip"}
    assert all(f["status"] == "loaded" and f["rows_rejected"] >= 1 for f in files if "(1)" not in f["file_name"])
    mart = _query(
        built.home,
        """select sum(unlabeled) as unlabeled, sum(mentions) filter (where issue = 'tanpa_isu') as no_issue,
                  sum(mentions) filter (where issue = 'pilkada serentak') as outside,
                  count(*) filter (where mentions = 0) as zero_cells,
                  count(*) filter (where share_of_voice is null) as empty_month_cells
           from marts.mart_issue_sentiment_monthly""",
    )[0]
    assert min(mart.values()) > 0, mart


def test_each_file_loads_its_good_rows_and_sets_aside_the_rows_the_rules_reject(built: Built) -> None:
    good, rejects = read_landing(built.landing, date.fromisoformat(TODAY))
    loaded: dict[str, int] = {}
    for row in good:
        name = row.file.split("/")[0]
        loaded[name] = loaded.get(name, 0) + 1
    files = {f["file_name"]: f for f in _query(built.home, "from raw.ingest_files")}
    assert {name: (f["rows_loaded"], f["rows_rejected"]) for name, f in files.items()} == {
        name: (loaded.get(name, 0), sum(n for member, n in rejects.items() if member.split("/")[0] == name))
        for name in files
    }


def test_of_two_downloads_of_one_day_the_later_one_wins_whatever_its_name(built: Built) -> None:
    first, later = SAME_DAY_PAIR
    assert later < first  # "kliping_e2e (1).csv" sorts before "kliping_e2e.csv"
    with duckdb.connect(str(built.home / "warehouse.duckdb"), read_only=True) as con:
        winners = con.execute(
            """select f.file_name, count(*) from marts.fct_mentions m
               join raw.ingest_files f on f.file_id = m.source_file_id
               where m.mention_id in (select r.mention_id from raw.media_mentions r
                                      join raw.ingest_files g on g.file_id = r.source_file_id where g.file_name = ?)
               group by all""",
            [later],
        ).fetchall()
        exported = con.execute(
            "select file_name, export_date from raw.ingest_files where file_name in (?, ?) order by 1", [first, later]
        ).fetchall()
    assert exported[0][1] == exported[1][1]  # the same export date: the tie the rule breaks
    assert winners == [(later, 10)]
