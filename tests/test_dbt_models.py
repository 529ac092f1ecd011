"""End to end: hand-made raw mentions through `dbt build`, checked against Python arithmetic."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner

from ingestion.schema import create_raw_schema

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "dbt_project" / "seeds"
WITA = ZoneInfo("Asia/Makassar")
SENTIMENTS = ("positive", "neutral", "negative")

# mention_id, source_file_id, source_row, published_at (UTC), title, issue_label, sentiment,
# reach, region_label, export_date
RAW_ROWS: list[tuple] = [
    # 23:30 WITA on 31 Oct: October
    (
        "m_late",
        "file_a",
        1,
        "2024-10-31 15:30:00+00",
        "Harga cabai naik",
        "Ekonomi & UMKM",
        "positive",
        100,
        None,
        "2024-11-01",
    ),
    # 00:30 WITA on 1 Nov: November
    (
        "m_early",
        "file_a",
        2,
        "2024-10-31 16:30:00+00",
        "Jalan rusak",
        "infrastruktur",
        "negative",
        10,
        None,
        "2024-11-01",
    ),
    # same mention in two exports: the newer one (sentiment positive, reach 250) wins
    ("m_dup", "file_a", 3, "2024-11-03 02:00:00+00", "Banjir surut", "  banjir ", "negative", 100, None, "2024-11-01"),
    ("m_dup", "file_b", 1, "2024-11-03 02:00:00+00", "Banjir surut", "  banjir ", "positive", 250, None, "2024-11-05"),
    # unlabeled sentiment: counted in mentions, not in shares
    ("m_unlabeled", "file_b", 2, "2024-11-04 02:00:00+00", "UMKM expo", "EKONOMI", None, 5, None, "2024-11-05"),
    # label outside the taxonomy: kept as its own issue
    (
        "m_unknown",
        "file_b",
        3,
        "2024-11-06 02:00:00+00",
        "Debat calon",
        "Pilkada  2024",
        "neutral",
        7,
        None,
        "2024-11-05",
    ),
    # region from the title; blank issue label
    (
        "m_region_title",
        "file_b",
        4,
        "2024-09-15 02:00:00+00",
        "Pasar terapung di Banjarbaru ramai",
        " ",
        "positive",
        1,
        None,
        "2024-11-05",
    ),
    # region from the region label
    (
        "m_region_label",
        "file_b",
        5,
        "2024-09-16 02:00:00+00",
        "Gubernur Kalsel",
        "ekonomi",
        "negative",
        1,
        "Kota Banjarmasin",
        "2024-11-05",
    ),
    ("m_sep_eko", "file_b", 6, "2024-09-20 02:00:00+00", "Inflasi", "economy", "positive", 1, None, "2024-11-05"),
]


def _normalise(label: str | None) -> str | None:
    text = re.sub(r"\s+", " ", label or "").strip().lower()
    return text or None


def _read_seed(name: str) -> list[dict[str, str]]:
    with open(SEEDS / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _expected_mart() -> dict[tuple[date, str], dict]:
    """The mart recomputed in plain Python from RAW_ROWS and the seeds."""
    issue_codes = [row["issue_code"] for row in _read_seed("issues")]
    alias_to_issue = {row["alias"]: row["issue_code"] for row in _read_seed("issue_aliases")}
    alias_to_issue.update({code: code for code in issue_codes})

    newest: dict[str, tuple] = {}
    for row in RAW_ROWS:
        key = (row[9], row[1], row[2])
        if row[0] not in newest or key > (newest[row[0]][9], newest[row[0]][1], newest[row[0]][2]):
            newest[row[0]] = row

    counts: dict[tuple[date, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    issues = set(issue_codes)
    for row in newest.values():
        local = datetime.fromisoformat(row[3]).astimezone(WITA)
        month = date(local.year, local.month, 1)
        label = _normalise(row[5])
        issue = alias_to_issue.get(label, label) if label else "tanpa_isu"
        issues.add(issue)
        counts[(month, issue)]["mentions"] += 1
        counts[(month, issue)][row[6] or "unlabeled"] += 1

    first, last = min(m for m, _ in counts), max(m for m, _ in counts)
    months = [first]
    while months[-1] < last:
        previous = months[-1]
        months.append(date(previous.year + previous.month // 12, previous.month % 12 + 1, 1))

    expected: dict[tuple[date, str], dict] = {}
    for index, month in enumerate(months):
        month_total = sum(counts[(month, issue)]["mentions"] for issue in issues)
        for issue in issues:
            c = counts[(month, issue)]
            labelled = sum(c[s] for s in SENTIMENTS)
            row = {name: c[name] for name in ("mentions", *SENTIMENTS, "unlabeled")}
            row["positive_share"] = c["positive"] / labelled if labelled else None
            row["negative_share"] = c["negative"] / labelled if labelled else None
            row["net_sentiment"] = (c["positive"] - c["negative"]) / labelled if labelled else None
            row["share_of_voice"] = c["mentions"] / month_total if month_total else None
            previous = expected.get((months[index - 1], issue)) if index else None
            for share in ("positive_share", "negative_share"):
                change = None
                if previous and previous[share] is not None and row[share] is not None:
                    change = (row[share] - previous[share]) * 100
                row[f"{share}_change_pp"] = change
            expected[(month, issue)] = row
    return expected


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CITRA_HOME with RAW_ROWS loaded and `dbt build` run over it."""
    home = tmp_path_factory.mktemp("citra_home")
    path = home / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    create_raw_schema(con)
    for row in RAW_ROWS:
        con.execute(
            "insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile,"
            " published_at, title, issue_label, sentiment, reach, region_label, export_date, ingested_at)"
            " values (?, ?, ?, 'vendor_x', 'vendor_x_csv', ?, ?, ?, ?, ?, ?, ?, now())",
            list(row),
        )
    con.close()

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("CITRA_HOME", str(home))
        monkeypatch.delenv("CITRA_WAREHOUSE", raising=False)
        monkeypatch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
        result = dbtRunner().invoke(
            [
                "build",
                "--project-dir",
                str(ROOT),
                "--profiles-dir",
                str(ROOT),
                "--target-path",
                str(home / "target"),
                "--log-path",
                str(home / "logs"),
                "--quiet",
            ]
        )
        # dbt-duckdb keeps its DuckDB instance open in-process; release it so we can read the file
        DuckDBConnectionManager.close_all_connections()
    assert result.success, f"dbt build failed: {result.exception or result.result}"
    return path


def _query(path: Path, sql: str) -> list[dict]:
    with duckdb.connect(str(path), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values)) for values in cursor.fetchall()]


@pytest.mark.slow
def test_mart_matches_an_independent_python_computation(warehouse: Path) -> None:
    expected = _expected_mart()
    actual = {(r.pop("month"), r.pop("issue")): r for r in _query(warehouse, "from marts.mart_issue_sentiment_monthly")}
    assert set(actual) == set(expected)
    for key, row in expected.items():
        for column, value in row.items():
            assert actual[key][column] == pytest.approx(value), f"{key} {column}"


@pytest.mark.slow
def test_mentions_are_deduplicated_cut_in_wita_and_matched(warehouse: Path) -> None:
    rows = {r["mention_id"]: r for r in _query(warehouse, "from marts.fct_mentions")}
    assert len(rows) == len({row[0] for row in RAW_ROWS})
    assert rows["m_late"]["month"] == date(2024, 10, 1)
    assert rows["m_early"]["month"] == date(2024, 11, 1)
    assert (rows["m_dup"]["reach"], rows["m_dup"]["sentiment"]) == (250, "positive")
    assert (rows["m_unknown"]["issue"], rows["m_unknown"]["issue_in_taxonomy"]) == ("pilkada 2024", False)
    assert rows["m_region_title"]["region_code"] == "6372"
    assert rows["m_region_label"]["region_code"] == "6371"
    assert rows["m_late"]["region_code"] is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("drift", "expected"),
    [
        ("select 1", []),  # the built mart agrees with fct_mentions
        (  # a count off by one (an incremental month built from older data)
            "update marts.mart_issue_sentiment_monthly set positive = positive + 1"
            " where month = date '2024-11-01' and issue = 'banjir'",
            [(date(2024, 11, 1), "banjir", "values differ")],
        ),
        (  # a share over the wrong denominator
            "update marts.mart_issue_sentiment_monthly set share_of_voice = share_of_voice * 1.001"
            " where month = date '2024-10-01' and issue = 'ekonomi'",
            [(date(2024, 10, 1), "ekonomi", "values differ")],
        ),
        (  # a labelled mention counted as unlabeled: the share changes with it
            "update marts.mart_issue_sentiment_monthly set negative = 0, unlabeled = 1, negative_share = null,"
            " net_sentiment = null where month = date '2024-11-01' and issue = 'infrastruktur'",
            [(date(2024, 11, 1), "infrastruktur", "values differ")],
        ),
        (  # a cell the grid dropped
            "delete from marts.mart_issue_sentiment_monthly where month = date '2024-09-01' and issue = 'tanpa_isu'",
            [(date(2024, 9, 1), "tanpa_isu", "cell of fct_mentions missing in the mart")],
        ),
        (  # a whole month left out of the span
            "delete from marts.mart_issue_sentiment_monthly where month = date '2024-10-01'",
            [
                (date(2024, 10, 1), "ekonomi", "cell of fct_mentions missing in the mart"),
                (date(2024, 10, 1), None, "month without any row in the mart"),
            ],
        ),
        (  # a stale cell of a mention that is gone from fct_mentions
            "update marts.mart_issue_sentiment_monthly set mentions = 1, neutral = 1, positive_share = 0,"
            " negative_share = 0, net_sentiment = 0 where month = date '2024-09-01' and issue = 'banjir'",
            [(date(2024, 9, 1), "banjir", "values differ")],
        ),
    ],
    ids=["clean", "count", "share_of_voice", "label", "cell", "month", "stale"],
)
def test_the_issue_mart_reconciliation_finds_every_kind_of_drift(
    warehouse: Path, drift: str, expected: list[tuple]
) -> None:
    """The singular dbt test (as dbt compiled it during the build) returns exactly the drifted cells."""
    compiled = warehouse.parent / "target" / "compiled" / "citra" / "dbt_project" / "tests"
    sql = (compiled / "assert_issue_mart_reconciles_with_fct_mentions.sql").read_text()
    with duckdb.connect(str(warehouse)) as con:
        con.execute("begin transaction")
        con.execute(drift)
        found = con.execute(f"select month, issue, problem from ({sql}) order by all").fetchall()
        con.execute("rollback")
    assert sorted(found, key=str) == sorted(expected, key=str)
